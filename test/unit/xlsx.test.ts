import * as zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { getSource } from '../../lambdas/core/feeds';
import { fillMerges } from '../../lambdas/core/feeds/xlsx/merged-rows';
import { readFeed } from '../../lambdas/core/feeds/readers/read-feed';
import type { FeedRecord } from '../../lambdas/core/feeds/readers/feed-record';
import { readXlsx, scanXlsx, type XlsxRange, type XlsxRow } from '../../lambdas/core/feeds/xlsx/read-xlsx';
import { writeXlsx, type XlsxCell, type XlsxSheetInput } from '../../lambdas/core/feeds/xlsx/write-xlsx';
import { feedErrorOf } from '../support/feed-error-of';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const range = (first: [number, number], last: [number, number]): XlsxRange => ({
  first: { row: first[0], column: first[1] },
  last: { row: last[0], column: last[1] },
});

/** A carrier report as the sample generator writes it: title merged over the columns, header, data, totals. */
const carrierReport: XlsxCell[][] = [
  ['BÁO CÁO SỐ LIỆU THUÊ BAO THÁNG 12/2025', null, null, null, null],
  ['Tỉnh/Thành phố', 'Phường/Xã', 'Thuê bao trả trước', 'Thuê bao trả sau', 'Đang hoạt động'],
  ['Hà Nội', 'Phường Hoàn Kiếm', 120345, 40211, true],
  ['Hà Nội', null, 0, 1234.5, false], // empty cell in the middle
  ['Thành phố Hồ Chí Minh', 'Phường Bến Nghé', 98012, null, null], // empty cells at the row end
  ['Tổng cộng', null, 218357, 41445.5, null],
];

describe('writeXlsx then readXlsx', () => {
  test('round-trips a carrier report: Vietnamese text, numbers, booleans, empty cells and the merged title', () => {
    const bytes = writeXlsx([{ name: 'Báo cáo', rows: carrierReport, merges: [range([1, 0], [1, 4])] }]);

    const sheet = readXlsx(bytes);

    expect(sheet.name).toBe('Báo cáo');
    expect(sheet.merges).toEqual([range([1, 0], [1, 4])]);
    expect(sheet.rows).toEqual([
      { line: 1, cells: ['BÁO CÁO SỐ LIỆU THUÊ BAO THÁNG 12/2025'] },
      { line: 2, cells: ['Tỉnh/Thành phố', 'Phường/Xã', 'Thuê bao trả trước', 'Thuê bao trả sau', 'Đang hoạt động'] },
      { line: 3, cells: ['Hà Nội', 'Phường Hoàn Kiếm', '120345', '40211', 'TRUE'] },
      { line: 4, cells: ['Hà Nội', '', '0', '1234.5', 'FALSE'] },
      { line: 5, cells: ['Thành phố Hồ Chí Minh', 'Phường Bến Nghé', '98012'] },
      { line: 6, cells: ['Tổng cộng', '', '218357', '41445.5'] },
    ]);
  });

  test('round-trips XML specials, control characters, line breaks, edge spaces and literal _xHHHH_ text exactly', () => {
    const texts = [
      '<&>"\'',
      'bell\u0007 and unit separator\u001F',
      'dòng 1\ndòng 2',
      'CR LF\r\nkept',
      '  lề hai bên  ',
      'tab\there',
      'literal _x0041_ and _x005F_',
      ']]> end',
    ];
    const bytes = writeXlsx([{ name: 'S', rows: texts.map((text) => [text]) }]);
    const stringsXml = strFromU8(unzipSync(bytes)['xl/sharedStrings.xml']!);

    expect(readXlsx(bytes).rows.map((row) => row.cells[0])).toEqual(texts);
    // XML 1.0 cannot hold the controls, and a parser would turn the CR into LF: both are escaped.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the controls are what must not appear.
    expect(stringsXml).not.toMatch(/[\x00-\x08\x0B\x0C\x0E-\x1F\r]/);
    expect(stringsXml).toContain('<si><t>bell_x0007_ and unit separator_x001F_</t></si>');
    expect(stringsXml).toContain('<si><t xml:space="preserve">CR LF_x000D_\nkept</t></si>');
  });

  test('gives text in NFC whatever form it was written in', () => {
    const decomposed = 'Hoà Bình, Thừa Thiên Huế'.normalize('NFD');
    expect(decomposed).not.toBe(decomposed.normalize('NFC'));
    const bytes = writeXlsx([{ name: 'S', rows: [[decomposed]] }]);

    expect(readXlsx(bytes).rows[0]?.cells[0]).toBe('Hoà Bình, Thừa Thiên Huế'.normalize('NFC'));
  });

  test('keeps Excel line numbers across empty rows and writes no row for them', () => {
    const bytes = writeXlsx([{ name: 'S', rows: [['a'], [], [null, null], ['b', -0.25, 1e-7, 12345678901234]] }]);
    const sheetXml = strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml']!);

    expect(readXlsx(bytes).rows).toEqual([
      { line: 1, cells: ['a'] },
      { line: 4, cells: ['b', '-0.25', '1e-7', '12345678901234'] },
    ]);
    expect(sheetXml.match(/<row /g)).toHaveLength(2);
  });

  test('writes the parts Excel needs, r on every row and cell, a dimension and each text once', () => {
    const bytes = writeXlsx([
      {
        name: 'A&B <1>',
        rows: [
          [null, 'x', 'x'],
          [null, 1, 'y'],
        ],
        merges: [range([1, 1], [1, 2])],
      },
      { name: 'Hai', rows: [] },
    ]);
    const parts = unzipSync(bytes);
    const text = (path: string) => strFromU8(parts[path]!);

    expect(Object.keys(parts)).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
      'xl/sharedStrings.xml',
    ]);
    expect(text('xl/workbook.xml')).toContain(
      '<sheet name="A&amp;B &lt;1&gt;" sheetId="1" r:id="rId1"/><sheet name="Hai" sheetId="2" r:id="rId2"/>',
    );
    expect(text('[Content_Types].xml')).toContain(
      '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>',
    );
    expect(text('xl/worksheets/sheet1.xml')).toContain(
      '<dimension ref="B1:C2"/><sheetData><row r="1"><c r="B1" t="s"><v>0</v></c><c r="C1" t="s"><v>0</v></c></row>' +
        '<row r="2"><c r="B2"><v>1</v></c><c r="C2" t="s"><v>1</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="B1:C1"/></mergeCells>',
    );
    expect(text('xl/worksheets/sheet2.xml')).toContain('<dimension ref="A1"/><sheetData></sheetData>');
    expect(text('xl/sharedStrings.xml')).toContain(
      'count="3" uniqueCount="2"><si><t>x</t></si><si><t>y</t></si></sst>',
    );
    expect(readXlsx(bytes, { sheet: 'A&B <1>' }).merges).toEqual([range([1, 1], [1, 2])]);
  });

  test('gives the same bytes for the same rows, with fixed zip timestamps', () => {
    const first = writeXlsx([{ name: 'S', rows: carrierReport }]);
    const second = writeXlsx([{ name: 'S', rows: carrierReport.map((row) => [...row]) }]);
    const view = new DataView(first.buffer, first.byteOffset, first.byteLength);

    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect(Buffer.from(writeXlsx([{ name: 'S', rows: [['other']] }])).equals(Buffer.from(first))).toBe(false);
    // The first local header's DOS time and date: 00:00:00 on 1980-01-01, not the time of writing.
    expect([view.getUint16(10, true), view.getUint16(12, true)]).toEqual([0, (0 << 9) | (1 << 5) | 1]);
  });

  test.each([
    ['no sheet', [], 'writeXlsx needs at least one sheet, got none'],
    [
      'a sheet name with a slash',
      [{ name: 'a/b', rows: [] }],
      'sheet name must be 1 to 31 characters without : \\ / ? * [ ] or an apostrophe at either end, got "a/b"',
    ],
    [
      'a sheet name of 32 characters',
      [{ name: 'x'.repeat(32), rows: [] }],
      `sheet name must be 1 to 31 characters without : \\ / ? * [ ] or an apostrophe at either end, got "${'x'.repeat(32)}"`,
    ],
    [
      'two names that differ only in case',
      [
        { name: 'Data', rows: [] },
        { name: 'DATA', rows: [] },
      ],
      'sheet names must be unique ignoring case, got "DATA" twice',
    ],
    ['NaN', [{ name: 'S', rows: [[1, NaN]] }], "cell B1 of sheet 'S' must be a finite number, got NaN"],
    [
      'a text longer than a cell holds',
      [{ name: 'S', rows: [['x'.repeat(32768)]] }],
      "cell A1 of sheet 'S' has 32768 characters; Excel allows 32767",
    ],
    [
      'overlapping merges',
      [{ name: 'S', rows: [], merges: [range([1, 0], [2, 2]), range([2, 2], [3, 3])] }],
      "merges 0 and 1 of sheet 'S' overlap",
    ],
    [
      'a merge whose last row is above its first',
      [{ name: 'S', rows: [], merges: [range([2, 0], [1, 2])] }],
      'merge 0 of sheet \'S\' is not a range of cells, got {"first":{"row":2,"column":0},"last":{"row":1,"column":2}}',
    ],
  ] as [string, XlsxSheetInput[], string][])(
    'refuses what Excel would repair or reject: %s',
    (_what, sheets, message) => {
      expect(() => writeXlsx(sheets)).toThrow(new Error(message));
    },
  );
});

describe('readXlsx on a workbook written by ExcelJS', () => {
  let bytes: Uint8Array;
  const dateCell = new Date(Date.UTC(2025, 11, 31));
  // The Excel serial of that date, computed independently of any xlsx code: days since 1899-12-30.
  const dateSerial = String((dateCell.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000);

  beforeAll(async () => {
    const workbook = new ExcelJS.Workbook();
    const summary = workbook.addWorksheet('Tổng hợp');
    summary.addRow(['BÁO CÁO THUÊ BAO']);
    summary.mergeCells('A1:D1');
    summary.addRow(['Tỉnh', 'Số thuê bao', 'Ngày', 'Gấp đôi']);
    summary.addRow(['Hà Nội', 42, dateCell, { formula: 'B3*2', result: 84 }]);
    summary.getCell('C3').numFmt = 'dd/mm/yyyy';
    summary.getCell('A4').value = { richText: [{ font: { bold: true }, text: 'Hà ' }, { text: 'Nội' }] };
    summary.getCell('B4').value = { formula: 'UPPER(A3)', result: 'HÀ NỘI' };
    summary.getCell('C4').value = true;
    summary.getCell('E4').value = 'A & B <c>';
    const details = workbook.addWorksheet('Chi tiết');
    details.addRow(['Mã', 'Giá trị']);
    details.addRow(['x', 1.25]);
    details.mergeCells('A4:B5');
    details.getCell('A4').value = 'gộp';
    bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  });

  test('uses the features under test: shared strings, a rich-text run, a string formula, a styled date', () => {
    const parts = unzipSync(bytes);
    expect(strFromU8(parts['xl/sharedStrings.xml']!)).toMatch(/<si><r><rPr>.*<\/r><r><t>Nội<\/t><\/r><\/si>/);
    const sheetXml = strFromU8(parts['xl/worksheets/sheet1.xml']!);
    expect(sheetXml).toContain('<c r="A2" t="s">');
    expect(sheetXml).toContain('<c r="B4" t="str"><f>UPPER(A3)</f><v>HÀ NỘI</v></c>');
    expect(sheetXml).toMatch(new RegExp(`<c r="C3" s="\\d+"><v>${dateSerial}</v></c>`));
  });

  test('reads the first sheet: strings, rich text joined, numbers, the date serial, cached formula results', () => {
    const sheet = readXlsx(bytes);

    expect(sheet.name).toBe('Tổng hợp');
    expect(sheet.merges).toEqual([range([1, 0], [1, 3])]);
    expect(sheet.rows).toEqual([
      { line: 1, cells: ['BÁO CÁO THUÊ BAO'] },
      { line: 2, cells: ['Tỉnh', 'Số thuê bao', 'Ngày', 'Gấp đôi'] },
      { line: 3, cells: ['Hà Nội', '42', dateSerial, '84'] },
      { line: 4, cells: ['Hà Nội', 'HÀ NỘI', 'TRUE', '', 'A & B <c>'] },
    ]);
  });

  test('reads the second sheet by name and by index', () => {
    const expected = {
      name: 'Chi tiết',
      rows: [
        { line: 1, cells: ['Mã', 'Giá trị'] },
        { line: 2, cells: ['x', '1.25'] },
        { line: 4, cells: ['gộp'] },
      ],
      merges: [range([4, 0], [5, 1])],
    };

    expect(readXlsx(bytes, { sheet: 'Chi tiết' })).toEqual(expected);
    expect(readXlsx(bytes, { sheet: 1 })).toEqual(expected);
  });
});

describe('ExcelJS reading a workbook from writeXlsx', () => {
  test('finds the same sheets, typed values and merges', async () => {
    const bytes = writeXlsx([
      { name: 'Báo cáo', rows: carrierReport, merges: [range([1, 0], [1, 4])] },
      { name: 'Ghi chú', rows: [[null, 'dòng 1\ndòng 2', '<&>"\'\u0001']], merges: [range([3, 1], [4, 2])] },
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
    const report = workbook.getWorksheet('Báo cáo')!;
    const notes = workbook.getWorksheet('Ghi chú')!;
    const values = (sheet: ExcelJS.Worksheet, line: number) => (sheet.getRow(line).values as unknown[]).slice(1);

    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Báo cáo', 'Ghi chú']);
    expect(report.model.merges).toEqual(['A1:E1']);
    expect(report.getCell('A1').value).toBe('BÁO CÁO SỐ LIỆU THUÊ BAO THÁNG 12/2025');
    for (let line = 2; line <= carrierReport.length; line++) {
      // ExcelJS leaves holes for missing cells and drops trailing ones.
      const expected = [...(carrierReport[line - 1] ?? [])];
      while (expected.at(-1) === null) expected.pop();
      expect(values(report, line)).toEqual(expected.map((cell) => (cell === null ? undefined : cell)));
    }
    expect(notes.model.merges).toEqual(['B3:C4']);
    expect(values(notes, 1)).toEqual([undefined, 'dòng 1\ndòng 2', '<&>"\'\u0001']);
  });
});

describe('readXlsx on hand-written parts', () => {
  // What other writers do: prefixed elements, a workbook that does not list sheet1.xml first,
  // absolute and `..` targets, cells and rows without r, inline strings, phonetic runs, entities.
  const workbookXml =
    `<x:workbook xmlns:x="${MAIN_NS}" xmlns:rel="${REL_NS}"><x:sheets>` +
    `<x:sheet name="${'Dữ liệu'.normalize('NFD')}" sheetId="7" rel:id="rIdData"/><x:sheet name="Ghi chú" sheetId="1" rel:id="rIdNotes"/>` +
    '</x:sheets></x:workbook>';
  const workbookRels =
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    `<Relationship Id="rIdNotes" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
    `<Relationship Id="rIdStrings" Type="${REL_NS}/sharedStrings" Target="../xl/strings.xml"/>` +
    `<Relationship Id="rIdData" Type="${REL_NS}/worksheet" Target="/xl/worksheets/data.xml"/>` +
    '</Relationships>';
  const sharedStrings =
    `<sst xmlns="${MAIN_NS}">` +
    '<si><t>Mã</t></si>' +
    '<si><r><rPr><b/></rPr><t xml:space="preserve">Hà </t></r><r><t>Nội</t></r><rPh sb="0" eb="2"><t>ハノイ</t></rPh></si>' +
    '<si/>' +
    '<si><t>a_x000D_b</t></si>' +
    '<si>\n  <t>A &amp; B &#7840; &#x1EA0;</t>\n</si>' +
    '</sst>';
  const dataXml =
    `<x:worksheet xmlns:x="${MAIN_NS}"><x:dimension ref="A2:XFD9"/><x:sheetData>` +
    '<x:row r="2"><x:c r="A2" t="s"><x:v>0</x:v></x:c><x:c r="C2" t="s"><x:v>1</x:v></x:c>' +
    '<x:c r="D2" t="inlineStr"><x:is><x:t>dòng 1\r\ndòng 2</x:t></x:is></x:c></x:row>' +
    '<x:row r="3" spans="1:5"><x:c r="A3" s="4"/><x:c r="B3" s="4"></x:c></x:row>' +
    '<x:row><x:c><x:v>1E-3</x:v></x:c><x:c t="b"><x:v>0</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c>' +
    '<x:c t="str"><x:f>A1&amp;"!"</x:f><x:v>Tổng &lt;cộng&gt;</x:v></x:c></x:row>' +
    `<x:row r="6"><x:c r="B6" t="inlineStr"><x:is><x:r><x:t>${'Hoà'.normalize('NFD')}</x:t></x:r></x:is></x:c>` +
    '<x:c t="s"><x:v>3</x:v></x:c><x:c r="E6" t="s"><x:v>2</x:v></x:c><x:c r="F6" s="2"><x:v>46016</x:v></x:c></x:row>' +
    '<x:row r="7"/>' +
    '<x:row r="9"><x:c r="XFD9" t="s"><x:v>4</x:v></x:c></x:row>' +
    '</x:sheetData><x:mergeCells count="2"><x:mergeCell ref="A2:B2"/><x:mergeCell ref="C4:E5"/></x:mergeCells></x:worksheet>';
  const notesXml = `<worksheet xmlns="${MAIN_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ghi chú</t></is></c></row></sheetData></worksheet>`;
  const bytes = zipSync({
    '_rels/.rels': strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(notesXml),
    'xl/worksheets/data.xml': strToU8(dataXml),
    'xl/strings.xml': strToU8(sharedStrings),
    'xl/_rels/workbook.xml.rels': strToU8(workbookRels),
    'xl/workbook.xml': strToU8(workbookXml),
  });

  test('reads the first sheet in workbook order, whatever its part is called', () => {
    const sheet = readXlsx(bytes);

    expect(sheet.name).toBe('Dữ liệu'.normalize('NFC'));
    expect(sheet.merges).toEqual([range([2, 0], [2, 1]), range([4, 2], [5, 4])]);
    expect(sheet.rows.slice(0, 3)).toEqual([
      { line: 2, cells: ['Mã', '', 'Hà Nội', 'dòng 1\ndòng 2'] },
      { line: 4, cells: ['1E-3', 'FALSE', '#N/A', 'Tổng <cộng>'] },
      { line: 6, cells: ['', 'Hoà'.normalize('NFC'), 'a\rb', '', '', '46016'] },
    ]);
    const last = sheet.rows[3]!;
    expect([
      sheet.rows.length,
      last.line,
      last.cells.length,
      last.cells[16383],
      last.cells.slice(0, 16383).every((cell) => cell === ''),
    ]).toEqual([4, 9, 16384, 'A & B Ạ Ạ', true]);
  });

  test('finds a sheet by name ignoring case, or by its 0-based index', () => {
    const expected = { name: 'Ghi chú', rows: [{ line: 1, cells: ['ghi chú'] }], merges: [] };

    expect(readXlsx(bytes, { sheet: 'GHI CHÚ' })).toEqual(expected);
    expect(readXlsx(bytes, { sheet: 1 })).toEqual(expected);
  });

  test('rejects a cell reference past column XFD', () => {
    const wide = zipSync({
      'xl/workbook.xml': strToU8(workbookXml),
      'xl/_rels/workbook.xml.rels': strToU8(workbookRels),
      'xl/worksheets/data.xml': strToU8(
        `<worksheet><sheetData><row r="1"><c r="XFE1"><v>1</v></c></row></sheetData></worksheet>`,
      ),
    });

    const error = feedErrorOf(() => readXlsx(wide));
    expect([error.code, error.message]).toEqual([
      'invalid_xlsx',
      "'XFE1' is not a cell reference (columns go from A to XFD)",
    ]);
  });
});

/** A zip written by hand, to declare sizes that do not match the data (fflate would not). */
function handmadeZip(entries: { name: string; data: Uint8Array; method: 0 | 8; declaredSize: number }[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = strToU8(entry.name);
    const header = (signature: number, size: number) => {
      const bytes = new Uint8Array(size + name.length);
      const view = new DataView(bytes.buffer);
      view.setUint32(0, signature, true);
      return { bytes, view };
    };
    const local = header(0x04034b50, 30);
    local.view.setUint16(4, 20, true);
    local.view.setUint16(8, entry.method, true);
    local.view.setUint32(18, entry.data.length, true);
    local.view.setUint32(22, entry.declaredSize, true);
    local.view.setUint16(26, name.length, true);
    local.bytes.set(name, 30);
    const directory = header(0x02014b50, 46);
    directory.view.setUint16(6, 20, true);
    directory.view.setUint16(10, entry.method, true);
    directory.view.setUint32(20, entry.data.length, true);
    directory.view.setUint32(24, entry.declaredSize, true);
    directory.view.setUint16(28, name.length, true);
    directory.view.setUint32(42, offset, true);
    directory.bytes.set(name, 46);
    chunks.push(local.bytes, entry.data);
    central.push(directory.bytes);
    offset += local.bytes.length + entry.data.length;
  }
  const directorySize = central.reduce((sum, bytes) => sum + bytes.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, directorySize, true);
  end.setUint32(16, offset, true);
  return new Uint8Array(Buffer.concat([...chunks, ...central, new Uint8Array(end.buffer)]));
}

/**
 * `mebibytes` MiB of zeros as one raw deflate stream, built without holding them: one MiB
 * deflated with a sync flush ends byte-aligned and refers to nothing before it, so copies of
 * it chain; an empty final block closes the stream.
 */
function zerosDeflated(mebibytes: number): Uint8Array {
  const oneMebibyte = zlib.deflateRawSync(Buffer.alloc(1 << 20), {
    level: 9,
    finishFlush: zlib.constants.Z_SYNC_FLUSH,
  });
  return new Uint8Array(Buffer.concat([...Array<Buffer>(mebibytes).fill(oneMebibyte), Buffer.from([0x03, 0x00])]));
}

describe('readXlsx on files that are not a readable workbook', () => {
  const validParts = unzipSync(writeXlsx([{ name: 'S', rows: [['a']] }]));
  /** A workbook whose sheet part is `data` declared as `declaredSize` bytes. */
  const workbookWithSheet = (data: Uint8Array, declaredSize: number) =>
    handmadeZip([
      ...Object.entries(validParts)
        .filter(([name]) => name !== 'xl/worksheets/sheet1.xml')
        .map(([name, content]) => ({ name, data: content, method: 0 as const, declaredSize: content.length })),
      { name: 'xl/worksheets/sheet1.xml', data, method: 8, declaredSize },
    ]);

  test('the stream helper makes what it says: 3 MiB of zeros from 3 copies', () => {
    const inflated = zlib.inflateRawSync(zerosDeflated(3));
    expect([inflated.length, inflated.every((byte) => byte === 0)]).toEqual([3 << 20, true]);
  });

  test('the hand-made zip is one fflate reads back, and a workbook', () => {
    const sheetXml = validParts['xl/worksheets/sheet1.xml']!;
    const zip = workbookWithSheet(new Uint8Array(zlib.deflateRawSync(sheetXml)), sheetXml.length);

    expect(unzipSync(zip)).toEqual(validParts);
    expect(readXlsx(zip).rows).toEqual([{ line: 1, cells: ['a'] }]);
  });

  test.each([
    [
      'random bytes',
      () => {
        let seed = 42;
        return Uint8Array.from({ length: 100_000 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 16);
      },
      'the file is not an .xlsx workbook (it is not a zip archive)',
    ],
    ['an empty file', () => new Uint8Array(0), 'the file is not an .xlsx workbook (it is not a zip archive)'],
    [
      'an .xlsx cut in half',
      () => {
        const whole = writeXlsx([{ name: 'S', rows: carrierReport }]);
        return whole.subarray(0, whole.length >> 1);
      },
      'the .xlsx file is truncated: its zip directory is missing',
    ],
    [
      'a zip without a workbook',
      () => zipSync({ 'hello.txt': strToU8('xin chào') }),
      'the zip has no workbook (xl/workbook.xml): it is not an .xlsx file',
    ],
    [
      'a CFB (OLE) file: an encrypted workbook or an old .xls',
      () => {
        const bytes = new Uint8Array(4096);
        bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
        return bytes;
      },
      'the workbook is password-protected or in the old .xls format; save it as .xlsx',
    ],
  ])('fails on %s with invalid_xlsx', (_what, bytes, message) => {
    const error = feedErrorOf(() => readXlsx(bytes()));
    expect([error.code, error.message]).toEqual(['invalid_xlsx', message]);
  });

  test('names the sheets that exist when the one asked for does not', () => {
    const bytes = writeXlsx([
      { name: 'Tổng hợp', rows: [] },
      { name: 'Chi tiết', rows: [] },
    ]);

    const byName = feedErrorOf(() => readXlsx(bytes, { sheet: 'Thuê bao' }));
    const byIndex = feedErrorOf(() => readXlsx(bytes, { sheet: 2 }));

    expect([byName.code, byName.message]).toEqual([
      'invalid_xlsx',
      "sheet 'Thuê bao' not found: the workbook has 'Tổng hợp', 'Chi tiết'",
    ]);
    expect([byIndex.code, byIndex.message]).toEqual([
      'invalid_xlsx',
      "sheet index 2 not found: the workbook has 2 sheet(s): 'Tổng hợp', 'Chi tiết'",
    ]);
  });

  test('refuses a zip bomb by its declared size, before inflating anything', () => {
    const bomb = workbookWithSheet(zerosDeflated(300), 300 << 20);

    const error = feedErrorOf(() => readXlsx(bomb, { maxUncompressedBytes: 10 << 20 }));

    const otherParts = Object.entries(validParts).reduce(
      (sum, [name, content]) => sum + (name === 'xl/worksheets/sheet1.xml' ? 0 : content.length),
      0,
    );
    expect([error.code, error.message]).toEqual([
      'invalid_xlsx',
      `the workbook expands to ${(300 << 20) + otherParts} bytes, more than the 10485760-byte limit (a damaged file or a zip bomb)`,
    ]);
  });

  test('limits a workbook to 256 MiB expanded by default, and refuses a limit that is not positive', () => {
    const error = feedErrorOf(() => readXlsx(workbookWithSheet(zerosDeflated(257), 257 << 20)));

    expect([error.code, error.message]).toMatchObject([
      'invalid_xlsx',
      expect.stringMatching(/more than the 268435456-byte limit/),
    ]);
    expect(() => readXlsx(writeXlsx([{ name: 'S', rows: [] }]), { maxUncompressedBytes: 0 })).toThrow(
      new Error('maxUncompressedBytes must be > 0, got 0'),
    );
  });

  test('stops a zip bomb that lies about its size as soon as it inflates past the declared size', () => {
    const bomb = workbookWithSheet(zerosDeflated(1024), 1000);
    const started = Date.now();

    const error = feedErrorOf(() => readXlsx(bomb));

    expect([error.code, error.message]).toEqual([
      'invalid_xlsx',
      'xl/worksheets/sheet1.xml inflates to more than its declared 1000 bytes (a damaged file or a zip bomb)',
    ]);
    // Inflating the whole GiB takes about 5 s here; stopping after the first step, 0.1 s.
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('refuses an entry that inflates to less than it declares', () => {
    const error = feedErrorOf(() => readXlsx(workbookWithSheet(zerosDeflated(1), 2 << 20)));
    expect([error.code, error.message]).toEqual([
      'invalid_xlsx',
      'the .xlsx file is damaged: xl/worksheets/sheet1.xml inflates to 1048576 bytes, not the 2097152 its zip directory declares',
    ]);
  });
});

describe('readXlsx at scale', () => {
  /**
   * A workbook as Excel writes it (shared strings, styled cells, spans), built here with
   * node:zlib rather than writeXlsx: fflate's deflate runs several times slower under jest.
   */
  function largeWorkbook(rowCount: number): Uint8Array {
    const strings = new Map<string, number>();
    const shared = (text: string) => strings.get(text) ?? strings.set(text, strings.size).size - 1;
    const rows: string[] = [];
    for (let line = 1; line <= rowCount; line++) {
      const cells = [
        `<c r="A${line}" t="s"><v>${shared(`TB${line}`)}</v></c>`,
        `<c r="B${line}" t="s"><v>${shared('Hà Nội')}</v></c>`,
        `<c r="C${line}" t="s"><v>${shared(`Phường ${line % 126}`)}</v></c>`,
        `<c r="D${line}"><v>${line * 3}</v></c>`,
        `<c r="E${line}" s="3"><v>${line / 8}</v></c>`,
        `<c r="F${line}" s="1"><v>${46016 + (line % 31)}</v></c>`,
        line % 7 === 0 ? `<c r="G${line}" s="2"/>` : `<c r="G${line}" t="s"><v>${shared(`ghi chú ${line}`)}</v></c>`,
        `<c r="H${line}" t="b"><v>${line % 2 === 0 ? 1 : 0}</v></c>`,
        `<c r="I${line}"><f>D${line}*2</f><v>${line * 6}</v></c>`,
        `<c r="J${line}" t="s"><v>${shared('Viettel')}</v></c>`,
        `<c r="K${line}" t="s"><v>${shared(`0${line % 1000}`)}</v></c>`,
        `<c r="L${line}" s="4"><v>1234.5</v></c>`,
      ];
      rows.push(`<row r="${line}" spans="1:12" x14ac:dyDescent="0.25">${cells.join('')}</row>`);
    }
    const parts = unzipSync(writeXlsx([{ name: 'Thuê bao', rows: [['x']] }]));
    parts['xl/worksheets/sheet1.xml'] = strToU8(
      `<worksheet xmlns="${MAIN_NS}" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><sheetData>${rows.join('')}</sheetData></worksheet>`,
    );
    parts['xl/sharedStrings.xml'] = strToU8(
      `<sst xmlns="${MAIN_NS}">${[...strings.keys()].map((text) => `<si><t>${text}</t></si>`).join('')}</sst>`,
    );
    return handmadeZip(
      Object.entries(parts).map(([name, data]) => ({
        name,
        data: new Uint8Array(zlib.deflateRawSync(data)),
        method: 8,
        declaredSize: data.length,
      })),
    );
  }

  // Its speed is measured in `npm run bench` (bench/native-results.md), not asserted here.
  test('reads 100,000 rows of 12 columns, in order', () => {
    const bytes = largeWorkbook(100_000);

    const sheet = readXlsx(bytes);

    expect(sheet.rows).toHaveLength(100_000);
    expect(sheet.rows[0]).toEqual({
      line: 1,
      cells: ['TB1', 'Hà Nội', 'Phường 1', '3', '0.125', '46017', 'ghi chú 1', 'FALSE', '6', 'Viettel', '01', '1234.5'],
    });
    expect(sheet.rows[6]?.cells[6]).toBe('');
    expect(sheet.rows[99_999]).toEqual({
      line: 100_000,
      cells: [
        'TB100000',
        'Hà Nội',
        'Phường 82',
        '300000',
        '12500',
        '46041',
        'ghi chú 100000',
        'TRUE',
        '600000',
        'Viettel',
        '00',
        '1234.5',
      ],
    });
  });
});

/** A workbook whose one sheet holds `sheetData` (the inside of <sheetData>) and these shared strings. */
function workbookWithData(sheetData: string, strings: string[] = []): Uint8Array {
  const parts = unzipSync(writeXlsx([{ name: 'S', rows: [['x']] }]));
  parts['xl/worksheets/sheet1.xml'] = strToU8(
    `<worksheet xmlns="${MAIN_NS}"><sheetData>${sheetData}</sheetData></worksheet>`,
  );
  parts['xl/sharedStrings.xml'] = strToU8(
    `<sst xmlns="${MAIN_NS}">${strings.map((text) => `<si><t>${text}</t></si>`).join('')}</sst>`,
  );
  return zipSync(parts);
}

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

describe('scanXlsx: the sheet checked whole first, its rows made as they are read', () => {
  test('gives the rows in file order, and the same rows by line for a sheet written in order', () => {
    const bytes = writeXlsx([{ name: 'Báo cáo', rows: carrierReport, merges: [range([1, 0], [1, 4])] }]);

    const sheet = scanXlsx(bytes);

    expect([sheet.name, sheet.merges]).toEqual(['Báo cáo', [range([1, 0], [1, 4])]]);
    expect([...sheet.rows()].map((row) => row.line)).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...sheet.rowsByLine()]).toEqual([...sheet.rows()]);
  });

  test.each([
    [
      'a shared string the workbook lacks, in the last row',
      `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>5</v></c></row>`,
      'cell A2 refers to shared string 5, but the workbook has 1',
    ],
    [
      'a tag cut off at the end',
      `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2`,
      'the sheet is cut off in the middle of a tag',
    ],
    [
      'a cell past XFD',
      `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="XFE2"><v>1</v></c></row>`,
      "'XFE2' is not a cell reference (columns go from A to XFD)",
    ],
  ])('fails on %s before a row is asked for', (_what, sheetData, message) => {
    const error = feedErrorOf(() => scanXlsx(workbookWithData(sheetData, ['Mã'])));
    expect([error.code, error.message]).toEqual(['invalid_xlsx', message]);
  });

  test('orders rows a broken file writes out of order by line, keeping the later of two rows on a line when it has text', () => {
    const bytes = workbookWithData(
      `<row r="3">${inline('A3', 'c')}</row><row r="1">${inline('A1', 'a')}</row><row r="3">${inline('A3', 'C')}</row>` +
        `<row r="2">${inline('B2', 'b')}</row><row r="2">${inline('A2', '')}</row>`,
    );

    const sheet = scanXlsx(bytes);

    expect([...sheet.rows()]).toEqual([
      { line: 3, cells: ['c'] },
      { line: 1, cells: ['a'] },
      { line: 3, cells: ['C'] },
      { line: 2, cells: ['', 'b'] },
    ]);
    expect([...sheet.rowsByLine()]).toEqual([
      { line: 1, cells: ['a'] },
      { line: 2, cells: ['', 'b'] },
      { line: 3, cells: ['C'] },
    ]);
  });

  test('holds more cells, and more rows, than it first makes room for (about one cell per 24 bytes of sheet)', () => {
    // 20 cells of about 20 bytes a row, and rows of one cell: both more than the first guess.
    const wide = Array.from(
      { length: 1000 },
      (_, row) =>
        `<row>${Array.from({ length: 20 }, (_, column) => `<c><v>${row * 20 + column}</v></c>`).join('')}</row>`,
    );
    const tall = Array.from({ length: 5000 }, (_, row) => `<row><c><v>${row}</v></c></row>`);

    const wideRows = [...scanXlsx(workbookWithData(wide.join(''))).rows()];
    const tallRows = [...scanXlsx(workbookWithData(tall.join(''))).rows()];

    expect([
      wideRows.length,
      wideRows.flatMap((row) => row.cells).every((cell, index) => cell === String(index)),
      wideRows[999],
    ]).toEqual([1000, true, { line: 1000, cells: Array.from({ length: 20 }, (_, column) => String(19980 + column)) }]);
    expect([
      tallRows.length,
      tallRows.every((row, index) => row.line === index + 1 && row.cells[0] === String(index)),
    ]).toEqual([5000, true]);
  });
});

/** Merges as the reader applied them before rows streamed: the whole sheet in a map, filled merge after merge. */
function mergedWhole(rows: XlsxRow[], merges: XlsxRange[]): XlsxRow[] {
  const byLine = new Map(rows.map((row) => [row.line, { line: row.line, cells: [...row.cells] }]));
  for (const merge of merges) {
    const text = byLine.get(merge.first.row)?.cells[merge.first.column] ?? '';
    for (let line = merge.first.row; line <= merge.last.row; line++) {
      let row = byLine.get(line);
      if (!row) byLine.set(line, (row = { line, cells: [] }));
      for (let column = merge.first.column; column <= merge.last.column; column++) {
        while (row.cells.length <= column) row.cells.push('');
        row.cells[column] = text;
      }
    }
  }
  return [...byLine.values()].sort((a, b) => a.line - b.line);
}

describe('fillMerges', () => {
  test('fills a title over its columns and a district down its wards, making the rows only a merge covers', () => {
    const rows: XlsxRow[] = [
      { line: 1, cells: ['BÁO CÁO'] },
      { line: 3, cells: ['Huyện A', 'Xã 1'] },
      { line: 4, cells: ['', 'Xã 2'] },
    ];
    const merges = [range([1, 0], [1, 2]), range([3, 0], [6, 0])];

    expect([...fillMerges(rows, merges)]).toEqual([
      { line: 1, cells: ['BÁO CÁO', 'BÁO CÁO', 'BÁO CÁO'] },
      { line: 3, cells: ['Huyện A', 'Xã 1'] },
      { line: 4, cells: ['Huyện A', 'Xã 2'] },
      { line: 5, cells: ['Huyện A'] },
      { line: 6, cells: ['Huyện A'] },
    ]);
  });

  test('gives what filling the whole sheet merge after merge gives, overlapping and upside-down merges too', () => {
    const cells = fc.array(fc.constantFrom('', ' ', 'a', 'b', 'Hà'), { maxLength: 5 });
    const rows = fc
      .uniqueArray(fc.record({ line: fc.integer({ min: 0, max: 12 }), cells }), {
        selector: (row) => row.line,
        maxLength: 8,
      })
      .map((drawn) => drawn.sort((a, b) => a.line - b.line));
    const corner = fc.record({ row: fc.integer({ min: 0, max: 14 }), column: fc.integer({ min: 0, max: 5 }) });
    const merges = fc.array(fc.record({ first: corner, last: corner }), { maxLength: 5 });

    fc.assert(
      fc.property(rows, merges, (drawnRows, drawnMerges) => {
        const copy = drawnRows.map((row) => ({ line: row.line, cells: [...row.cells] }));
        expect([...fillMerges(copy, drawnMerges)]).toEqual(mergedWhole(drawnRows, drawnMerges));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('an XLSX file as records for the record loop', () => {
  const spec = getSource('vnpt');
  const feed = spec.feeds[0]!;
  async function* once(bytes: Uint8Array) {
    yield bytes;
  }

  test('comes in batches of at most 1,024 records, by line, merges filled and blank rows left out', async () => {
    const data: XlsxCell[][] = Array.from({ length: 2100 }, (_, i) => [`Huyện ${Math.floor(i / 100)}`, `Xã ${i}`]);
    data[500] = ['  ', null]; // spaces only
    const bytes = writeXlsx([
      {
        name: 'S',
        rows: [['BÁO CÁO', null], ['Huyện', 'Xã'], ...data],
        merges: [range([1, 0], [1, 1]), range([3, 0], [4, 0])],
      },
    ]);

    const batches: FeedRecord[][] = [];
    for await (const batch of readFeed(once(bytes), spec, feed).batches) batches.push(batch.records);
    const records = batches.flat();

    expect(batches.map((batch) => batch.length)).toEqual([1024, 1024, 53]);
    expect(records.slice(0, 4)).toEqual([
      { line: 1, fields: ['BÁO CÁO', 'BÁO CÁO'], sheet: 'S' },
      { line: 2, fields: ['Huyện', 'Xã'], sheet: 'S' },
      { line: 3, fields: ['Huyện 0', 'Xã 0'], sheet: 'S' },
      { line: 4, fields: ['Huyện 0', 'Xã 1'], sheet: 'S' },
    ]);
    expect([
      records.some((record) => record.line === 503),
      records.every((record, i) => i === 0 || record.line > records[i - 1]!.line),
    ]).toEqual([false, true]);
  });

  test('fails on a broken sheet before the first batch, without taking the file for an .xlsx', async () => {
    const bytes = workbookWithData(
      `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>7</v></c></row>`,
      ['Mã'],
    );
    const { batches, facts } = readFeed(once(bytes), spec, feed);
    const received: unknown[] = [];

    await expect(
      (async () => {
        for await (const batch of batches) received.push(batch);
      })(),
    ).rejects.toMatchObject({
      name: 'FeedError',
      code: 'invalid_xlsx',
      message: 'cell A2 refers to shared string 7, but the workbook has 1',
    });
    expect([received, facts.encoding]).toEqual([[], undefined]);
  });
});
