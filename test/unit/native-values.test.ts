import {
  convertBoolean,
  convertDate,
  convertNumber,
  convertPeriod,
  convertTimestamp,
  enumConverter,
  vietnamMonthOf,
} from '../../lambdas/core/feeds/native-values';

/** Days since 1970-01-01, by JavaScript's own calendar. */
const daysOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('numbers as Vietnamese and English write them', () => {
  test.each([
    ['1.234.567', 'vi', '1234567'],
    ['1.234,5', 'vi', '1234.5'],
    ['-1.234,50', 'vi', '-1234.50'],
    ['(1.234)', 'vi', '-1234'],
    ['1,234,567.5', 'en', '1234567.5'],
    ['1 234 567', 'vi', '1234567'],
    ['007', 'vi', '7'],
    ['1.234.567,5', 'auto', '1234567.5'],
    ['1,234,567.5', 'auto', '1234567.5'],
    ['1.234.567', 'auto', '1234567'],
    ['12,5', 'auto', '12.5'],
    ['1234.56', 'auto', '1234.56'],
    ['1.234', 'vi', '1234'],
    ['0,5', 'vi', '0.5'],
    ['1234,5', 'vi', '1234.5'],
    ['21,416757', 'vi', '21.416757'],
    ['1,234', 'en', '1234'],
    ['1e-7', 'vi', '1e-7'],
    ['2.5E+3', 'en', '2500'],
  ])('%s (%s) → %s', (raw, style, text) => {
    expect(convertNumber(raw, style as 'vi')).toBe(text);
  });

  test.each([
    ['1.234', 'ambiguous_number'],
    ['1,234', 'ambiguous_number'],
  ])('%s alone could be a thousand or a fraction: %s', (raw, reason) => {
    expect(convertNumber(raw, 'auto')).toEqual({ reason });
  });

  test.each(['1.23.4', '12,34,5', 'abc', '1.234,5,6', '', '.', '1..2', '12.34', '1.2345', '1.234.56', ',5', '5,'])(
    '%s is not a number',
    (raw) => {
      expect(convertNumber(raw, 'vi')).toEqual({ reason: 'invalid_number' });
    },
  );
});

describe('dates, day first', () => {
  test.each([
    ['25/12/2025', '2025-12-25'],
    ['5-1-2024', '2024-01-05'],
    ['05.01.2024', '2024-01-05'],
    ['2024-02-29', '2024-02-29'],
    ['29/02/2024', '2024-02-29'],
    ['29/02/2000', '2000-02-29'],
  ])('%s → %s', (raw, iso) => {
    expect(convertDate(raw)).toBe(daysOf(iso));
  });

  test('an Excel serial day, when the spec allows it', () => {
    expect(convertDate('46016', { excelSerial: true })).toBe(daysOf('2025-12-25'));
    expect(convertDate('1', { excelSerial: true })).toEqual({ reason: 'invalid_date' });
    // A date-and-time cell (15/03/2021 23:59:59.999, 01/01/2004 12:00) in a date column: its day.
    expect(convertDate('44270.99999998842', { excelSerial: true })).toBe(daysOf('2021-03-15'));
    expect(convertDate('37987.5', { excelSerial: true })).toBe(daysOf('2004-01-01'));
    expect(convertDate('37987.5')).toEqual({ reason: 'invalid_date' });
    expect(convertDate('46016')).toEqual({ reason: 'invalid_date' });
  });

  test.each([
    '31/02/2025',
    '12/25/2025',
    '2025-13-01',
    '2023-02-29',
    '29/02/2023',
    '31/04/2025',
    '00/01/2025',
    'hôm nay',
  ])('%s is not a date', (raw) => {
    expect(convertDate(raw)).toEqual({ reason: 'invalid_date' });
  });
});

describe('booleans and enumerations', () => {
  test.each([
    ['Có', true],
    ['không', false],
    ['X', true],
    ['1', true],
    ['0', false],
    ['Yes', true],
    ['Đúng', true],
    ['Chưa', false],
  ])('%s → %s', (raw, value) => {
    expect(convertBoolean(raw)).toBe(value);
  });

  test('anything else is invalid_boolean', () => {
    expect(convertBoolean('có thể')).toEqual({ reason: 'invalid_boolean' });
  });

  test('channels in Vietnamese, with or without diacritics, or in English', () => {
    const channel = enumConverter({ online: ['Trực tuyến'], direct: ['Trực tiếp'], postal: ['Bưu chính', 'BCCI'] });
    expect(['Trực tuyến', 'TRUC TUYEN', 'online', 'Trực tiếp', 'bưu chính', 'BCCI'].map((v) => channel(v))).toEqual([
      'online',
      'online',
      'online',
      'direct',
      'postal',
      'postal',
    ]);
    expect(channel('Fax')).toEqual({ reason: 'invalid_enum' });
  });
});

describe('timestamps and reporting months', () => {
  test.each([
    ['2025-07-01T08:30:00+07:00', '2025-07-01T01:30:00Z'],
    ['2025-07-01 08:30', '2025-07-01T01:30:00Z'], // no offset: Vietnam time
    ['2025-07-01T01:30:00Z', '2025-07-01T01:30:00Z'],
    ['01/07/2025 08:30', '2025-07-01T01:30:00Z'],
    ['1/7/2025 8:30:15', '2025-07-01T01:30:15Z'],
    ['01/07/2025', '2025-06-30T17:00:00Z'], // midnight in Vietnam
  ])('%s → %s', (raw, utc) => {
    expect(convertTimestamp(raw)).toBe(Date.parse(utc));
  });

  test('an Excel serial with a day fraction is Vietnam time, to the second', () => {
    // 45839.3541666667 = 2025-07-01 08:30:00 as Excel stores it.
    expect(convertTimestamp('45839.3541666667', { excelSerial: true })).toBe(Date.parse('2025-07-01T01:30:00Z'));
    expect(convertTimestamp('45839.3541666667')).toEqual({ reason: 'invalid_timestamp' });
  });

  test.each(['31/02/2025 08:00', '01/07/2025 24:00', '2025-07-01T25:00', 'sáng nay'])(
    '%s is not a timestamp',
    (raw) => {
      expect(convertTimestamp(raw)).toEqual({ reason: 'invalid_timestamp' });
    },
  );

  test.each([
    ['12/2025', '2025-12'],
    ['Tháng 1/2025', '2025-01'],
    ['T03/2024', '2024-03'],
    ['2025-07', '2025-07'],
  ])('the month %s → %s', (raw, period) => {
    expect(convertPeriod(raw)).toBe(period);
  });

  test('an Excel serial month (a date cell) gives its month', () => {
    expect(convertPeriod('45839', { excelSerial: true })).toBe('2025-07');
  });

  test('the Vietnam month of a date and of a timestamp (UTC 17:00 on the last day is the next month)', () => {
    expect(vietnamMonthOf(daysOf('2024-02-29'), 'days')).toBe('2024-02');
    expect(vietnamMonthOf(Date.parse('2025-06-30T16:59:59Z'), 'ms')).toBe('2025-06');
    expect(vietnamMonthOf(Date.parse('2025-06-30T17:00:00Z'), 'ms')).toBe('2025-07');
  });
});
