import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { type OpenedWorkbook, openXlsx, scanXlsx } from '../../lambdas/core/feeds/xlsx/read-xlsx';
import { writeXlsx, type XlsxCell } from '../../lambdas/core/feeds/xlsx/write-xlsx';
import { ZipContainer } from '../../lambdas/core/feeds/xlsx/zip-container';
import { feedErrorOf } from '../support/feed-error-of';

/** What a carrier sends: a sheet of instructions first, the data on the second, both with Vietnamese text. */
const instructions: XlsxCell[][] = [['Hướng dẫn điền biểu mẫu'], ['Điền mỗi trạm một dòng; Mã xã theo danh mục 2025.']];
const data: XlsxCell[][] = [
  ['Mã xã', 'Tên xã', 'Mã trạm', 'Trạng thái'],
  ['08707', 'Phường Vĩnh Yên', 'VNP-0001', 'Hoạt động'],
  ['08707', 'Phường Vĩnh Yên', 'VNP-0002', 'Hướng dẫn điền biểu mẫu'],
];
const carrierWorkbook = () =>
  writeXlsx([
    { name: 'Hướng dẫn', rows: instructions },
    { name: 'Dữ liệu', rows: data, merges: [{ first: { row: 2, column: 1 }, last: { row: 3, column: 1 } }] },
  ]);

/** The zip paths of the parts read while `act` runs, in order. */
function partsRead(act: () => void): string[] {
  const part = jest.spyOn(ZipContainer.prototype, 'part');
  try {
    act();
    return part.mock.calls.map(([path]) => path);
  } finally {
    part.mockRestore();
  }
}

describe('openXlsx', () => {
  test('lists the sheets in workbook order, and scans the second for the data under its header', () => {
    const workbook = openXlsx(carrierWorkbook());
    const second = workbook.scan(1);

    expect(workbook.sheets).toEqual([
      { name: 'Hướng dẫn', hidden: false },
      { name: 'Dữ liệu', hidden: false },
    ]);
    expect([second.name, second.date1904, second.merges]).toEqual([
      'Dữ liệu',
      false,
      [{ first: { row: 2, column: 1 }, last: { row: 3, column: 1 } }],
    ]);
    expect([...second.rowsByLine()]).toEqual([
      { line: 1, cells: ['Mã xã', 'Tên xã', 'Mã trạm', 'Trạng thái'] },
      { line: 2, cells: ['08707', 'Phường Vĩnh Yên', 'VNP-0001', 'Hoạt động'] },
      { line: 3, cells: ['08707', 'Phường Vĩnh Yên', 'VNP-0002', 'Hướng dẫn điền biểu mẫu'] },
    ]);
  });

  test('gives both sheets their own texts from the one shared-string table, read once', () => {
    const bytes = carrierWorkbook();
    // The two sheets share strings: the second's last cell is the first's title.
    expect(strFromU8(unzipSync(bytes)['xl/worksheets/sheet2.xml']!)).toContain('<c r="D3" t="s"><v>0</v></c>');
    let rows: unknown[][] = [];

    const read = partsRead(() => {
      const workbook = openXlsx(bytes);
      rows = [[...workbook.scan(0).rows()], [...workbook.scan(1).rows()], [...workbook.scan(0).rows()]];
    });

    expect(rows[0]).toEqual([
      { line: 1, cells: ['Hướng dẫn điền biểu mẫu'] },
      { line: 2, cells: ['Điền mỗi trạm một dòng; Mã xã theo danh mục 2025.'] },
    ]);
    expect(rows[1]).toEqual([...scanXlsx(bytes, { sheet: 'Dữ liệu' }).rows()]);
    expect(rows[2]).toEqual(rows[0]);
    expect(read.filter((path) => path === 'xl/sharedStrings.xml')).toHaveLength(1);
    expect(read.filter((path) => path === 'xl/styles.xml')).toHaveLength(1);
  });

  test('reads no sheet part until that sheet is scanned', () => {
    const bytes = carrierWorkbook();
    let workbook!: OpenedWorkbook;

    const onOpen = partsRead(() => (workbook = openXlsx(bytes)));
    const onScan = partsRead(() => workbook.scan(1));

    expect(onOpen).toEqual(['_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels']);
    // The shared strings and the styles (which cells show a percent) with the first sheet scanned, once for all.
    expect(onScan).toEqual(['xl/worksheets/sheet2.xml', 'xl/sharedStrings.xml', 'xl/styles.xml']);
  });

  test('says which sheets are hidden (hidden or very hidden), and the workbook date system', () => {
    const parts = unzipSync(
      writeXlsx([
        { name: 'Danh mục', rows: [['x']] },
        { name: 'Dữ liệu', rows: [['y']] },
        { name: 'Macro', rows: [['z']] },
      ]),
    );
    const workbookXml = strFromU8(parts['xl/workbook.xml']!)
      .replace('<sheet name="Danh mục" sheetId="1"', '<sheet name="Danh mục" sheetId="1" state="hidden"')
      .replace('<sheet name="Macro" sheetId="3"', '<sheet name="Macro" sheetId="3" state="veryHidden"')
      .replace(/<workbookPr[^>]*>|(?=<sheets>)/, '<workbookPr date1904="1"/>');
    parts['xl/workbook.xml'] = strToU8(workbookXml);

    const workbook = openXlsx(zipSync(parts));

    expect(workbook.date1904).toBe(true);
    expect(workbook.sheets).toEqual([
      { name: 'Danh mục', hidden: true },
      { name: 'Dữ liệu', hidden: false },
      { name: 'Macro', hidden: true },
    ]);
    expect([...workbook.scan(0).rows()]).toEqual([{ line: 1, cells: ['x'] }]);
  });

  test('opens a workbook with a sheet it cannot scan, and refuses that sheet only when it is scanned', () => {
    const parts = unzipSync(carrierWorkbook());
    delete parts['xl/worksheets/sheet1.xml'];
    const workbook = openXlsx(zipSync(parts));

    const error = feedErrorOf(() => workbook.scan(0));

    expect([error.code, error.message]).toEqual([
      'invalid_xlsx',
      "the part of sheet 'Hướng dẫn' (xl/worksheets/sheet1.xml) is missing from the zip",
    ]);
    expect([...workbook.scan(1).rows()]).toHaveLength(3);
  });

  test('refuses a position past the last sheet, naming the sheets there are', () => {
    const workbook = openXlsx(carrierWorkbook());

    expect(feedErrorOf(() => workbook.scan(2)).message).toBe(
      "sheet index 2 not found: the workbook has 2 sheet(s): 'Hướng dẫn', 'Dữ liệu'",
    );
  });

  test('holds the workbook to the size limit it is given, and refuses one that is not positive', () => {
    const bytes = carrierWorkbook();

    expect(feedErrorOf(() => openXlsx(bytes, { maxUncompressedBytes: 1000 })).message).toMatch(
      /^the workbook expands to \d+ bytes, more than the 1000-byte limit \(a damaged file or a zip bomb\)$/,
    );
    expect(() => openXlsx(bytes, { maxUncompressedBytes: -1 })).toThrow(
      new Error('maxUncompressedBytes must be > 0, got -1'),
    );
  });
});
