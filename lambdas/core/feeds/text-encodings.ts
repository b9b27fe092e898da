import { decodeCodePage, encodeCodePage } from './code-pages';
import { decodeVni, encodeVni } from './vni';

/**
 * The encodings Vietnamese feeds arrive in (issue 3): Unicode, the Windows code page for
 * Vietnamese, TCVN3 (ABC), the pre-Unicode national standard still used by old systems, and
 * VNI (VNI-Windows), the other pre-Unicode one, which iconv does not know (see vni.ts).
 * Decoding always ends in NFC, so `Hòa` typed on any system compares equal.
 */
export const TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1258', 'tcvn3', 'vni'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

/** Bytes → NFC text (a BOM, if any, is dropped). */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding): string {
  switch (encoding) {
    case 'vni':
      return decodeVni(bytes).normalize('NFC');
    case 'windows-1258':
    case 'tcvn3':
      return decodeCodePage(bytes, encoding).normalize('NFC');
    default:
      // UTF-8 and UTF-16: the runtime's own decoders, which drop a BOM.
      return new TextDecoder(encoding).decode(bytes).normalize('NFC');
  }
}

/** The five Vietnamese tone marks (combining): Windows-1258 writes them as separate characters. */
export const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/**
 * Text → bytes as a sending system would write them (the sample generator's native feeds).
 * Windows-1258 has some toned letters precomposed and writes the others as the letter
 * (with circumflex, breve or horn) followed by a combining tone mark.
 */
export function encodeText(text: string, encoding: TextEncoding): Uint8Array {
  const nfc = text.normalize('NFC');
  switch (encoding) {
    case 'windows-1258': {
      // Each letter as one code point where the code page has it (á, ê, ơ…), else base + tone (ạ = a + U+0323).
      const written = nfc.replace(/\P{M}\p{M}*/gu, (cluster) =>
        encodeCodePage(cluster, 'windows-1258').includes(0x3f) ? decomposeTone(cluster) : cluster,
      );
      return encodeCodePage(written, 'windows-1258');
    }
    case 'tcvn3':
      return encodeCodePage(nfc, 'tcvn3');
    case 'vni':
      return encodeVni(nfc);
    case 'utf-8':
      return Buffer.from(nfc, 'utf8');
    case 'utf-16le':
      return Buffer.from(nfc, 'utf16le');
    case 'utf-16be':
      return Buffer.from(nfc, 'utf16le').swap16();
  }
}

function decomposeTone(cluster: string): string {
  const nfd = cluster.normalize('NFD');
  const tones = nfd.match(TONE_MARKS)?.join('') ?? '';
  return nfd.replace(TONE_MARKS, '').normalize('NFC') + tones;
}
