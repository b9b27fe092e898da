import { z } from 'zod';
import { isColumnType, resolveType, type ColumnType } from './column-types';

/**
 * A dataset contract: the one declaration from which the Parquet schema, the Glue table, the
 * DuckDB view, the API schemas and the docs are derived. Declarations are validated with zod
 * when the module loads, so a broken contract fails at start-up, not at the first file.
 */

const SNAKE_CASE = /^[a-z][a-z0-9_]*$/;

const columnDeclaration = z
  .object({
    name: z.string().regex(SNAKE_CASE, 'column names are snake_case'),
    type: z.string().refine(isColumnType, { message: 'unknown column type' }),
    description: z.string().min(10),
    /** Unit of measure for numbers (`subscribers`, `bn VND`, `%`), shown in docs and the API. */
    unit: z.string().optional(),
    nullable: z.boolean().default(false),
    /** Personal data. The lake only ever holds it as a keyed hash (Law 91/2025/QH15). */
    pii: z.enum(['keyed_hash']).optional(),
    /** Allowed values of a string column. */
    enum: z.array(z.string().min(1)).min(1).optional(),
    /** A regular expression a string value must match in full. */
    pattern: z.string().optional(),
    /** Inclusive bounds for numbers. */
    min: z.number().optional(),
    max: z.number().optional(),
    /** The value is a 2025 ward code of the Vĩnh Phúc area (checked against the reference). */
    wardCode: z.boolean().default(false),
  })
  .strict()
  .superRefine((column, ctx) => {
    const isString = column.type === 'string';
    if ((column.enum || column.pattern || column.wardCode) && !isString) {
      ctx.addIssue({
        code: 'custom',
        message: `${column.name}: enum, pattern and wardCode apply to string columns only`,
      });
    }
    const bounded = column.min !== undefined || column.max !== undefined;
    if (bounded && isColumnType(column.type) && !resolveType(column.type).numeric) {
      ctx.addIssue({ code: 'custom', message: `${column.name}: min and max apply to numeric columns only` });
    }
  });

/** A rule over several columns of one row; `holds` sees the normalized values. */
export interface RowCheck {
  reason: string;
  columns: string[];
  description: string;
  holds: (row: Readonly<Record<string, unknown>>) => boolean;
}

const datasetDeclaration = z
  .object({
    name: z.string().regex(SNAKE_CASE),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'version is semver'),
    title: z.string().min(3),
    description: z.string().min(20),
    owner: z.string().min(3),
    fedBy: z.string().min(3),
    /** What one row is, in words (`one base station in one month`). */
    grain: z.string().min(5),
    naturalKey: z.array(z.string()).min(1),
    columns: z.array(columnDeclaration).min(1),
    checks: z
      .array(
        z.object({
          reason: z.string().regex(SNAKE_CASE),
          columns: z.array(z.string()).min(1),
          description: z.string(),
          holds: z.custom<RowCheck['holds']>((v) => typeof v === 'function'),
        }),
      )
      .default([]),
  })
  .strict()
  .superRefine((dataset, ctx) => {
    const names = dataset.columns.map((c) => c.name);
    const seen = new Set<string>();
    for (const name of names) {
      if (seen.has(name)) ctx.addIssue({ code: 'custom', message: `duplicate column ${name}` });
      if (RESERVED_COLUMNS.has(name))
        ctx.addIssue({
          code: 'custom',
          message: `${name} is a lineage column added to every dataset; do not declare it`,
        });
      seen.add(name);
    }
    const known = new Set([...names, 'period']);
    for (const key of dataset.naturalKey) {
      if (!known.has(key)) ctx.addIssue({ code: 'custom', message: `natural key column ${key} is not a column` });
    }
    for (const check of dataset.checks) {
      for (const column of check.columns) {
        if (!seen.has(column))
          ctx.addIssue({ code: 'custom', message: `check ${check.reason} names unknown column ${column}` });
      }
    }
  });

export type ColumnDeclaration = z.input<typeof columnDeclaration>;
export type DatasetDeclaration = z.input<typeof datasetDeclaration>;

export interface Column extends Omit<z.output<typeof columnDeclaration>, 'type'> {
  type: ColumnType;
}

/**
 * Lineage columns every dataset has. `period` and `source` are partition keys: they live in
 * the object key (`period=2025-12/source=viettel/`), not inside the Parquet files.
 */
export const PARTITION_COLUMNS: readonly Column[] = [
  {
    name: 'period',
    type: 'string',
    description: 'Reporting month, yyyy-mm (partition key).',
    nullable: false,
    pattern: '\\d{4}-(0[1-9]|1[0-2])',
    wardCode: false,
  },
  {
    name: 'source',
    type: 'string',
    description: 'Id of the feed source that sent the row (partition key).',
    nullable: false,
    wardCode: false,
  },
];
export const LINEAGE_COLUMNS: readonly Column[] = [
  {
    name: 'ingested_at',
    type: 'timestamp',
    description: 'When the ETL wrote the row (UTC).',
    nullable: false,
    wardCode: false,
  },
  {
    name: 'manifest_id',
    type: 'string',
    description: 'Id of the ingest manifest that wrote the row (SHA-256 of the raw file and contract version).',
    nullable: false,
    wardCode: false,
  },
];
const RESERVED_COLUMNS = new Set([...PARTITION_COLUMNS, ...LINEAGE_COLUMNS].map((c) => c.name));

export interface DatasetContract {
  name: string;
  version: string;
  title: string;
  description: string;
  owner: string;
  fedBy: string;
  grain: string;
  naturalKey: string[];
  /** The columns a feed supplies (the canonical CSV has these plus `period`). */
  columns: Column[];
  checks: RowCheck[];
  /** Columns stored inside each Parquet file: `columns` then `ingested_at`, `manifest_id`. */
  fileColumns: Column[];
  partitionColumns: readonly Column[];
}

export function defineDataset(declaration: DatasetDeclaration): DatasetContract {
  const parsed = datasetDeclaration.safeParse(declaration);
  if (!parsed.success) {
    // Each problem says where it is (`columns[2].description: Too small…`), unless it names its column itself.
    const where = (path: PropertyKey[]) =>
      path.length
        ? `${path
            .map(String)
            .join('.')
            .replace(/\.(\d+)/g, '[$1]')}: `
        : '';
    const problems = parsed.error.issues.map((i) => `${i.code === 'custom' ? '' : where(i.path)}${i.message}`);
    throw new Error(`contract ${declaration.name}: ${problems.join('; ')}`);
  }
  const columns = parsed.data.columns as Column[];
  return {
    ...parsed.data,
    columns,
    fileColumns: [...columns, ...LINEAGE_COLUMNS],
    partitionColumns: PARTITION_COLUMNS,
  };
}
