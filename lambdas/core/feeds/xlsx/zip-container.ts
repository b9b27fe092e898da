import { crc32, inflateRawSync } from 'node:zlib';
import { FeedError } from '../feed-error';

/**
 * The zip an .xlsx is: its parts by path, each inflated and checked when it is asked for.
 *
 * The entries come from the central directory (the local headers may lack sizes). Every entry
 * is inflated by node:zlib with its declared size as the output limit, and the declared sizes
 * together must stay under a limit, so a zip bomb fails before it can take the Lambda's memory.
 * Each part's CRC-32 is checked against the directory: a file damaged in a copy or an upload
 * can still inflate, to the right size, into wrong text.
 */
export class ZipContainer {
  private readonly entries = new Map<string, ZipEntry>();
  private readonly view: DataView;

  /** Reads the directory of `bytes`; throws when it is no zip, or expands to more than `limit` bytes. */
  constructor(
    private readonly bytes: Uint8Array,
    limit: number,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // Excel saves a workbook with a password as a CFB (OLE2) file around the encrypted zip, and
    // an old .xls is one too: neither is a zip, and "not a zip archive" would not tell the sender why.
    if (CFB_MAGIC.every((byte, i) => bytes[i] === byte)) {
      throw new FeedError(
        'invalid_xlsx',
        'the workbook is password-protected or in the old .xls format; save it as .xlsx',
      );
    }
    let declared = 0;
    for (const entry of this.readDirectory()) {
      declared += entry.size;
      // Part names are case-insensitive in OPC, and some writers disagree on case.
      this.entries.set(entry.name.toLowerCase(), entry);
    }
    if (declared > limit) {
      throw new FeedError(
        'invalid_xlsx',
        `the workbook expands to ${declared} bytes, more than the ${limit}-byte limit (a damaged file or a zip bomb)`,
      );
    }
  }

  /** The part at `path`, decoded as UTF-8, or undefined when the zip has no such entry. */
  text(path: string): string | undefined {
    const bytes = this.part(path);
    return bytes === undefined ? undefined : utf8.decode(bytes);
  }

  /** The bytes of the part at `path`, or undefined when the zip has no such entry. */
  part(path: string): Uint8Array | undefined {
    const entry = this.entries.get(path.replace(/^\//, '').toLowerCase());
    if (entry === undefined) return undefined;
    const data = this.inflate(entry);
    checkCrc(entry, data);
    return data;
  }

  private readDirectory(): ZipEntry[] {
    const end = this.findEndOfDirectory();
    let count = this.u16(end + 10);
    let offset = this.u32(end + 16);
    if (count === 0xffff || offset === 0xffffffff) {
      // Zip64: the real values are in a second end record that a locator points to.
      const locator = end - 20;
      if (locator < 0 || this.u32(locator) !== 0x07064b50) throw corrupt('its zip64 directory has no locator');
      const end64 = this.u64(locator + 8);
      if (this.u32(end64) !== 0x06064b50) throw corrupt('its zip64 directory has no end record');
      count = this.u64(end64 + 32);
      offset = this.u64(end64 + 48);
    }
    const entries: ZipEntry[] = [];
    for (let i = 0, at = offset; i < count; i++) {
      if (this.u32(at) !== 0x02014b50) throw corrupt('its zip directory is broken');
      const nameLength = this.u16(at + 28);
      const extraLength = this.u16(at + 30);
      const entry: ZipEntry = {
        name: utf8.decode(this.slice(at + 46, nameLength)),
        flags: this.u16(at + 8),
        method: this.u16(at + 10),
        crc: this.u32(at + 16),
        compressedSize: this.u32(at + 20),
        size: this.u32(at + 24),
        headerOffset: this.u32(at + 42),
      };
      this.applyZip64Extra(entry, at + 46 + nameLength, extraLength);
      if (!entry.name.endsWith('/')) entries.push(entry);
      at += 46 + nameLength + extraLength + this.u16(at + 32);
    }
    return entries;
  }

  private findEndOfDirectory(): number {
    // The end record is the last 22 bytes plus a comment of up to 65,535 bytes.
    const stop = Math.max(0, this.bytes.length - 22 - 0xffff);
    for (let at = this.bytes.length - 22; at >= stop; at--) {
      if (this.view.getUint32(at, true) === 0x06054b50) return at;
    }
    // A zip starts with a local header and ends with the directory: an upload cut short has one.
    if (this.bytes.length >= 4 && this.view.getUint32(0, true) === 0x04034b50) {
      throw new FeedError('invalid_xlsx', 'the .xlsx file is truncated: its zip directory is missing');
    }
    throw new FeedError('invalid_xlsx', 'the file is not an .xlsx workbook (it is not a zip archive)');
  }

  /** A field that overflowed 32 bits holds 0xFFFFFFFF; its value is then in extra field 1. */
  private applyZip64Extra(entry: ZipEntry, start: number, length: number): void {
    if (entry.size !== 0xffffffff && entry.compressedSize !== 0xffffffff && entry.headerOffset !== 0xffffffff) return;
    for (let at = start; at + 4 <= start + length; at += 4 + this.u16(at + 2)) {
      if (this.u16(at) !== 1) continue;
      let field = at + 4;
      for (const key of ['size', 'compressedSize', 'headerOffset'] as const) {
        if (entry[key] === 0xffffffff) {
          entry[key] = this.u64(field);
          field += 8;
        }
      }
      return;
    }
  }

  private inflate(entry: ZipEntry): Uint8Array {
    if (entry.flags & 1)
      throw new FeedError('invalid_xlsx', 'the workbook is password-protected; save it without a password');
    const header = entry.headerOffset;
    if (this.u32(header) !== 0x04034b50) throw corrupt(`the zip entry of ${entry.name} is broken`);
    const data = this.slice(header + 30 + this.u16(header + 26) + this.u16(header + 28), entry.compressedSize);
    if (entry.method === 0) {
      if (data.length !== entry.size) throw corrupt(`${entry.name} is not the size its zip directory declares`);
      return data;
    }
    if (entry.method !== 8)
      throw new FeedError(
        'invalid_xlsx',
        `${entry.name} uses zip compression method ${entry.method}; only deflate is supported`,
      );

    // Node's own zlib (native, about 3× fflate here), told to stop past the declared size: a
    // lying size (a zip bomb) fails instead of allocating what the bomb unpacks to.
    let out: Uint8Array;
    try {
      // One output chunk a byte larger than declared: the part arrives in one piece, not in
      // 16 KiB chunks that are then copied together (a third of the time for a large sheet),
      // and a part that does not end there is over its size at once.
      out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size), chunkSize: Math.max(64, entry.size + 1) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new FeedError(
          'invalid_xlsx',
          `${entry.name} inflates to more than its declared ${entry.size} bytes (a damaged file or a zip bomb)`,
        );
      }
      throw new FeedError(
        'invalid_xlsx',
        `the .xlsx file is damaged: ${entry.name} does not inflate (${(error as Error).message})`,
        undefined,
        { cause: error },
      );
    }
    const filled = out.length;
    if (filled !== entry.size)
      throw corrupt(`${entry.name} inflates to ${filled} bytes, not the ${entry.size} its zip directory declares`);
    return out;
  }

  private slice(at: number, length: number): Uint8Array {
    if (at + length > this.bytes.length) throw corrupt('a zip entry runs past the end of the file');
    return this.bytes.subarray(at, at + length);
  }

  private u16(at: number): number {
    if (at < 0 || at + 2 > this.bytes.length) throw corrupt('it is truncated');
    return this.view.getUint16(at, true);
  }

  private u32(at: number): number {
    if (at < 0 || at + 4 > this.bytes.length) throw corrupt('it is truncated');
    return this.view.getUint32(at, true);
  }

  private u64(at: number): number {
    return this.u32(at) + this.u32(at + 4) * 2 ** 32;
  }
}

/** The first bytes of a CFB (OLE2) compound file. */
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const utf8 = new TextDecoder();

interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  /** The CRC-32 of the uncompressed part, from the central directory. */
  crc: number;
  compressedSize: number;
  size: number;
  headerOffset: number;
}

/**
 * Refuses a part whose bytes are not the ones the zip's writer checksummed. A CRC of 0 is
 * taken as not recorded, as Go's archive/zip takes it: a writer that leaves the field empty
 * is not saying the part is damaged. (zlib's crc32 runs at several GB/s, native: the check
 * costs a few percent of reading a large sheet.)
 */
function checkCrc(entry: ZipEntry, data: Uint8Array): void {
  if (entry.crc === 0) return;
  const actual = crc32(data);
  if (actual !== entry.crc)
    throw corrupt(
      `${entry.name} fails its CRC-32 check (it is ${hex(actual)}, the zip directory says ${hex(entry.crc)}); ` +
        'download or export the workbook again',
    );
}

function hex(value: number): string {
  return value.toString(16).padStart(8, '0');
}

function corrupt(what: string): FeedError {
  return new FeedError('invalid_xlsx', `the .xlsx file is damaged: ${what}`);
}
