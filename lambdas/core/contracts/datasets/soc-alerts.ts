import { defineDataset } from '../define-dataset';

const CLOSED = new Set(['resolved', 'false_positive']);

export const socAlerts = defineDataset({
  name: 'soc_alerts',
  version: '1.0.0',
  title: 'Security alerts of the provincial SOC',
  description:
    'The alerts the provincial information-security monitoring center (SOC, which the seed names) raises on the information systems it watches, as its SIEM exports them: severity, category, status and when each was detected and closed; the period is the month it was detected (Vietnam time), and a newer export of an alert supersedes the older one. The `system_id` is the system’s id in information_systems, whose security-level approval (59 of 68 systems in the seed) the marts join by system and month. No personal data: no IP address, user or mailbox is kept. The sample’s volume is invented (the seed gives no alert count): about 150 alerts a month in 2023 growing to about 250 in 2025 as more systems are watched, public-facing and not-yet-approved systems drawing more of them, and times to close that shorten as the SOC matures.',
  owner: 'Department of Science and Technology (Sở Khoa học và Công nghệ), provincial SOC',
  fedBy: 'the SOC’s SIEM',
  grain: 'one alert',
  // The period is the month of detected_at, which an alert never changes: keeping it in the key
  // lets a one-month query read one month's files.
  naturalKey: ['alert_id', 'period'],
  columns: [
    {
      name: 'alert_id',
      type: 'string',
      pattern: '[A-Za-z0-9_.-]{1,64}',
      description: 'Identifier of the alert (case) in the SIEM.',
    },
    {
      name: 'system_id',
      type: 'string',
      pattern: '[A-Za-z0-9_.-]{1,64}',
      description: 'The information system the alert is on, as in information_systems (`HTTT-012`).',
    },
    {
      name: 'severity',
      type: 'string',
      enum: ['low', 'medium', 'high', 'critical'],
      description: 'Severity the SOC gave the alert.',
    },
    {
      name: 'category',
      type: 'string',
      enum: ['malware', 'phishing', 'intrusion_attempt', 'web_defacement', 'ddos', 'vulnerability', 'policy_violation'],
      description: 'What kind of event it is.',
    },
    {
      name: 'status',
      type: 'string',
      enum: ['open', 'investigating', 'resolved', 'false_positive'],
      description: 'Status at the export: new, being handled, resolved, or closed as a false positive.',
    },
    { name: 'detected_at', type: 'timestamp', description: 'When the SIEM raised the alert (UTC).' },
    {
      name: 'closed_at',
      type: 'timestamp',
      nullable: true,
      description: 'When it was closed, resolved or dismissed as a false positive (UTC); null while it is open.',
    },
  ],
  checks: [
    {
      reason: 'closed_before_detected',
      columns: ['detected_at', 'closed_at'],
      description: 'An alert cannot be closed before it was raised.',
      holds: (r) => r.closed_at === null || (r.closed_at as number) >= (r.detected_at as number),
    },
    {
      reason: 'closed_without_date',
      columns: ['status', 'closed_at'],
      description: 'A resolved or false-positive alert has its closing time, and an open one has none.',
      holds: (r) => CLOSED.has(r.status as string) === (r.closed_at !== null),
    },
  ],
});
