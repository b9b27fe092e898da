import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { chooseSheet, readWorkbook, worksheetPath } from '../../lambdas/core/feeds/xlsx/workbook';
import { writeXlsx } from '../../lambdas/core/feeds/xlsx/write-xlsx';
import { ZipContainer } from '../../lambdas/core/feeds/xlsx/zip-container';
import { feedErrorOf } from '../support/feed-error-of';

const OFFICE = join(__dirname, '..', 'fixtures', 'office');
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

const open = (bytes: Uint8Array) => readWorkbook(new ZipContainer(bytes, 1 << 30));
const zipOf = (parts: Record<string, string>) =>
  zipSync(Object.fromEntries(Object.entries(parts).map(([path, xml]) => [path, strToU8(xml)])));
const relationshipsXml = (relationships: [id: string, type: string, target: string][]) =>
  `<Relationships xmlns="${PACKAGE_RELS_NS}">${relationships
    .map(([id, type, target]) => `<Relationship Id="${id}" Type="${REL_NS}/${type}" Target="${target}"/>`)
    .join('')}</Relationships>`;

/** writeXlsx's workbook with its `<sheets>` replaced: to give sheets states and an order of their own. */
function withSheetsXml(bytes: Uint8Array, sheetsXml: string): Uint8Array {
  const parts = unzipSync(bytes);
  const workbookXml = strFromU8(parts['xl/workbook.xml']!);
  parts['xl/workbook.xml'] = strToU8(workbookXml.replace(/<sheets>.*<\/sheets>/, `<sheets>${sheetsXml}</sheets>`));
  return zipSync(parts);
}

describe('readWorkbook', () => {
  test('reads the BTS report openpyxl saved: one visible sheet, an absolute part path, inline strings only', () => {
    const workbook = open(readFileSync(join(OFFICE, 'vnpt_tram_date1900.xlsx')));

    expect(workbook.sheets.map(({ name, position, state }) => ({ name, position, state }))).toEqual([
      { name: 'BTS', position: 0, state: 'visible' },
    ]);
    expect(worksheetPath(workbook.sheets[0]!)).toBe('xl/worksheets/sheet1.xml');
    expect(workbook.sharedStringsPath).toBeUndefined();
  });

  test('tells the 1904 date system from the 1900 one in the files openpyxl saved', () => {
    const date1900 = open(readFileSync(join(OFFICE, 'vnpt_tram_date1900.xlsx')));
    const date1904 = open(readFileSync(join(OFFICE, 'vnpt_tram_date1904.xlsx')));

    expect([date1900.date1904, date1904.date1904]).toEqual([false, true]);
  });

  test.each([
    ['date1904="1"', '<workbookPr date1904="1"/>', true],
    ["date1904='true'", '<workbookPr date1904=\'true\' defaultThemeVersion="166925"/>', true],
    ['date1904="0"', '<workbookPr date1904="0"/>', false],
    ['a workbookPr without date1904', '<workbookPr codeName="ThisWorkbook"/>', false],
    ['no workbookPr', '', false],
  ])('reads %s (the workbook has %s) as date1904 %s', (_what, properties, date1904) => {
    const parts = unzipSync(writeXlsx([{ name: 'S', rows: [] }]));
    const workbookXml = strFromU8(parts['xl/workbook.xml']!).replace(/<workbookPr[^>]*>/, '');
    parts['xl/workbook.xml'] = strToU8(workbookXml.replace('<sheets>', `${properties}<sheets>`));

    expect(open(zipSync(parts)).date1904).toBe(date1904);
  });

  test('lists the sheets in workbook order, whatever their part names, with their position', () => {
    const bytes = withSheetsXml(
      writeXlsx([
        { name: 'Dữ liệu', rows: [] },
        { name: 'Hướng dẫn', rows: [] },
      ]),
      '<sheet name="Hướng dẫn" sheetId="2" r:id="rId2"/><sheet name="Dữ liệu" sheetId="1" r:id="rId1"/>',
    );

    const workbook = open(bytes);

    expect(workbook.sheets.map((s) => [s.position, s.name, worksheetPath(s)])).toEqual([
      [0, 'Hướng dẫn', 'xl/worksheets/sheet2.xml'],
      [1, 'Dữ liệu', 'xl/worksheets/sheet1.xml'],
    ]);
  });

  test('gives each sheet the state the workbook says: visible by default, hidden, very hidden', () => {
    const bytes = withSheetsXml(
      writeXlsx([
        { name: 'A', rows: [] },
        { name: 'B', rows: [] },
        { name: 'C', rows: [] },
        { name: 'D', rows: [] },
      ]),
      '<sheet name="A" sheetId="1" r:id="rId1"/><sheet name="B" sheetId="2" state="hidden" r:id="rId2"/>' +
        '<sheet name="C" sheetId="3" state="veryHidden" r:id="rId3"/><sheet name="D" sheetId="4" state="visible" r:id="rId4"/>',
    );

    expect(open(bytes).sheets.map((s) => [s.name, s.state])).toEqual([
      ['A', 'visible'],
      ['B', 'hidden'],
      ['C', 'veryHidden'],
      ['D', 'visible'],
    ]);
  });

  test('follows relationships to parts away from the default paths, relative and absolute', () => {
    const bytes = zipOf({
      '_rels/.rels': relationshipsXml([['rId1', 'officeDocument', 'book/main.xml']]),
      'book/main.xml': `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="Trạm" sheetId="1" r:id="rIdA"/><sheet name="Ghi chú" sheetId="2" r:id="rIdB"/></sheets></workbook>`,
      'book/_rels/main.xml.rels': relationshipsXml([
        ['rIdA', 'worksheet', '../data/./tram.xml'],
        ['rIdB', 'worksheet', '/notes/ghi-chu.xml'],
        ['rIdS', 'sharedStrings', 'text/strings.xml'],
      ]),
    });

    const workbook = open(bytes);

    expect(workbook.sheets.map(worksheetPath)).toEqual(['data/tram.xml', 'notes/ghi-chu.xml']);
    expect(workbook.sharedStringsPath).toBe('book/text/strings.xml');
  });

  test('refuses a zip that has no workbook where its relationships point, or at the default path', () => {
    const pointed = zipOf({ '_rels/.rels': relationshipsXml([['rId1', 'officeDocument', 'book/main.xml']]) });
    const unpointed = zipOf({ 'hello.txt': 'xin chào' });

    expect(feedErrorOf(() => open(pointed)).message).toBe(
      'the zip has no workbook (book/main.xml): it is not an .xlsx file',
    );
    expect(feedErrorOf(() => open(unpointed)).message).toBe(
      'the zip has no workbook (xl/workbook.xml): it is not an .xlsx file',
    );
  });

  test("lists a sheet it cannot read, and names the problem only when the sheet's part is asked for", () => {
    const bytes = zipOf({
      'xl/workbook.xml': `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="Biểu đồ" sheetId="1" r:id="rId1"/><sheet name="Mồ côi" sheetId="2" r:id="rId9"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': relationshipsXml([['rId1', 'chartsheet', 'chartsheets/sheet1.xml']]),
    });

    const [chart, orphan] = open(bytes).sheets;

    expect(feedErrorOf(() => worksheetPath(chart!)).message).toBe(
      "sheet 'Biểu đồ' is not a worksheet (it is a chartsheet)",
    );
    expect(feedErrorOf(() => worksheetPath(orphan!)).message).toBe(
      "sheet 'Mồ côi' has no part in the workbook relationships",
    );
  });
});

describe('chooseSheet', () => {
  const sheets = [{ name: 'Hướng dẫn' }, { name: 'Dữ liệu' }];

  test('finds a sheet by its name, in NFC and ignoring case, or by its position; the first by default', () => {
    expect([
      chooseSheet(sheets, undefined),
      chooseSheet(sheets, 'Dữ liệu'.normalize('NFD')),
      chooseSheet(sheets, 'DỮ LIỆU'),
      chooseSheet(sheets, 1),
    ]).toEqual([0, 1, 1, 1]);
  });

  test('prefers the exact name to one that differs in case', () => {
    expect(chooseSheet([{ name: 'data' }, { name: 'Data' }], 'Data')).toBe(1);
  });

  test('names the sheets there are when the one asked for is not among them', () => {
    expect(feedErrorOf(() => chooseSheet(sheets, 'Thuê bao')).message).toBe(
      "sheet 'Thuê bao' not found: the workbook has 'Hướng dẫn', 'Dữ liệu'",
    );
    expect(feedErrorOf(() => chooseSheet(sheets, -1)).message).toBe(
      "sheet index -1 not found: the workbook has 2 sheet(s): 'Hướng dẫn', 'Dữ liệu'",
    );
    expect(feedErrorOf(() => chooseSheet([], undefined)).message).toBe('the workbook lists no sheets');
  });
});
