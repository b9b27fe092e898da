import { readXlsx } from '../../lambdas/core/feeds/xlsx/read-xlsx';
import { writeXlsx, type XlsxCell } from '../../lambdas/core/feeds/xlsx/write-xlsx';
test('timing', () => {
  const rows: XlsxCell[][] = [];
  for (let i = 1; i <= 100_000; i++) rows.push([`TB${i}`, 'Hà Nội', `Phường ${i % 126}`, i * 3, i / 8, 46016 + (i % 31), `ghi chú ${i}`, i % 2 === 0, i % 100, 'Viettel', `0${i % 1000}`, 1234.5]);
  let t = performance.now();
  const bytes = writeXlsx([{ name: 'T', rows }]);
  console.log('write', performance.now() - t);
  for (let k = 0; k < 3; k++) { t = performance.now(); readXlsx(bytes); console.log('read', performance.now() - t); }
});
