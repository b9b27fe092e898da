import { defineDataset } from '../define-dataset';

/**
 * How the applicant signed in to submit an online dossier; `none` for one handed in at a
 * counter or by post. The first two are electronic authentication through the national
 * e-identification system (VNeID): a person's level-2 account, or an organization's account.
 */
export const AUTH_METHODS = [
  'vneid_level2',
  'vneid_organization',
  'national_portal_account',
  'local_account',
  'none',
] as const;

/** The methods that are e-authentication through VNeID (the plan scorecard's one_stop_e_authentication_pct). */
export const E_AUTH_METHODS = [
  'vneid_level2',
  'vneid_organization',
] as const satisfies readonly (typeof AUTH_METHODS)[number][];

const count = (name: string, description: string) => ({ name, type: 'bigint', unit: 'dossiers', min: 0, description });

export const dossierSubmissions = defineDataset({
  name: 'dossier_submissions',
  version: '1.0.0',
  title: 'Dossiers by submission, e-authentication and fee payment',
  description:
    'The one-stop system’s monthly statistics (Hệ thống thông tin giải quyết TTHC tỉnh), by handling agency: dossiers received by channel and, for online ones, by how the applicant signed in (a VNeID level-2 account, an organization’s VNeID account, an account of the National Public Service Portal, a local account of the provincial portal), with how many bear a fee or charge (nghĩa vụ tài chính) and how many of those were paid online. Counts only: no applicant data. The period is the month received, as in admin_dossiers. The sample counts exactly the sample’s admin_dossiers (dossiers, channels, paid online); the sign-in methods and which dossiers bear a fee are invented (the seed gives no figure): e-authentication grows from about a quarter of online dossiers in 2023 to about 96% at the end, with a step in July 2024 when the portals moved to VNeID sign-in (Decree 69/2024/NĐ-CP; organizations’ accounts from then on); a dossier not paid online bears a fee three times in ten.',
  owner: 'Provincial Public Administration Service Center (Trung tâm Phục vụ hành chính công tỉnh)',
  fedBy: 'one-stop-shop system statistics',
  grain: 'one agency, channel and sign-in method in one month',
  naturalKey: ['agency_code', 'channel', 'auth_method', 'period'],
  columns: [
    {
      name: 'agency_code',
      type: 'string',
      pattern: '[A-Za-z0-9_.-]{1,32}',
      description: 'Code of the agency handling the dossiers (as in admin_dossiers).',
    },
    {
      name: 'channel',
      type: 'string',
      enum: ['online', 'direct', 'postal'],
      description: 'How the dossiers were submitted (as in admin_dossiers).',
    },
    {
      name: 'auth_method',
      type: 'string',
      enum: [...AUTH_METHODS],
      description:
        'How the applicant signed in to submit online: a VNeID level-2 account (định danh điện tử mức 2), an organization’s VNeID account, an account of the National Public Service Portal, or a local account of the provincial portal; none for a counter or postal dossier.',
    },
    count('dossiers', 'Dossiers received.'),
    count('fee_bearing_dossiers', 'Of those, dossiers of a procedure with a fee or charge to pay.'),
    count('paid_online_dossiers', 'Of those, dossiers whose fee was paid online (through the payment gateway).'),
  ],
  checks: [
    {
      reason: 'authentication_without_online',
      columns: ['channel', 'auth_method'],
      description: 'An online dossier has a sign-in method, and a counter or postal one has none.',
      holds: (r) => (r.channel === 'online') === (r.auth_method !== 'none'),
    },
    {
      reason: 'fees_exceed_dossiers',
      columns: ['dossiers', 'fee_bearing_dossiers', 'paid_online_dossiers'],
      description: 'Dossiers paid online are among those bearing a fee, which are among those received.',
      holds: (r) =>
        (r.paid_online_dossiers as number) <= (r.fee_bearing_dossiers as number) &&
        (r.fee_bearing_dossiers as number) <= (r.dossiers as number),
    },
  ],
});
