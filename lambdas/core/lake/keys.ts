/**
 * The lake's key layout (DESIGN.md, "Data flow"). Every key that derives from a file's
 * content uses its manifest id, so replays write the same keys.
 */
const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

function assertSegment(kind: string, value: string): void {
  if (!SAFE_SEGMENT.test(value)) throw new Error(`${kind} must be letters, digits, _ . - (got "${value}")`);
}

function datePath(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}`;
}

/** A file name made safe for a key: path parts dropped, unsafe characters replaced. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[^A-Za-z0-9_.-]+/g, '_')
    .replace(/^[._]+/, '');
  return cleaned || 'upload';
}

export function rawKey(source: string, receivedAt: Date, fileName: string): string {
  assertSegment('source', source);
  return `raw/${source}/${datePath(receivedAt)}/${safeFileName(fileName)}`;
}

/** A period's first file is `<id>.parquet`; a period too large for one file adds `<id>-1.parquet`, … */
export function curatedKey(dataset: string, period: string, source: string, manifestId: string, part = 0): string {
  assertSegment('dataset', dataset);
  assertSegment('source', source);
  return `curated/${dataset}/period=${period}/source=${source}/${manifestId}${part === 0 ? '' : `-${part}`}.parquet`;
}

export function quarantineKey(source: string, receivedAt: Date, manifestId: string): string {
  assertSegment('source', source);
  return `quarantine/${source}/${datePath(receivedAt)}/${manifestId}.jsonl`;
}

export function manifestKey(source: string, manifestId: string): string {
  assertSegment('source', source);
  return `manifests/${source}/${manifestId}.json`;
}

/** The receipt date encoded in a raw key (`raw/<source>/<yyyy>/<mm>/<dd>/<file>`). */
export function receivedDateOf(key: string): Date | undefined {
  const match = /^raw\/[^/]+\/(\d{4})\/(\d{2})\/(\d{2})\//.exec(key);
  return match ? new Date(`${match[1]}-${match[2]}-${match[3]}T00:00:00Z`) : undefined;
}
