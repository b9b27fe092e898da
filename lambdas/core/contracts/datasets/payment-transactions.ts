import { defineDataset } from '../define-dataset';

/** What a payment through the gateway is for: the services the province's payees collect through it. */
export const PAYMENT_SERVICES = [
  'dossier_fee',
  'land_obligation',
  'tax',
  'traffic_fine',
  'hospital_fee',
  'tuition',
  'social_insurance',
] as const;

/** How the payer paid. */
export const PAYMENT_CHANNELS = ['bank_transfer', 'card', 'e_wallet', 'qr'] as const;

const count = (name: string, description: string) => ({
  name,
  type: 'bigint',
  unit: 'transactions',
  min: 0,
  description,
});
const vnd = (name: string, description: string) => ({ name, type: 'bigint', unit: 'VND', min: 0, description });

export const paymentTransactions = defineDataset({
  name: 'payment_transactions',
  version: '1.0.0',
  title: 'Online payments through the national payment gateway',
  description:
    'The monthly reconciliation (đối soát) of the online payment platform of the National Public Service Portal (Nền tảng thanh toán trực tuyến, Cổng Dịch vụ công quốc gia) for the province’s payees: transactions and their value in VND by what was paid (dossier fees and charges of administrative procedures, land obligations, taxes, traffic fines, hospital fees, tuition, voluntary social and health insurance) and how (bank transfer, card, e-wallet, QR code), with the failed attempts and the refunds. An aggregate: the gateway reconciles totals, not payers; no personal data. The period is the month reconciled. The sample’s volumes and values are invented (the seed gives none): about 25,000 payments and 40 bn VND a month at the end, the QR share growing; its dossier-fee payments are exactly the sample dossiers marked paid online (admin_dossiers), and its refunds those of them rejected or withdrawn.',
  owner: 'Provincial Public Administration Service Center (Trung tâm Phục vụ hành chính công tỉnh)',
  fedBy: 'national payment gateway',
  grain: 'one service and one payment channel in one month',
  naturalKey: ['service', 'channel', 'period'],
  columns: [
    {
      name: 'service',
      type: 'string',
      enum: [...PAYMENT_SERVICES],
      description:
        'What was paid: dossier fees and charges of administrative procedures (phí, lệ phí TTHC), land obligations, taxes, traffic fines, hospital fees, tuition, or voluntary social and health insurance.',
    },
    {
      name: 'channel',
      type: 'string',
      enum: [...PAYMENT_CHANNELS],
      description:
        'How the payer paid: bank transfer (internet banking), a domestic or international card, an e-wallet, or a QR code (VietQR).',
    },
    count('transactions', 'Payments that succeeded in the month.'),
    vnd('value_vnd', 'Their value.'),
    count('failed_transactions', 'Attempts that failed (declined, timed out, abandoned at the bank).'),
    count('refunds', 'Payments refunded in the month (a dossier rejected or withdrawn, a duplicate payment).'),
    vnd('refunded_vnd', 'Their value.'),
  ],
  checks: [
    {
      reason: 'value_without_transactions',
      columns: ['transactions', 'value_vnd'],
      description: 'Payments have a value, and a value comes from payments.',
      holds: (r) => (r.transactions === 0) === (r.value_vnd === 0),
    },
    {
      reason: 'refund_without_value',
      columns: ['refunds', 'refunded_vnd'],
      description: 'Refunds have a value, and a refunded value comes from refunds.',
      holds: (r) => (r.refunds === 0) === (r.refunded_vnd === 0),
    },
  ],
});
