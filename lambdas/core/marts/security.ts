import { count, PERIOD as period } from './columns';
import { defineMart } from './define-mart';

export const securityAlertsBySystem = defineMart({
  name: 'security_alerts_by_system',
  title: 'Security alerts by information system',
  description:
    'The provincial SOC’s alerts per information system and month detected, by severity and by status at the newest export (still open, resolved, false positive), with the median time to resolve, beside the system’s security level and whether that level is approved in the same month (from information_systems): every system of the month’s inventory has a row, with no alerts or some, and a system with alerts but missing from the inventory has one with no level (the operations center’s cyberspace information-security domain). Counts and hours only: no addresses or users.',
  grain: 'one information system in one month',
  key: ['period', 'system_id'],
  columns: [
    { ...period, description: 'Month the alerts were detected (and of the inventory), yyyy-mm.' },
    { name: 'system_id', type: 'string', description: 'Information system, as in information_systems.' },
    {
      name: 'security_level',
      type: 'bigint',
      unit: 'level (1–5)',
      description: 'Security level of the system; null when it is not in the month’s inventory.',
    },
    {
      name: 'level_approved',
      type: 'boolean',
      description: 'The system’s security level is approved that month; null when it is not in the month’s inventory.',
    },
    count('alerts', 'alerts', 'Alerts detected on the system in the month.'),
    count('alerts_critical', 'alerts', 'Of those, critical.'),
    count('alerts_high', 'alerts', 'Of those, high.'),
    count('alerts_medium', 'alerts', 'Of those, medium.'),
    count('alerts_low', 'alerts', 'Of those, low.'),
    count('alerts_open', 'alerts', 'Of those, still open or being investigated at the newest export.'),
    count('alerts_resolved', 'alerts', 'Of those, resolved.'),
    count('alerts_false_positive', 'alerts', 'Of those, closed as false positives.'),
    {
      name: 'median_hours_to_resolve',
      type: 'double',
      unit: 'hours',
      description:
        "Median time from detection to resolution of the month's resolved alerts, to a tenth of an hour; null when none is resolved: approximate on Athena (Trino's approx_percentile), exact on DuckDB (the compat macro's quantile_cont).",
    },
  ],
});
