import { defineSource } from '../source-spec';

/** The IT inventory of the Department of Science and Technology: JSON documents, records under `ban_ghi`. */
export const itDept = defineSource({
  id: 'it-dept',
  name: 'Information systems and public service catalogue (JSON)',
  owner: 'Department of Science and Technology (Sở Khoa học và Công nghệ)',
  format: 'json',
  encoding: 'utf-8',
  records: 'ban_ghi',
  dates: 'dd/mm/yyyy',
  feeds: [
    {
      dataset: 'information_systems',
      files: 'he_thong|system',
      columns: {
        system_id: ['ma_he_thong'],
        system_name: ['ten_he_thong'],
        owner_agency: ['don_vi_chu_quan'],
        security_level: ['cap_do.muc'],
        level_approved: ['cap_do.da_phe_duyet'],
        approved_on: ['cap_do.ngay_phe_duyet'],
        lgsp_connected: ['ket_noi_lgsp'],
        serves_public: ['phuc_vu_nguoi_dan'],
      },
      period: { from: 'column', header: ['ky_bao_cao'] },
    },
    {
      dataset: 'public_services',
      files: 'thu_tuc|dich_vu|service',
      columns: {
        procedure_code: ['ma_thu_tuc'],
        procedure_name: ['ten_thu_tuc'],
        agency_code: ['ma_co_quan'],
        online_level: ['muc_do'],
        on_national_portal: ['tich_hop_cong_quoc_gia'],
      },
      enums: { online_level: { full_process: ['Toàn trình'], partial: ['Một phần'], none: ['Không'] } },
      period: { from: 'column', header: ['ky_bao_cao'] },
    },
  ],
  cadence: { everyDays: 31, graceDays: 10 },
});
