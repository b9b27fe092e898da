import { CODE_PAGE_TABLES } from './code-page-tables';

/**
 * The single-byte code pages of Vietnamese feeds: Windows-1258, TCVN3 (ABC), and Windows-1252
 * (what VNI's bytes read as outside its letters). One character per byte, from tables derived
 * from iconv-lite (code-page-tables.ts), which the Lambda bundle no longer carries.
 */
export type CodePage = keyof typeof CODE_PAGE_TABLES;

const UNITS = Object.fromEntries(
  Object.entries(CODE_PAGE_TABLES).map(([page, chars]) => [page, Uint16Array.from(chars, (c) => c.charCodeAt(0))]),
) as Record<CodePage, Uint16Array>;

/** Each page's character → its byte (no page has a character twice). */
const BYTES = Object.fromEntries(
  Object.entries(CODE_PAGE_TABLES).map(([page, chars]) => {
    const bytes = new Map<number, number>();
    for (let b = 0; b < 256; b++) if (chars.charCodeAt(b) !== 0xfffd) bytes.set(chars.charCodeAt(b), b);
    return [page, bytes];
  }),
) as Record<CodePage, Map<number, number>>;

/** UTF-16 units turned into text this many at a time (an argument list has a limit). */
const CHUNK = 8192;

/** Bytes → text, one character per byte. */
export function decodeCodePage(bytes: Uint8Array, page: CodePage): string {
  const table = UNITS[page];
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) units[i] = table[bytes[i]!]!;
  let text = '';
  for (let at = 0; at < units.length; at += CHUNK)
    text += String.fromCharCode(...units.subarray(at, Math.min(at + CHUNK, units.length)));
  return text;
}

/** Text → bytes, one per UTF-16 unit; a character the page lacks is `?` (0x3F), as iconv-lite writes it. */
export function encodeCodePage(text: string, page: CodePage): Uint8Array {
  const table = BYTES[page];
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = table.get(text.charCodeAt(i)) ?? 0x3f;
  return out;
}
