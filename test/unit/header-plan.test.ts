import { getDataset } from '../../lambdas/core/contracts';
import { FeedError } from '../../lambdas/core/feeds/feed-error';
import { planHeader } from '../../lambdas/core/ingest/header-plan';

const subscribers = getDataset('telecom_subscribers');

/** What planHeader throws, as its fields (Jest's toThrow(error) compares the message only). */
function refusal(header: string[], line: number): Pick<FeedError, 'code' | 'message' | 'line'> {
  try {
    planHeader(subscribers, header, line);
  } catch (error) {
    if (!(error instanceof FeedError)) throw error;
    return { code: error.code, message: error.message, line: error.line };
  }
  throw new Error('the header was accepted');
}

test('canonical column names match in any order and any case or punctuation; extras are listed', () => {
  const header = [
    'PERIOD',
    'Ward_Code',
    'carrier',
    'mobile prepaid',
    'mobile_postpaid',
    'MOBILE-BROADBAND',
    'fixed_broadband_ftth',
    'fixed_broadband_other',
    'Ghi chú',
  ];
  const plan = planHeader(subscribers, header, 1);
  expect(subscribers.columns.map((c) => c.name)).toEqual([
    'carrier',
    'ward_code',
    'ward_code_original',
    'ward_name_original',
    'mobile_prepaid',
    'mobile_postpaid',
    'mobile_broadband',
    'fixed_broadband_ftth',
    'fixed_broadband_other',
  ]);
  // The nullable original-code columns are left out (-1); the rest point at their cells.
  expect(plan.columnIndexes).toEqual([2, 1, -1, -1, 3, 4, 5, 6, 7]);
  expect(plan.periodIndex).toBe(0);
  expect(plan.extraColumns).toEqual(['ghi_chu']);
  expect(plan.width).toBe(9);
});

test('a required column the file does not give fails the file, naming it and the header found', () => {
  expect(refusal(['carrier', 'ward_code', 'period'], 3)).toEqual({
    code: 'missing_columns',
    message:
      'line 3: missing required column(s) mobile_prepaid, mobile_postpaid, mobile_broadband, fixed_broadband_ftth, fixed_broadband_other for dataset telecom_subscribers (header has: carrier, ward_code, period)',
    line: 3,
  });
});

test('two cells that read as one column name are a duplicate', () => {
  expect(refusal(['carrier', 'Carrier'], 1)).toEqual({
    code: 'duplicate_column',
    message: 'line 1: column(s) named more than once: carrier',
    line: 1,
  });
});

test('an empty first line is a missing header', () => {
  expect(refusal(['', ' '], 1)).toEqual({
    code: 'missing_header',
    message: 'line 1: the first line is empty; expected a header row',
    line: 1,
  });
});
