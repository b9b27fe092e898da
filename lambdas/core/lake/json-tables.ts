/** One column of a JSON-lines table, typed for both engines. */
export interface JsonColumn {
  name: string;
  /** The Glue (Hive) type Athena reads it as. */
  hive: string;
  /** The DuckDB type the local view reads it as. */
  duckdb: string;
}

/** A partition of a JSON-lines table: a segment of its objects' keys. */
export type JsonPartition =
  | { name: string; type: 'enum'; values: readonly string[] }
  | { name: string; type: 'date'; format: 'yyyy/MM/dd'; from: string };

/**
 * A table of JSON lines the lake keeps beside its Parquet (the API's audit log, the ingest
 * manifests, the quarantined rows): one declaration from which the DuckDB lake makes its view
 * and the catalog its Glue table (partition projection over the key template), so both
 * engines answer the same SQL.
 */
export interface JsonTable {
  name: string;
  description: string;
  /** The zone the objects live under, e.g. `manifests/`. */
  prefix: string;
  /**
   * The key below the prefix, partitions as `${name}`, the file last: `${source}/${day}/`
   * means `<prefix><source>/<yyyy>/<mm>/<dd>/<file>`.
   */
  template: string;
  /** The objects' file extension. */
  extension: '.json' | '.jsonl';
  columns: readonly JsonColumn[];
  partitions: readonly JsonPartition[];
  /**
   * A column every real record has: lines without it are dropped (half a line left by a
   * crash mid-write reads as a row of nulls), instead of failing the whole view.
   */
  requiredColumn: string;
}

/** The local view's SQL over `<lakeDir>/<prefix>`; an empty view of the same columns when there is no file yet. */
export function duckdbJsonViewSql(table: JsonTable, zoneDir: string, hasFiles: boolean): string {
  const inData = new Set(table.columns.map((c) => c.name));
  const fromKey = table.partitions.filter((p) => !inData.has(p.name));
  if (!hasFiles) {
    const nulls = [
      ...table.columns.map((c) => `CAST(NULL AS ${c.duckdb}) AS "${c.name}"`),
      ...fromKey.map((p) => `CAST(NULL AS VARCHAR) AS "${p.name}"`),
    ];
    return `CREATE OR REPLACE VIEW ${table.name} AS SELECT ${nulls.join(', ')} WHERE false`;
  }
  const segments = table.template
    .split('/')
    .filter(Boolean)
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a key template segment, not a JavaScript template.
    .map((segment) => (segment === '${day}' ? '*/*/*' : '*'));
  const glob = `${zoneDir.replaceAll("'", "''")}/${[...segments, `*${table.extension}`].join('/')}`;
  const columns = `{${table.columns.map((c) => `'${c.name}': '${c.duckdb}'`).join(', ')}}`;
  const { pattern, groups } = keyPattern(table);
  const derived = fromKey.map(
    (p) => `regexp_extract(filename, '${pattern}', ${groups.indexOf(p.name) + 1}) AS "${p.name}"`,
  );
  const select = [...table.columns.map((c) => `"${c.name}"`), ...derived].join(', ');
  return `CREATE OR REPLACE VIEW ${table.name} AS SELECT ${select} FROM read_json('${glob}', format = 'newline_delimited', columns = ${columns}, filename = true, ignore_errors = true) WHERE "${table.requiredColumn}" IS NOT NULL`;
}

/** A regular expression over an object's path, one group per partition in the template's order. */
function keyPattern(table: JsonTable): { pattern: string; groups: string[] } {
  const groups: string[] = [];
  const parts = table.template
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      const name = /^\$\{(\w+)\}$/.exec(segment)?.[1];
      if (!name) return segment.replace(/[.*+?^$()[\]{}|\\]/g, '\\$&');
      groups.push(name);
      const partition = table.partitions.find((p) => p.name === name)!;
      return partition.type === 'date' ? '(\\d{4}/\\d{2}/\\d{2})' : '([^/]+)';
    });
  return { pattern: `${table.prefix.replace(/\/$/, '')}/${parts.join('/')}/[^/]+$`, groups };
}

/** The Glue table's parameters for partition projection over the key template. */
export function projectionParameters(table: JsonTable, location: string): Record<string, string> {
  const parameters: Record<string, string> = { classification: 'json', 'projection.enabled': 'true' };
  for (const p of table.partitions) {
    if (p.type === 'enum') {
      parameters[`projection.${p.name}.type`] = 'enum';
      parameters[`projection.${p.name}.values`] = p.values.join(',');
    } else {
      parameters[`projection.${p.name}.type`] = 'date';
      parameters[`projection.${p.name}.format`] = p.format;
      parameters[`projection.${p.name}.range`] = `${p.from},NOW`;
      parameters[`projection.${p.name}.interval`] = '1';
      parameters[`projection.${p.name}.interval.unit`] = 'DAYS';
    }
  }
  parameters['storage.location.template'] = `${location}${table.template}`;
  return parameters;
}
