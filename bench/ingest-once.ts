/**
 * Ingests one file into a fresh lake and prints {"ms", "rows", "maxRssMb"} as JSON: run in
 * its own process so the peak RSS is the ETL's alone.
 */
import { readFileSync } from 'node:fs';
import { getDataset } from '../lambdas/core/contracts';
import { ingestLocalFile } from '../lambdas/core/ingest/ingest-local-file';
import { FolderStore } from '../lambdas/core/lake/folder-store';

async function main(): Promise<void> {
  const [file, lakeDir, dataset] = process.argv.slice(2);
  if (!file || !lakeDir || !dataset) throw new Error('usage: ingest-once FILE LAKE_DIR DATASET');
  const started = performance.now();
  const { manifest } = await ingestLocalFile({
    store: new FolderStore(lakeDir),
    path: file,
    contract: getDataset(dataset),
    source: 'canonical',
  });
  const ms = performance.now() - started;
  if (manifest.status !== 'succeeded') throw new Error(`ingest failed: ${manifest.error?.message}`);
  console.log(
    JSON.stringify({ ms, rows: manifest.rowsAccepted, rejected: manifest.rowsRejected, maxRssMb: peakRssMb() }),
  );
}

/**
 * This process's peak RSS. On Linux, VmHWM of /proc/self/status: getrusage's maxRSS also
 * counts the parent's memory at fork time (Linux keeps the pre-exec high-water mark), which
 * made a child of a large bench process look 60–100 MB bigger than it is.
 */
function peakRssMb(): number {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (hwm) return Number(hwm) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
