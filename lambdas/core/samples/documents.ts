import { AGENCIES } from './administration';
import { trend } from './periods';
import type { SampleContext, SampleRow } from './sample-context';

/** Documents a month an agency of average size sends and receives over the axis at the last period. */
const SENT_PER_AGENCY = 150;
const RECEIVED_PER_AGENCY = 230;
/** The commune level, reported as one agency, corresponds with every ministry its procedures touch. */
const COMMUNE_LEVEL = 'UBND-XA';

/**
 * The document system's monthly reports of the national document axis (invented volumes: the
 * seed gives none): about 4,800 documents sent and received a month in January 2023 growing to
 * about 5,500 in December 2025 as paper gives way, fewer in the Tết month of February; the share sent with a
 * digital signature grows from 88% to 99%, the share of received documents processed by their
 * deadline from 78% to 92%, and 2–8% of a month's documents are still in hand at its end.
 */
export function* documentExchangeRows(ctx: SampleContext): Generator<SampleRow> {
  const { random, periods } = ctx;
  const size = AGENCIES.map((agency) => (agency === COMMUNE_LEVEL ? 2.5 : 0.5 + random.next()));
  for (let index = 0; index < periods.length; index++) {
    const period = periods[index]!;
    const volume = trend(index, periods.length, 0.85) * (period.endsWith('-02') ? 0.75 : 1);
    const signedShare = trend(index, periods.length, 0.88 / 0.99) * 0.99;
    const onTimeShare = trend(index, periods.length, 0.78 / 0.92) * 0.92;
    for (let a = 0; a < AGENCIES.length; a++) {
      const jitter = () => 0.9 + 0.2 * random.next();
      const sent = Math.round(SENT_PER_AGENCY * size[a]! * volume * jitter());
      const received = Math.round(RECEIVED_PER_AGENCY * size[a]! * volume * jitter());
      const processed = Math.round(received * (0.92 + 0.06 * random.next()));
      yield {
        agency_code: AGENCIES[a]!,
        documents_sent: sent,
        documents_sent_signed: Math.min(sent, Math.round(sent * signedShare * (0.98 + 0.03 * random.next()))),
        documents_received: received,
        documents_processed: processed,
        documents_processed_on_time: Math.min(
          processed,
          Math.round(processed * onTimeShare * (0.97 + 0.06 * random.next())),
        ),
        period,
      };
    }
  }
}
