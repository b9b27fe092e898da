import iconv from 'iconv-lite';
import { decodeVni, encodeVni } from './vni';

/**
 * The encodings Vietnamese feeds arrive in (issue 3): Unicode, the Windows code page for
 * Vietnamese, TCVN3 (ABC), the pre-Unicode national standard still used by old systems, and
 * VNI (VNI-Windows), the other pre-Unicode one, which iconv does not know (see vni.ts).
 * Decoding always ends in NFC, so `Hòa` typed on any system compares equal.
 */
export const TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1258', 'tcvn3', 'vni'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

/** iconv-lite's name for each encoding it decodes (VNI has its own table). */
export const ICONV_NAMES: Record<Exclude<TextEncoding, 'vni'>, string> = {
  'utf-8': 'utf8',
  'utf-16le': 'utf16le',
  'utf-16be': 'utf16be',
  'windows-1258': 'windows1258',
  tcvn3: 'tcvn',
};

/** Bytes → NFC text (a BOM, if any, is dropped). */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding): string {
  if (encoding === 'vni') return decodeVni(bytes).normalize('NFC');
  return iconv
    .decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), ICONV_NAMES[encoding], { stripBOM: true })
    .normalize('NFC');
}

/** The five Vietnamese tone marks (combining): Windows-1258 writes them as separate characters. */
export const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/**
 * Text → bytes as a sending system would write them (the sample generator's native feeds).
 * Windows-1258 has some toned letters precomposed and writes the others as the letter
 * (with circumflex, breve or horn) followed by a combining tone mark.
 */
export function encodeText(text: string, encoding: TextEncoding): Uint8Array {
  if (encoding === 'windows-1258') {
    // Each letter as one code point where the code page has it (á, ê, ơ…), else base + tone (ạ = a + U+0323).
    const written = text
      .normalize('NFC')
      .replace(/\P{M}\p{M}*/gu, (cluster) =>
        iconv.encode(cluster, 'windows1258').includes(0x3f) ? decomposeTone(cluster) : cluster,
      );
    return iconv.encode(written, 'windows1258');
  }
  if (encoding === 'vni') return encodeVni(text.normalize('NFC'));
  return iconv.encode(text.normalize('NFC'), ICONV_NAMES[encoding], { addBOM: false });
}

function decomposeTone(cluster: string): string {
  const nfd = cluster.normalize('NFD');
  const tones = nfd.match(TONE_MARKS)?.join('') ?? '';
  return nfd.replace(TONE_MARKS, '').normalize('NFC') + tones;
}
