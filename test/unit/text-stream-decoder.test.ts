import { FeedError } from '../../lambdas/core/feeds/feed-error';
import { decodeText, encodeText, TEXT_ENCODINGS, type TextEncoding } from '../../lambdas/core/feeds/text-encodings';
import { createTextDecoder, JOINS_PREVIOUS, NOT_INERT } from '../../lambdas/core/feeds/text-stream-decoder';
import { WARDS_2025, WARDS_PRE2025 } from '../../lambdas/core/reference/wards';

// Ward names joined by newlines and commas, as a feed lists them.
const wardText = [
  ...WARDS_2025.map((w) => `${w.code},${w.name}`),
  ...WARDS_PRE2025.map((w) => `${w.code},${w.type} ${w.name},${w.districtType} ${w.districtName}`),
].join('\n');

function decodeInChunks(bytes: Uint8Array, encoding: TextEncoding, cuts: number[]): string {
  const decoder = createTextDecoder(encoding);
  let out = '';
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    out += decoder.write(bytes.subarray(start, cut));
    start = cut;
  }
  return out + decoder.end();
}

/** Cuts into random pieces of 1–7 bytes, from a seeded generator (the same pieces every run). */
function randomCuts(length: number, seed: number): number[] {
  let state = seed;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  const cuts: number[] = [];
  for (let at = 1 + (next() % 7); at < length; at += 1 + (next() % 7)) cuts.push(at);
  return cuts;
}

function expectEveryCut(bytes: Uint8Array, encoding: TextEncoding, expected: string): void {
  const wrong: number[] = [];
  for (let cut = 0; cut <= bytes.length; cut++)
    if (decodeInChunks(bytes, encoding, [cut]) !== expected) wrong.push(cut);
  expect(wrong).toEqual([]);
  for (let seed = 1; seed <= 20; seed++)
    expect(decodeInChunks(bytes, encoding, randomCuts(bytes.length, seed))).toBe(expected);
}

function thrown(run: () => unknown): FeedError {
  try {
    run();
  } catch (error) {
    if (error instanceof FeedError) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

describe('createTextDecoder', () => {
  test.each(TEXT_ENCODINGS.map((e) => [e]))(
    '%s: the ward names decode to decodeText of the whole file, cut at every byte and into 1–7 byte pieces',
    (encoding) => {
      const bytes = encodeText(wardText, encoding);
      const whole = decodeText(bytes, encoding);
      expect(whole).toBe(wardText.normalize('NFC'));
      expectEveryCut(bytes, encoding, whole);
    },
  );

  test('Windows-1258 writes tone marks as separate characters, and a cut between letter and mark still ends in NFC', () => {
    const bytes = encodeText('Phạm Thị Hằng, Nguyễn Văn Lực', 'windows-1258');
    expect([...bytes]).toContain(0xf2); // the combining dot below after `a`, `i`, `u`
    expect(decodeInChunks(bytes, 'windows-1258', [3])).toBe('Phạm Thị Hằng, Nguyễn Văn Lực');
    expectEveryCut(bytes, 'windows-1258', 'Phạm Thị Hằng, Nguyễn Văn Lực');
  });

  test('UTF-8 written decomposed (NFD, as macOS does) and a surrogate pair, cut anywhere, come out NFC', () => {
    const text = `${WARDS_PRE2025.slice(0, 20)
      .map((w) => w.name)
      .join(',')} 😀 Ω ᄀ\u1161 ệ`;
    for (const encoding of ['utf-8', 'utf-16le', 'utf-16be'] as const) {
      const bytes = encoding === 'utf-8' ? new TextEncoder().encode(text.normalize('NFD')) : encodeText(text, encoding);
      const whole = decodeText(bytes, encoding);
      expect(whole).toBe(text.normalize('NFC'));
      expect(whole).toContain('가');
      expectEveryCut(bytes, encoding, whole);
    }
  });

  test.each([
    ['utf-8', [0xef, 0xbb, 0xbf]],
    ['utf-16le', [0xff, 0xfe]],
    ['utf-16be', [0xfe, 0xff]],
  ] as const)('drops a leading %s BOM, even cut in two', (encoding, bom) => {
    const text = 'Phường Tích Sơn,Xã Hợp Thịnh';
    const bytes = Buffer.concat([Buffer.from(bom), encodeText(text, encoding)]);
    for (let cut = 0; cut <= 8; cut++) expect(decodeInChunks(bytes, encoding, [cut])).toBe(text);
    expect(decodeText(bytes, encoding)).toBe(text);
  });

  test('fails invalid UTF-8 in the middle of a file with invalid_utf8 and its byte offset, wherever the pieces are cut', () => {
    const good = Buffer.from('Phường Tích Sơn,');
    const bytes = Buffer.concat([good, Buffer.from([0xe1, 0x41]), Buffer.from(',Xã Hợp Thịnh')]); // a 3-byte lead, then `A`
    for (const cuts of [[], [good.length], [good.length + 1], [3, good.length - 1, good.length + 1]]) {
      const error = thrown(() => decodeInChunks(bytes, 'utf-8', cuts));
      expect([error.code, error.message]).toEqual([
        'invalid_utf8',
        `invalid UTF-8 at byte ${good.length}; save the file as UTF-8`,
      ]);
    }
    const windows1258 = encodeText('Phường Tích Sơn', 'windows-1258');
    expect(thrown(() => decodeInChunks(windows1258, 'utf-8', [])).message).toBe(
      'invalid UTF-8 at byte 2; save the file as UTF-8',
    );
  });

  test('fails a file that ends in the middle of a UTF-8 character with invalid_utf8', () => {
    const good = Buffer.from('Phường Tích Sơn,Xã Hợp ');
    const bytes = Buffer.concat([good, Buffer.from('ị').subarray(0, 2)]);
    for (const cuts of [[], [good.length + 1], [good.length - 1]]) {
      const error = thrown(() => decodeInChunks(bytes, 'utf-8', cuts));
      expect([error.code, error.message]).toEqual([
        'invalid_utf8',
        `the file ends in the middle of a UTF-8 character (at byte ${good.length}); save the file as UTF-8`,
      ]);
    }
  });

  test.each([['utf-16le'], ['utf-16be']] as const)('fails %s of an odd length with invalid_utf16', (encoding) => {
    const bytes = Buffer.concat([encodeText('Phường Tích Sơn', encoding), Buffer.from([0x41])]);
    for (const cuts of [[], [1], [bytes.length - 1]]) {
      const error = thrown(() => decodeInChunks(bytes, encoding, cuts));
      expect([error.code, error.message]).toEqual([
        'invalid_utf16',
        `the file has an odd number of bytes (${bytes.length}), so it is not UTF-16; save it again as UTF-16 or UTF-8`,
      ]);
    }
  });

  // The two character classes the decoder's speed and correctness rest on, against this runtime's Unicode data.
  test('skips normalize only for characters NFC leaves alone, and holds back every character that may join the one before it', () => {
    const all: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) if (cp < 0xd800 || cp > 0xdfff) all.push(String.fromCodePoint(cp));
    const codePoint = (c: string) => c.codePointAt(0)!;
    // A character is second in a composition when it ends the decomposition of a composite.
    const seconds = new Set<number>();
    for (const c of all) {
      const d = c.normalize('NFD');
      if (d !== c && d.normalize('NFC') === c) seconds.add(codePoint([...d].at(-1)!));
    }
    // A non-zero combining class shows as reordering next to U+0334 (class 1) or U+0345 (class 240).
    const hasCombiningClass = (c: string) =>
      `${c}\u0334`.normalize('NFD') !== `${c}\u0334` || `\u0345${c}`.normalize('NFD') !== `\u0345${c}`;
    // May join the character before: it, or what it decomposes to first, is second in a composition or has a combining class.
    const joins = (c: string) => {
      const first = [...c.normalize('NFD')][0]!;
      return seconds.has(codePoint(c)) || seconds.has(codePoint(first)) || hasCombiningClass(first);
    };
    const missedJoiners = all.filter((c) => !JOINS_PREVIOUS.test(c) && joins(c));
    expect(missedJoiners.map(codePoint)).toEqual([]);
    const inert = all.filter((c) => !NOT_INERT.test(c));
    expect(inert.length).toBeGreaterThan(1000);
    expect(inert.filter((c) => c.normalize('NFC') !== c || joins(c) || JOINS_PREVIOUS.test(c)).map(codePoint)).toEqual(
      [],
    );
    // What a check for U+0300–U+036F alone would let through unnormalized.
    const noMark0300 = ['\u212b', '\uf900', '\u1100\u1161', '\u1f71'];
    expect(noMark0300.filter((s) => s.normalize('NFC') === s || /[\u0300-\u036f]/.test(s))).toEqual([]);
    expect(noMark0300.filter((s) => !NOT_INERT.test(s))).toEqual([]);
  });
});
