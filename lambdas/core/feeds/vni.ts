import { CODE_PAGE_TABLES } from './code-page-tables';

/**
 * VNI-Windows (the VNI fonts' encoding, `VNI-Times`…): a Vietnamese letter is an ASCII base
 * letter followed by one marker byte (`ệ` = `e` 0xE4, so `Việt Nam` is `Vieät Nam` read as
 * Windows-1252), except a few letters that are one byte of their own (`ơ` 0xF4, `ư` 0xF6,
 * `đ` 0xF1, the toned `i`s and `ỵ`). `ơ` and `ư` take tone markers like a base letter does
 * (`ở` = 0xF4 0xFB). Every other byte reads as Windows-1252, as the VNI fonts draw it.
 *
 * The table is the published VNI-Windows one, each row written as its bytes read as
 * Windows-1252, exactly as `vni.h` of xvnkb lists it (Dao Hai Lam, 2002,
 * https://github.com/lamdao/xvnkb/blob/master/vni.h), and checked byte by byte against the
 * VNI-WIN table of UniKey's converter (Pham Kim Long, `DoubleByteTables` in
 * https://github.com/fcitx/fcitx5-unikey/blob/master/unikey/data.cpp, where each word is
 * `marker << 8 | base`): the two agree on all 134 letters.
 */
const VNI_LETTERS: readonly (readonly [unicode: string, vni: string])[] = [
  // plain, sắc, huyền, hỏi, ngã, nặng
  ['a á à ả ã ạ', 'a aù aø aû aõ aï'],
  ['â ấ ầ ẩ ẫ ậ', 'aâ aá aà aå aã aä'],
  ['ă ắ ằ ẳ ẵ ặ', 'aê aé aè aú aü aë'],
  ['e é è ẻ ẽ ẹ', 'e eù eø eû eõ eï'],
  ['ê ế ề ể ễ ệ', 'eâ eá eà eå eã eä'],
  ['i í ì ỉ ĩ ị', 'i í ì æ ó ò'],
  ['o ó ò ỏ õ ọ', 'o où oø oû oõ oï'],
  ['ô ố ồ ổ ỗ ộ', 'oâ oá oà oå oã oä'],
  ['ơ ớ ờ ở ỡ ợ', 'ô ôù ôø ôû ôõ ôï'],
  ['u ú ù ủ ũ ụ', 'u uù uø uû uõ uï'],
  ['ư ứ ừ ử ữ ự', 'ö öù öø öû öõ öï'],
  ['y ý ỳ ỷ ỹ ỵ', 'y yù yø yû yõ î'],
  ['đ', 'ñ'],
  ['A Á À Ả Ã Ạ', 'A AÙ AØ AÛ AÕ AÏ'],
  ['Â Ấ Ầ Ẩ Ẫ Ậ', 'AÂ AÁ AÀ AÅ AÃ AÄ'],
  ['Ă Ắ Ằ Ẳ Ẵ Ặ', 'AÊ AÉ AÈ AÚ AÜ AË'],
  ['E É È Ẻ Ẽ Ẹ', 'E EÙ EØ EÛ EÕ EÏ'],
  ['Ê Ế Ề Ể Ễ Ệ', 'EÂ EÁ EÀ EÅ EÃ EÄ'],
  ['I Í Ì Ỉ Ĩ Ị', 'I Í Ì Æ Ó Ò'],
  ['O Ó Ò Ỏ Õ Ọ', 'O OÙ OØ OÛ OÕ OÏ'],
  ['Ô Ố Ồ Ổ Ỗ Ộ', 'OÂ OÁ OÀ OÅ OÃ OÄ'],
  ['Ơ Ớ Ờ Ở Ỡ Ợ', 'Ô ÔÙ ÔØ ÔÛ ÔÕ ÔÏ'],
  ['U Ú Ù Ủ Ũ Ụ', 'U UÙ UØ UÛ UÕ UÏ'],
  ['Ư Ứ Ừ Ử Ữ Ự', 'Ö ÖÙ ÖØ ÖÛ ÖÕ ÖÏ'],
  ['Y Ý Ỳ Ỷ Ỹ Ỵ', 'Y YÙ YØ YÛ YÕ Î'],
  ['Đ', 'Ñ'],
];

/** Unicode letter → its VNI bytes (the rows above, unrolled; a row's bytes are its Latin-1 code points). */
export const VNI_TABLE: ReadonlyMap<string, readonly number[]> = new Map(
  VNI_LETTERS.flatMap(([unicode, vni]) => {
    const letters = unicode.split(' ');
    const sequences = vni.split(' ');
    if (letters.length !== sequences.length) throw new Error(`VNI row ${unicode} has ${sequences.length} sequences`);
    return letters.map((letter, i): [string, number[]] => [
      letter,
      [...(sequences[i] ?? '')].map((c) => c.charCodeAt(0)),
    ]);
  }),
);

/** What a byte reads as on its own: Windows-1252, except the one-byte VNI letters. */
const SINGLE = new Uint16Array(256);
/** `base << 8 | marker` → the letter (0: not a VNI pair). */
const PAIR = new Uint16Array(65536);
/** Bytes that start a two-byte letter: a decoder holds one back until it sees the next byte. */
const IS_BASE = new Uint8Array(256);
/** Windows-1252 characters VNI leaves alone (ASCII, and symbols on bytes no VNI letter uses) → byte. */
const ENCODE_OTHER = new Map<string, number>();

const windows1252 = CODE_PAGE_TABLES['windows-1252'];
for (let b = 0; b < 256; b++) SINGLE[b] = windows1252.charCodeAt(b);
const vniBytes = new Set<number>();
for (const [letter, bytes] of VNI_TABLE) {
  const [first, second] = bytes;
  if (first === undefined || bytes.length > 2 || bytes.some((b) => b > 0xff))
    throw new Error(`VNI ${letter}: bad sequence`);
  if (second === undefined) SINGLE[first] = letter.charCodeAt(0);
  else {
    PAIR[(first << 8) | second] = letter.charCodeAt(0);
    IS_BASE[first] = 1;
  }
  for (const b of bytes) if (b >= 0x80) vniBytes.add(b);
}
for (let b = 0; b < 256; b++) {
  const c = windows1252[b];
  if (c !== undefined && c !== '\ufffd' && !vniBytes.has(b)) ENCODE_OTHER.set(c, b);
}

const utf16 = new TextDecoder('utf-16le');

function withFirst(first: number, rest: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(rest.length + 1);
  bytes[0] = first;
  bytes.set(rest, 1);
  return bytes;
}

/** A VNI decoder that may be fed a file in pieces: a base letter at the end of a piece waits for the next. */
export class VniDecoder {
  private pending = -1;

  write(bytes: Uint8Array): string {
    return this.decode(bytes, false);
  }

  end(): string {
    return this.decode(new Uint8Array(0), true);
  }

  private decode(chunk: Uint8Array, final: boolean): string {
    const bytes = this.pending < 0 ? chunk : withFirst(this.pending, chunk);
    const n = bytes.length;
    const out = new Uint16Array(n);
    let o = 0;
    let i = 0;
    this.pending = -1;
    while (i < n) {
      const b = bytes[i]!;
      if (IS_BASE[b]) {
        if (i + 1 === n) {
          if (!final) {
            this.pending = b;
            break;
          }
        } else {
          const letter = PAIR[(b << 8) | bytes[i + 1]!]!;
          if (letter) {
            out[o++] = letter;
            i += 2;
            continue;
          }
        }
      }
      out[o++] = SINGLE[b]!;
      i++;
    }
    return utf16.decode(out.subarray(0, o));
  }
}

/** VNI bytes → text (longest sequence first: `o` + 0xE2 is `ô`, 0xF4 alone is `ơ`). Not normalized. */
export function decodeVni(bytes: Uint8Array): string {
  const decoder = new VniDecoder();
  return decoder.write(bytes) + decoder.end();
}

/**
 * Text (NFC) → VNI bytes. A character VNI cannot write (outside Vietnamese, ASCII and the
 * Windows-1252 symbols whose bytes VNI leaves alone) becomes `?`, as iconv does.
 */
export function encodeVni(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  let o = 0;
  for (const c of text) {
    const code = c.charCodeAt(0);
    if (code < 0x80) {
      out[o++] = code;
      continue;
    }
    const letter = VNI_TABLE.get(c);
    if (letter) for (const b of letter) out[o++] = b;
    else out[o++] = ENCODE_OTHER.get(c) ?? 0x3f;
  }
  return out.slice(0, o);
}
