import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { zipSync } from 'fflate';
import { getSource } from '../../lambdas/core/feeds';
import { FeedError } from '../../lambdas/core/feeds/feed-error';
import { sniffDialect } from '../../lambdas/core/feeds/readers/csv-dialect';
import { sniffFormat } from '../../lambdas/core/feeds/readers/file-format';
import { readFeed } from '../../lambdas/core/feeds/readers/read-feed';
import type { SourceSpec } from '../../lambdas/core/feeds/source-spec';

// What a file is, from its bytes. The workbooks are the real tools' (test/fixtures/office: LibreOffice,
// gnumeric, openpyxl, xlwt); the rest are the few bytes that make each format what it is.
const OFFICE = join(__dirname, '..', 'fixtures', 'office');
const office = (file: string) => readFileSync(join(OFFICE, file));
const text = (s: string) => Buffer.from(s, 'utf8');

describe('sniffFormat', () => {
  test.each([
    ['vnpt_tram_lo.xlsx', 'xlsx'],
    ['vnpt_tram_gnumeric.xlsx', 'xlsx'],
    ['vnpt_tram.xlsx', 'xlsx'],
    ['vnpt_tram_lo.ods', 'ods'],
    ['vnpt_tram_lo.xls', 'xls'],
    ['vnpt_tram_gnumeric.xls', 'xls'],
    ['vnpt_tram_xlwt.xls', 'xls'],
    ['mot_cua_ho_so.xls', 'html'],
    ['viettel_tram.csv', 'text'],
    ['viettel_tram_unicode.txt', 'text'],
  ])('%s is %s', (file, format) => {
    expect(sniffFormat(office(file))).toEqual({ format });
  });

  test('an Excel 2003 XML spreadsheet, and an HTML table behind a BOM and a comment', () => {
    expect(
      sniffFormat(text('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:x">')),
    ).toEqual({ format: 'xml-spreadsheet' });
    expect(sniffFormat(text('\uFEFF  <!-- export --><html><body><table><tr><td>1</td></tr></table>'))).toEqual({
      format: 'html',
    });
    // Markup without a table is no spreadsheet: read as text (and refused there by its header).
    expect(sniffFormat(text('<html><body>Không có dữ liệu</body></html>'))).toEqual({ format: 'text' });
  });

  test.each([
    ['a PDF', text('%PDF-1.7\n...'), 'a PDF document', 'pdf'],
    [
      'a Word document',
      zipSync({ '[Content_Types].xml': text('<Types/>'), 'word/document.xml': text('<w/>') }),
      'Word',
      'docx',
    ],
    ['a zip of CSVs', zipSync({ 'bao_cao.csv': text('a,b\n1,2\n') }), 'a zip archive holding no spreadsheet', 'zip'],
    ['an .xlsb', zipSync({ 'xl/workbook.bin': new Uint8Array(8) }), '.xlsb', 'xlsb'],
  ])('%s is named, not read, and has its code', (_, bytes, named, code) => {
    const sniffed = sniffFormat(bytes);
    expect('unreadable' in sniffed && sniffed.unreadable).toContain(named);
    expect('unreadable' in sniffed && sniffed.code).toBe(code);
  });

  test('OLE2 files are told by their directory names (UTF-16LE): a password-protected workbook, Excel 95, a .doc', () => {
    const ole2 = (name: string) => {
      const bytes = Buffer.alloc(1536);
      bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
      bytes.write(name, 1024, 'utf16le');
      return bytes;
    };
    expect(sniffFormat(ole2('EncryptedPackage'))).toEqual({
      unreadable: 'a password-protected Excel workbook',
      code: 'xlsx-encrypted',
    });
    expect(sniffFormat(ole2('Book'))).toEqual({ unreadable: 'an Excel 5.0/95 workbook (BIFF5)', code: 'xls-biff5' });
    expect(sniffFormat(ole2('WordDocument'))).toEqual({ unreadable: 'a Word 97-2003 document (.doc)', code: 'doc' });
    expect(sniffFormat(ole2('Workbook'))).toEqual({ format: 'xls' });
  });
});

describe('sniffDialect', () => {
  test('the files LibreOffice wrote: ; with decimal commas, sep=;, tab-delimited Unicode Text', () => {
    const semicolon = office('viettel_tram_semicolon.csv').toString('utf8');
    expect(semicolon).toContain(';21,');
    expect(sniffDialect(semicolon, ',')).toEqual({ delimiter: ';', evidence: 'sniffed' });
    expect(sniffDialect(office('viettel_tram_sep.csv').toString('utf8'), ',')).toEqual({
      delimiter: ';',
      evidence: 'sep',
    });
    const unicode = office('viettel_tram_unicode.txt').toString('utf16le').slice(1);
    expect(sniffDialect(unicode, ',')).toEqual({ delimiter: '\t', evidence: 'sniffed' });
    expect(sniffDialect(office('viettel_tram.csv').toString('utf8'), ',')).toEqual({
      delimiter: ',',
      evidence: 'declared',
    });
  });

  test('the declared delimiter wins a tie; a title row above the table does not decide; quoted newlines are inside a record', () => {
    expect(sniffDialect('a;b,c\n1;2,3\n', ',')).toEqual({ delimiter: ',', evidence: 'declared' });
    expect(sniffDialect('a;b,c\n1;2,3\n', ';')).toEqual({ delimiter: ';', evidence: 'declared' });
    const titled = 'BÁO CÁO THÁNG 12, 2025\nMã;Tên;Số\n1;"Xã A, B";2\n3;Xã C;4\n';
    expect(sniffDialect(titled, ',')).toEqual({ delimiter: ';', evidence: 'sniffed' });
    const multiline = 'Mã\tGhi chú\tSố\n1\t"dòng 1\ndòng 2, 3, 4"\t2\n3\tx\t4\n';
    expect(sniffDialect(multiline, '\t')).toEqual({ delimiter: '\t', evidence: 'declared' });
  });
});

describe('a file no reader of its source takes is refused: what it is, and what to send instead', () => {
  /** How a refusal names a format a source may declare. */
  const NAMED: Record<SourceSpec['format'], string> = { csv: 'CSV', xlsx: '.xlsx', json: 'JSON', ndjson: 'NDJSON' };
  const PDF = text('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n');

  /** The refusal's two halves: what the file is, and what to send instead. */
  async function refusalOf(bytes: Uint8Array, source: string): Promise<{ found: string; send: string }> {
    const spec = getSource(source);
    const outcome = await (async () => {
      for await (const _ of readFeed(Readable.from([bytes]), spec, spec.feeds[0]!).batches);
    })().then(
      () => 'read',
      (error: unknown) => error,
    );
    expect(outcome).toBeInstanceOf(FeedError);
    expect((outcome as FeedError).code).toBe('unsupported_format');
    const [found, send, ...more] = (outcome as FeedError).message.split(': send ');
    expect(more).toEqual([]);
    return { found: found!, send: send ?? '' };
  }

  // One source declaring each tabular format: whichever it declares, it reads the other too.
  test.each(['vnpt', 'viettel'])(
    'a tabular source (%s) refuses a PDF and names both tabular formats',
    async (source) => {
      const { found, send } = await refusalOf(PDF, source);
      expect(found).toContain('PDF');
      for (const tabular of ['csv', 'xlsx'] as const) expect(send).toContain(NAMED[tabular]);
      expect(send).not.toContain('PDF');
    },
  );

  test.each([
    ['fpt', 'vnpt_tram_lo.ods', '.ods'],
    ['it-dept', 'vnpt_tram.xlsx', '.xlsx'],
  ])(
    'a JSON source (%s) refuses a workbook (%s) and asks for its declared JSON in its encoding',
    async (source, file, named) => {
      const spec = getSource(source);
      const { found, send } = await refusalOf(office(file), source);
      expect(found).toContain(named);
      expect(send).toContain(NAMED[spec.format]);
      expect(send).toContain(spec.encoding.toUpperCase());
      if (spec.format === 'json') expect(send).not.toContain(NAMED.ndjson);
      expect(send).not.toContain(named);
    },
  );

  test.each([
    ['an .xlsx', office('vnpt_tram_lo.xlsx'), '.xlsx'],
    ['a PDF', PDF, 'PDF'],
  ])(
    'the canonical source refuses %s and asks for its declared CSV, in its encoding, not a workbook',
    async (_, bytes, named) => {
      const spec = getSource('canonical');
      const { found, send } = await refusalOf(bytes, 'canonical');
      expect(found).toContain(named);
      expect(send).toContain(NAMED[spec.format]);
      expect(send).toContain(spec.encoding.toUpperCase());
      for (const workbook of ['.xlsx', '.xls', '.ods']) expect(send).not.toContain(workbook);
    },
  );
});
