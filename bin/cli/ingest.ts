import { createReadStream, existsSync, statSync } from 'node:fs';
import { DATASET_NAMES, getDataset } from '../../lambdas/core/contracts';
import { basename } from 'node:path';
import { getSource, SOURCE_IDS } from '../../lambdas/core/feeds';
import { chooseFeed } from '../../lambdas/core/ingest/choose-feed';
import { localPiiKey } from './pii-key';
import { ingestLocalFile } from '../../lambdas/core/ingest/ingest-local-file';
import type { IngestResult } from '../../lambdas/core/ingest/ingest-object';
import { DEFAULT_LAKE_DIR, openStore } from '../../lambdas/core/lake/open-store';
import type { ObjectStore } from '../../lambdas/core/lake/object-store';
import { formatCount, progress, progressDone, UsageError, type Command } from './command';

/** The summary of one ingested file, as `vpdc ingest --json` prints it (one per line). */
export function ingestSummary(file: string, result: IngestResult) {
  const m = result.manifest;
  return {
    file,
    dataset: m.dataset,
    status: m.status,
    unchanged: result.unchanged,
    rowsIn: m.rowsIn,
    rowsAccepted: m.rowsAccepted,
    rowsRejected: m.rowsRejected,
    reasons: m.reasons,
    format: m.format,
    encoding: m.encoding,
    extraColumns: m.extraColumns,
    ...(m.skipped ? { skipped: m.skipped } : {}),
    outputs: m.outputs.map((o) => o.key),
    manifest: result.manifestKey,
    ...(m.error ? { error: m.error } : {}),
  };
}

/** Ingests one local file, showing progress on a terminal. */
export async function ingestWithProgress(
  store: ObjectStore,
  file: string,
  dataset: string,
  source: string,
  piiKey?: Uint8Array,
): Promise<IngestResult> {
  const result = await ingestLocalFile({
    store,
    path: file,
    contract: getDataset(dataset),
    source,
    ...(piiKey ? { piiKey } : {}),
    onProgress: ({ rows }) => progress(`ingest ${dataset}: ${formatCount(rows)} rows`),
  });
  progressDone();
  return result;
}

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'validate feed files and write them into the lake (curated, quarantine, manifest)',
  usage: `
Usage: vpdc ingest FILE... [--source ID] [--dataset NAME] [--lake DIR|s3://bucket/prefix] [--json]

Copies each file into raw/, reads it as its source sends it (a carrier's CSV, an agency's
spreadsheet or JSON; docs/feeds.md), normalizes and validates every row against the
dataset's contract, writes accepted rows as Parquet under curated/ (one file per period),
rejected rows with line, column and reason under quarantine/, and the manifest last.
Ingesting the same bytes again changes nothing. Run "vpdc validate" first to see problems
without writing anything. Personal identifiers (a citizen ID) are replaced by their keyed
hash (key: VPDC_PII_KEY, or a key file next to the lake folder) before anything is written.

Options:
  --source ID      who sent the file, one of: ${SOURCE_IDS.join(', ')}
                   (default "canonical": the contract's own CSV)
  --dataset NAME   the dataset, when the file name does not say it; one of:
                   ${DATASET_NAMES.join(', ')}
  --lake LOCATION  the lake folder or s3://bucket/prefix (default ${DEFAULT_LAKE_DIR})
  --json           one JSON object per file: file, dataset, status, rowsIn, rowsAccepted,
                   rowsRejected, reasons, format, encoding, extraColumns, outputs, manifest

Exit status: 0 when every file succeeded, 1 when any failed, 2 on a usage error.
`,
  options: {
    dataset: { type: 'string' },
    source: { type: 'string' },
    lake: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values, positionals }) {
    const given = values.dataset as string | undefined;
    if (given && !DATASET_NAMES.includes(given))
      throw new UsageError(`unknown dataset "${given}"; known: ${DATASET_NAMES.join(', ')}`);
    if (positionals.length === 0) throw new UsageError('name at least one FILE to ingest');
    const source = (values.source as string | undefined) ?? 'canonical';
    // Only registered sources: the catalog's partition projection knows no other (lambdas/core/feeds).
    if (!SOURCE_IDS.includes(source))
      throw new UsageError(`unknown source "${source}"; sources: ${SOURCE_IDS.join(', ')}`);
    const spec = getSource(source);
    if (given && !spec.datasets.includes(given))
      throw new UsageError(`source ${source} does not feed ${given}; it feeds ${spec.datasets.join(', ')}`);
    const lake = (values.lake as string | undefined) ?? DEFAULT_LAKE_DIR;
    const store = openStore(lake);
    const piiKey = spec.feeds.some((f) => Object.keys(f.keyedHashes).length) ? await localPiiKey(lake) : undefined;
    let failed = 0;
    for (const file of positionals) {
      if (!existsSync(file) || !statSync(file).isFile()) {
        console.error(`vpdc: ${file}: no such file`);
        failed++;
        continue;
      }
      let dataset = given;
      if (!dataset) {
        try {
          dataset = (await chooseFeed(spec, basename(file), () => createReadStream(file))).dataset;
        } catch (error) {
          throw new UsageError(`${file}: ${(error as Error).message}; or name it with --dataset`);
        }
      }
      const result = await ingestWithProgress(store, file, dataset, source, piiKey);
      const summary = ingestSummary(file, result);
      if (values.json) console.log(JSON.stringify(summary));
      if (summary.status === 'failed') {
        failed++;
        console.error(
          `vpdc: ${file}: failed (${summary.error?.code}): ${summary.error?.message}${result.unchanged ? ' [already ingested]' : ''}`,
        );
      } else if (!values.json) {
        const reasons = Object.entries(summary.reasons)
          .map(([code, n]) => `${code} ${n}`)
          .join(', ');
        console.log(
          `${file}: ${summary.unchanged ? 'unchanged (already ingested)' : 'succeeded'}: ${formatCount(summary.rowsIn)} rows in, ${formatCount(summary.rowsAccepted)} accepted, ${formatCount(summary.rowsRejected)} rejected${reasons ? ` (${reasons})` : ''} → ${summary.manifest}`,
        );
      }
    }
    return failed ? 1 : 0;
  },
};
