import iconv from 'iconv-lite';
import { detectEncoding, repairTcvn3Mojibake, vietnameseScore } from '../../lambdas/core/feeds/detect-encoding';
import { decodeText, encodeText, TEXT_ENCODINGS } from '../../lambdas/core/feeds/text-encodings';
import { decodeVni, encodeVni, VNI_TABLE } from '../../lambdas/core/feeds/vni';
import { WARDS_2025, WARDS_PRE2025 } from '../../lambdas/core/reference/wards';

// A realistic corpus: the pre-2025 ward and district names of the reference, as a CSV would list them.
const corpus = [
  'ma_xa,ten_xa,huyen,so_thue_bao',
  ...WARDS_PRE2025.map((w, i) => `${w.code},${w.type} ${w.name},${w.districtType} ${w.districtName},${1000 + i}`),
].join('\n');

// Every ward name of the reference, 2025 and pre-2025 (with their districts), one a line.
const wardNames = [
  ...WARDS_2025.map((w) => w.name),
  ...WARDS_PRE2025.map((w) => `${w.type} ${w.name}, ${w.districtType} ${w.districtName}`),
].join('\n');

// Every Vietnamese letter, built from Unicode (base × tone, NFC), not from any encoder's table.
const TONES = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'];
const LOWER_LETTERS = [
  ...[...'aăâeêioôơuưy'].flatMap((base) => TONES.map((tone) => (base + tone).normalize('NFC'))),
  'đ',
];
const ALL_LETTERS = [...LOWER_LETTERS, ...LOWER_LETTERS.map((c) => c.toUpperCase())];
const paragraph = `Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc.\nBảng chữ cái: ${ALL_LETTERS.join(' ')}.\nGIÁM ĐỐC SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH VĨNH PHÚC: 1.234.567 thuê bao (98,5%).`;

// A feed as a sending system would write it: a header and a few rows of names and numbers.
const householdNames = ['Nguyễn Văn Hùng', 'Trần Thị Ngọc Ánh', 'Lê Đức Thịnh', 'Phạm Thu Hương', 'Đỗ Quốc Việt'];
const csvSample = [
  'ma_xa,ten_xa,huyen,chu_ho,so_thue_bao,doanh_thu_trieu_dong',
  ...WARDS_PRE2025.filter((_, i) => i % 25 === 3).map(
    (w, i) =>
      `${w.code},${w.type} ${w.name},${w.districtType} ${w.districtName},${householdNames[i]},${1523 + i * 211},${(245.7 + i * 13.1).toFixed(1)}`,
  ),
].join('\n');

describe('Vietnamese text encodings', () => {
  test.each(TEXT_ENCODINGS.map((e) => [e]))('%s: the ward names survive a round trip, in NFC', (encoding) => {
    const bytes = encodeText(corpus, encoding);
    expect(decodeText(bytes, encoding)).toBe(corpus.normalize('NFC'));
    if (encoding !== 'utf-8' && encoding.startsWith('utf')) return;
    expect([...bytes].includes(0x3f) && !corpus.includes('?')).toBe(false);
  });

  test.each(TEXT_ENCODINGS.map((e) => [e]))(
    '%s: every 2025 and pre-2025 ward name and a paragraph with every Vietnamese letter survive a round trip',
    (encoding) => {
      expect(WARDS_2025.length + WARDS_PRE2025.length).toBeGreaterThanOrEqual(121 + 36);
      for (const text of [wardNames, paragraph]) {
        const bytes = encodeText(text, encoding);
        expect(decodeText(bytes, encoding)).toBe(text.normalize('NFC'));
        if (encoding !== 'utf-8' && encoding.startsWith('utf')) continue;
        expect([...bytes].includes(0x3f)).toBe(false);
      }
    },
  );

  test('Windows-1258 keeps tones as combining marks where the code page has no precomposed letter', () => {
    expect([...encodeText('ạ', 'windows-1258')]).toEqual([0x61, 0xf2]);
    expect([...encodeText('á', 'windows-1258')]).toEqual([0xe1]);
    expect(decodeText(Uint8Array.from([0x61, 0xf2]), 'windows-1258')).toBe('ạ');
  });

  test.each([
    ['utf-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(corpus)]), 'utf-8', 'bom'],
    ['utf-8 without', Buffer.from(corpus), 'utf-8', 'valid_utf8'],
    [
      'utf-16le with a BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe]), encodeText(corpus, 'utf-16le')]),
      'utf-16le',
      'bom',
    ],
    ['utf-16le without', encodeText(corpus, 'utf-16le'), 'utf-16le', 'nul_pattern'],
    ['utf-16be without', encodeText(corpus, 'utf-16be'), 'utf-16be', 'nul_pattern'],
    ['windows-1258', encodeText(corpus, 'windows-1258'), 'windows-1258', 'vietnamese_score'],
    ['tcvn3', encodeText(corpus, 'tcvn3'), 'tcvn3', 'vietnamese_score'],
    ['vni', encodeText(corpus, 'vni'), 'vni', 'vietnamese_score'],
  ])('detects %s', (_name, bytes, encoding, evidence) => {
    expect(detectEncoding(bytes)).toEqual({ encoding, evidence });
  });

  test('a short TCVN3 line is told from Windows-1258 too', () => {
    expect(detectEncoding(encodeText('TT Hương Canh,Phường Tích Sơn,Xã Hợp Thịnh', 'tcvn3')).encoding).toBe('tcvn3');
    expect(detectEncoding(encodeText('TT Hương Canh,Phường Tích Sơn,Xã Hợp Thịnh', 'windows-1258')).encoding).toBe(
      'windows-1258',
    );
    expect(detectEncoding(encodeText('TT Hương Canh,Phường Tích Sơn,Xã Hợp Thịnh', 'vni')).encoding).toBe('vni');
  });

  test.each([['windows-1258'], ['tcvn3'], ['vni']] as const)(
    'detects %s on a CSV sample of a header and five rows',
    (encoding) => {
      expect(csvSample.split('\n')).toHaveLength(6);
      expect(detectEncoding(encodeText(csvSample, encoding))).toEqual({ encoding, evidence: 'vietnamese_score' });
    },
  );

  test('repairs TCVN3 text that was read as Windows-1252, and leaves good text alone', () => {
    const mojibake = iconv.decode(encodeText('Phường Tích Sơn, Thị trấn Hương Canh', 'tcvn3') as Buffer, 'windows1252');
    expect(mojibake).toBe('Ph­êng TÝch S¬n, ThÞ trÊn H­¬ng Canh');
    expect(repairTcvn3Mojibake(mojibake)).toBe('Phường Tích Sơn, Thị trấn Hương Canh');
    expect(repairTcvn3Mojibake('Phường Tích Sơn')).toBe('Phường Tích Sơn');
    expect(repairTcvn3Mojibake('Café Müller')).toBe('Café Müller');
    expect(vietnameseScore('Phường Tích Sơn')).toBeGreaterThan(vietnameseScore(mojibake));
  });
});

describe('VNI (VNI-Windows)', () => {
  const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

  test('writes a letter as its base and a marker byte, and ơ, ư, đ, the toned i and ỵ as one byte', () => {
    expect(latin1(encodeVni('Việt Nam'))).toBe('Vieät Nam');
    expect(latin1(encodeVni('Cộng hòa xã hội chủ nghĩa Việt Nam'))).toBe('Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam');
    expect(latin1(encodeVni('Độc lập - Tự do - Hạnh phúc'))).toBe('Ñoäc laäp - Töï do - Haïnh phuùc');
    expect([...encodeVni('ơ ư đ ị ỵ Ơ Ư Đ Ị Ỵ')]).toEqual([
      0xf4, 0x20, 0xf6, 0x20, 0xf1, 0x20, 0xf2, 0x20, 0xee, 0x20, 0xd4, 0x20, 0xd6, 0x20, 0xd1, 0x20, 0xd2, 0x20, 0xce,
    ]);
    expect([...encodeVni('ở Ở ắ Ặ')]).toEqual([0xf4, 0xfb, 0x20, 0xd4, 0xdb, 0x20, 0x61, 0xe9, 0x20, 0x41, 0xcb]);
  });

  test('has every Vietnamese letter, each with its own bytes, and reads each back', () => {
    expect(ALL_LETTERS).toHaveLength(146);
    expect(ALL_LETTERS.filter((letter) => !VNI_TABLE.has(letter))).toEqual([]);
    expect(new Set(ALL_LETTERS.map((letter) => latin1(encodeVni(letter)))).size).toBe(ALL_LETTERS.length);
    expect(ALL_LETTERS.filter((letter) => decodeVni(encodeVni(letter)) !== letter)).toEqual([]);
  });

  test('decodes the longest sequence first', () => {
    expect(decodeVni(Uint8Array.from([0x6f, 0xe2]))).toBe('ô'); // o + â
    expect(decodeVni(Uint8Array.from([0xf4]))).toBe('ơ');
    expect(decodeVni(Uint8Array.from([0xf4, 0xf9]))).toBe('ớ');
    expect(decodeVni(Uint8Array.from([0xf6, 0xf4, 0xf8, 0x6e, 0x67]))).toBe('ường');
  });

  test('reads other bytes as Windows-1252, and writes what it cannot encode as ?', () => {
    expect(decodeVni(Uint8Array.from([0x80, 0x20, 0x62, 0xf9]))).toBe('€ bù');
    expect(latin1(encodeVni('€ Müller 😀'))).toBe('\x80 M?ller ?');
  });
});
