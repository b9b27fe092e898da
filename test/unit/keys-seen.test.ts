import fc from 'fast-check';
import { KeysSeen } from '../../lambdas/core/ingest/keys-seen';

describe('the natural keys a file has given', () => {
  test('a key is seen again exactly when an earlier row had the same values (checked against a Set of the keys)', () => {
    const value = fc.oneof(
      fc.constantFrom('a', 'ab', 'b', '', '08707', 'vnpt'),
      fc.integer({ min: -3, max: 3 }),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value, value), { maxLength: 300 }), (rows) => {
        // A table of 7 slots: it wraps around and grows (by half) many times over 300 rows.
        const keys = new KeysSeen([0, 2], 7);
        const reference = new Set<string>();
        for (const row of rows) {
          const key = JSON.stringify([row[0], row[2]]);
          expect(keys.seen(row)).toBe(reference.has(key));
          reference.add(key);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('room made for the keys at once keeps every key it already held', () => {
    const keys = new KeysSeen([0]);
    for (let i = 0; i < 1000; i++) keys.seen([`HS-${i}`]);
    keys.reserve(1_000_000);
    for (let i = 0; i < 1000; i++) expect(keys.seen([`HS-${i}`])).toBe(true);
    expect(keys.seen(['HS-1000'])).toBe(false);
  });

  test('values are told apart where their texts meet ("ab","c" is not "a","bc"), and over many rows as the table grows', () => {
    const keys = new KeysSeen([0, 1]);
    expect(keys.seen(['ab', 'c'])).toBe(false);
    expect(keys.seen(['a', 'bc'])).toBe(false);
    for (let i = 0; i < 100_000; i++) expect(keys.seen([`HS-${i}`, '2025-12'])).toBe(false);
    expect(keys.seen(['HS-99999', '2025-12'])).toBe(true);
    expect(keys.seen(['HS-0', '2025-11'])).toBe(false);
  });
});
