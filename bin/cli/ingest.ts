import { existsSync, statSync } from 'node:fs';
import { DATASET_NAMES, getDataset } from '../../lambdas/core/contracts';
import { SOURCE_IDS } from '../../lambdas/core/feeds';
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
    outputs: m.outputs.map((o) => o.key),
    manifest: result.manifestKey,
    ...(m.error ? { error: m.error } : {}),
  };
}

/** Ingests one local file, showing progress on a terminal. */
export async function ingestWithProgress(store: ObjectStore, file: string, dataset: string, source: string): Promise<IngestResult> {
  const result = await ingestLocalFile({
    store,
    path: file,
    contract: getDataset(dataset),
    source,
    onProgress: ({ rows }) => progress(`ingest ${dataset}: ${formatCount(rows)} rows`),
  });
  progressDone();
  return result;
}

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'validate feed files and write them into the lake (curated, quarantine, manifest)',
  usage: `
Usage: vpdc ingest FILE... --dataset NAME [--source ID] [--lake DIR|s3://bucket/prefix] [--json]

Copies each file into raw/, normalizes and validates every row against the dataset's
contract, writes accepted rows as Parquet under curated/ (one file per period), rejected
rows with line, column and reason under quarantine/, and the manifest last. Ingesting the
same bytes again changes nothing. Files are canonical CSV (UTF-8, a header with the
contract's columns and period).

Options:
  --dataset NAME   one of: ${DATASET_NAMES.join(', ')}
  --source ID      who sent the file, one of: ${SOURCE_IDS.join(', ')} (default "canonical")
  --lake LOCATION  the lake folder or s3://bucket/prefix (default ${DEFAULT_LAKE_DIR})
  --json           one JSON object per file: file, dataset, status, rowsIn, rowsAccepted,
                   rowsRejected, reasons, outputs, manifest

Exit status: 0 when every file succeeded, 1 when any failed, 2 on a usage error.
`,
  options: { dataset: { type: 'string' }, source: { type: 'string' }, lake: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, positionals }) {
    const dataset = values.dataset as string | undefined;
    if (!dataset) throw new UsageError('--dataset NAME is required');
    if (!DATASET_NAMES.includes(dataset)) throw new UsageError(`unknown dataset "${dataset}"; known: ${DATASET_NAMES.join(', ')}`);
    if (positionals.length === 0) throw new UsageError('name at least one FILE to ingest');
    const source = (values.source as string | undefined) ?? 'canonical';
    // Only registered sources: the catalog's partition projection knows no other (lambdas/core/feeds).
    if (!SOURCE_IDS.includes(source)) throw new UsageError(`unknown source "${source}"; sources: ${SOURCE_IDS.join(', ')}`);
    const store = openStore(values.lake as string | undefined);
    let failed = 0;
    for (const file of positionals) {
      if (!existsSync(file) || !statSync(file).isFile()) {
        console.error(`vpdc: ${file}: no such file`);
        failed++;
        continue;
      }
      const result = await ingestWithProgress(store, file, dataset, source);
      const summary = ingestSummary(file, result);
      if (values.json) console.log(JSON.stringify(summary));
      if (summary.status === 'failed') {
        failed++;
        console.error(`vpdc: ${file}: failed (${summary.error?.code}): ${summary.error?.message}${result.unchanged ? ' [already ingested]' : ''}`);
      } else if (!values.json) {
        const reasons = Object.entries(summary.reasons).map(([code, n]) => `${code} ${n}`).join(', ');
        console.log(`${file}: ${summary.unchanged ? 'unchanged (already ingested)' : 'succeeded'}: ${formatCount(summary.rowsIn)} rows in, ${formatCount(summary.rowsAccepted)} accepted, ${formatCount(summary.rowsRejected)} rejected${reasons ? ` (${reasons})` : ''} → ${summary.manifest}`);
      }
    }
    return failed ? 1 : 0;
  },
};
