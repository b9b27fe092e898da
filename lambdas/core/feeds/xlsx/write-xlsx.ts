import { zipSync } from 'fflate';
import type { XlsxRange } from './read-xlsx';
import { encodeOoxmlEscapes, escapeXmlAttribute, escapeXmlText } from './xml-text';

/**
 * Writes a minimal .xlsx workbook: the parts Excel and LibreOffice need to open it without a
 * repair prompt and nothing else (no styles beyond the default, no document properties).
 * Used to generate sample agency files, so the output is deterministic: the same sheets give
 * the same bytes (fixed zip timestamps, strings numbered in order of first use).
 */

/** A cell: text, a number, TRUE/FALSE, or null (and '') for no cell at all. */
export type XlsxCell = string | number | boolean | null;

export interface XlsxSheetInput {
  /** The tab name: 1 to 31 characters, none of `: \ / ? * [ ]`, unique ignoring case. */
  name: string;
  /** Rows from row 1; a row of nulls (or an empty array) is an empty row. */
  rows: XlsxCell[][];
  /** Merged ranges; rows 1-based, columns 0-based, as the reader returns them. */
  merges?: XlsxRange[];
}

const MAX_ROWS = 1048576;
const MAX_COLUMNS = 16384;
const MAX_CELL_TEXT = 32767; // longer text makes Excel repair the file
/** A local-time date, so the DOS timestamps in the zip do not depend on the time zone. */
const ZIP_TIME = new Date(1980, 0, 1);

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL_TYPE = `${REL_NS}/`;
const CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.';
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export function writeXlsx(sheets: XlsxSheetInput[]): Uint8Array {
  if (sheets.length === 0) throw new Error('writeXlsx needs at least one sheet, got none');
  validateSheetNames(sheets.map((sheet) => sheet.name));
  const strings = new SharedStrings();
  const encoder = new TextEncoder();
  const files: Record<string, Uint8Array> = {};
  const part = (path: string, xml: string) => (files[path] = encoder.encode(XML_DECLARATION + xml));

  // [Content_Types].xml first: some readers sniff the package from the first entry.
  part('[Content_Types].xml', contentTypesXml(sheets.length));
  part('_rels/.rels', relationshipsXml([['officeDocument', 'xl/workbook.xml']]));
  part('xl/workbook.xml', workbookXml(sheets.map((sheet) => sheet.name)));
  part(
    'xl/_rels/workbook.xml.rels',
    relationshipsXml([
      ...sheets.map((_sheet, i): [string, string] => ['worksheet', `worksheets/sheet${i + 1}.xml`]),
      ['styles', 'styles.xml'],
      ['sharedStrings', 'sharedStrings.xml'],
    ]),
  );
  part('xl/styles.xml', STYLES_XML);
  for (const [i, sheet] of sheets.entries()) part(`xl/worksheets/sheet${i + 1}.xml`, worksheetXml(sheet, strings));
  part('xl/sharedStrings.xml', strings.xml());
  // Level 3: half the time of the default 6 for a file 4% larger (measured on a 100,000-row sheet).
  return zipSync(files, { level: 3, mtime: ZIP_TIME });
}

/** Each distinct text once, numbered in order of first use. */
class SharedStrings {
  private readonly indexes = new Map<string, number>();
  private uses = 0;

  indexOf(text: string): number {
    this.uses++;
    let index = this.indexes.get(text);
    if (index === undefined) this.indexes.set(text, (index = this.indexes.size));
    return index;
  }

  xml(): string {
    const items: string[] = [];
    for (const text of this.indexes.keys()) {
      const escaped = escapeXmlText(encodeOoxmlEscapes(text));
      // Without xml:space="preserve", readers may drop leading/trailing spaces and line breaks.
      items.push(
        /^\s|\s$|[\n\t]/.test(text) ? `<si><t xml:space="preserve">${escaped}</t></si>` : `<si><t>${escaped}</t></si>`,
      );
    }
    return `<sst xmlns="${MAIN_NS}" count="${this.uses}" uniqueCount="${this.indexes.size}">${items.join('')}</sst>`;
  }
}

function worksheetXml(sheet: XlsxSheetInput, strings: SharedStrings): string {
  if (sheet.rows.length > MAX_ROWS)
    throw new Error(`sheet '${sheet.name}' has ${sheet.rows.length} rows; Excel allows ${MAX_ROWS}`);
  const rowsXml: string[] = [];
  const used = { top: Infinity, left: Infinity, bottom: 0, right: 0 };
  sheet.rows.forEach((row, r) => {
    if (row.length > MAX_COLUMNS)
      throw new Error(`row ${r + 1} of sheet '${sheet.name}' has ${row.length} cells; Excel allows ${MAX_COLUMNS}`);
    let cells = '';
    for (let c = 0; c < row.length; c++) {
      const value = row[c];
      if (value === null || value === undefined || value === '') continue;
      const ref = cellRef(r + 1, c);
      cells += cellXml(ref, value, strings, sheet.name);
      used.top = Math.min(used.top, r + 1);
      used.bottom = r + 1;
      used.left = Math.min(used.left, c);
      used.right = Math.max(used.right, c);
    }
    if (cells !== '') rowsXml.push(`<row r="${r + 1}">${cells}</row>`);
  });

  // Schema order matters to Excel: dimension, sheetData, then mergeCells.
  const dimension = used.bottom === 0 ? 'A1' : `${cellRef(used.top, used.left)}:${cellRef(used.bottom, used.right)}`;
  const merges = validMerges(sheet);
  const mergesXml =
    merges.length === 0
      ? ''
      : `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${cellRef(m.first.row, m.first.column)}:${cellRef(m.last.row, m.last.column)}"/>`).join('')}</mergeCells>`;
  return `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><dimension ref="${dimension}"/><sheetData>${rowsXml.join('')}</sheetData>${mergesXml}</worksheet>`;
}

function cellXml(ref: string, value: string | number | boolean, strings: SharedStrings, sheetName: string): string {
  switch (typeof value) {
    case 'string':
      if (value.length > MAX_CELL_TEXT)
        throw new Error(
          `cell ${ref} of sheet '${sheetName}' has ${value.length} characters; Excel allows ${MAX_CELL_TEXT}`,
        );
      return `<c r="${ref}" t="s"><v>${strings.indexOf(value)}</v></c>`;
    case 'number':
      if (!Number.isFinite(value))
        throw new Error(`cell ${ref} of sheet '${sheetName}' must be a finite number, got ${value}`);
      return `<c r="${ref}"><v>${value}</v></c>`;
    case 'boolean':
      return `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
    default:
      throw new Error(
        `cell ${ref} of sheet '${sheetName}' must be a string, number, boolean or null, got ${typeof value}`,
      );
  }
}

/** Merges inside the sheet, first ≤ last, not overlapping: anything else makes Excel repair. */
function validMerges(sheet: XlsxSheetInput): XlsxRange[] {
  const merges = sheet.merges ?? [];
  merges.forEach((merge, i) => {
    const { first, last } = merge;
    const inSheet =
      [first.row, last.row].every((row) => Number.isInteger(row) && row >= 1 && row <= MAX_ROWS) &&
      [first.column, last.column].every((column) => Number.isInteger(column) && column >= 0 && column < MAX_COLUMNS);
    if (!inSheet || first.row > last.row || first.column > last.column) {
      throw new Error(`merge ${i} of sheet '${sheet.name}' is not a range of cells, got ${JSON.stringify(merge)}`);
    }
    const overlapped = merges
      .slice(0, i)
      .findIndex(
        (other) =>
          other.first.row <= last.row &&
          first.row <= other.last.row &&
          other.first.column <= last.column &&
          first.column <= other.last.column,
      );
    if (overlapped >= 0) throw new Error(`merges ${overlapped} and ${i} of sheet '${sheet.name}' overlap`);
  });
  return merges;
}

function validateSheetNames(names: string[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (
      name.length < 1 ||
      name.length > 31 ||
      // biome-ignore lint/suspicious/noControlCharactersInRegex: Excel refuses control characters in a sheet name.
      /[:\\/?*[\]\x00-\x1F]/.test(name) ||
      name.startsWith("'") ||
      name.endsWith("'")
    ) {
      throw new Error(
        `sheet name must be 1 to 31 characters without : \\ / ? * [ ] or an apostrophe at either end, got ${JSON.stringify(name)}`,
      );
    }
    const key = name.toLowerCase();
    if (seen.has(key)) throw new Error(`sheet names must be unique ignoring case, got ${JSON.stringify(name)} twice`);
    seen.add(key);
  }
}

const columnNames: string[] = [];

/** `(5, 2)` → `C5`; column names are cached, a sheet asks for the same few many times. */
function cellRef(row: number, column: number): string {
  let name = columnNames[column];
  if (name === undefined) {
    name = '';
    for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26))
      name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
    columnNames[column] = name;
  }
  return name + row;
}

function contentTypesXml(sheetCount: number): string {
  const override = (part: string, type: string) =>
    `<Override PartName="/${part}" ContentType="${CONTENT_TYPE}${type}+xml"/>`;
  return (
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    override('xl/workbook.xml', 'sheet.main') +
    Array.from({ length: sheetCount }, (_x, i) => override(`xl/worksheets/sheet${i + 1}.xml`, 'worksheet')).join('') +
    override('xl/styles.xml', 'styles') +
    override('xl/sharedStrings.xml', 'sharedStrings') +
    '</Types>'
  );
}

/** Relationships numbered rId1.. in the order given: [type, target]. */
function relationshipsXml(relationships: [string, string][]): string {
  const items = relationships.map(
    ([type, target], i) => `<Relationship Id="rId${i + 1}" Type="${REL_TYPE}${type}" Target="${target}"/>`,
  );
  return `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join('')}</Relationships>`;
}

/** Sheet i is relationship rId{i+1} (see the workbook relationships above). */
function workbookXml(names: string[]): string {
  const sheets = names.map(
    (name, i) => `<sheet name="${escapeXmlAttribute(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`,
  );
  return `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets>${sheets.join('')}</sheets></workbook>`;
}

/** The smallest style sheet Excel accepts: one font, the two fills it requires, one border. */
const STYLES_XML =
  `<styleSheet xmlns="${MAIN_NS}">` +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';
