import { z } from 'zod';
import { DATASET_NAMES, getDataset } from '../contracts';
import { TEXT_ENCODINGS } from './text-encodings';

/** How a file names a column: its header spellings, the first as the source writes it. For JSON, dot paths (`ward.code`). */
const spellings = z
  .union([z.string().min(1), z.array(z.string().min(1)).min(1).readonly()])
  .transform((s) => (typeof s === 'string' ? [s] : [...s]));

/** Where a row's period (yyyy-mm) comes from. */
const periodSource = z.discriminatedUnion('from', [
  /** A column written `yyyy-mm`, `mm/yyyy`, `m/yyyy` or `Tháng mm/yyyy`. */
  z.object({ from: z.literal('column'), header: spellings }).strict(),
  /** The month of a timestamp or date column, in Vietnam time (dossiers: the month received). */
  z.object({ from: z.literal('month-of'), column: z.string() }).strict(),
  /**
   * One column per month (`01/2025`, `T01/2025`, `2025-01`), unpivoted: each filled month cell
   * becomes a row whose `column` is the cell's value. An empty month cell is no report.
   */
  z.object({ from: z.literal('month-columns'), column: z.string() }).strict(),
]);

/** How a file names wards. Originals are kept in ward_code_original / ward_name_original. */
const wardSource = z
  .object({
    /** The ward code column, in the `scheme` the source uses (codes of the other scheme are still found). */
    code: spellings.optional(),
    name: spellings.optional(),
    /** The pre-2025 district (`Huyện Yên Lạc`), which tells apart wards of the same name. */
    district: spellings.optional(),
    scheme: z.enum(['2025', 'pre2025']),
  })
  .strict()
  .refine((w) => w.code || w.name, { message: 'a ward needs a code or a name column' });

/** One dataset a source feeds: which of its files carry it, and how their columns map onto the contract. */
const feedDeclaration = z
  .object({
    dataset: z.string().refine((name) => DATASET_NAMES.includes(name), { message: 'unknown dataset' }),
    /** Which raw files carry this dataset: a case-insensitive pattern over the file name. */
    files: z.string().min(1),
    /** Contract column → its header spellings (or JSON paths). */
    columns: z.record(z.string(), spellings).default({}),
    /** Columns the file does not carry because they are the same for every row (a carrier's own name). */
    constants: z.record(z.string(), z.string()).default({}),
    /** Enumerated column → canonical value → the spellings the source uses (the first is what it writes). */
    enums: z.record(z.string(), z.record(z.string(), z.array(z.string().min(1)))).default({}),
    ward: wardSource.optional(),
    period: periodSource,
    /**
     * Columns whose clear value is personal data: contract column (a keyed hash) → the headers
     * of the clear value. The clear value is replaced by its HMAC-SHA256 before anything else
     * reads the row, so it reaches neither curated, quarantine, manifests nor logs.
     */
    keyedHashes: z.record(z.string(), spellings).default({}),
  })
  .strict();

/**
 * A feed source: who sends files, in which format, which datasets they feed and how often.
 * One declaration a file under sources/. The ETL reads a source's files with it, `vpdc
 * generate --native` writes them with it, the docs describe it, and the CDK stack derives the
 * Glue partition projection's source values and a late-feed alarm per source from it.
 */
const sourceDeclaration = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'source ids are lowercase kebab-case'),
    name: z.string().min(3),
    /** Who operates the sending system (a carrier, an agency). */
    owner: z.string().min(3),
    /**
     * Loads any dataset's rows on the operations team's behalf (the canonical loader): it owns
     * no rows and may write every source's, so it is never granted to a producer (ownership.ts).
     */
    operatorsOnly: z.boolean().default(false),
    format: z.enum(['csv', 'xlsx', 'ndjson', 'json']),
    /** The encoding the source declares; files in another one are still detected and read (unless `strictEncoding`). */
    encoding: z.enum([...TEXT_ENCODINGS, 'auto']).default('auto'),
    /**
     * The file must be in the declared encoding: bytes that are not (invalid UTF-8) fail the
     * file instead of being read as the encoding they look like. For producers that prepare
     * files to the contract, where another encoding is a mistake to report.
     */
    strictEncoding: z.boolean().default(false),
    /**
     * How cells write values: `native` as people and office programs do (the number style
     * below, day-first dates, Có/Không, enum spellings); `canonical` in the contract's own
     * forms only (ISO dates and timestamps, `.` decimals, no thousands separators, `true` /
     * `false`, enum values as declared), where anything else is a rejected value.
     */
    values: z.enum(['native', 'canonical']).default('native'),
    /** How the file names say which dataset a file is, for the message when one says none. */
    fileNames: z.string().optional(),
    /** Whether its files start with a byte-order mark (reading drops one either way). */
    bom: z.boolean().default(false),
    delimiter: z.string().length(1).default(','),
    /** Header rows (more than one when a merged group cell sits above its sub-headers). */
    headerRows: z.number().int().min(1).max(3).default(1),
    /** Rows that are not data, by the text of their first filled cell (`Tổng cộng`): skipped and counted. */
    totalsRow: z.array(z.string()).default([]),
    /** How the source writes numbers: `vi` 1.234.567,5 · `en` 1,234,567.5 · `auto` by the separators present. */
    numbers: z.enum(['vi', 'en', 'auto']).default('auto'),
    /** How it writes dates (and timestamps' date part). Reading accepts day-first, ISO and Excel serials alike. */
    dates: z.enum(['dd/mm/yyyy', 'iso']).default('iso'),
    /** How it writes booleans: [true, false]. Reading accepts Có/Không, x, 1/0, Yes/No alike. */
    booleans: z.tuple([z.string(), z.string()]).default(['true', 'false']),
    /** JSON documents: the dot path of the array of records (root scalars are shared by every record). */
    records: z.string().optional(),
    feeds: z.array(feedDeclaration).min(1),
    /** How often a file is expected, and how late it may be before the late-feed alarm. */
    cadence: z
      .object({ everyDays: z.number().int().min(1).max(366), graceDays: z.number().int().min(0).max(60) })
      .strict(),
  })
  .strict();

export type SourceSpec = z.infer<typeof sourceDeclaration> & { readonly datasets: readonly string[] };
export type FeedSpec = z.infer<typeof feedDeclaration>;
export type WardSpec = z.infer<typeof wardSource>;

export function defineSource(declaration: z.input<typeof sourceDeclaration>): SourceSpec {
  const parsed = sourceDeclaration.safeParse(declaration);
  if (!parsed.success) throw new Error(`source ${declaration.id}: ${z.prettifyError(parsed.error)}`);
  const spec = parsed.data;
  const problems = spec.feeds.flatMap((feed) => feedProblems(spec, feed));
  if (problems.length) throw new Error(`source ${spec.id}: ${problems.join('; ')}`);
  return { ...spec, datasets: [...new Set(spec.feeds.map((f) => f.dataset))] };
}

/** A mapping must name only contract columns and give every required one a way in. */
function feedProblems(spec: z.infer<typeof sourceDeclaration>, feed: FeedSpec): string[] {
  const contract = getDataset(feed.dataset);
  const names = new Set(contract.columns.map((c) => c.name));
  const problems: string[] = [];
  const mapped = [
    ...Object.keys(feed.columns),
    ...Object.keys(feed.constants),
    ...Object.keys(feed.keyedHashes),
    ...Object.keys(feed.enums),
  ];
  for (const name of mapped) if (!names.has(name)) problems.push(`${feed.dataset} has no column ${name}`);
  const given = new Set([
    ...Object.keys(feed.columns),
    ...Object.keys(feed.constants),
    ...Object.keys(feed.keyedHashes),
  ]);
  if (feed.ward) for (const name of ['ward_code', 'ward_code_original', 'ward_name_original']) given.add(name);
  if (feed.period.from === 'month-columns') given.add(feed.period.column);
  for (const column of contract.columns)
    if (!column.nullable && !given.has(column.name))
      problems.push(`${feed.dataset}.${column.name} is required but not mapped`);
  for (const [name, values] of Object.entries(feed.enums)) {
    const allowed = contract.columns.find((c) => c.name === name)?.enum ?? [];
    for (const value of Object.keys(values))
      if (!allowed.includes(value)) problems.push(`${feed.dataset}.${name} has no value ${value}`);
  }
  if (feed.period.from === 'month-of' && !names.has(feed.period.column))
    problems.push(`period from unknown column ${feed.period.column}`);
  if (spec.records && spec.format !== 'json') problems.push('`records` is for JSON documents');
  return problems;
}
