import { FeedError } from '../feeds/feed-error';

/**
 * Decodes a byte stream as UTF-8, strictly: an invalid sequence fails the file instead of
 * becoming U+FFFD, so a mis-declared legacy encoding never reaches the lake as mojibake.
 * A leading BOM is dropped. NUL bytes mean the file is not text.
 */
export async function* decodeUtf8(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  for await (const chunk of chunks) {
    if (chunk.includes(0)) {
      throw new FeedError(
        'binary_content',
        `the file contains NUL bytes near byte ${offset + chunk.indexOf(0)}: it is not a text (CSV) file`,
      );
    }
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch (error) {
      throw new FeedError(
        'invalid_utf8',
        `invalid UTF-8 in bytes ${offset}..${offset + chunk.length}; save the file as UTF-8`,
        undefined,
        { cause: error },
      );
    }
    offset += chunk.length;
    if (text) yield text;
  }
  try {
    const tail = decoder.decode();
    if (tail) yield tail;
  } catch (error) {
    throw new FeedError('invalid_utf8', 'the file ends in the middle of a UTF-8 character', undefined, {
      cause: error,
    });
  }
}
