import { DATASET_NAMES } from '../../lambdas/core/contracts';
import { generateNativeSamples } from '../../lambdas/core/samples/generate-native';
import { generateSamples } from '../../lambdas/core/samples/generate-samples';
import { formatCount, UsageError, type Command } from './command';

export function parsePositiveNumber(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`--${name} must be a positive number, got "${text}"`);
  return value;
}

export const generateCommand: Command = {
  name: 'generate',
  summary: 'write deterministic sample feeds (canonical CSV) for the ten datasets',
  usage: `
Usage: vpdc generate --out DIR [--native] [--seed N] [--scale X] [--dataset NAME]...

Writes <dataset>.csv for every dataset: the Vĩnh Phúc area (36 wards, 2025 codes) over
2023-01 … 2025-12. The latest period reproduces the seed figures (3,000 BTS, 1.3 M mobile
subscribers, …). The same seed always gives the same bytes.

With --native, writes the same rows as each source sends them instead:
<out>/<source>/<source>_<dataset>.<ext> (Viettel's CSV, VNPT's workbooks, FPT's NDJSON,
SCTV's Windows-1258, VTVcab's TCVN3, …; docs/feeds.md). "vpdc ingest FILE --source ID"
reads them back.

Options:
  --out DIR        folder to write into (created if missing)
  --seed N         random seed (default 2030)
  --scale X        multiplies the dossier volume (default 1: 3,000 dossiers a month)
  --dataset NAME   only this dataset (repeatable); one of: ${DATASET_NAMES.join(', ')}
  --native         each source's own format instead of canonical CSV
  --json           print the files as JSON lines
`,
  options: {
    out: { type: 'string' },
    native: { type: 'boolean' },
    seed: { type: 'string' },
    scale: { type: 'string' },
    dataset: { type: 'string', multiple: true },
    json: { type: 'boolean' },
  },
  async run({ values }) {
    const out = values.out as string | undefined;
    if (!out) throw new UsageError('--out DIR is required');
    const seed = parsePositiveNumber('seed', values.seed as string | undefined, 2030);
    if (!Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number, got "${String(values.seed)}"`);
    const datasets = values.dataset as string[] | undefined;
    for (const name of datasets ?? [])
      if (!DATASET_NAMES.includes(name))
        throw new UsageError(`unknown dataset "${name}"; known: ${DATASET_NAMES.join(', ')}`);
    const options = { seed, scale: parsePositiveNumber('scale', values.scale as string | undefined, 1), datasets };
    const files: { dataset: string; rows: number; path: string; source?: string }[] = values.native
      ? await generateNativeSamples(out, options)
      : await generateSamples(out, options);
    for (const file of files) {
      console.log(
        values.json
          ? JSON.stringify(file)
          : `${(file.source ?? '').padEnd(values.native ? 14 : 0)}${file.dataset.padEnd(22)} ${formatCount(file.rows).padStart(10)} rows  ${file.path}`,
      );
    }
    return 0;
  },
};
