import { canonicalForm } from '../../lambdas/core/feeds/canonical-text';
import { bareName, resolveWard } from '../../lambdas/core/feeds/ward-resolver';
import { WARDS_2025, WARDS_PRE2025 } from '../../lambdas/core/reference/wards';

describe('canonical form of headers and names', () => {
  test.each([
    ['Số thuê bao di động', 'so_thue_bao_di_dong'],
    ['SO THUE BAO DI DONG', 'so_thue_bao_di_dong'],
    ['so_thue_bao_di_dong', 'so_thue_bao_di_dong'],
    ['  Mã  xã / phường ', 'ma_xa_phuong'],
    ['Hoà Bình', 'hoa_binh'],
    ['Hòa Bình', 'hoa_binh'],
    ['Đống Đa', 'dong_da'],
  ])('%s → %s', (text, expected) => {
    expect(canonicalForm(text)).toBe(expected);
  });
});

describe('resolving a ward', () => {
  test('every 2025 code, every pre-2025 code (through the crosswalk) and every pre-2025 name with its district resolves', () => {
    for (const ward of WARDS_2025)
      expect(resolveWard({ code: ward.code })).toEqual({ code: ward.code, via: 'code_2025' });
    for (const ward of WARDS_PRE2025) {
      expect(resolveWard({ code: ward.code })).toEqual({
        code: ward.newCode,
        via: ward.code === ward.newCode ? 'code_2025' : 'code_pre2025',
      });
      expect(
        resolveWard({ name: `${ward.type} ${ward.name}`, district: `${ward.districtType} ${ward.districtName}` }),
      ).toEqual({ code: ward.newCode, via: 'name' });
    }
  });

  test.each([
    ['P. Tích Sơn', {}],
    ['TT Hương Canh', {}],
    ['phuong tich son', {}],
    ['Thị trấn Hương Canh', { district: 'H. Bình Xuyên' }],
  ])('%s resolves by name, with the usual prefixes', (name, extra) => {
    const old = WARDS_PRE2025.find((w) => canonicalForm(w.name) === bareName(name))!;
    expect(resolveWard({ name, ...extra })).toEqual({ code: old.newCode, via: 'name' });
  });

  test('a name that starts like a type word is still found (Phương Khoan is not "P. Khoan")', () => {
    const ward = WARDS_PRE2025.find((w) => canonicalForm(w.name) === 'phuong_khoan')!;
    expect(resolveWard({ name: 'Phương Khoan' })).toEqual({ code: ward.newCode, via: 'name' });
    expect(resolveWard({ name: 'Xã Phương Khoan' })).toEqual({ code: ward.newCode, via: 'name' });
  });

  test('leading zeros lost by a spreadsheet come back', () => {
    expect(resolveWard({ code: '8707' })).toEqual({ code: '08707', via: 'code_2025' });
  });

  test('a name two wards share is ambiguous, never guessed; the district or the scheme settles it', () => {
    const ambiguous = resolveWard({ name: 'Phường Xuân Hoà' });
    expect(ambiguous).toMatchObject({ reason: 'ambiguous_ward' });
    const ward2025 = WARDS_2025.find((w) => bareName(w.name) === 'xuan_hoa')!;
    const pre = WARDS_PRE2025.find((w) => canonicalForm(w.name) === 'xuan_hoa')!;
    expect(ward2025.code).not.toBe(pre.newCode);
    expect(resolveWard({ name: 'Phường Xuân Hòa', scheme: '2025' })).toEqual({ code: ward2025.code, via: 'name' });
    expect(resolveWard({ name: 'Xuân Hoà', district: pre.districtName })).toEqual({ code: pre.newCode, via: 'name' });
  });

  test('unknown code or name: unknown_ward, saying what was given', () => {
    expect(resolveWard({ code: '99999' })).toEqual({ reason: 'unknown_ward', detail: 'no ward has code 99999' });
    expect(resolveWard({ name: 'Phường Không Có' })).toEqual({
      reason: 'unknown_ward',
      detail: 'no ward is named "Phường Không Có"',
    });
    expect(resolveWard({})).toMatchObject({ reason: 'unknown_ward' });
  });
});
