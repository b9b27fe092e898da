import { resolveType } from '../contracts/column-types';
import { formulaSafeSql, quotedCellSql, sqlText } from './csv-cells';
import type { ServedColumn } from './served-datasets';

/**
 * The CSV of the local export (formats.ts), written by Athena: each row becomes its whole line in
 * SQL, cells by `csvCell`'s rule made SQL (csv-cells.ts), after a header line that starts with a
 * BOM; lines end in CR, to which TEXTFILE adds the LF. Made in SQL, not by rewriting UNLOAD's
 * files in the finisher: the rows never pass through a Lambda. TEXTFILE itself neither quotes
 * nor writes a header, and an ordinary query's CSV (which would) lands in the workgroup's result
 * location, not the export's folder. The header is a row of its own, sorted first in whichever
 * file it lands: UNLOAD sorts each file, not the files among themselves.
 */
export function csvLines(select: string, columns: ServedColumn[]): string {
  const name = (column: ServedColumn) => `"${column.name}"`;
  const numeric = (column: ServedColumn) => resolveType(column.type).served === 'number';
  const header = `chr(65279) || ${sqlText(columns.map((c) => c.name).join(','))} || chr(13)`;
  const safe = columns.map((c) => `${formulaSafeSql(`cast(${name(c)} as varchar)`, numeric(c))} as ${name(c)}`);
  const line = columns.map((c) => quotedCellSql(name(c))).join(" || ',' || ");
  return (
    `select line from (select 0 as part, ${header} as line union all ` +
    `select 1 as part, ${line} || chr(13) as line from (select ${safe.join(', ')} from (${select}) as granted) as safe) as lines ` +
    'order by part'
  );
}
