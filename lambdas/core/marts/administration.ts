import { count, pct, PERIOD as period, WARD_CODE } from './columns';
import { defineMart } from './define-mart';

/** The one-stop shops' counts and rates, the same in dossiers_monthly and, for the province, dossiers_by_month. */
const DOSSIER_COUNTS_AND_RATES = [
  count('dossiers_total', 'dossiers', 'Dossiers received.'),
  count('dossiers_online', 'dossiers', 'Dossiers received online.'),
  pct('online_rate_pct', 'Dossiers received online over dossiers received.'),
  pct('full_process_pct', 'Dossiers for full-process online procedures over dossiers received.'),
  count('dossiers_completed', 'dossiers', 'Dossiers with a result.'),
  pct('on_time_rate_pct', 'Dossiers completed by the deadline over dossiers completed.'),
  pct('paid_online_pct', 'Dossiers whose fees were paid online over dossiers received.'),
];

export const dossiersMonthly = defineMart({
  name: 'dossiers_monthly',
  title: 'Administrative dossiers by month',
  description:
    'Dossiers of the one-stop shops by handling agency and ward, per month of receipt: volume, online rate, full-process share, on-time rate, online payment and median processing time. Counts and rates only: no applicant data.',
  grain: 'one agency in one ward in one month',
  key: ['period', 'agency_code', 'ward_code'],
  columns: [
    { ...period, description: 'Month the dossiers were received, yyyy-mm.' },
    { name: 'agency_code', type: 'string', description: 'Agency handling the dossiers.' },
    { name: 'ward_code', type: 'string', description: '2025 ward (commune) code of the applicant.' },
    ...DOSSIER_COUNTS_AND_RATES,
    {
      name: 'median_processing_days',
      type: 'double',
      unit: 'days',
      description:
        "Median time from receipt to result, completed dossiers: approximate on Athena (Trino's approx_percentile), exact on DuckDB (the compat macro's quantile_cont).",
    },
  ],
});

export const dossiersByMonth = defineMart({
  name: 'dossiers_by_month',
  title: 'Administrative dossiers of the province by month',
  description:
    'Dossiers of every one-stop shop in the province, per month of receipt: volume, online rate, full-process share, on-time rate and online payment, with the formulas of dossiers_monthly. For charts of the rates against the plan targets. Counts and rates only: no applicant data.',
  grain: 'one month',
  key: ['period'],
  columns: [{ ...period, description: 'Month the dossiers were received, yyyy-mm.' }, ...DOSSIER_COUNTS_AND_RATES],
});

export const informationSystemsStatus = defineMart({
  name: 'information_systems_status',
  title: 'Information systems status',
  description:
    'Information systems by security level, per month: how many, how many have an approved security level, and the share of citizen- and business-facing systems connected through the provincial LGSP.',
  grain: 'one security level in one month',
  key: ['period', 'security_level'],
  columns: [
    period,
    count('security_level', 'level (1–5)', 'Security level of the systems.'),
    count('systems', 'systems', 'Systems in operation.'),
    count('systems_approved', 'systems', 'Systems whose security level dossier is approved.'),
    pct('approved_pct', 'Approved systems over systems.'),
    count('systems_public', 'systems', 'Systems facing citizens or businesses.'),
    count('systems_public_lgsp', 'systems', 'Public-facing systems connected through the LGSP.'),
    pct('lgsp_connected_public_pct', 'Public-facing systems on the LGSP over public-facing systems.'),
  ],
});

export const eidByWard = defineMart({
  name: 'eid_by_ward',
  title: 'e-ID activation by ward',
  description: 'Activated e-ID (VNeID) accounts over people aged 14 and over, per ward and month.',
  grain: 'one ward in one month',
  key: ['period', 'ward_code'],
  columns: [
    period,
    WARD_CODE,
    count('activated_accounts', 'accounts', 'Activated e-ID accounts.'),
    count('level2_accounts', 'accounts', 'Activated e-ID accounts at level 2.'),
    count('population_14plus', 'people', 'Residents aged 14 and over.'),
    pct('activated_pct_of_14plus', 'Activated accounts over residents aged 14 and over.'),
  ],
});
