/** Value sets shared by several contracts (one place, so every contract agrees). */
export const CARRIERS = ['viettel', 'vnpt', 'mobifone', 'fpt', 'sctv', 'vtvcab'] as const;
export const MOBILE_CARRIERS = ['viettel', 'vnpt', 'mobifone'] as const;
export const FIXED_BROADBAND_CARRIERS = ['viettel', 'vnpt', 'fpt', 'sctv', 'vtvcab'] as const;
export const SIGNATURE_PROVIDERS = ['vnpt', 'viettel'] as const;

/** 2025 five-digit ward code of the Vĩnh Phúc area, and the original the feed used. */
export const wardColumns = [
  {
    name: 'ward_code',
    type: 'string',
    wardCode: true,
    description: '2025 ward (commune) code, five digits, Vĩnh Phúc area of Phú Thọ.',
  },
  {
    name: 'ward_code_original',
    type: 'string',
    nullable: true,
    description: 'Ward code exactly as the feed gave it (pre- or post-2025 scheme); null when the feed named the ward.',
  },
  {
    name: 'ward_name_original',
    type: 'string',
    nullable: true,
    description: 'Ward name exactly as the feed gave it; null when the feed gave only a code.',
  },
] as const;
