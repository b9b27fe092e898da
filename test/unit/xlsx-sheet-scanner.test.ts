import { strToU8 } from 'fflate';
import { cellPosition, columnName } from '../../lambdas/core/feeds/xlsx/cell-refs';
import { scanWorksheet } from '../../lambdas/core/feeds/xlsx/sheet-scanner';
import { feedErrorOf } from '../support/feed-error-of';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const worksheet = (sheetData: string, after = '') =>
  strToU8(`<worksheet xmlns="${MAIN_NS}"><dimension ref="A1"/><sheetData>${sheetData}</sheetData>${after}</worksheet>`);
const rowsOf = (part: Uint8Array, strings: string[] = []) => [...scanWorksheet(part, strings).cells.rows()];

describe('scanWorksheet', () => {
  test('gives each cell the text its type says: shared, inline, boolean, number, formula text, error', () => {
    const part = worksheet(
      '<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="inlineStr"><is><t>Trạm</t></is></c>' +
        '<c r="C1" t="b"><v>1</v></c><c r="D1" t="b"><v>0</v></c><c r="E1"><v>-1.5E-3</v></c>' +
        '<c r="F1" t="str"><f>UPPER(B1)</f><v>TRẠM</v></c><c r="G1" t="e"><v>#N/A</v></c>' +
        '<c r="H1" t="n" s="3"><v>46016</v></c></row>',
    );

    expect(rowsOf(part, ['Mã', 'Phường Vĩnh Yên'])).toEqual([
      { line: 1, cells: ['Phường Vĩnh Yên', 'Trạm', 'TRUE', 'FALSE', '-1.5E-3', 'TRẠM', '#N/A', '46016'] },
    ]);
  });

  test('leaves out cells that only carry formatting, and rows left with none', () => {
    const part = worksheet(
      '<row r="1"><c r="A1" s="2"/><c r="B1" s="2"></c><c r="C1"><v></v></c><c r="D1"><v/></c>' +
        '<c r="E1" t="inlineStr"><is><t/></is></c><c r="F1" t="s"><v>0</v></c></row>' +
        '<row r="2" spans="1:3"><c r="C2"><v>7</v></c></row>',
    );

    expect(rowsOf(part, [''])).toEqual([{ line: 2, cells: ['', '', '7'] }]);
  });

  test('notes a formula saved without its value (no <v>, or an empty one that is no text result), and only those', () => {
    const part = worksheet(
      '<row r="4"><c r="A4"><v>13441</v></c><c r="B4"><f>ROUND(A4*0.74,0)</f><v></v></c>' +
        '<c r="C4"><f>A4+1</f></c><c r="D4" t="str"><f>TRIM(" ")</f><v></v></c>' +
        '<c r="E4"><f>A4*2</f><v>26882</v></c><c r="F4" t="s"><v>0</v></c></row>',
    );
    const rows = [...scanWorksheet(part, ['x']).cells.rows(true)];
    expect(rows).toEqual([
      {
        line: 4,
        cells: ['13441', '', '', '', '26882', 'x'],
        numeric: [true, undefined, undefined, undefined, true],
        uncalculated: [undefined, true, true],
      },
    ]);
  });

  test('counts rows and cells without r on from the one before, as the spec allows', () => {
    const part = worksheet(
      '<row><c><v>1</v></c><c><v>2</v></c></row><row r="5"><c r="C5"><v>3</v></c><c><v>4</v></c></row><row><c><v>5</v></c></row>',
    );

    expect(rowsOf(part)).toEqual([
      { line: 1, cells: ['1', '2'] },
      { line: 5, cells: ['', '', '3', '4'] },
      { line: 6, cells: ['5'] },
    ]);
  });

  test('reads cells however the tags are laid out: attributes in any order and quoting, spaces, a formula first', () => {
    const part = worksheet(
      "<row r='3'>\n  <c t='s' s='1' r='B3'>\n    <v>0</v>\n  </c>\n" +
        '  <c s="1" t="str" r="C3"><f t="shared" ref="C3:C9" si="0">B3&amp;"!"</f><v>Mã!</v></c>\n' +
        '  <c r="D3" t="inlineStr"><is><r><t>Hà </t></r><r><rPr><b/></rPr><t>Nội</t></r><rPh><t>x</t></rPh></is></c>\n</row>',
    );

    expect(rowsOf(part, ['Mã'])).toEqual([{ line: 3, cells: ['', 'Mã', 'Mã!', 'Hà Nội'] }]);
  });

  test('reads a part whose elements are prefixed', () => {
    const part = strToU8(
      `<x:worksheet xmlns:x="${MAIN_NS}"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c>` +
        '<x:c r="B1" t="inlineStr"><x:is><x:t>ghi chú</x:t></x:is></x:c><x:c r="C1"><x:v>2</x:v></x:c></x:row></x:sheetData>' +
        '<x:mergeCells count="1"><x:mergeCell ref="A1:C1"/></x:mergeCells></x:worksheet>',
    );

    const { cells, merges } = scanWorksheet(part, ['Mã']);

    expect([...cells.rows()]).toEqual([{ line: 1, cells: ['Mã', 'ghi chú', '2'] }]);
    expect(merges).toEqual([{ first: { row: 1, column: 0 }, last: { row: 1, column: 2 } }]);
  });

  test('finds each text by its bytes in a part that is not ASCII, where bytes and characters differ', () => {
    const part = worksheet(
      '<row r="1"><c r="A1" t="str"><v>Tổng cộng</v></c><c r="B1"><v>42</v></c>' +
        '<c r="C1" t="inlineStr"><is><t>Phường Đống Đa</t></is></c><c r="D1" t="e"><v>#DIV/0!</v></c></row>',
    );

    expect(rowsOf(part)).toEqual([{ line: 1, cells: ['Tổng cộng', '42', 'Phường Đống Đa', '#DIV/0!'] }]);
  });

  test('reads the merges that follow the sheet data: ranges, and a single cell', () => {
    const part = worksheet(
      '<row r="1"><c r="A1"><v>1</v></c></row>',
      '<mergeCells count="3"><mergeCell ref="A1:L1"/><mergeCell ref="b2:B3"/><mergeCell ref="D4"/></mergeCells>',
    );

    expect(scanWorksheet(part, []).merges).toEqual([
      { first: { row: 1, column: 0 }, last: { row: 1, column: 11 } },
      { first: { row: 2, column: 1 }, last: { row: 3, column: 1 } },
      { first: { row: 4, column: 3 }, last: { row: 4, column: 3 } },
    ]);
  });

  test('reads a part with no sheet data as no rows', () => {
    expect(rowsOf(strToU8(`<worksheet xmlns="${MAIN_NS}"><dimension ref="A1"/></worksheet>`))).toEqual([]);
    expect(rowsOf(worksheet(''))).toEqual([]);
  });

  test.each([
    [
      'a shared string the workbook lacks',
      '<row r="4"><c r="A4" t="s"><v>0</v></c><c r="AB4" t="s"><v>2</v></c></row>',
      'cell AB4 refers to shared string 2, but the workbook has 1',
    ],
    ['a tag cut off in its attributes', '<row r="1"><c r="A1" t="s', 'the sheet is cut off in the middle of a tag'],
    [
      'a cell cut off in its value',
      '<row r="1"><c r="A1" t="str"><f>1+1</f><v>2',
      'the sheet is cut off in the middle of a tag',
    ],
    [
      'a cell reference past XFD',
      '<row r="1"><c r="XFE1"><v>1</v></c></row>',
      "'XFE1' is not a cell reference (columns go from A to XFD)",
    ],
    [
      'a cell reference that is no reference',
      '<row r="1"><c r="1A"><v>1</v></c></row>',
      "'1A' is not a cell reference (columns go from A to XFD)",
    ],
    [
      'cells without r that run past XFD',
      `<row r="2">${'<c><v>1</v></c>'.repeat(16385)}</row>`,
      'row 2 has a cell past column XFD',
    ],
  ])('refuses %s, naming it', (_what, sheetData, message) => {
    const error = feedErrorOf(() => scanWorksheet(worksheet(sheetData), ['Mã']));

    expect([error.code, error.message]).toEqual(['invalid_xlsx', message]);
  });

  test('refuses a merge whose reference is no cell reference', () => {
    const part = worksheet('', '<mergeCells count="1"><mergeCell ref="A1:ZZZZ1"/></mergeCells>');

    expect(feedErrorOf(() => scanWorksheet(part, [])).message).toBe(
      "'ZZZZ1' is not a cell reference (columns go from A to XFD)",
    );
  });
});

describe('cell references', () => {
  test.each([
    ['A1', 1, 0],
    ['c5', 5, 2],
    ['Z10', 10, 25],
    ['AA1', 1, 26],
    ['XFD1048576', 1048576, 16383],
    ['B', 0, 1],
  ])('%s is row %s, column %s', (ref, row, column) => {
    expect(cellPosition(ref)).toEqual({ row, column });
  });

  test.each(['', '1', 'XFE1', 'ABCD1', 'A1.5'])('%p is not a cell reference', (ref) => {
    expect(() => cellPosition(ref)).toThrow(`'${ref}' is not a cell reference (columns go from A to XFD)`);
  });

  test('names a column as Excel does, and back', () => {
    const columns = [0, 25, 26, 51, 52, 701, 702, 16383];

    expect(columns.map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
    expect(columns.map((column) => cellPosition(`${columnName(column)}1`).column)).toEqual(columns);
  });
});
