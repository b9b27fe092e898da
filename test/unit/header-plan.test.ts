import { getDataset } from '../../lambdas/core/contracts';
import { FeedError } from '../../lambdas/core/ingest/feed-error';
import { planHeader } from '../../lambdas/core/ingest/header-plan';

const subscribers = getDataset('telecom_subscribers');
const ALIASES = {
  carrier: ['Nhà mạng'],
  ward_code: ['Mã xã'],
  mobile_prepaid: ['Số thuê bao di động trả trước'],
  mobile_postpaid: ['Số thuê bao di động trả sau'],
  mobile_broadband: ['Thuê bao băng rộng di động'],
  fixed_broadband_ftth: ['Thuê bao FTTH'],
  fixed_broadband_other: ['Thuê bao băng rộng cố định khác'],
  period: ['Kỳ báo cáo'],
};

test("a source's own headers match through its spellings, with or without diacritics, in any order; extras are listed", () => {
  const header = [
    'KY BAO CAO',
    'Mã xã',
    'Nhà mạng',
    'so thue bao di dong tra truoc',
    'Số thuê bao di động trả sau',
    'THUÊ BAO BĂNG RỘNG DI ĐỘNG',
    'Thuê bao FTTH',
    'thue_bao_bang_rong_co_dinh_khac',
    'Ghi chú',
  ];
  const plan = planHeader(subscribers, header, 1, ALIASES);
  expect(plan.columnIndexes).toEqual([2, 1, -1, -1, 3, 4, 5, 6, 7]);
  expect(plan.periodIndex).toBe(0);
  expect(plan.extraColumns).toEqual(['ghi_chu']);
});

test('a required column the source does not give fails the file, naming it', () => {
  expect(() => planHeader(subscribers, ['Nhà mạng', 'Mã xã', 'Kỳ báo cáo'], 3, ALIASES)).toThrow(
    new FeedError(
      'missing_columns',
      'missing required column(s) mobile_prepaid, mobile_postpaid, mobile_broadband, fixed_broadband_ftth, fixed_broadband_other for dataset telecom_subscribers (header has: carrier, ward_code, period)',
      3,
    ),
  );
});

test('two spellings of one column are a duplicate', () => {
  expect(() => planHeader(subscribers, ['Nhà mạng', 'carrier'], 1, ALIASES)).toThrow(
    'column(s) named more than once: carrier',
  );
});
