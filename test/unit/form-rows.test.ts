import { isColumnNumberRow, startsSignature } from '../../lambdas/core/ingest/form-rows';
import { joinHeaderRows } from '../../lambdas/core/ingest/header-rows';

// The rows a report form has around its table (as in test/fixtures/office/vnpt_tram_ky_ten*.xlsx,
// which openpyxl and LibreOffice wrote), and a two-row header whose merge a CSV export dropped.

test('column numbers: (1) (2) (3)…, 1 2 3…, A B C…, three or more, in order', () => {
  expect(isColumnNumberRow(['(1)', '(2)', '(3)', '(4)'])).toBe(true);
  expect(isColumnNumberRow(['1', '2', '3'])).toBe(true);
  expect(isColumnNumberRow(['A', 'B', 'C'])).toBe(true);
  expect(isColumnNumberRow(['(1)', '(2)'])).toBe(false);
  expect(isColumnNumberRow(['(1)', '(3)', '(4)'])).toBe(false);
  expect(isColumnNumberRow(['1', '2', '3', 'Hoạt động'])).toBe(false);
  expect(isColumnNumberRow(['08707', '2', '3'])).toBe(false);
});

test('a signature block starts with the place and date, the signers’ titles, or (Ký, họ tên); a name alone does not', () => {
  for (const cell of [
    'Vĩnh Phúc, ngày 05 tháng 01 năm 2026',
    'ngày ... tháng ... năm ...',
    'Người lập biểu',
    'Thủ trưởng đơn vị',
    '(Ký, họ tên, đóng dấu)',
    'KT. GIÁM ĐỐC',
    'TM. ỦY BAN NHÂN DÂN',
    'Kế toán trưởng',
  ])
    expect([cell, startsSignature([cell])]).toEqual([cell, true]);
  for (const cell of ['Nguyễn Văn An', 'Phường Vĩnh Yên', 'Hoạt động', '12/2025', 'Tổng cộng'])
    expect([cell, startsSignature([cell])]).toEqual([cell, false]);
});

test('a group header over its sub-headers, its merge lost in a CSV export, still names each sub-column', () => {
  const top = ['Mã xã', 'Công nghệ', '', '', 'Toạ độ', '', 'Trạng thái', 'Ghi chú'];
  const bottom = ['', '2G', '3G', '4G', 'Vĩ độ', 'Kinh độ', '', ''];
  expect(joinHeaderRows([top, bottom], false)).toEqual([
    'Mã xã',
    'Công nghệ 2G',
    'Công nghệ 3G',
    'Công nghệ 4G',
    'Toạ độ Vĩ độ',
    'Toạ độ Kinh độ',
    'Trạng thái',
    'Ghi chú',
  ]);
  // An empty top cell over nothing stays empty: only a sub-header takes its group's name.
  expect(
    joinHeaderRows(
      [
        ['Mã', 'Tên', ''],
        ['', '', ''],
      ],
      false,
    ),
  ).toEqual(['Mã', 'Tên', '']);
});
