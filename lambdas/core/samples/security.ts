import {
  informationSystemId,
  informationSystemServesPublic,
  informationSystemsApproved,
  informationSystemsInOperation,
} from './administration';
import { daysInMonth, monthStart, trend } from './periods';
import { type SampleContext, type SampleRow, vietnamTimestamp } from './sample-context';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const VIETNAM_OFFSET = 7 * HOUR;

const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
const SEVERITY_WEIGHTS = [0.46, 0.32, 0.17, 0.05];
type Severity = (typeof SEVERITIES)[number];
const CATEGORIES = [
  'vulnerability',
  'malware',
  'intrusion_attempt',
  'phishing',
  'policy_violation',
  'ddos',
  'web_defacement',
] as const;
const CATEGORY_WEIGHTS = [0.25, 0.2, 0.2, 0.15, 0.1, 0.05, 0.05];
/** Hours from detection to resolution at the end of the sample, by severity: [fastest, slowest]. */
const HOURS_TO_RESOLVE: Record<Severity, [number, number]> = {
  critical: [1, 12],
  high: [4, 48],
  medium: [12, 120],
  low: [24, 336],
};

/**
 * The provincial SOC's alerts (invented volumes: the seed names the SOC but gives no count):
 * about 150 a month in January 2023 growing to about 250 in December 2025, on the systems in
 * operation that month (information_systems), public-facing ones three times as often and
 * those whose security level is not yet approved twice as often. 12% are closed as false
 * positives within a day; the rest are resolved in hours for a critical alert and up to two
 * weeks for a low one, 1.6 times slower in 2023 than in 2025; 4% (15% of vulnerabilities)
 * wait weeks to months for a patch. Statuses are as at the end of the last period: what is not
 * closed by then is open (raised less than two hours before) or being investigated.
 */
export function* socAlertRows(ctx: SampleContext): Generator<SampleRow> {
  const { random, periods } = ctx;
  const last = periods[periods.length - 1]!;
  const exportedAt = monthStart(last) + daysInMonth(last) * 24 * HOUR - VIETNAM_OFFSET;
  for (let index = 0; index < periods.length; index++) {
    const period = periods[index]!;
    const monthMinutes = daysInMonth(period) * 24 * 60;
    const start = monthStart(period) - VIETNAM_OFFSET;
    const inOperation = informationSystemsInOperation(index, periods.length);
    const approved = informationSystemsApproved(index, periods.length);
    const weights = Array.from(
      { length: inOperation },
      (_, k) => (informationSystemServesPublic(k) ? 3 : 1) * (k < approved ? 1 : 2),
    );
    const slowness = trend(index, periods.length, 1.6);
    const expected = 150 + (100 * index) / Math.max(1, periods.length - 1);
    const count = random.int(Math.round(expected * 0.9), Math.round(expected * 1.1));
    const detections = Array.from({ length: count }, () => start + random.int(0, monthMinutes - 1) * MINUTE).sort(
      (a, b) => a - b,
    );
    for (let n = 0; n < count; n++) {
      const detected = detections[n]!;
      const severity = random.weighted(SEVERITIES, SEVERITY_WEIGHTS);
      const category = random.weighted(CATEGORIES, CATEGORY_WEIGHTS);
      const falsePositive = random.chance(0.12);
      let hours: number;
      if (falsePositive) hours = 0.5 + random.next() * 23.5;
      else {
        const [fastest, slowest] = HOURS_TO_RESOLVE[severity];
        hours = (fastest + (slowest - fastest) * random.next() ** 2) * slowness;
        if (random.chance(category === 'vulnerability' ? 0.15 : 0.04)) hours += random.int(20, 120) * 24;
      }
      const closed = detected + Math.round((hours * HOUR) / MINUTE) * MINUTE;
      const isClosed = closed <= exportedAt;
      yield {
        alert_id: `SOC-${period.replace('-', '')}-${String(n + 1).padStart(4, '0')}`,
        system_id: informationSystemId(random.index(weights)),
        severity,
        category,
        status: isClosed
          ? falsePositive
            ? 'false_positive'
            : 'resolved'
          : exportedAt - detected < 2 * HOUR
            ? 'open'
            : 'investigating',
        detected_at: vietnamTimestamp(detected),
        closed_at: isClosed ? vietnamTimestamp(closed) : null,
        period,
      };
    }
  }
}
