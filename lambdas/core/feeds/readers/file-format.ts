/**
 * What a file really is, told from its bytes: producers send the table their office program
 * saved, whatever the source's spec declares (a "CSV" that is an .xlsx, an "Excel" file that
 * is an HTML page), so the container decides the reader.
 */
export type FoundFormat = 'text' | 'xlsx' | 'ods' | 'xls' | 'html' | 'xml-spreadsheet';

/** A workbook format: its cells come from a spreadsheet program, not from text. */
export type WorkbookFormat = Exclude<FoundFormat, 'text'>;

/**
 * What the file is, or what it is that no reader takes: said for the producer (`unreadable`)
 * and as a short code for the manifest's `format` column (`code`: `pdf`, `docx`, …), which
 * holds a readable file's format code too.
 */
export type Sniffed = { format: FoundFormat } | { unreadable: string; code: string };

/** Bytes at the start that tell a container; the rest of the file is only looked at for a zip or OLE2 file. */
export const SNIFF_HEAD_BYTES = 4096;

/** How each format is named to a producer. */
export const FORMAT_NAMES: Record<FoundFormat, string> = {
  text: 'a text (CSV) file',
  xlsx: 'an Excel workbook (.xlsx)',
  ods: 'an OpenDocument spreadsheet (.ods)',
  xls: 'an Excel 97-2003 workbook (.xls)',
  html: 'a web page (HTML table) saved as Excel',
  'xml-spreadsheet': 'an Excel 2003 XML spreadsheet',
};

/** Whether `head` starts a file that must be read whole before it can be told apart (a zip, an OLE2 file). */
export function needsWholeFile(head: Uint8Array): boolean {
  return startsWith(head, ZIP) || startsWith(head, OLE2);
}

/**
 * The file's format from its bytes: `bytes` is the whole file for a zip or OLE2 container
 * (their directories list the parts), else at least its first SNIFF_HEAD_BYTES.
 */
export function sniffFormat(bytes: Uint8Array): Sniffed {
  if (startsWith(bytes, ZIP)) return sniffZip(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (startsWith(bytes, OLE2)) return sniffOle2(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  for (const [magic, code, what] of OTHER_BINARIES) if (startsWith(bytes, magic)) return { unreadable: what, code };
  const head = asciiHead(bytes);
  if (/^<\?xml[^>]*>\s*(<\?mso-application[^>]*>\s*)?<(ss:)?Workbook\b/i.test(head))
    return { format: 'xml-spreadsheet' };
  if (
    /^(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html|head|body|meta|table|style)\b/i.test(head) &&
    /<table\b/i.test(head)
  )
    return { format: 'html' };
  return { format: 'text' };
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const OTHER_BINARIES: [number[], string, string][] = [
  [[0x25, 0x50, 0x44, 0x46, 0x2d], 'pdf', 'a PDF document'],
  [[0x89, 0x50, 0x4e, 0x47], 'png', 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'jpeg', 'a JPEG image'],
  [[0x52, 0x61, 0x72, 0x21], 'rar', 'a RAR archive'],
  [[0x37, 0x7a, 0xbc, 0xaf], '7z', 'a 7-Zip archive'],
  [[0x1f, 0x8b], 'gzip', 'a gzip archive'],
];

/**
 * A zip's part names sit uncompressed in its local and central headers. An ODF document
 * starts with its stored `mimetype` part (the standard requires it first).
 */
function sniffZip(bytes: Buffer): Sniffed {
  const mimetype =
    bytes.subarray(30, 30 + 8).toString('latin1') === 'mimetype' ? bytes.subarray(38, 120).toString('latin1') : '';
  if (mimetype.startsWith('application/vnd.oasis.opendocument.spreadsheet')) return { format: 'ods' };
  if (mimetype.startsWith('application/vnd.oasis.opendocument.text'))
    return { unreadable: 'an OpenDocument text (.odt)', code: 'odt' };
  if (bytes.includes('xl/workbook.xml') || bytes.includes('xl/workbook.bin')) {
    if (bytes.includes('xl/workbook.bin')) return { unreadable: 'an Excel binary workbook (.xlsb)', code: 'xlsb' };
    return { format: 'xlsx' };
  }
  if (bytes.includes('content.xml') && bytes.includes('mimetype')) return { format: 'ods' };
  if (bytes.includes('word/document.xml')) return { unreadable: 'a Word document (.docx)', code: 'docx' };
  if (bytes.includes('ppt/presentation.xml')) return { unreadable: 'a PowerPoint presentation (.pptx)', code: 'pptx' };
  return { unreadable: 'a zip archive holding no spreadsheet', code: 'zip' };
}

/** OLE2 (Compound File) directory entries are named in UTF-16LE (some writers' streams repeat the names in ASCII). */
function sniffOle2(bytes: Buffer): Sniffed {
  const has = (name: string) => bytes.includes(Buffer.from(name, 'utf16le')) || bytes.includes(name);
  if (has('EncryptedPackage')) return { unreadable: 'a password-protected Excel workbook', code: 'xlsx-encrypted' };
  if (has('Workbook')) return { format: 'xls' };
  // Excel 5.0/95 (BIFF5) keeps text in the machine's code page, which the reader does not carry.
  if (has('Book')) return { unreadable: 'an Excel 5.0/95 workbook (BIFF5)', code: 'xls-biff5' };
  if (has('WordDocument')) return { unreadable: 'a Word 97-2003 document (.doc)', code: 'doc' };
  return { unreadable: 'an OLE2 (Office 97-2003) file that holds no workbook', code: 'ole2' };
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  if (bytes.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic[i]) return false;
  return true;
}

/** The head as text for markup sniffing: a UTF-8 BOM and leading blanks dropped (markup is ASCII). */
function asciiHead(bytes: Uint8Array): string {
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const end = Math.min(bytes.length, start + SNIFF_HEAD_BYTES);
  while (start < end && (bytes[start] === 0x20 || (bytes[start]! >= 0x09 && bytes[start]! <= 0x0d))) start++;
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
}
