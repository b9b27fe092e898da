import fc from 'fast-check';
import { DATASETS } from '../../lambdas/core/contracts';
import { patternCheck } from '../../lambdas/core/ingest/pattern-check';

/** What JavaScript's own regex engine says of the whole value: the reference the table must agree with. */
const byRegex = (pattern: string) => {
  const regex = new RegExp(`^(?:${pattern})$`);
  return (value: string) => regex.test(value);
};

const contractPatterns = [
  ...new Set(DATASETS.flatMap((d) => d.columns.flatMap((c) => (c.pattern ? [c.pattern] : [])))),
];
/** Class forms the table reads, and forms it leaves to the regex (escapes, negation, alternatives). */
const otherPatterns = [
  '[a-z-]+',
  '[-a-z]*',
  '[a-c-e]{2,3}',
  '[ -~]{0,4}',
  '[0-9]{5}',
  '[^0-9]{2}',
  '[\\d]{3}',
  '[a-z]{2}|x',
  '[A-Z]{2}[0-9]',
];

/** Values near the patterns: their own characters, neighbours of the class edges, non-ASCII, lengths around the bounds. */
const value = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'09afgAFZz_.-/: \t\u00e0\u1ea1\u0130@[]`{'), maxLength: 70 }),
  fc.stringMatching(/^[0-9a-f]{60,68}$/),
  fc.stringMatching(/^[A-Za-z0-9_.-]{0,66}$/),
);

describe('a contract pattern checked by its class table, as the regex does', () => {
  test('the contracts use patterns the table reads (else the speed-up reaches no column)', () => {
    expect(contractPatterns).toEqual(expect.arrayContaining(['[0-9a-f]{64}', '[A-Za-z0-9_.-]{1,64}']));
  });

  test.each([...contractPatterns, ...otherPatterns])('%s', (pattern) => {
    const check = patternCheck(pattern);
    const reference = byRegex(pattern);
    fc.assert(
      fc.property(value, (text) => check(text) === reference(text)),
      { numRuns: 3000 },
    );
  });

  test('a value one character outside the class, or one too long or short, fails', () => {
    const hash = patternCheck('[0-9a-f]{64}');
    const good = 'a'.repeat(64);
    expect(hash(good)).toBe(true);
    expect(hash(`${good.slice(1)}A`)).toBe(false);
    expect(hash(`${good}a`)).toBe(false);
    expect(hash(good.slice(1))).toBe(false);
    const code = patternCheck('[A-Za-z0-9_.-]{1,32}');
    expect(code('')).toBe(false);
    expect(code('1.002-015_X')).toBe(true);
    expect(code('1.002 015')).toBe(false);
    expect(code('m\u00e3')).toBe(false);
  });
});
