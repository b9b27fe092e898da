import { getDataset } from '../contracts';
import { feedOfFile } from '../feeds';
import { FeedError } from '../feeds/feed-error';
import { readFeed } from '../feeds/readers/read-feed';
import type { FeedSpec, SourceSpec } from '../feeds/source-spec';
import { FeedRows } from './feed-rows';

/**
 * Which of a source's feeds a file is: by its name, as `feedOfFile` says; when the name says
 * none (a carrier that sends BTS and subscribers uploads `bao_cao_thang_12.xlsx`), by which
 * feed's header the file has. Fails with the candidates when no header fits, or more than
 * one does. `open` gives the file's bytes again for each feed tried (its head is read, not all).
 */
export async function chooseFeed(
  spec: SourceSpec,
  fileName: string,
  open: () => Promise<AsyncIterable<Uint8Array>> | AsyncIterable<Uint8Array>,
): Promise<FeedSpec> {
  let byName: FeedError;
  try {
    return feedOfFile(spec, fileName);
  } catch (error) {
    if (!(error instanceof FeedError)) throw error;
    byName = error;
  }
  const fitting: { feed: FeedSpec; sheet?: string }[] = [];
  for (const feed of spec.feeds) {
    const found = await headerOf(await open(), spec, feed);
    if (found) fitting.push({ feed, ...found });
  }
  if (fitting.length === 1) return fitting[0]!.feed;
  const datasets = spec.datasets.join(', ');
  if (fitting.length === 0)
    throw new FeedError(
      'unknown_dataset',
      `${byName.message}; and its header is that of none of them (${datasets}): name the file after its dataset`,
    );
  // Each table on a sheet of its own (BTS on one, subscribers on the next): one file would be only one of them.
  const sheets = new Set(fitting.map((f) => f.sheet));
  if (sheets.size === fitting.length && !sheets.has(undefined))
    throw new FeedError(
      'unknown_dataset',
      `the workbook holds ${fitting.map((f) => `${f.feed.dataset} on sheet '${f.sheet}'`).join(' and ')}: one file is read as one dataset, so send each sheet as a file of its own, named after its dataset`,
    );
  throw new FeedError(
    'unknown_dataset',
    `the file name "${fileName}" names no dataset, and its header fits ${fitting.map((f) => f.feed.dataset).join(' and ')} alike: name the file after its dataset`,
  );
}

const HEADER_PROBLEMS = new Set(['missing_header', 'missing_columns', 'duplicate_column']);

/** Where the file's records hold this feed's header (below a title, on any sheet), as the ETL would find it: its sheet, if a workbook; undefined when nowhere. */
async function headerOf(
  input: AsyncIterable<Uint8Array>,
  spec: SourceSpec,
  feed: FeedSpec,
): Promise<{ sheet?: string } | undefined> {
  // Only the header is read: no row is converted, so no identifier is hashed with this key.
  const rows = new FeedRows(spec, feed, getDataset(feed.dataset), { piiKey: 'header-only' });
  let sheet: string | undefined;
  try {
    for await (const batch of readFeed(input, spec, feed).batches)
      for (const record of batch.records) {
        if (record.sheet !== sheet) {
          if (sheet !== undefined) rows.nextSheet(record.sheet!);
          sheet = record.sheet;
        }
        if (rows.header(record)) return sheet === undefined ? {} : { sheet };
      }
  } catch (error) {
    // Not this feed's header; any other problem (an unreadable file) is the file's, whichever feed it is.
    if (error instanceof FeedError && HEADER_PROBLEMS.has(error.code)) return undefined;
    throw error;
  }
  return undefined;
}
