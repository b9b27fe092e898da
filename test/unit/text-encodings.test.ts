import iconv from 'iconv-lite';
import { detectEncoding, repairTcvn3Mojibake, vietnameseScore } from '../../lambdas/core/feeds/detect-encoding';
import { decodeText, encodeText, TEXT_ENCODINGS } from '../../lambdas/core/feeds/text-encodings';
import { WARDS_PRE2025 } from '../../lambdas/core/reference/wards';

// A realistic corpus: the pre-2025 ward and district names of the reference, as a CSV would list them.
const corpus = ['ma_xa,ten_xa,huyen,so_thue_bao', ...WARDS_PRE2025.map((w, i) => `${w.code},${w.type} ${w.name},${w.districtType} ${w.districtName},${1000 + i}`)].join('\n');

describe('Vietnamese text encodings', () => {
  test.each(TEXT_ENCODINGS.map((e) => [e]))('%s: the ward names survive a round trip, in NFC', (encoding) => {
    const bytes = encodeText(corpus, encoding);
    expect(decodeText(bytes, encoding)).toBe(corpus.normalize('NFC'));
    if (encoding !== 'utf-8' && encoding.startsWith('utf')) return;
    expect([...bytes].includes(0x3f) && !corpus.includes('?')).toBe(false);
  });

  test('Windows-1258 keeps tones as combining marks where the code page has no precomposed letter', () => {
    expect([...encodeText('ạ', 'windows-1258')]).toEqual([0x61, 0xf2]);
    expect([...encodeText('á', 'windows-1258')]).toEqual([0xe1]);
    expect(decodeText(Uint8Array.from([0x61, 0xf2]), 'windows-1258')).toBe('ạ');
  });

  test.each([
    ['utf-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(corpus)]), 'utf-8', 'bom'],
    ['utf-8 without', Buffer.from(corpus), 'utf-8', 'valid_utf8'],
    ['utf-16le with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), encodeText(corpus, 'utf-16le')]), 'utf-16le', 'bom'],
    ['utf-16le without', encodeText(corpus, 'utf-16le'), 'utf-16le', 'nul_pattern'],
    ['utf-16be without', encodeText(corpus, 'utf-16be'), 'utf-16be', 'nul_pattern'],
    ['windows-1258', encodeText(corpus, 'windows-1258'), 'windows-1258', 'vietnamese_score'],
    ['tcvn3', encodeText(corpus, 'tcvn3'), 'tcvn3', 'vietnamese_score'],
  ])('detects %s', (_name, bytes, encoding, evidence) => {
    expect(detectEncoding(bytes)).toEqual({ encoding, evidence });
  });

  test('a short TCVN3 line is told from Windows-1258 too', () => {
    expect(detectEncoding(encodeText('TT Hương Canh,Phường Tích Sơn,Xã Hợp Thịnh', 'tcvn3')).encoding).toBe('tcvn3');
    expect(detectEncoding(encodeText('TT Hương Canh,Phường Tích Sơn,Xã Hợp Thịnh', 'windows-1258')).encoding).toBe('windows-1258');
  });

  test('repairs TCVN3 text that was read as Windows-1252, and leaves good text alone', () => {
    const mojibake = iconv.decode(encodeText('Phường Tích Sơn, Thị trấn Hương Canh', 'tcvn3') as Buffer, 'windows1252');
    expect(mojibake).toBe('Ph­êng TÝch S¬n, ThÞ trÊn H­¬ng Canh');
    expect(repairTcvn3Mojibake(mojibake)).toBe('Phường Tích Sơn, Thị trấn Hương Canh');
    expect(repairTcvn3Mojibake('Phường Tích Sơn')).toBe('Phường Tích Sơn');
    expect(repairTcvn3Mojibake('Café Müller')).toBe('Café Müller');
    expect(vietnameseScore('Phường Tích Sơn')).toBeGreaterThan(vietnameseScore(mojibake));
  });
});
