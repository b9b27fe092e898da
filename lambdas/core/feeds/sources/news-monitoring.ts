import { defineSource } from '../source-spec';

/**
 * The provincial cyberspace information monitoring system (Hệ thống giám sát thông tin trên
 * không gian mạng): its monthly report of the items about the province it collected, exported to
 * Excel. A title row above a two-row header (`Tin, bài tiêu cực` merged over the negative items'
 * sub-headers), one row per topic and channel, topics and channels in Vietnamese, and a
 * `Tổng cộng` row at the bottom, which is not data. Counts only: the system's item list (authors,
 * accounts, links, text) is never sent.
 */
export const newsMonitoring = defineSource({
  id: 'news-monitoring',
  name: 'Cyberspace information monitoring system (Hệ thống giám sát thông tin trên không gian mạng)',
  owner: 'Department of Culture, Sports and Tourism (Sở Văn hóa, Thể thao và Du lịch), press and publication division',
  format: 'xlsx',
  headerRows: 2,
  totalsRow: ['Tổng cộng', 'Cộng'],
  feeds: [
    {
      dataset: 'news_monitoring',
      files: '.',
      columns: {
        topic: ['Chủ đề', 'Lĩnh vực'],
        channel: ['Loại nguồn tin', 'Kênh'],
        mentions: ['Tổng số tin, bài', 'Số tin, bài thu thập'],
        mentions_negative: ['Tin, bài tiêu cực / Tổng số', 'Tin, bài tiêu cực / Số lượng'],
        mentions_false: ['Tin, bài tiêu cực / Tin giả, sai sự thật', 'Tin, bài tiêu cực / Tin giả'],
        negative_reported: ['Tin, bài tiêu cực / Đề nghị nền tảng gỡ bỏ', 'Tin, bài tiêu cực / Đề nghị gỡ bỏ'],
        negative_answered: ['Tin, bài tiêu cực / Phản hồi, đính chính', 'Tin, bài tiêu cực / Phản hồi chính thức'],
      },
      enums: {
        topic: {
          administrative_procedures: ['Thủ tục hành chính', 'Cải cách hành chính'],
          land_and_construction: ['Đất đai, xây dựng', 'Đất đai'],
          environment: ['Tài nguyên, môi trường', 'Môi trường'],
          health: ['Y tế'],
          education: ['Giáo dục, đào tạo', 'Giáo dục'],
          traffic: ['Giao thông', 'Trật tự an toàn giao thông'],
          social_security: ['An sinh xã hội', 'Chính sách xã hội'],
          economy_and_investment: ['Kinh tế, đầu tư', 'Kinh tế'],
          public_order: ['An ninh, trật tự', 'An ninh trật tự'],
          other: ['Khác', 'Lĩnh vực khác'],
        },
        channel: {
          online_newspaper: ['Báo điện tử', 'Báo, tạp chí điện tử'],
          social_network: ['Mạng xã hội'],
          forum: ['Diễn đàn, blog', 'Diễn đàn'],
          video: ['Nền tảng video', 'Video'],
        },
      },
      period: { from: 'column', header: ['Kỳ báo cáo', 'Tháng báo cáo'] },
    },
  ],
  cadence: { everyDays: 31, graceDays: 10 },
});
