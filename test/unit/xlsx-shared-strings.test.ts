import { FeedError } from '../../lambdas/core/feeds/feed-error';
import { readSharedStrings } from '../../lambdas/core/feeds/xlsx/shared-strings';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const sst = (items: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="${MAIN_NS}">${items}</sst>`;

describe('readSharedStrings', () => {
  test('gives each string item its text, by position', () => {
    expect(readSharedStrings(sst('<si><t>Mã xã</t></si><si><t xml:space="preserve"> Tên xã </t></si>'))).toEqual([
      'Mã xã',
      ' Tên xã ',
    ]);
  });

  test('joins the runs of a rich-text item, whatever their formatting', () => {
    const item =
      '<si><r><rPr><b/><sz val="11"/><rFont val="Calibri"/></rPr><t xml:space="preserve">Phường </t></r>' +
      '<r><rPr><i/></rPr><t>Vĩnh Yên</t></r><r><t/></r></si>';

    expect(readSharedStrings(sst(item))).toEqual(['Phường Vĩnh Yên']);
  });

  test('leaves out phonetic runs (rPh), which are a reading guide, not the text', () => {
    const item =
      '<si><r><t>東京</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><r><t>都</t></r><phoneticPr fontId="1"/></si>' +
      '<si><t>大阪</t><rPh sb="0" eb="2"><t>オオサカ</t></rPh></si>';

    expect(readSharedStrings(sst(item))).toEqual(['東京都', '大阪']);
  });

  test('decodes _xHHHH_ escapes (a CR that must stay one, control characters) and keeps an escaped literal', () => {
    const items =
      '<si><t>dòng 1_x000D_\ndòng 2</t></si><si><t>bell_x0007_</t></si><si><t>_x005F_x000D_ literal</t></si>';

    expect(readSharedStrings(sst(items))).toEqual(['dòng 1\r\ndòng 2', 'bell\u0007', '_x000D_ literal']);
  });

  test('decodes named, decimal and hexadecimal entities, and a raw CR LF as XML reads it (LF)', () => {
    const items =
      '<si><t>A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos;</t></si><si><t>&#7840; &#x1EA0;</t></si><si><t>a\r\nb</t></si>';

    expect(readSharedStrings(sst(items))).toEqual(['A & B <c> "d" \'e\'', 'Ạ Ạ', 'a\nb']);
  });

  test('gives text in NFC whatever form it was written in', () => {
    const decomposed = 'Thừa Thiên Huế'.normalize('NFD');

    expect(readSharedStrings(sst(`<si><t>${decomposed}</t></si><si><r><t>${decomposed}</t></r></si>`))).toEqual([
      'Thừa Thiên Huế'.normalize('NFC'),
      'Thừa Thiên Huế'.normalize('NFC'),
    ]);
  });

  test('keeps empty items in their place, since cells refer to strings by position', () => {
    expect(readSharedStrings(sst('<si/><si><t/></si><si><t></t></si><si><t>x</t></si>'))).toEqual(['', '', '', 'x']);
  });

  test('reads a table whose elements are prefixed, as some writers do', () => {
    const xml =
      `<x:sst xmlns:x="${MAIN_NS}"><x:si><x:t>Hà Nội</x:t></x:si>` +
      '<x:si><x:r><x:t>Hà </x:t></x:r><x:rPh><x:t>ハノイ</x:t></x:rPh><x:r><x:t>Nam</x:t></x:r></x:si></x:sst>';

    expect(readSharedStrings(xml)).toEqual(['Hà Nội', 'Hà Nam']);
  });

  test('is empty when the workbook has no shared strings part', () => {
    expect(readSharedStrings(undefined)).toEqual([]);
  });

  test('refuses a table cut off in the middle of an item, saying after which string', () => {
    const act = () => readSharedStrings(sst('<si><t>a</t></si><si><t>b</t></si><si><t>c</t>'));

    expect(act).toThrow(FeedError);
    expect(act).toThrow(expect.objectContaining({ code: 'invalid_xlsx' }));
    expect(act).toThrow('the shared strings part is cut off after string 2');
  });
});
