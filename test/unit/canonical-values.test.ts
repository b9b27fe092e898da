import {
  civilFromDays,
  daysFromCivil,
  INVALID,
  parseBoolean,
  parseDate,
  parseDecimal,
  parseDouble,
  parseInteger,
  parseTimestamp,
} from '../../lambdas/core/contracts/canonical-values';

describe('canonical value parsers', () => {
  test('timestamps honour their offset; no offset means Vietnam time (UTC+7)', () => {
    expect(parseTimestamp('2025-03-04T08:15:00+07:00')).toBe(Date.parse('2025-03-04T01:15:00Z'));
    expect(parseTimestamp('2025-03-04 08:15')).toBe(Date.parse('2025-03-04T01:15:00Z'));
    expect(parseTimestamp('2025-03-04T08:15:30.25Z')).toBe(Date.parse('2025-03-04T08:15:30.250Z'));
    expect(parseTimestamp('2025-03-04T08:15:00-0130')).toBe(Date.parse('2025-03-04T09:45:00Z'));
    for (const bad of [
      '2025-02-30T00:00:00Z',
      '2025-13-01T00:00',
      '2025-03-04T24:00',
      '04/03/2025 08:15',
      '2025-03-04T08:15:00+07:00x',
    ])
      expect(parseTimestamp(bad)).toBe(INVALID);
  });

  test('dates are real calendar dates, as days since 1970-01-01', () => {
    expect(parseDate('1970-01-02')).toBe(1);
    expect(parseDate('2024-02-29')).toBe(Date.UTC(2024, 1, 29) / 86_400_000);
    expect(parseDate('1969-12-31')).toBe(-1);
    expect(parseDate('2023-02-29')).toBe(INVALID);
    expect(parseDate('2023-2-1')).toBe(INVALID);
  });

  test('decimals keep every digit as an unscaled integer and refuse extra precision', () => {
    expect(parseDecimal('34202.5', 18, 4)).toBe(342025000n);
    expect(parseDecimal('-0.1000', 18, 4)).toBe(-1000n);
    expect(parseDecimal('1.23456', 18, 4)).toBe(INVALID);
    expect(parseDecimal('1.234,5', 18, 4)).toBe(INVALID);
  });

  test('integers, doubles and booleans in their plain forms only', () => {
    expect(parseInteger('-42')).toBe(-42);
    expect(parseInteger('1.5')).toBe(INVALID);
    expect(parseInteger('1234567890123456')).toBe(INVALID);
    expect(parseDouble('21.05')).toBe(21.05);
    expect(parseDouble('0x10')).toBe(INVALID);
    expect(parseBoolean('TRUE')).toBe(true);
    expect(parseBoolean('yes')).toBe(INVALID);
  });
});

describe('the calendar', () => {
  test("days ↔ dates agree with JavaScript's own calendar from 1899 to 2101, both ways", () => {
    const first = Date.UTC(1899, 0, 1) / 86_400_000;
    const last = Date.UTC(2101, 11, 31) / 86_400_000;
    const wrong: string[] = [];
    for (let days = first; days <= last; days++) {
      const date = new Date(days * 86_400_000);
      const civil = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
      const got = civilFromDays(days);
      if (got.year !== civil.year || got.month !== civil.month || got.day !== civil.day) wrong.push(`${days}`);
      if (daysFromCivil(civil.year, civil.month, civil.day) !== days) wrong.push(`back ${days}`);
    }
    expect(wrong).toEqual([]);
  });
});
