import { CsvRecordReader } from '../../lambdas/core/feeds/readers/csv';

function read(chunks: string[], options = {}): [string[], number][] {
  const reader = new CsvRecordReader(options);
  const out: [string[], number][] = [];
  const on = (fields: string[], line: number) => out.push([fields, line]);
  for (const chunk of chunks) reader.push(chunk, on);
  reader.end(on);
  return out;
}

describe('CsvRecordReader', () => {
  test('reads plain and quoted fields with the line each record starts on', () => {
    expect(read(['a,b\n1,"x, ""y"""\n"multi\nline",2\n3,4'])).toEqual([
      [['a', 'b'], 1],
      [['1', 'x, "y"'], 2],
      [['multi\nline', '2'], 3],
      [['3', '4'], 5],
    ]);
  });

  test('gives the same records whatever the chunk boundaries', () => {
    const text = 'a,b\r\n"q,1","w\r\nz"\r\n\r\nlast,"x"\r\n';
    const whole = read([text]);
    for (let cut = 1; cut < text.length; cut++) expect(read([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
    expect(whole).toEqual([
      [['a', 'b'], 1],
      [['q,1', 'w\r\nz'], 2],
      [['last', 'x'], 5],
    ]);
  });

  test('fails with the line of a quote that never closes', () => {
    expect(() => read(['a,b\n1,2\n3,"open\n4,5\n'])).toThrow('line 3: a quoted field opens here and never closes');
  });

  test('fails on text after a closing quote', () => {
    expect(() => read(['a,b\n"x"y,2\n'])).toThrow('line 2: unexpected "y" after a closing quote');
  });

  test('fails on a record longer than the limit, even across chunks', () => {
    expect(() => read(['a,b\n1,', 'x'.repeat(600), 'y'.repeat(600), '\n'], { maxRecordLength: 1000 })).toThrow(
      expect.objectContaining({
        code: 'record_too_large',
        message: expect.stringMatching(/^line 2: a record is longer than 1000 characters/),
      }),
    );
  });

  test('keeps a trailing empty field', () => {
    expect(read(['a,b,c\n1,"2",\n'])).toEqual([
      [['a', 'b', 'c'], 1],
      [['1', '2', ''], 2],
    ]);
  });
});
