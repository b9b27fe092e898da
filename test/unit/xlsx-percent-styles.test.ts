import { percentStyles, showsPercent } from '../../lambdas/core/feeds/xlsx/percent-styles';

test.each([
  ['0.00%', true],
  ['0%', true],
  ['[Red]0.0%', true],
  ['#,##0.00" %"', false],
  ['0\\%', false],
  ['[$%-409]0', false],
  ['0.00', false],
  ['dd/mm/yyyy', false],
])('the number format %s shows a percent: %s', (code, expected) => {
  expect(showsPercent(code)).toBe(expected);
});

test('cell styles that show a percent: built-in 9 and 10, and custom formats with a % (entities decoded), by <cellXfs> position', () => {
  const styles = `<?xml version="1.0"?><x:styleSheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
    <x:numFmts count="2"><x:numFmt numFmtId="164" formatCode="0.0%"/><x:numFmt numFmtId="165" formatCode="&quot;%&quot;0"/></x:numFmts>
    <x:cellStyleXfs count="1"><x:xf numFmtId="10"/></x:cellStyleXfs>
    <x:cellXfs count="6"><x:xf numFmtId="0"/><x:xf numFmtId="9" applyNumberFormat="1"/><x:xf numFmtId="14"/>
      <x:xf numFmtId="164"/><x:xf numFmtId="165"/><x:xf numFmtId="10"></x:xf></x:cellXfs></x:styleSheet>`;
  expect([...percentStyles(styles)]).toEqual([0, 1, 0, 1, 0, 1]);
  expect([...percentStyles(undefined)]).toEqual([]);
});
