import { FeedError } from '../feed-error';

/** Whole-file formats (a spreadsheet, a JSON document) are read into memory up to this size. */
export const MAX_WHOLE_FILE_BYTES = 256 * 1024 * 1024;
export interface CountedBytes extends AsyncIterable<Uint8Array> {
  bytes: number;
}

export function countBytes(input: AsyncIterable<Uint8Array>): CountedBytes {
  const counted = {
    bytes: 0,
    async *[Symbol.asyncIterator]() {
      for await (const chunk of input) {
        counted.bytes += chunk.length;
        yield chunk;
      }
    },
  };
  return counted;
}

/** The whole file, for formats read at once (a spreadsheet, a JSON document), bounded. */
export async function readWhole(input: CountedBytes, what: string): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of input) {
    if (input.bytes > MAX_WHOLE_FILE_BYTES)
      throw new FeedError(
        'record_too_large',
        `the ${what} is larger than ${MAX_WHOLE_FILE_BYTES / 1024 / 1024} MiB; split it`,
      );
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** One buffer as a stream of chunks. */
export async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}
