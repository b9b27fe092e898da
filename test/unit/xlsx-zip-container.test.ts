import { crc32, inflateRawSync } from 'node:zlib';
import { strFromU8, strToU8, zipSync } from 'fflate';
import { readXlsx } from '../../lambdas/core/feeds/xlsx/read-xlsx';
import { writeXlsx } from '../../lambdas/core/feeds/xlsx/write-xlsx';
import { ZipContainer } from '../../lambdas/core/feeds/xlsx/zip-container';
import { feedErrorOf } from '../support/feed-error-of';

const NO_LIMIT = Number.MAX_SAFE_INTEGER;

/** Where the fields of entry `name` are in `zip`: its central directory record and its data. */
function locate(zip: Uint8Array, name: string): { record: number; data: number; compressedSize: number } {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let at = zip.length - 22; at >= 0; at--) {
    if (view.getUint32(at, true) !== 0x06054b50) continue;
    for (let record = view.getUint32(at + 16, true); view.getUint32(record, true) === 0x02014b50; ) {
      const nameLength = view.getUint16(record + 28, true);
      const header = view.getUint32(record + 42, true);
      if (strFromU8(zip.subarray(record + 46, record + 46 + nameLength)) === name) {
        const data = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
        return { record, data, compressedSize: view.getUint32(record + 20, true) };
      }
      record += 46 + nameLength + view.getUint16(record + 30, true) + view.getUint16(record + 32, true);
    }
  }
  throw new Error(`no entry ${name}`);
}

/** A copy of `zip` with the central directory's 16- or 32-bit field at `offset` of entry `name` set to `value`. */
function withDirectoryField(zip: Uint8Array, name: string, offset: number, bits: 16 | 32, value: number): Uint8Array {
  const copy = zip.slice();
  const view = new DataView(copy.buffer);
  const { record } = locate(copy, name);
  if (bits === 16) view.setUint16(record + offset, value, true);
  else view.setUint32(record + offset, value, true);
  return copy;
}

/**
 * A copy of `zip` with one bit of entry `name`'s data flipped where the size checks cannot see
 * it: the entry still inflates to as many bytes as before, other ones (`inflated`).
 */
function flippedUnseenBySize(zip: Uint8Array, name: string): { damaged: Uint8Array; inflated: Uint8Array } {
  const { record, data, compressedSize } = locate(zip, name);
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const stored = view.getUint16(record + 10, true) === 0;
  const size = view.getUint32(record + 24, true);
  const original = zip.slice(data, data + compressedSize);
  const damaged = zip.slice();
  // From the middle on: the first bytes of a deflate stream are its code tables.
  for (let i = 0; i < compressedSize; i++) {
    const at = data + ((i + (compressedSize >> 1)) % compressedSize);
    damaged[at]! ^= 0x01;
    const raw = damaged.subarray(data, data + compressedSize);
    try {
      const inflated = stored ? raw.slice() : inflateRawSync(raw);
      const before = stored ? original : inflateRawSync(original);
      if (inflated.length === size && !Buffer.from(inflated).equals(Buffer.from(before))) return { damaged, inflated };
    } catch {
      // Not inflatable: the inflate check would catch it, not the CRC. Try the next byte.
    }
    damaged[at]! ^= 0x01;
  }
  throw new Error(`no flip of ${name} keeps its size`);
}

const text = 'Mã xã,Tên xã\n08707,Phường Vĩnh Yên\n'.repeat(50);
const textBytes = strToU8(text).length;

describe('ZipContainer', () => {
  test('reads stored and deflated entries, by a path whatever its case and a leading slash', () => {
    const zip = zipSync({ 'stored.txt': [strToU8(text), { level: 0 }], 'Deflated.txt': [strToU8(text), { level: 6 }] });
    const methodOf = (name: string) => new DataView(zip.buffer).getUint16(locate(zip, name).record + 10, true);

    const container = new ZipContainer(zip, NO_LIMIT);

    expect([methodOf('stored.txt'), methodOf('Deflated.txt')]).toEqual([0, 8]);
    expect(container.text('stored.txt')).toBe(text);
    expect(container.text('/deflated.TXT')).toBe(text);
    expect(container.part('missing.txt')).toBeUndefined();
  });

  test.each([
    ['stored', 0],
    ['deflated', 6],
  ] as const)('refuses a %s entry whose bytes do not match its CRC-32, naming the part', (_how, level) => {
    const zip = zipSync({ 'xl/sharedStrings.xml': [strToU8(text), { level }] });
    const { damaged, inflated } = flippedUnseenBySize(zip, 'xl/sharedStrings.xml');
    const hex = (bytes: Uint8Array | string) => crc32(bytes).toString(16).padStart(8, '0');

    const error = feedErrorOf(() => new ZipContainer(damaged, NO_LIMIT).part('xl/sharedStrings.xml'));

    expect([error.code, error.message]).toEqual([
      'invalid_xlsx',
      `the .xlsx file is damaged: xl/sharedStrings.xml fails its CRC-32 check (it is ${hex(inflated)}, the zip directory says ${hex(text)}); download or export the workbook again`,
    ]);
    expect(new ZipContainer(zip, NO_LIMIT).text('xl/sharedStrings.xml')).toBe(text);
  });

  test('refuses a workbook whose sheet was damaged after it was saved', () => {
    const bytes = writeXlsx([{ name: 'S', rows: [['a', 1]] }]);
    const { damaged } = flippedUnseenBySize(bytes, 'xl/worksheets/sheet1.xml');

    const error = feedErrorOf(() => readXlsx(damaged));

    expect(error.message).toMatch(/^the \.xlsx file is damaged: xl\/worksheets\/sheet1\.xml fails its CRC-32 check/);
    expect(readXlsx(bytes).rows).toEqual([{ line: 1, cells: ['a', '1'] }]);
  });

  test('takes a CRC-32 of 0 as not recorded, as Go archive/zip does, and reads the entry', () => {
    const zip = zipSync({ 'a.txt': [strToU8(text), { level: 6 }] });
    const unrecorded = withDirectoryField(zip, 'a.txt', 16, 32, 0);

    expect(new ZipContainer(unrecorded, NO_LIMIT).text('a.txt')).toBe(text);
  });

  test('refuses a zip whose entries declare more than the limit, before inflating any', () => {
    const zip = zipSync({ 'a.txt': strToU8('x'.repeat(600)), 'b.txt': strToU8('y'.repeat(500)) });

    const error = feedErrorOf(() => new ZipContainer(zip, 1099));

    expect([error.code, error.message]).toEqual([
      'invalid_xlsx',
      'the workbook expands to 1100 bytes, more than the 1099-byte limit (a damaged file or a zip bomb)',
    ]);
    expect(new ZipContainer(zip, 1100).text('b.txt')).toBe('y'.repeat(500));
  });

  test('refuses an entry that inflates to more, or fewer, bytes than its directory declares', () => {
    const zip = zipSync({ 'a.txt': [strToU8(text), { level: 6 }] });
    const tooSmall = withDirectoryField(zip, 'a.txt', 24, 32, textBytes - 1);
    const tooLarge = withDirectoryField(zip, 'a.txt', 24, 32, textBytes + 1);

    expect(feedErrorOf(() => new ZipContainer(tooSmall, NO_LIMIT).part('a.txt')).message).toBe(
      `a.txt inflates to more than its declared ${textBytes - 1} bytes (a damaged file or a zip bomb)`,
    );
    expect(feedErrorOf(() => new ZipContainer(tooLarge, NO_LIMIT).part('a.txt')).message).toBe(
      `the .xlsx file is damaged: a.txt inflates to ${textBytes} bytes, not the ${textBytes + 1} its zip directory declares`,
    );
  });

  test('refuses an OLE2 (CFB) file: a workbook saved with a password, or an old .xls', () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

    const error = feedErrorOf(() => new ZipContainer(ole, NO_LIMIT));

    expect([error.code, error.message]).toEqual([
      'invalid_xlsx',
      'the workbook is password-protected or in the old .xls format; save it as .xlsx',
    ]);
  });

  test.each([
    ['zip-encrypted (flag bit 0)', 8, 16, 1, 'the workbook is password-protected; save it without a password'],
    ['compressed with bzip2', 10, 16, 12, 'a.txt uses zip compression method 12; only deflate is supported'],
  ] as const)('refuses an entry %s when it is read', (_what, offset, bits, value, message) => {
    const zip = withDirectoryField(zipSync({ 'a.txt': strToU8(text) }), 'a.txt', offset, bits, value);

    const container = new ZipContainer(zip, NO_LIMIT);

    expect(feedErrorOf(() => container.part('a.txt')).message).toBe(message);
  });

  test('refuses deflate data that does not inflate, and what is no zip or a zip cut short', () => {
    const zip = zipSync({ 'a.txt': [strToU8(text), { level: 6 }] });
    const { data } = locate(zip, 'a.txt');
    const garbled = zip.slice();
    garbled[data] = 0xff; // block type 3, which deflate does not have

    expect(feedErrorOf(() => new ZipContainer(garbled, NO_LIMIT).part('a.txt')).message).toMatch(
      /^the \.xlsx file is damaged: a\.txt does not inflate \(/,
    );
    expect(feedErrorOf(() => new ZipContainer(strToU8('Mã xã,Tên xã\n'), NO_LIMIT)).message).toBe(
      'the file is not an .xlsx workbook (it is not a zip archive)',
    );
    expect(feedErrorOf(() => new ZipContainer(zip.subarray(0, zip.length - 30), NO_LIMIT)).message).toBe(
      'the .xlsx file is truncated: its zip directory is missing',
    );
  });
});
