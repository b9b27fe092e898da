import iconv from 'iconv-lite';
import { decodeCodePage, encodeCodePage, type CodePage } from '../../lambdas/core/feeds/code-pages';
import { CODE_PAGE_TABLES } from '../../lambdas/core/feeds/code-page-tables';
import { decodeText, encodeText } from '../../lambdas/core/feeds/text-encodings';

// The code pages are tables derived from iconv-lite (scripts/derive-code-pages.ts), so the
// bundle need not carry it: checked here against iconv-lite itself, a dev dependency.
const ICONV: Record<CodePage, string> = { 'windows-1252': 'windows1252', 'windows-1258': 'windows1258', tcvn3: 'tcvn' };
const EVERY_BYTE = Uint8Array.from({ length: 256 }, (_, b) => b);
const VIETNAMESE = 'Tổng cộng: Phường Vĩnh Yên, Xã Tề Lỗ, Thị trấn Hợp Hòa; ĐƯỜNG Ỷ Lan — 12,5% (?)';

describe.each(Object.keys(CODE_PAGE_TABLES) as CodePage[])('%s', (page) => {
  test('every byte reads as iconv-lite reads it', () => {
    expect(decodeCodePage(EVERY_BYTE, page)).toBe(iconv.decode(Buffer.from(EVERY_BYTE), ICONV[page]));
  });

  test('text is written as iconv-lite writes it, what the page lacks as ?', () => {
    // All but U+FFFD, the character of the bytes a page leaves undefined: iconv-lite writes it
    // as the last of them (0x9E in Windows-1258), which no sender means; here it is ? as well.
    const text = `${decodeCodePage(EVERY_BYTE, page).replaceAll('\ufffd', '')}${VIETNAMESE}€𝄞`;
    expect(Buffer.from(encodeCodePage(text, page))).toEqual(iconv.encode(text, ICONV[page]));
  });
});

test('UTF-16 and UTF-8 through the runtime’s decoders read as iconv-lite reads them, BOM dropped', () => {
  for (const [encoding, name] of [
    ['utf-16le', 'utf16le'],
    ['utf-16be', 'utf16be'],
    ['utf-8', 'utf8'],
  ] as const) {
    const bytes = iconv.encode(`\ufeff${VIETNAMESE}`, name);
    expect({ encoding, text: decodeText(bytes, encoding) }).toEqual({
      encoding,
      text: iconv.decode(bytes, name, { stripBOM: true }).normalize('NFC'),
    });
    expect(Buffer.from(encodeText(VIETNAMESE, encoding))).toEqual(iconv.encode(VIETNAMESE.normalize('NFC'), name));
  }
});
