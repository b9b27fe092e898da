/** Any character outside ASCII: text without one needs no NFC and reads the same in every encoding here. */
export const NON_ASCII = /[\u0080-\uFFFF]/;

/**
 * One form for text that people write many ways: NFC, lower case, diacritics and đ dropped,
 * every run of other characters one `_`. `Số thuê bao di động`, `SO THUE BAO DI DONG` and
 * `so_thue_bao_di_dong` are all `so_thue_bao_di_dong`; `Hoà` and `Hòa` (tone placement) agree.
 */
export function canonicalForm(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}
