import { FeedError } from '../feed-error';
import { attributes } from './spreadsheet-xml';
import type { ZipContainer } from './zip-container';

/**
 * The workbook's structure: which sheets it has, in tab order, and where their parts are. A
 * package names its parts through relationships (`_rels/*.rels`), not by fixed paths: the
 * workbook need not be `xl/workbook.xml`, nor the first sheet `sheet1.xml`.
 */
export interface Workbook {
  /** In workbook order, the order of the tabs. */
  sheets: ListedSheet[];
  /** Its dates count from 1904-01-01 (`<workbookPr date1904="1"/>`), not 1899-12-30. */
  date1904: boolean;
  /** The zip path of the shared-string table; undefined when the workbook has none. */
  sharedStringsPath: string | undefined;
  /** The styles part, which says which cells show their number as a percent. */
  stylesPath: string | undefined;
}

/** A sheet as the workbook lists it. */
export interface ListedSheet {
  /** As on its tab, in NFC. */
  name: string;
  /** 0-based, in workbook order. */
  position: number;
  /** `hidden`, or `veryHidden` (only a macro can show it), when the workbook says so. */
  state: 'visible' | 'hidden' | 'veryHidden';
  /** The workbook relationship its `r:id` names; undefined when there is none. */
  relationship: Relationship | undefined;
}

/** A relationship of a part, its target resolved to a zip path. */
export interface Relationship {
  id: string;
  type: string;
  target: string;
}

/** Reads the package's relationships and the workbook part; throws when the zip has no workbook. */
export function readWorkbook(zip: ZipContainer): Workbook {
  const workbookPath =
    relationships(zip, '_rels/.rels', '').find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const workbookXml = zip.text(workbookPath);
  if (workbookXml === undefined)
    throw new FeedError('invalid_xlsx', `the zip has no workbook (${workbookPath}): it is not an .xlsx file`);
  const workbookRels = relationships(zip, relsPathOf(workbookPath), workbookPath);
  return {
    sheets: listSheets(workbookXml, workbookRels),
    date1904: usesDate1904(workbookXml),
    sharedStringsPath: workbookRels.find((r) => r.type.endsWith('/sharedStrings'))?.target,
    stylesPath: workbookRels.find((r) => r.type.endsWith('/styles'))?.target,
  };
}

/** The zip path of a sheet's worksheet part; throws when it has none, or is a chart sheet or a dialog. */
export function worksheetPath(sheet: ListedSheet): string {
  const { relationship } = sheet;
  if (relationship === undefined)
    throw new FeedError('invalid_xlsx', `sheet '${sheet.name}' has no part in the workbook relationships`);
  if (!relationship.type.endsWith('/worksheet'))
    throw new FeedError(
      'invalid_xlsx',
      `sheet '${sheet.name}' is not a worksheet (it is a ${relationship.type.slice(relationship.type.lastIndexOf('/') + 1)})`,
    );
  return relationship.target;
}

/**
 * The position of the sheet `wanted` names: its name as on the tab (ignoring case, as Excel
 * does: it refuses `Data` next to `DATA`), or its 0-based position; undefined means the first.
 */
export function chooseSheet(sheets: readonly { name: string }[], wanted: string | number | undefined): number {
  const names = sheets.map((s) => `'${s.name}'`).join(', ');
  if (sheets.length === 0) throw new FeedError('invalid_xlsx', 'the workbook lists no sheets');
  if (wanted === undefined) return 0;
  if (typeof wanted === 'number') {
    if (sheets[wanted] === undefined)
      throw new FeedError(
        'invalid_xlsx',
        `sheet index ${wanted} not found: the workbook has ${sheets.length} sheet(s): ${names}`,
      );
    return wanted;
  }
  const name = wanted.normalize('NFC');
  let position = sheets.findIndex((s) => s.name === name);
  if (position < 0) position = sheets.findIndex((s) => s.name.toLowerCase() === name.toLowerCase());
  if (position < 0) throw new FeedError('invalid_xlsx', `sheet '${wanted}' not found: the workbook has ${names}`);
  return position;
}

function listSheets(workbookXml: string, workbookRels: Relationship[]): ListedSheet[] {
  const sheets: ListedSheet[] = [];
  for (const match of workbookXml.matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)) {
    const attrs = attributes(match[1] ?? '');
    // The relationship id is `r:id`, whatever prefix the file binds to the namespace.
    const idKey = [...attrs.keys()].find((key) => key.endsWith(':id'));
    const relationshipId = idKey === undefined ? '' : (attrs.get(idKey) ?? '');
    const state = attrs.get('state');
    sheets.push({
      name: (attrs.get('name') ?? '').normalize('NFC'),
      position: sheets.length,
      state: state === 'hidden' || state === 'veryHidden' ? state : 'visible',
      relationship: workbookRels.find((r) => r.id === relationshipId),
    });
  }
  return sheets;
}

/** `<workbookPr date1904="1"/>` (or `true`): serial days count from 1904-01-01. */
function usesDate1904(workbookXml: string): boolean {
  const properties = /<(?:\w+:)?workbookPr\b([^>]*)>/.exec(workbookXml);
  const value = properties ? attributes(properties[1] ?? '').get('date1904') : undefined;
  return value === '1' || value === 'true';
}

/** The relationships of a part; targets resolved to zip paths relative to `sourcePath`. */
function relationships(zip: ZipContainer, relsPath: string, sourcePath: string): Relationship[] {
  const xml = zip.text(relsPath) ?? '';
  const base = sourcePath.slice(0, sourcePath.lastIndexOf('/') + 1);
  const out: Relationship[] = [];
  for (const match of xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const attrs = attributes(match[1] ?? '');
    if (attrs.get('TargetMode') === 'External') continue;
    const target = attrs.get('Target');
    if (target === undefined) continue;
    out.push({ id: attrs.get('Id') ?? '', type: attrs.get('Type') ?? '', target: resolvePath(base, target) });
  }
  return out;
}

/** Where the relationships of a part are: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
function relsPathOf(partPath: string): string {
  const slash = partPath.lastIndexOf('/');
  return `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
}

/** `worksheets/../x.xml` against `xl/`; a leading `/` means the zip root. */
function resolvePath(base: string, target: string): string {
  const segments: string[] = [];
  for (const segment of (target.startsWith('/') ? target : base + target).split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '' && segment !== '.') segments.push(segment);
  }
  return segments.join('/');
}
