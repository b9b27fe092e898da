import planTargets from '../../lambdas/core/reference/data/plan-targets.json';
import type { AUTH_METHODS } from '../../lambdas/core/contracts/datasets/dossier-submissions';
import type { PAYMENT_SERVICES } from '../../lambdas/core/contracts/datasets/payment-transactions';
import type { Row } from './api';
import { base, type ChartSpec, num, valueAndPercentAxes } from './chart-spec';
import { formatNumber, formatPeriod, t, type WordKey } from './i18n';

const PAYMENTS = 'payments_by_service';
const AUTHENTICATION = 'e_authentication_by_agency';
const BILLION = 1e9;

/** Each service's words, in the order the bars stack; the type asks for every service of the contract. */
const SERVICE_WORDS: Record<(typeof PAYMENT_SERVICES)[number], WordKey> = {
  dossier_fee: 'serviceDossierFee',
  land_obligation: 'serviceLandObligation',
  tax: 'serviceTax',
  traffic_fine: 'serviceTrafficFine',
  hospital_fee: 'serviceHospitalFee',
  tuition: 'serviceTuition',
  social_insurance: 'serviceSocialInsurance',
};
const SERVICES = Object.keys(SERVICE_WORDS) as (keyof typeof SERVICE_WORDS)[];

/** Each online sign-in method's words, e-authentication through VNeID first; the type asks for every method but `none`. */
const METHOD_WORDS: Record<Exclude<(typeof AUTH_METHODS)[number], 'none'>, WordKey> = {
  vneid_level2: 'authVneidLevel2',
  vneid_organization: 'authVneidOrganization',
  national_portal_account: 'authNationalPortal',
  local_account: 'authLocal',
};
const METHODS = Object.keys(METHOD_WORDS) as (keyof typeof METHOD_WORDS)[];

/** The plan's target for the one-stop systems' e-authentication, as plan-targets.json sets it. */
const E_AUTH_TARGET = planTargets.targets.find((p) => p.indicator === 'one_stop_e_authentication_pct')!.target;

interface PaymentMonth {
  period: string;
  /** bn VND, by service in SERVICES' order; null when the gateway reported none for it. */
  value: (number | null)[];
  transactions: number;
  /** The dossier-fee row's cashless share, %. */
  cashless: number | null;
}

/** The mart has a row per service: a month is its services side by side. */
function paymentMonths(rows: readonly Row[]): PaymentMonth[] {
  const periods = [...new Set(rows.map((r) => String(r.period)))].sort();
  return periods.map((period) => {
    const month = rows.filter((r) => r.period === period);
    const of = (service: string) => month.find((r) => r.service === service);
    return {
      period,
      value: SERVICES.map((s) => {
        const value = of(s)?.value_vnd;
        return value === null || value === undefined ? null : num(value) / BILLION;
      }),
      transactions: month.reduce((sum, r) => sum + num(r.transactions), 0),
      cashless: (of('dossier_fee')?.cashless_fee_pct as number | null | undefined) ?? null,
    };
  });
}

/**
 * The online payments domain: month by month, what the province's payees collected through
 * the national payment gateway, by service (bars, bn VND), and the share of the dossiers with a
 * fee whose fee was paid online (the line).
 */
export const paymentsByService: ChartSpec<Row[]> = {
  id: 'payments-by-service',
  domain: 'payments',
  title: 'paymentsByService',
  dataset: PAYMENTS,
  load: (api) => api.rows(PAYMENTS, { fields: 'period,service,transactions,value_vnd,cashless_fee_pct' }),
  option: (rows) => {
    const months = paymentMonths(rows);
    return {
      ...base(),
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 72, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months.map((m) => formatPeriod(m.period)) },
      yAxis: valueAndPercentAxes(),
      series: [
        ...SERVICES.map((service, k) => ({
          type: 'bar',
          stack: 'value',
          name: t(SERVICE_WORDS[service]),
          data: months.map((m) => m.value[k]),
        })),
        {
          type: 'line',
          yAxisIndex: 1,
          name: t('cashlessFeePct'),
          showSymbol: false,
          data: months.map((m) => m.cashless),
        },
      ],
    };
  },
  figures: (rows) => ({
    headers: [
      t('month'),
      ...SERVICES.map((s) => `${t(SERVICE_WORDS[s])} (${t('bnVnd')})`),
      t('gatewayPayments'),
      t('cashlessFeePct'),
    ],
    rows: paymentMonths(rows).map((m) => [
      formatPeriod(m.period),
      ...m.value.map(formatNumber),
      formatNumber(m.transactions),
      formatNumber(m.cashless),
    ]),
  }),
};

interface AuthenticationMonth {
  period: string;
  /** Online dossiers by sign-in method, in METHODS' order. */
  byMethod: number[];
  online: number;
  /** e-Authenticated over online, %; null when there are none. */
  share: number | null;
}

/** The mart has a row per agency: a month's share is its sums' ratio, not an average of the agencies' shares. */
function authenticationMonths(rows: readonly Row[]): AuthenticationMonth[] {
  const periods = [...new Set(rows.map((r) => String(r.period)))].sort();
  return periods.map((period) => {
    const month = rows.filter((r) => r.period === period);
    const sum = (column: string) => month.reduce((total, r) => total + num(r[column]), 0);
    const online = sum('online_dossiers');
    return {
      period,
      byMethod: METHODS.map((m) => sum(`online_${m}`)),
      online,
      share: online === 0 ? null : (100 * sum('e_authenticated_dossiers')) / online,
    };
  });
}

/**
 * The one-stop systems' e-authentication: month by month, the online dossiers by how the
 * applicant signed in (bars), and the share signed in through VNeID (the line) against the
 * plan's target.
 */
export const eAuthentication: ChartSpec<Row[]> = {
  id: 'e-authentication',
  domain: 'administration',
  title: 'eAuthentication',
  dataset: AUTHENTICATION,
  load: (api) =>
    api.rows(AUTHENTICATION, {
      fields: `period,online_dossiers,${METHODS.map((m) => `online_${m}`).join(',')},e_authenticated_dossiers`,
    }),
  option: (rows) => {
    const months = authenticationMonths(rows);
    return {
      ...base(),
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 56, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months.map((m) => formatPeriod(m.period)) },
      yAxis: valueAndPercentAxes(),
      series: [
        ...METHODS.map((method, k) => ({
          type: 'bar',
          stack: 'online',
          name: t(METHOD_WORDS[method]),
          data: months.map((m) => m.byMethod[k]),
        })),
        {
          type: 'line',
          yAxisIndex: 1,
          name: t('eAuthPct'),
          showSymbol: false,
          data: months.map((m) => m.share),
          markLine: {
            symbol: 'none',
            lineStyle: { type: 'dashed', color: '#B00020' },
            label: { formatter: `${t('target')} ${formatNumber(E_AUTH_TARGET)}%`, position: 'insideEndBottom' },
            data: [{ yAxis: E_AUTH_TARGET }],
          },
        },
      ],
    };
  },
  figures: (rows) => ({
    headers: [t('month'), ...METHODS.map((m) => t(METHOD_WORDS[m])), t('onlineDossiers'), t('eAuthPct')],
    rows: authenticationMonths(rows).map((m) => [
      formatPeriod(m.period),
      ...m.byMethod.map(formatNumber),
      formatNumber(m.online),
      formatNumber(m.share),
    ]),
  }),
};
