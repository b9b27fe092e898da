import { detectEncoding } from '../detect-encoding';
import { FeedError } from '../feed-error';
import type { SourceSpec } from '../source-spec';
import type { TextEncoding } from '../text-encodings';
import { createTextDecoder } from '../text-stream-decoder';
import type { WorkbookFormat } from './file-format';

/** What a reader found out about a file, for the manifest and `vpdc validate`. */
export interface FileFacts {
  /** The format the bytes turned out to be (a CSV source may send a workbook), once the reader has looked. */
  format: SourceSpec['format'] | WorkbookFormat;
  /** A CSV file's delimiter (the spec's, or the one its lines show). */
  delimiter?: string;
  /** A workbook's visible sheets, in tab order. */
  sheets?: string[];
  encoding?: TextEncoding;
  /** How the encoding was told (`bom`, `valid_utf8`, `vietnamese_score`, `declared`). */
  evidence?: string;
  /** Keys of JSON records that no column reads (a CSV's extra columns come from its header). */
  extraKeys: Set<string>;
  /** A workbook in the 1904 date system (its serial days count from 1904-01-01). */
  date1904?: boolean;
}

export function newFileFacts(spec: SourceSpec): FileFacts {
  return { format: spec.format, extraKeys: new Set() };
}

/** Bytes looked at to tell the encoding. */
const SNIFF_BYTES = 64 * 1024;

/**
 * Bytes → NFC text in the file's encoding, told from its first 64 KiB: a BOM, UTF-16's NUL
 * pattern, valid UTF-8, or the legacy encoding whose text reads as Vietnamese. A sample that
 * is plain ASCII says nothing, so the source's declared encoding is taken; so is a strict
 * source's, whatever the sample (its decoder then fails on bytes not in it).
 */
export async function* decodeText(
  input: AsyncIterable<Uint8Array>,
  spec: SourceSpec,
  facts: FileFacts,
): AsyncGenerator<string> {
  let head: Uint8Array[] = [];
  let headBytes = 0;
  let decoder: ReturnType<typeof createTextDecoder> | undefined;
  const start = () => {
    const sample = Buffer.concat(head);
    // Plain ASCII reads the same in every single-byte encoding and UTF-8 (but never as UTF-16).
    const ascii = sample.every((b) => b < 0x80 && b !== 0);
    const declared = spec.encoding === 'auto' || spec.encoding.startsWith('utf-16') ? 'utf-8' : spec.encoding;
    const strict = spec.strictEncoding && spec.encoding !== 'auto' ? spec.encoding : undefined;
    // A strict source's file is not looked at for another encoding: a NUL byte outside UTF-16 says binary.
    if (strict && !strict.startsWith('utf-16') && sample.includes(0))
      throw new FeedError(
        'binary_content',
        `the file contains NUL bytes near byte ${sample.indexOf(0)}: it is not a text (CSV) file`,
      );
    const chosen = strict
      ? { encoding: strict, evidence: 'declared' }
      : ascii
        ? { encoding: declared, evidence: 'declared' }
        : detectEncoding(sample);
    facts.encoding = chosen.encoding;
    facts.evidence = chosen.evidence;
    decoder = createTextDecoder(chosen.encoding);
    nulIsAByte = !chosen.encoding.startsWith('utf-16');
    const text = decoder.write(sample);
    head = [];
    return text;
  };
  // In UTF-8 and the single-byte encodings a NUL character is a NUL byte: looking for the byte
  // (memchr) is far cheaper than looking through the decoded text. UTF-16 is checked as text.
  let nulIsAByte = false;
  for await (const chunk of input) {
    if (decoder) {
      if (nulIsAByte) {
        if (chunk.includes(0)) checked('\0');
        const text = decoder.write(chunk);
        if (text) yield text;
      } else {
        const text = checked(decoder.write(chunk));
        if (text) yield text;
      }
      continue;
    }
    head.push(chunk);
    headBytes += chunk.length;
    if (headBytes >= SNIFF_BYTES) {
      const text = checked(start());
      if (text) yield text;
    }
  }
  if (!decoder) {
    if (headBytes === 0) return;
    const text = checked(start());
    if (text) yield text;
  }
  const tail = checked(decoder!.end());
  if (tail) yield tail;
}

/** Decoded text with a NUL is not text (a binary file, or one in an encoding it does not seem to be). */
function checked(text: string): string {
  const nul = text.indexOf('\0');
  if (nul !== -1)
    throw new FeedError(
      'binary_content',
      'the file contains NUL characters: it is not a text (CSV) file, or not in the encoding it seems to be',
    );
  return text;
}
