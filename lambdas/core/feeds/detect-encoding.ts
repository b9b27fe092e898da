import { decodeCodePage, encodeCodePage } from './code-pages';
import { decodeText, TONE_MARKS, type TextEncoding } from './text-encodings';
import { NON_ASCII } from './canonical-text';

export interface DetectedEncoding {
  encoding: TextEncoding;
  /** How it was told, for the manifest and `vpdc validate`. */
  evidence: 'bom' | 'nul_pattern' | 'valid_utf8' | 'mostly_utf8' | 'vietnamese_score';
}

/** Letters a Vietnamese text is made of (NFC), besides ASCII. */
const VIETNAMESE = new Set(
  'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ'.split('').flatMap((c) => [c, c.toUpperCase()]),
);

/**
 * How Vietnamese a text looks: a word with at most one tone mark, made of ASCII and
 * Vietnamese letters, scores; a word with two tones or a foreign symbol (what TCVN3 bytes
 * read as Windows-1258, or the reverse, produce) costs.
 */
export function vietnameseScore(text: string): number {
  // A feed repeats its words (ward names, headers): each distinct word is judged once, and
  // ASCII words, which score nothing, are not judged at all.
  const counts = new Map<string, number>();
  for (const word of text.split(/[\s,;.()"'/|:\-_]+/))
    if (NON_ASCII.test(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
  let score = 0;
  for (const [word, count] of counts) score += count * wordScore(word);
  return score;
}

function wordScore(word: string): number {
  const tones = word.normalize('NFD').match(TONE_MARKS)?.length ?? 0;
  const foreign = [...word].some((c) => c.charCodeAt(0) > 0x7f && !VIETNAMESE.has(c));
  return foreign ? -3 : tones > 1 ? -2 : [...word].some((c) => VIETNAMESE.has(c)) ? 2 : 0;
}

function isUtf8(sample: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** The legacy (pre-Unicode) encodings, in the order a tie in score is settled. */
const LEGACY_ENCODINGS = ['windows-1258', 'tcvn3', 'vni'] as const satisfies readonly TextEncoding[];

/** Valid multi-byte UTF-8 sequences and bytes that fit no sequence, in one pass. */
export function utf8Census(bytes: Uint8Array): { sequences: number; invalid: number } {
  let sequences = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    const length =
      lead < 0x80
        ? 1
        : lead >= 0xc2 && lead <= 0xdf
          ? 2
          : lead >= 0xe0 && lead <= 0xef
            ? 3
            : lead >= 0xf0 && lead <= 0xf4
              ? 4
              : 0;
    if (length === 1) {
      i++;
      continue;
    }
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      sequences++;
      i += length;
    } else {
      invalid++;
      i++;
    }
  }
  return { sequences, invalid };
}

/**
 * The encoding of a file from its first bytes: a BOM; else the NUL pattern of UTF-16; else
 * strict UTF-8, or UTF-8 with a few bad bytes (which then fails as such); else, among the three legacy Vietnamese encodings (Windows-1258, TCVN3, VNI),
 * the one whose text reads most as Vietnamese (a tie goes to the earlier in that list).
 */
export function detectEncoding(bytes: Uint8Array): DetectedEncoding {
  const sample = bytes.subarray(0, 64 * 1024);
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', evidence: 'bom' };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', evidence: 'bom' };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', evidence: 'bom' };
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i + 1 < Math.min(sample.length, 4096); i += 2) {
    if (sample[i] === 0) evenNul++;
    if (sample[i + 1] === 0) oddNul++;
  }
  const pairs = Math.max(1, Math.floor(Math.min(sample.length, 4096) / 2));
  if (oddNul / pairs > 0.3 && evenNul / pairs < 0.05) return { encoding: 'utf-16le', evidence: 'nul_pattern' };
  if (evenNul / pairs > 0.3 && oddNul / pairs < 0.05) return { encoding: 'utf-16be', evidence: 'nul_pattern' };
  if (isUtf8(sample)) return { encoding: 'utf-8', evidence: 'valid_utf8' };
  // UTF-8 with a stray legacy row pasted in is still UTF-8, and damaged: read as UTF-8, it
  // fails invalid_utf8 at the bad bytes. Legacy text almost never forms valid UTF-8 sequences.
  const { sequences, invalid } = utf8Census(sample);
  if (sequences > 0 && sequences >= invalid) return { encoding: 'utf-8', evidence: 'mostly_utf8' };
  let best: { encoding: TextEncoding; score: number } = { encoding: 'windows-1258', score: -Infinity };
  // 16 KiB of text is hundreds of words: enough to tell the legacy encodings apart, at a quarter of the cost.
  const scored = sample.subarray(0, 16 * 1024);
  for (const encoding of LEGACY_ENCODINGS) {
    const score = vietnameseScore(decodeText(scored, encoding));
    if (score > best.score) best = { encoding, score };
  }
  return { encoding: best.encoding, evidence: 'vietnamese_score' };
}

/**
 * Characters that TCVN3 letters become when read as Windows-1252 (ư → soft hyphen, ơ → ¬,
 * ị → Þ, ì → ×, …) and that Western text almost never has: without one, text is left alone
 * (`Café Müller` stays as it is).
 */
const TCVN3_AS_1252 = /[¬\u00adÞ×¸µ¶·¹ª®]/;

/**
 * Mends TCVN3 text that went through a Windows-1252 decoder (`Ph­êng TÝch S¬n` → `Phường
 * Tích Sơn`): back to the bytes, then read as TCVN3, kept only if it reads more Vietnamese.
 * `fileIsMojibake`: other text of the same file was mended, so this one is tried even
 * without a signature character (`TT Hîp Hßa` → `TT Hợp Hòa`).
 */
export function repairTcvn3Mojibake(text: string, fileIsMojibake = false): string {
  if (!(fileIsMojibake ? NON_ASCII.test(text) : TCVN3_AS_1252.test(text))) return text;
  const bytes = encodeCodePage(text, 'windows-1252');
  if (decodeCodePage(bytes, 'windows-1252') !== text) return text;
  const repaired = decodeText(bytes, 'tcvn3');
  return vietnameseScore(repaired) > vietnameseScore(text) ? repaired : text;
}
