import { defineDataset } from '../define-dataset';
import { wardColumns } from '../vocabulary';

export const adminDossiers = defineDataset({
  name: 'admin_dossiers',
  version: '1.0.0',
  title: 'Administrative procedure dossiers',
  description:
    'Every dossier (hồ sơ) received by the one-stop-shop system: how it arrived, its service level, deadlines and outcome. The period is the month it was received.',
  owner: 'Provincial Public Administration Service Center (Trung tâm Phục vụ hành chính công)',
  fedBy: 'one-stop-shop system',
  grain: 'one dossier',
  naturalKey: ['dossier_id'],
  columns: [
    {
      name: 'dossier_id',
      type: 'string',
      pattern: '[A-Za-z0-9_.-]{1,64}',
      description: 'Dossier number issued on receipt.',
    },
    {
      name: 'procedure_code',
      type: 'string',
      pattern: '[A-Za-z0-9_.-]{1,32}',
      description: 'Code of the administrative procedure in the national catalogue.',
    },
    {
      name: 'agency_code',
      type: 'string',
      pattern: '[A-Za-z0-9_.-]{1,32}',
      description: 'Code of the agency handling the dossier.',
    },
    ...wardColumns,
    {
      name: 'channel',
      type: 'string',
      enum: ['online', 'direct', 'postal'],
      description: 'How the dossier was submitted.',
    },
    {
      name: 'service_level',
      type: 'string',
      enum: ['full_process', 'partial', 'offline'],
      description:
        'Online service level of the procedure (Decree 42/2022): full-process (toàn trình), partial (một phần) or offline.',
    },
    { name: 'received_at', type: 'timestamp', description: 'When the dossier was received (UTC).' },
    { name: 'due_at', type: 'timestamp', description: 'Statutory deadline (UTC).' },
    {
      name: 'completed_at',
      type: 'timestamp',
      nullable: true,
      description: 'When a result was returned (UTC); null while open.',
    },
    {
      name: 'status',
      type: 'string',
      enum: ['received', 'processing', 'completed', 'rejected', 'withdrawn'],
      description: 'State of the dossier at extraction time.',
    },
    { name: 'on_time', type: 'boolean', nullable: true, description: 'Completed by the deadline; null while open.' },
    { name: 'paid_online', type: 'boolean', description: 'Fees were paid online.' },
    {
      name: 'applicant_type',
      type: 'string',
      enum: ['citizen', 'business'],
      description: 'Whether the applicant is a citizen or a business.',
    },
    {
      name: 'applicant_id_hash',
      type: 'string',
      pii: 'keyed_hash',
      pattern: '[0-9a-f]{64}',
      description: "HMAC-SHA256 of the applicant's citizen ID or tax code; the clear ID is never stored.",
    },
  ],
  checks: [
    {
      reason: 'completed_before_received',
      columns: ['received_at', 'completed_at'],
      description: 'A dossier cannot be completed before it was received.',
      holds: (r) => r.completed_at === null || (r.completed_at as number) >= (r.received_at as number),
    },
    {
      reason: 'due_before_received',
      columns: ['received_at', 'due_at'],
      description: 'The deadline falls after receipt.',
      holds: (r) => (r.due_at as number) >= (r.received_at as number),
    },
    {
      reason: 'completed_without_date',
      columns: ['status', 'completed_at'],
      description: 'A completed dossier has its completion time.',
      holds: (r) => r.status !== 'completed' || r.completed_at !== null,
    },
  ],
});
