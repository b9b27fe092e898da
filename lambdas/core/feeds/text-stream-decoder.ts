import { isAscii } from 'node:buffer';
import { FeedError } from './feed-error';
import { decodeCodePage } from './code-pages';
import type { TextEncoding } from './text-encodings';
import { VniDecoder } from './vni';

/**
 * Decodes a file that arrives in pieces. What `write` and `end` return, joined, is exactly
 * `decodeText(wholeFile, encoding)` (NFC, BOM dropped) however the bytes were cut.
 */
export interface TextStreamDecoder {
  write(chunk: Uint8Array): string;
  /** The rest, once the file has ended. Throws if the file ends in the middle of a character. */
  end(): string;
}

/**
 * A streaming decoder for any of the feed encodings. UTF-8 is strict (an invalid byte fails
 * the file with `invalid_utf8` and its offset); UTF-16 of an odd length fails with
 * `invalid_utf16`; the others decode every byte.
 */
export function createTextDecoder(encoding: TextEncoding): TextStreamDecoder {
  switch (encoding) {
    case 'utf-8':
      return new NfcStream(new Utf8Bytes());
    case 'utf-16le':
    case 'utf-16be':
      return new NfcStream(new Utf16Bytes(encoding));
    case 'vni':
      return new NfcStream(new VniDecoder());
    case 'windows-1258':
    case 'tcvn3':
      return new NfcStream(codePageBytes(encoding));
  }
}

/** Bytes → text, not yet normalized; holds back an incomplete character itself. */
interface RawDecoder {
  write(chunk: Uint8Array): string;
  end(): string;
  /** Whether the text the last `write` returned is all ASCII (so already NFC): a decoder that can tell cheaply says so. */
  ascii?: boolean;
}

/**
 * Characters that are NFC on their own and never combine with a neighbour (no combining
 * class, never second in a composition, unchanged by NFC): ASCII and Latin up to U+02FF, the
 * precomposed Vietnamese letters (Latin Extended Additional, U+1E00–U+1EFF) and punctuation
 * and currency signs (U+2002–U+20C0). Text made only of these is already NFC, so it skips
 * `normalize`. Checked against the runtime's Unicode data, code point by code point, in
 * test/unit/text-stream-decoder.test.ts.
 *
 * "No combining mark U+0300–U+036F" holds for Vietnamese (its tone, hook and breve marks are
 * all in that block) but not in general: `Å` (U+212B ANGSTROM SIGN), CJK compatibility
 * ideographs, Hangul jamo (ᄀ + ᅡ → 가) or Greek with oxia (U+1F71) change under NFC without one.
 */
export const NOT_INERT = /[^\0-\u02ff\u1e00-\u1eff\u2002-\u20c0]/;

/**
 * Characters that may join the character before them under NFC: combining marks (every
 * non-zero combining class is one), and the few letters that are second in a composition
 * (Hangul vowel and final jamo; Kirat Rai vowel sign E, and AI, which decomposes to two Es).
 * Also checked in the test.
 */
export const JOINS_PREVIOUS = /^[\p{M}\u1161-\u1175\u11a8-\u11c2\u{16d67}\u{16d68}]/u;

/**
 * NFC over a stream: the text after the last character that nothing later can join (the last
 * base character and any combining marks after it) is held back until the next piece or the
 * end, so normalizing piece by piece equals normalizing the whole.
 */
class NfcStream implements TextStreamDecoder {
  private held = '';

  constructor(private readonly decoder: RawDecoder) {}

  write(chunk: Uint8Array): string {
    return this.push(this.decoder.write(chunk));
  }

  end(): string {
    const rest = this.held + this.decoder.end();
    this.held = '';
    return NOT_INERT.test(rest) ? rest.normalize('NFC') : rest;
  }

  private push(text: string): string {
    const cut = lastBoundary(text);
    if (cut < 0) {
      this.held += text;
      return '';
    }
    // One test over the whole piece: a mark in the part held back at worst costs a needless normalize.
    // ASCII text is inert: the test (a scan of the whole piece) is skipped.
    const normalize = (!this.decoder.ascii && NOT_INERT.test(text)) || NOT_INERT.test(this.held);
    const ready = this.held + text.slice(0, cut);
    this.held = text.slice(cut);
    return normalize ? ready.normalize('NFC') : ready;
  }
}

/** Where the last character starts that does not join the one before it (-1: none). */
function lastBoundary(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) {
    const unit = text.charCodeAt(i);
    if (unit < 0x300) return i;
    if (unit >= 0xdc00 && unit <= 0xdfff) {
      // A low surrogate: judge the pair; one without its high half here cannot be cut before.
      const high = i > 0 ? text.charCodeAt(i - 1) : 0;
      if (high >= 0xd800 && high <= 0xdbff) {
        i--;
        if (!JOINS_PREVIOUS.test(text.slice(i, i + 2))) return i;
      }
      continue;
    }
    if (!JOINS_PREVIOUS.test(text[i]!)) return i;
  }
  return -1;
}

/**
 * Strict UTF-8 (TextDecoder, fatal): an invalid sequence fails the file with its byte offset,
 * so a mis-declared legacy file never becomes U+FFFD. A BOM is dropped.
 */
class Utf8Bytes implements RawDecoder {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  /** Bytes before the current chunk. */
  private offset = 0;
  /** The last (up to) three bytes seen: an incomplete character at a chunk's end is among them. */
  private tail = new Uint8Array(0);
  ascii = false;

  write(chunk: Uint8Array): string {
    // An ASCII chunk between whole characters is its own text: copied as Latin-1 (a memcpy)
    // instead of decoded (measured on a 1 M-row canonical CSV: decoding and the NFC scan
    // took 1.2 s of the main thread's 17 s). Never the first chunk: the decoder drops a BOM
    // only at the start of what it has seen.
    this.ascii = this.offset > 0 && isAscii(chunk) && incompleteTail(this.tail).length === 0;
    let text: string;
    if (this.ascii) text = asBuffer(chunk).toString('latin1');
    else
      try {
        text = this.decoder.decode(chunk, { stream: true });
      } catch (error) {
        const pending = incompleteTail(this.tail);
        const at = this.offset - pending.length + firstInvalidUtf8(concat(pending, chunk));
        throw new FeedError('invalid_utf8', `invalid UTF-8 at byte ${at}; save the file as UTF-8`, undefined, {
          cause: error,
        });
      }
    this.offset += chunk.length;
    this.tail = chunk.length >= 3 ? chunk.slice(-3) : concat(this.tail, chunk).slice(-3);
    return text;
  }

  end(): string {
    try {
      return this.decoder.decode();
    } catch (error) {
      const at = this.offset - incompleteTail(this.tail).length;
      throw new FeedError(
        'invalid_utf8',
        `the file ends in the middle of a UTF-8 character (at byte ${at}); save the file as UTF-8`,
        undefined,
        { cause: error },
      );
    }
  }
}

/** How many bytes a UTF-8 sequence has, from its first byte (0: not a first byte). */
function sequenceLength(byte: number): number {
  if (byte < 0x80) return 1;
  if (byte >= 0xc2 && byte <= 0xdf) return 2;
  if (byte >= 0xe0 && byte <= 0xef) return 3;
  if (byte >= 0xf0 && byte <= 0xf4) return 4;
  return 0;
}

/** The start of an unfinished character at the end of (valid) UTF-8 bytes, if any. */
function incompleteTail(tail: Uint8Array): Uint8Array {
  for (let i = tail.length - 1; i >= 0; i--) {
    const byte = tail[i]!;
    if ((byte & 0xc0) === 0x80) continue;
    return tail.length - i < sequenceLength(byte) ? tail.subarray(i) : new Uint8Array(0);
  }
  return new Uint8Array(0);
}

/** Where the first ill-formed sequence starts (Unicode table 3-7, which TextDecoder follows). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const first = bytes[i]!;
    const length = sequenceLength(first);
    if (length === 0) return i;
    if (length === 1) {
      i++;
      continue;
    }
    // The second byte's range depends on the first (no overlongs, surrogates or > U+10FFFF).
    const low = first === 0xe0 ? 0xa0 : first === 0xf0 ? 0x90 : 0x80;
    const high = first === 0xed ? 0x9f : first === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k < length; k++) {
      const byte = bytes[i + k];
      if (byte === undefined) return i; // cut short: only an error because the decoder said so
      if (k === 1 ? byte < low || byte > high : (byte & 0xc0) !== 0x80) return i;
    }
    i += length;
  }
  return i;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** UTF-16 through the runtime's decoder (a BOM is dropped; a surrogate pair may be cut: NfcStream holds a high half back). */
class Utf16Bytes implements RawDecoder {
  private readonly decoder: TextDecoder;
  private length = 0;

  constructor(encoding: 'utf-16le' | 'utf-16be') {
    this.decoder = new TextDecoder(encoding);
  }

  write(chunk: Uint8Array): string {
    this.length += chunk.length;
    return this.decoder.decode(chunk, { stream: true });
  }

  end(): string {
    if (this.length % 2 !== 0) {
      throw new FeedError(
        'invalid_utf16',
        `the file has an odd number of bytes (${this.length}), so it is not UTF-16; save it again as UTF-16 or UTF-8`,
      );
    }
    return this.decoder.decode();
  }
}

/** A single-byte code page: every byte is a character, so no piece holds a character back. A Windows-1258 tone mark is a character of its own, joined by NfcStream. */
function codePageBytes(encoding: 'windows-1258' | 'tcvn3'): RawDecoder {
  return { write: (chunk) => decodeCodePage(chunk, encoding), end: () => '' };
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
