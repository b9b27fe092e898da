import { AUTH_METHODS } from '../contracts/datasets/dossier-submissions';
import { PAYMENT_CHANNELS } from '../contracts/datasets/payment-transactions';
import { count, pct, PERIOD as period } from './columns';
import { defineMart } from './define-mart';

const PAYMENTS = 'payments';
const VND = (name: string, description: string) => ({ name, type: 'bigint', unit: 'VND', description }) as const;

export const paymentsByService = defineMart({
  name: 'payments_by_service',
  title: 'Payments through the national payment gateway by service',
  description:
    'Payments through the payment platform of the National Public Service Portal for the province’s payees, per service and month reconciled: successful payments, their value in VND and how they were paid, failed attempts, refunds. On the dossier-fee row, beside them, the one-stop system’s dossiers received with a fee or charge and how many of those were paid online: the cashless share of dossier fees (from dossier_submissions; null on the other services). A month one of the two feeds has not reported has nulls in its columns. Aggregates only: no payer or applicant data.',
  grain: 'one service in one month',
  key: ['period', 'service'],
  columns: [
    { ...period, description: 'Month reconciled (the dossiers: month received), yyyy-mm.' },
    {
      name: 'service',
      type: 'string',
      description:
        'What was paid, as in payment_transactions: dossier_fee, land_obligation, tax, traffic_fine, hospital_fee, tuition, social_insurance.',
    },
    count('transactions', PAYMENTS, 'Successful payments.'),
    VND('value_vnd', 'Their value.'),
    count('failed_transactions', PAYMENTS, 'Failed attempts.'),
    pct('success_pct', 'Successful payments over attempts (successful and failed).'),
    count('refunds', PAYMENTS, 'Payments refunded.'),
    VND('refunded_vnd', 'Their value.'),
    ...PAYMENT_CHANNELS.map((channel) =>
      count(`transactions_${channel}`, PAYMENTS, `Successful payments by ${channel.replace('_', ' ')}.`),
    ),
    count('fee_bearing_dossiers', 'dossiers', 'dossier_fee: dossiers received with a fee or charge to pay.'),
    count('paid_online_dossiers', 'dossiers', 'dossier_fee: of those, dossiers whose fee was paid online.'),
    pct(
      'cashless_fee_pct',
      'dossier_fee: dossiers paid online over dossiers with a fee (the cashless share of dossier fees).',
    ),
  ],
});

/** The sign-in methods of an online dossier (every method but `none`). */
const ONLINE_METHODS = AUTH_METHODS.filter((m) => m !== 'none');

export const eAuthenticationByAgency = defineMart({
  name: 'e_authentication_by_agency',
  title: 'e-Authentication of online dossiers by agency',
  description:
    'Online dossiers of the one-stop system per handling agency and month received, by how the applicant signed in, and the share submitted after e-authentication through the national e-identification system (VNeID: a person’s level-2 account or an organization’s account); the plan scorecard’s one_stop_e_authentication_pct sums it over agencies. Counts and rates only: no applicant data.',
  grain: 'one agency in one month',
  key: ['period', 'agency_code'],
  columns: [
    { ...period, description: 'Month the dossiers were received, yyyy-mm.' },
    { name: 'agency_code', type: 'string', description: 'Agency handling the dossiers.' },
    count('online_dossiers', 'dossiers', 'Dossiers submitted online.'),
    ...ONLINE_METHODS.map((method) =>
      count(`online_${method}`, 'dossiers', `Of those, signed in with ${method.replaceAll('_', ' ')}.`),
    ),
    count(
      'e_authenticated_dossiers',
      'dossiers',
      'Of those, signed in through VNeID (level 2 or an organization’s account).',
    ),
    pct('e_authentication_pct', 'e-Authenticated dossiers over online dossiers.'),
  ],
});
