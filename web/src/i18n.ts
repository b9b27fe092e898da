/**
 * The page's words and number and date forms: Vietnamese first (1.234.567 · dd/mm/yyyy), English
 * on request. Indicator ids are those of plan-targets.json; a test checks every one has a label
 * in both languages.
 */
export type Lang = 'vi' | 'en';

const WORDS = {
  title: { vi: 'Trung tâm dữ liệu số tỉnh Vĩnh Phúc', en: 'Vĩnh Phúc provincial digital data center' },
  subtitle: {
    vi: 'Bảng điều hành: chỉ tiêu quy hoạch 2021–2030, dữ liệu chia sẻ và tình trạng nguồn dữ liệu',
    en: 'Operations dashboard: the 2021–2030 plan indicators, shared datasets and feed health',
  },
  switchLanguage: { vi: 'English', en: 'Tiếng Việt' },
  switchLanguageLabel: { vi: 'Switch to English', en: 'Chuyển sang tiếng Việt' },
  nav: { vi: 'Mục lục', en: 'Sections' },
  signedInAs: { vi: 'Đơn vị', en: 'Agency' },
  signOut: { vi: 'Đăng xuất', en: 'Sign out' },
  signInTitle: { vi: 'Đăng nhập', en: 'Sign in' },
  signInHelp: {
    vi: 'Dán mã truy cập (access token) của đơn vị. Trên máy cục bộ: npx vpdc token --agency ioc',
    en: "Paste your agency's access token. On one machine: npx vpdc token --agency ioc",
  },
  tokenLabel: { vi: 'Mã truy cập', en: 'Access token' },
  apiKeyLabel: { vi: 'Khóa API của đơn vị (x-api-key)', en: "Your agency's API key (x-api-key)" },
  signIn: { vi: 'Đăng nhập', en: 'Sign in' },
  tokenRefused: {
    vi: 'Mã truy cập không hợp lệ hoặc đã hết hạn.',
    en: 'The access token is not valid or has expired.',
  },
  loading: { vi: 'Đang tải…', en: 'Loading…' },
  loadFailed: { vi: 'Không tải được dữ liệu', en: 'Could not load the data' },
  notGranted: { vi: 'Đơn vị chưa được cấp quyền xem dữ liệu này.', en: 'Your agency is not granted this data.' },
  scorecard: { vi: 'Chỉ tiêu quy hoạch', en: 'Plan scorecard' },
  scorecardAsOf: { vi: 'Số liệu tháng', en: 'Figures for' },
  indicators: { vi: 'chỉ tiêu', en: 'indicators' },
  actual: { vi: 'Thực hiện', en: 'Actual' },
  target: { vi: 'Mục tiêu', en: 'Target' },
  targetYear: { vi: 'Năm mục tiêu', en: 'Target year' },
  projection: { vi: 'Dự báo cuối kỳ', en: 'Projected' },
  history: { vi: 'Diễn biến', en: 'History' },
  baseline: { vi: 'Số liệu hiện trạng', en: 'Status figure' },
  planTarget: { vi: 'Chỉ tiêu quy hoạch', en: 'Plan target' },
  baselineFigure: { vi: 'Số liệu mốc (bài tổng quan)', en: 'Baseline (seed article)' },
  baselineMonth: { vi: 'Thời điểm mốc', en: 'Baseline month' },
  changeSinceBaseline: { vi: 'Thay đổi so với mốc', en: 'Change since' },
  met: { vi: 'Đạt', en: 'Met' },
  on_track: { vi: 'Đúng tiến độ', en: 'On track' },
  at_risk: { vi: 'Có nguy cơ', en: 'At risk' },
  off_track: { vi: 'Chậm tiến độ', en: 'Off track' },
  charts: { vi: 'Biểu đồ theo lĩnh vực', en: 'Charts by domain' },
  telecom: { vi: 'Viễn thông', en: 'Telecom' },
  administration: { vi: 'Cải cách hành chính', en: 'Public administration' },
  identity: { vi: 'Định danh điện tử', en: 'Electronic identity' },
  economy: { vi: 'Kinh tế số', en: 'Digital economy' },
  btsByWard: { vi: 'Trạm BTS đang phát sóng theo công nghệ và xã, phường', en: 'BTS on air by technology and ward' },
  subscribersByCarrier: { vi: 'Thuê bao di động theo doanh nghiệp', en: 'Mobile subscriptions by carrier' },
  dossierRates: { vi: 'Tỷ lệ hồ sơ trực tuyến và đúng hạn theo tháng', en: 'Online and on-time dossiers by month' },
  eidByWard: {
    vi: 'Tỷ lệ kích hoạt định danh điện tử (VNeID) trên dân số từ 14 tuổi',
    en: 'e-ID (VNeID) activation over people aged 14 and over',
  },
  digitalEconomyShare: { vi: 'Tỷ trọng kinh tế số trong GRDP', en: 'Digital economy share of GRDP' },
  feedQuality: { vi: 'Chất lượng nguồn dữ liệu', en: 'Feed quality' },
  rejectedBySource: {
    vi: 'Tỷ lệ dòng bị loại theo nguồn và tháng nhận tệp',
    en: 'Rows rejected by source and month received',
  },
  filesOk: { vi: 'Tệp nhận được', en: 'Files ingested' },
  filesFailed: { vi: 'Tệp lỗi', en: 'Files failed' },
  rowsIn: { vi: 'Dòng nhận', en: 'Rows in' },
  rejectedPct: { vi: 'Tỷ lệ loại (%)', en: 'Rejected (%)' },
  daysLate: { vi: 'Trễ so với định kỳ (ngày)', en: 'Late against cadence (days)' },
  tasking: { vi: 'Điều hành tác nghiệp', en: 'Operational tasking' },
  tasksByAgency: {
    vi: 'Nhiệm vụ UBND tỉnh giao đang thực hiện và quá hạn, theo cơ quan chủ trì',
    en: 'Leadership tasks open and overdue, by leading agency',
  },
  agency: { vi: 'Cơ quan', en: 'Agency' },
  tasksOpen: { vi: 'Đang thực hiện', en: 'Open' },
  tasksOverdue: { vi: 'Quá hạn', en: 'Overdue' },
  tasksOnSchedule: { vi: 'Trong hạn', en: 'Within the deadline' },
  overduePct: { vi: 'Tỷ lệ quá hạn (%)', en: 'Overdue (%)' },
  tasksCompleted: { vi: 'Hoàn thành trong tháng', en: 'Done in the month' },
  tasksOnTimePct: { vi: 'Hoàn thành đúng hạn (%)', en: 'Done on time (%)' },
  security: { vi: 'Giám sát an toàn thông tin', en: 'Cyberspace information security' },
  securityAlertsBySystem: {
    vi: 'Cảnh báo an toàn thông tin của tháng gần nhất: 15 hệ thống nhiều cảnh báo nhất, theo mức độ (✗: cấp độ chưa được phê duyệt)',
    en: 'Security alerts of the newest month: the 15 systems with the most, by severity (✗: security level not approved)',
  },
  system: { vi: 'Hệ thống', en: 'System' },
  levelApproved: { vi: 'Cấp độ đã phê duyệt', en: 'Level approved' },
  securityLevel: { vi: 'Cấp độ', en: 'Security level' },
  yes: { vi: 'Có', en: 'Yes' },
  no: { vi: 'Không', en: 'No' },
  alerts: { vi: 'Số cảnh báo', en: 'Alerts' },
  severityCritical: { vi: 'Nghiêm trọng', en: 'Critical' },
  severityHigh: { vi: 'Cao', en: 'High' },
  severityMedium: { vi: 'Trung bình', en: 'Medium' },
  severityLow: { vi: 'Thấp', en: 'Low' },
  alertsOpen: { vi: 'Chưa xử lý xong', en: 'Still open' },
  medianHoursToResolve: { vi: 'Thời gian xử lý (giờ, trung vị)', en: 'Hours to resolve (median)' },
  newsMonitoringByTopic: {
    vi: 'Tin, bài tiêu cực về tỉnh trên không gian mạng tháng gần nhất theo chủ đề: đã đề nghị gỡ bỏ, đã phản hồi, chưa xử lý (nhãn: tỷ lệ tin, bài tiêu cực)',
    en: 'Negative items about the province online in the newest month, by topic: reported to the platform, answered, not yet handled (label: negative share)',
  },
  topic: { vi: 'Chủ đề', en: 'Topic' },
  newsMentions: { vi: 'Tổng số tin, bài', en: 'Items' },
  newsNegative: { vi: 'Tin, bài tiêu cực', en: 'Negative' },
  newsNegativePct: { vi: 'Tiêu cực (%)', en: 'Negative (%)' },
  newsSocialMedia: { vi: 'Tiêu cực trên mạng xã hội, diễn đàn, video', en: 'Negative on social media' },
  newsFalse: { vi: 'Tin giả, sai sự thật', en: 'False news' },
  newsReported: { vi: 'Đề nghị nền tảng gỡ bỏ', en: 'Reported to the platform' },
  newsAnswered: { vi: 'Phản hồi, đính chính', en: 'Answered officially' },
  newsUnhandled: { vi: 'Chưa xử lý', en: 'Not yet handled' },
  newsHandledPct: { vi: 'Đã xử lý (%)', en: 'Handled (%)' },
  topicAdministrativeProcedures: { vi: 'Thủ tục hành chính', en: 'Administrative procedures' },
  topicLandAndConstruction: { vi: 'Đất đai, xây dựng', en: 'Land and construction' },
  topicEnvironment: { vi: 'Tài nguyên, môi trường', en: 'Environment' },
  topicHealth: { vi: 'Y tế', en: 'Health' },
  topicEducation: { vi: 'Giáo dục, đào tạo', en: 'Education' },
  topicTraffic: { vi: 'Giao thông', en: 'Traffic' },
  topicSocialSecurity: { vi: 'An sinh xã hội', en: 'Social security' },
  topicEconomyAndInvestment: { vi: 'Kinh tế, đầu tư', en: 'Economy and investment' },
  topicPublicOrder: { vi: 'An ninh, trật tự', en: 'Public order and security' },
  topicOther: { vi: 'Khác', en: 'Other' },
  traffic: { vi: 'Trật tự an toàn giao thông', en: 'Traffic safety and public order' },
  trafficByWard: {
    vi: 'Vi phạm trật tự an toàn giao thông theo xã, phường: phát hiện qua camera và tuần tra',
    en: 'Traffic violations by ward, caught by cameras and by patrols',
  },
  accidents: { vi: 'Số vụ tai nạn', en: 'Accidents' },
  deaths: { vi: 'Số người chết', en: 'Deaths' },
  injuries: { vi: 'Số người bị thương', en: 'Injuries' },
  violations: { vi: 'Số vi phạm', en: 'Violations' },
  byCamera: { vi: 'Qua camera', en: 'By camera' },
  byPatrol: { vi: 'Qua tuần tra', en: 'By patrol' },
  health: { vi: 'Y tế', en: 'Health' },
  healthByWard: {
    vi: 'Lượt khám, chữa bệnh tháng gần nhất theo xã, phường: dùng CCCD gắn chip, VNeID, thẻ BHYT hay không có BHYT (nhãn: tỷ lệ dùng CCCD gắn chip trong lượt có BHYT)',
    en: 'Health facility visits of the newest month by ward: on chip-based ID or VNeID, on the insurance card, or uninsured (label: chip-ID share of insured visits)',
  },
  healthFacilities: { vi: 'Cơ sở y tế', en: 'Health facilities' },
  withChipReader: { vi: 'Có đầu đọc CCCD gắn chip', en: 'With a chip-ID reader' },
  visits: { vi: 'Lượt khám, chữa bệnh', en: 'Visits' },
  visitsChipId: { vi: 'Dùng CCCD gắn chip, VNeID', en: 'Chip-based ID or VNeID' },
  visitsInsuranceCard: { vi: 'Dùng thẻ BHYT', en: 'Insurance card' },
  visitsUninsured: { vi: 'Không có BHYT', en: 'Uninsured' },
  chipIdPct: { vi: 'Dùng CCCD gắn chip (% lượt có BHYT)', en: 'Chip ID (% of insured visits)' },
  paymentsCashlessPct: { vi: 'Thanh toán không dùng tiền mặt (%)', en: 'Paid without cash (%)' },
  education: { vi: 'Giáo dục và đào tạo', en: 'Education and training' },
  educationByWard: {
    vi: 'Học sinh có học bạ số và học sinh nộp học phí, khoản thu không dùng tiền mặt, tháng gần nhất, theo xã, phường',
    en: 'Pupils with a digital record book, and pupils paying school fees without cash, in the newest month, by ward',
  },
  schools: { vi: 'Số trường', en: 'Schools' },
  pupils: { vi: 'Số học sinh', en: 'Pupils' },
  pupilsGeneral: { vi: 'Học sinh phổ thông', en: 'In general education' },
  digitalRecordPct: { vi: 'Có học bạ số (%)', en: 'Digital record book (%)' },
  payers: { vi: 'Học sinh nộp tiền trong tháng', en: 'Pupils who paid' },
  payersCashlessPct: { vi: 'Nộp không dùng tiền mặt (%)', en: 'Paid without cash (%)' },
  infrastructure: { vi: 'Hạ tầng số', en: 'Digital infrastructure' },
  dataNetworkByLevel: {
    vi: 'Đơn vị kết nối mạng truyền số liệu chuyên dùng theo cấp và tháng (nhãn: tổng số đơn vị đã kết nối)',
    en: 'Units on the special-purpose data network by level and month (label: units connected)',
  },
  levelProvince: { vi: 'Cấp tỉnh', en: 'Province' },
  levelDepartment: { vi: 'Sở, ban, ngành', en: 'Departments' },
  levelDistrict: { vi: 'Cấp huyện', en: 'Districts' },
  levelCommune: { vi: 'Cấp xã', en: 'Communes and wards' },
  unitsConnected: { vi: 'Đã kết nối', en: 'Connected' },
  unitsDown: { vi: 'Mất kết nối', en: 'Down' },
  unitsPlanned: { vi: 'Chưa kết nối', en: 'Planned' },
  uptimePct: { vi: 'Tỷ lệ sẵn sàng (%)', en: 'Uptime (%)' },
  videoByLevel: {
    vi: 'Điểm cầu hội nghị truyền hình trực tuyến đã lắp đặt theo cấp và tháng, và số xã, phường có điểm cầu cấp xã',
    en: 'Video-conference endpoints installed by level and month, and the wards with a commune-level endpoint',
  },
  endpointsInstalled: { vi: 'Điểm cầu đã lắp đặt', en: 'Endpoints installed' },
  wardsWithEndpoint: { vi: 'Xã, phường có điểm cầu', en: 'Wards with an endpoint' },
  meetings: { vi: 'Số cuộc họp', en: 'Meetings' },
  documents: { vi: 'Liên thông văn bản', en: 'Document exchange' },
  documentExchangeByAgency: {
    vi: 'Văn bản gửi, nhận qua Trục liên thông văn bản quốc gia tháng gần nhất, theo cơ quan (nhãn: % xử lý đúng hạn)',
    en: 'Documents sent and received over the national document axis in the newest month, by agency (label: % processed on time)',
  },
  documentsSent: { vi: 'Văn bản gửi', en: 'Sent' },
  signedPct: { vi: 'Có ký số (%)', en: 'Digitally signed (%)' },
  documentsReceived: { vi: 'Văn bản nhận', en: 'Received' },
  documentsProcessed: { vi: 'Đã xử lý', en: 'Processed' },
  documentsOnTime: { vi: 'Xử lý đúng hạn', en: 'Processed on time' },
  documentsLate: { vi: 'Xử lý trễ hạn', en: 'Processed late' },
  documentsOnTimePct: { vi: 'Đúng hạn (%)', en: 'On time (%)' },
  documentsPending: { vi: 'Đang xử lý', en: 'Still in hand' },
  interconnection: { vi: 'Kết nối, tích hợp dữ liệu (LGSP)', en: 'Interconnection (LGSP)' },
  lgspInterconnection: {
    vi: 'Hệ thống thông tin, cơ sở dữ liệu cần kết nối qua nền tảng LGSP theo tháng: đã kết nối theo loại và chưa kết nối (mục tiêu: 100% kết nối)',
    en: 'Systems and databases to connect through the LGSP by month: connected, by kind, and not yet connected (target: 100% connected)',
  },
  kindProvincialSystem: { vi: 'Hệ thống thông tin của tỉnh', en: 'Provincial systems' },
  kindNationalDatabase: { vi: 'Cơ sở dữ liệu quốc gia', en: 'National databases' },
  kindSectoralDatabase: { vi: 'Cơ sở dữ liệu chuyên ngành', en: 'Sectoral databases' },
  kindNationalSystem: { vi: 'Hệ thống thông tin quốc gia', en: 'National systems' },
  notConnected: { vi: 'Chưa kết nối', en: 'Not yet connected' },
  connectionsTotal: { vi: 'Tổng số cần kết nối', en: 'To connect' },
  connectedShare: { vi: 'Tỷ lệ kết nối', en: 'Connected share' },
  payments: { vi: 'Thanh toán trực tuyến', en: 'Online payments' },
  paymentsByService: {
    vi: 'Thanh toán qua nền tảng thanh toán của Cổng DVC quốc gia theo khoản thu và tháng (tỷ đồng), và tỷ lệ hồ sơ có phí, lệ phí được thanh toán trực tuyến',
    en: 'Payments through the national payment gateway by service and month (bn VND), and the share of fee-bearing dossiers paid online',
  },
  serviceDossierFee: { vi: 'Phí, lệ phí TTHC', en: 'Dossier fees' },
  serviceLandObligation: { vi: 'Nghĩa vụ tài chính đất đai', en: 'Land obligations' },
  serviceTax: { vi: 'Thuế', en: 'Taxes' },
  serviceTrafficFine: { vi: 'Phạt vi phạm giao thông', en: 'Traffic fines' },
  serviceHospitalFee: { vi: 'Viện phí', en: 'Hospital fees' },
  serviceTuition: { vi: 'Học phí', en: 'Tuition' },
  serviceSocialInsurance: { vi: 'BHXH, BHYT tự nguyện', en: 'Voluntary insurance' },
  bnVnd: { vi: 'tỷ đồng', en: 'bn VND' },
  gatewayPayments: { vi: 'Số giao dịch thành công', en: 'Successful payments' },
  cashlessFeePct: { vi: 'Hồ sơ có phí thanh toán trực tuyến (%)', en: 'Fee-bearing dossiers paid online (%)' },
  eAuthentication: {
    vi: 'Hồ sơ nộp trực tuyến theo hình thức đăng nhập, và tỷ lệ xác thực điện tử qua VNeID',
    en: 'Online dossiers by sign-in method, and the share e-authenticated through VNeID',
  },
  authVneidLevel2: { vi: 'VNeID mức 2', en: 'VNeID level 2' },
  authVneidOrganization: { vi: 'VNeID tổ chức', en: 'Organization VNeID' },
  authNationalPortal: { vi: 'Tài khoản Cổng DVC quốc gia', en: 'National portal account' },
  authLocal: { vi: 'Tài khoản Cổng DVC tỉnh', en: 'Local portal account' },
  onlineDossiers: { vi: 'Hồ sơ trực tuyến', en: 'Online dossiers' },
  eAuthPct: { vi: 'Xác thực qua VNeID (%)', en: 'e-Authenticated through VNeID (%)' },
  onlineRate: { vi: 'Tỷ lệ trực tuyến', en: 'Online rate' },
  onTimeRate: { vi: 'Tỷ lệ đúng hạn', en: 'On-time rate' },
  target80: { vi: 'Mục tiêu 80%', en: '80% target' },
  ward: { vi: 'Xã, phường', en: 'Ward' },
  month: { vi: 'Tháng', en: 'Month' },
  year: { vi: 'Năm', en: 'Year' },
  carrier: { vi: 'Doanh nghiệp', en: 'Carrier' },
  total: { vi: 'Tổng', en: 'Total' },
  showTable: { vi: 'Xem bảng số liệu', en: 'Show the figures as a table' },
  catalog: { vi: 'Danh mục dữ liệu chia sẻ', en: 'Shared dataset catalog' },
  catalogHelp: {
    vi: 'Các bộ dữ liệu đơn vị được cấp quyền. CSV mở được bằng Excel.',
    en: 'The datasets granted to your agency. CSV opens in Excel.',
  },
  dataset: { vi: 'Bộ dữ liệu', en: 'Dataset' },
  freshness: { vi: 'Cập nhật', en: 'Updated' },
  never: { vi: 'Chưa có', en: 'Never' },
  columns: { vi: 'Cấu trúc', en: 'Schema' },
  column: { vi: 'Cột', en: 'Column' },
  type: { vi: 'Kiểu', en: 'Type' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  description: { vi: 'Mô tả', en: 'Description' },
  purpose: { vi: 'Mục đích được cấp', en: 'Granted for' },
  grantExpires: { vi: 'Hạn quyền', en: 'Grant expires' },
  versions: { vi: 'Lịch sử phiên bản', en: 'Versions' },
  versionsCaption: { vi: 'Các phiên bản, mới nhất trước', en: 'Versions, newest first' },
  version: { vi: 'Phiên bản', en: 'Version' },
  published: { vi: 'Thời điểm', en: 'Published' },
  months: { vi: 'Tháng', en: 'Months' },
  replaces: { vi: 'Thay thế', en: 'Replaces' },
  versionsHelp: {
    vi: 'Mỗi tệp nhận được tạo một phiên bản; ghim phiên bản bằng ?version= để nhận lại đúng dữ liệu đó.',
    en: 'Each file received makes a version; pin one with ?version= to get exactly those rows again.',
  },
  download: { vi: 'Tải về', en: 'Download' },
  downloadCsv: { vi: 'Tải CSV (Excel)', en: 'Download CSV (Excel)' },
  downloadParquet: { vi: 'Tải Parquet', en: 'Download Parquet' },
  preparing: { vi: 'Đang chuẩn bị tệp…', en: 'Preparing the file…' },
  downloadReady: { vi: 'Đã tải về', en: 'Downloaded' },
  downloadFailed: { vi: 'Không tạo được tệp', en: 'The export failed' },
  feeds: { vi: 'Tình trạng nguồn dữ liệu', en: 'Feed health' },
  source: { vi: 'Nguồn', en: 'Source' },
  lastFeed: { vi: 'Lần nhận gần nhất', en: 'Last file' },
  accepted: { vi: 'Dòng hợp lệ', en: 'Rows accepted' },
  rejected: { vi: 'Dòng bị loại', en: 'Rows rejected' },
  state: { vi: 'Trạng thái', en: 'Status' },
  late: { vi: 'Trễ hạn', en: 'Late' },
  onTime: { vi: 'Đúng hạn', en: 'On time' },
  dueBy: { vi: 'Hạn lần tới', en: 'Next due' },
  reasons: { vi: 'Lý do loại', en: 'Reject reasons' },
  noRejects: { vi: 'Không có dòng bị loại', en: 'No rejected rows' },
  fileFailed: { vi: 'Tệp lỗi', en: 'File failed' },
  reason: { vi: 'Mã lý do', en: 'Reason code' },
  rows: { vi: 'Số dòng', en: 'Rows' },
  files: { vi: 'Tệp gần nhất', en: 'Latest files' },
  footer: {
    vi: 'Dữ liệu qua nền tảng tích hợp, chia sẻ (API) của trung tâm dữ liệu; mọi lượt truy cập đều được ghi nhật ký.',
    en: "Data through the data center's integration platform (API); every access is audited.",
  },
} as const;

export type WordKey = keyof typeof WORDS;

/** The plan's indicators, by the id plan-targets.json gives them. */
export const INDICATOR_LABELS: Record<string, { vi: string; en: string }> = {
  dossiers_online_pct: {
    vi: 'Hồ sơ thủ tục hành chính xử lý trực tuyến',
    en: 'Administrative dossiers handled online',
  },
  lgsp_connected_public_systems_pct: {
    vi: 'Hệ thống thông tin phục vụ người dân, doanh nghiệp kết nối qua LGSP',
    en: 'Citizen- and business-facing systems on the LGSP',
  },
  systems_and_databases_interconnected_pct: {
    vi: 'Hệ thống thông tin, cơ sở dữ liệu quốc gia, chuyên ngành được kết nối liên thông',
    en: 'Information systems and national and sectoral databases interconnected',
  },
  full_process_services_on_portal_pct: {
    vi: 'Dịch vụ công trực tuyến toàn trình tích hợp Cổng DVC quốc gia',
    en: 'Full-process online services on the national portal',
  },
  one_stop_e_authentication_pct: {
    vi: 'Hồ sơ trực tuyến của hệ thống một cửa được xác thực điện tử qua VNeID',
    en: 'One-stop online dossiers e-authenticated through VNeID',
  },
  bts_on_air: { vi: 'Trạm BTS đang phát sóng', en: 'Mobile base stations on air' },
  bts_5g: { vi: 'Trạm BTS 5G', en: '5G base stations' },
  wards_with_3g4g_pct: { vi: 'Xã, phường có sóng 3G/4G', en: 'Wards with 3G/4G on air' },
  mobile_subscribers: { vi: 'Thuê bao di động', en: 'Mobile subscriptions' },
  fixed_broadband_subscribers: { vi: 'Thuê bao băng rộng cố định', en: 'Fixed broadband subscriptions' },
  mobile_broadband_subscribers: { vi: 'Thuê bao băng rộng di động', en: 'Mobile broadband subscriptions' },
  households_fixed_broadband_pct: { vi: 'Hộ gia đình có băng rộng cố định', en: 'Households with fixed broadband' },
  information_systems_approved_pct: {
    vi: 'Hệ thống thông tin được phê duyệt cấp độ an toàn',
    en: 'Information systems with an approved security level',
  },
  eid_pct_of_14plus: {
    vi: 'Tài khoản định danh điện tử trên dân số từ 14 tuổi',
    en: 'e-ID accounts over people aged 14+',
  },
  signatures_organization: { vi: 'Chữ ký số của tổ chức', en: 'Digital signatures of organizations' },
  signatures_individual: { vi: 'Chữ ký số cá nhân', en: 'Personal digital signatures' },
  smes_on_digital_platforms_pct: { vi: 'Doanh nghiệp nhỏ và vừa dùng nền tảng số', en: 'SMEs on digital platforms' },
  digital_economy_pct_grdp: { vi: 'Tỷ trọng kinh tế số trong GRDP', en: 'Digital economy share of GRDP' },
  data_network_units: {
    vi: 'Đơn vị kết nối mạng truyền số liệu chuyên dùng',
    en: 'Units on the special-use data network',
  },
  cashless_facilities_pct: {
    vi: 'Cơ sở giáo dục, y tế chấp nhận thanh toán không dùng tiền mặt',
    en: 'Education and health facilities accepting cashless payment',
  },
};

/** Units as plan-targets.json writes them, in the reader's language. */
const UNITS: Record<string, { vi: string; en: string }> = {
  '%': { vi: '%', en: '%' },
  '% of GRDP': { vi: '% GRDP', en: '% of GRDP' },
  stations: { vi: 'trạm', en: 'stations' },
  subscriptions: { vi: 'thuê bao', en: 'subscriptions' },
  certificates: { vi: 'chứng thư', en: 'certificates' },
  units: { vi: 'đơn vị', en: 'units' },
};

let current: Lang = 'vi';
let numbers = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

export function setLang(lang: Lang): void {
  current = lang;
  numbers = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 2 });
}

export const lang = (): Lang => current;
export const t = (key: WordKey): string => WORDS[key][current];
export const indicatorLabel = (id: string, fallback: string): string => INDICATOR_LABELS[id]?.[current] ?? fallback;
export const unitLabel = (unit: string | null | undefined): string => (unit ? (UNITS[unit]?.[current] ?? unit) : '');

/** `1.234.567,5` in Vietnamese, `1,234,567.5` in English; a dash for no value. */
export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value) ? '–' : numbers.format(value);
}

/** A value with its unit: `77,77%`, `1.300.000 thuê bao`. */
export function formatWithUnit(value: number | null | undefined, unit: string | null | undefined): string {
  const text = formatNumber(value);
  if (text === '–' || !unit) return text;
  return unit.startsWith('%') ? `${text}${unitLabel(unit)}` : `${text} ${unitLabel(unit)}`;
}

/**
 * A date in the province's time (UTC+7, as every feed dates it): dd/mm/yyyy in Vietnamese,
 * `28 Nov 2026` in English (no day-month ambiguity for a foreign reader); hh:mm when asked.
 */
export function formatDate(iso: string | null | undefined, withTime = false): string {
  if (!iso) return t('never');
  const options: Intl.DateTimeFormatOptions = {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: current === 'vi' ? '2-digit' : 'short',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hour12: false } : {}),
  };
  return new Intl.DateTimeFormat(current === 'vi' ? 'vi-VN' : 'en-GB', options).format(new Date(iso));
}

/** A yyyy-mm period: mm/yyyy in Vietnamese, `Dec 2025` in English. */
export function formatPeriod(period: string): string {
  if (current === 'vi') return `${period.slice(5, 7)}/${period.slice(0, 4)}`;
  return new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${period}-01T00:00:00Z`),
  );
}
