import type { AgencyLevel } from '../contracts/agency-levels';
import { SEED_FIGURES } from '../reference/seed-figures';
import { WARDS_2025, WARDS_PRE2025, type Ward2025, type WardPre2025 } from '../reference/wards';
import { daysInMonth, monthStart } from './periods';
import { Random } from './random';
import { isoDate, type SampleContext, type SampleRow } from './sample-context';

const DAY = 86_400_000;

/** Districts were abolished and the 121 old communes merged into 36 on this day. */
const TWO_TIER_FROM = Date.UTC(2025, 6, 1);
/** Before the sample's first month: what was already there in January 2023. */
const BEFORE = Date.UTC(2022, 11, 31);
const utc = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);

/** The provincial offices on the network, the first 10 connected before 2023. */
const PROVINCE_UNITS = [
  'Văn phòng Tỉnh ủy',
  'Văn phòng UBND tỉnh',
  'Văn phòng Đoàn ĐBQH và HĐND tỉnh',
  'Ban Tổ chức Tỉnh ủy',
  'Ban Tuyên giáo và Dân vận Tỉnh ủy',
  'Ủy ban Kiểm tra Tỉnh ủy',
  'Ban Nội chính Tỉnh ủy',
  'Ủy ban MTTQ Việt Nam tỉnh',
  'Trung tâm Phục vụ hành chính công tỉnh',
  'Trường Chính trị tỉnh',
  'Trung tâm Giám sát, điều hành thông minh tỉnh',
  'Trung tâm Dữ liệu tỉnh',
];
const PROVINCE_LATER = [utc(2024, 3, 15), utc(2024, 9, 10)];

/** Departments (the first 20, which also have video-conference rooms) and their units. */
const DEPARTMENT_UNITS = [
  'Sở Nội vụ',
  'Sở Tư pháp',
  'Sở Tài chính',
  'Sở Kế hoạch và Đầu tư',
  'Sở Công Thương',
  'Sở Nông nghiệp và Phát triển nông thôn',
  'Sở Tài nguyên và Môi trường',
  'Sở Xây dựng',
  'Sở Giao thông vận tải',
  'Sở Khoa học và Công nghệ',
  'Sở Thông tin và Truyền thông',
  'Sở Lao động - Thương binh và Xã hội',
  'Sở Văn hóa, Thể thao và Du lịch',
  'Sở Giáo dục và Đào tạo',
  'Sở Y tế',
  'Sở Ngoại vụ',
  'Thanh tra tỉnh',
  'Ban Dân tộc tỉnh',
  'Ban Quản lý các khu công nghiệp',
  'Đài Phát thanh và Truyền hình tỉnh',
  'Chi cục Kiểm lâm',
  'Chi cục Thủy lợi',
  'Chi cục Chăn nuôi và Thú y',
  'Chi cục Trồng trọt và Bảo vệ thực vật',
  'Chi cục Quản lý đất đai',
  'Chi cục Bảo vệ môi trường',
  'Chi cục Tiêu chuẩn Đo lường Chất lượng',
  'Chi cục Dân số',
  'Chi cục An toàn vệ sinh thực phẩm',
  'Chi cục Văn thư - Lưu trữ',
  'Ban Thi đua - Khen thưởng',
  'Ban Tôn giáo',
  'Trung tâm Công nghệ thông tin và Truyền thông',
  'Trung tâm Kiểm soát bệnh tật',
  'Trung tâm Xúc tiến đầu tư',
  'Trung tâm Phát triển quỹ đất',
  'Trung tâm Trợ giúp pháp lý',
  'Trung tâm Dịch vụ việc làm',
  'Quỹ Đầu tư phát triển',
  'Trung tâm Khuyến nông',
  'Thanh tra Giao thông',
  'Văn phòng Đăng ký đất đai',
  'Trung tâm Quan trắc tài nguyên và môi trường',
  'Trung tâm Giám định y khoa',
  'Ban Quản lý dự án đầu tư xây dựng',
  'Trung tâm Lưu trữ lịch sử',
  'Thư viện tỉnh',
  'Bảo tàng tỉnh',
  'Trung tâm Văn hóa tỉnh',
];
const DEPARTMENTS_BEFORE = 36;
/** Departments' units in the plan at the end of 2025, due to connect in 2026. */
const DEPARTMENT_PLANNED = [
  'Sở Dân tộc và Tôn giáo',
  'Trung tâm Chuyển đổi số tỉnh',
  'Ban Quản lý dự án chuyển đổi số',
];
/** The three units of each new commune: its Party committee, People's Committee and public administration service center. */
const COMMUNE_UNITS = ['Đảng ủy', 'UBND', 'Trung tâm Phục vụ hành chính công'] as const;
/** Old communes' People's Committees connected before 2023, then connected during the sample, then planned but overtaken by the merger. */
const OLD_COMMUNES_BEFORE = 32;
const OLD_COMMUNES_DURING = 42;
const OLD_COMMUNES_PLANNED = 8;
/** Old communes' video-conference rooms before 2023, then installed during the sample (until April 2025). */
const OLD_ROOMS_BEFORE = 24;
const OLD_ROOMS_DURING = 40;

/** Province's and departments' offices sit in the old provincial capital, Vĩnh Yên. */
const CAPITAL_WARDS = [
  ...new Set(WARDS_PRE2025.filter((w) => w.districtName === 'Vĩnh Yên').map((w) => w.newCode)),
].sort();

interface District {
  code: string;
  /** `huyện Yên Lạc`, `thành phố Vĩnh Yên` */
  name: string;
  /** Its Party committee: `Huyện ủy Yên Lạc`, `Thành ủy Vĩnh Yên`. */
  partyCommittee: string;
  /** The 2025 ward of its seat: the first town or ward of the district. */
  seat: string;
}

const DISTRICTS: District[] = [...new Set(WARDS_PRE2025.map((w) => w.districtCode))].map((code) => {
  const wards = WARDS_PRE2025.filter((w) => w.districtCode === code).sort((a, b) => a.code.localeCompare(b.code));
  const seat = wards.find((w) => w.type !== 'Xã') ?? wards[0]!;
  return {
    code,
    name: `${seat.districtType.toLowerCase()} ${seat.districtName}`,
    partyCommittee: `${seat.districtType === 'Huyện' ? 'Huyện ủy' : 'Thành ủy'} ${seat.districtName}`,
    seat: seat.newCode,
  };
});

/** `UBND thị trấn Bá Hiến` (an old commune), `UBND xã Tam Dương` (a 2025 one). */
const oldCommuneName = (w: WardPre2025) => `${w.type.toLowerCase()} ${w.name}`;
const communeName = (w: Ward2025) => `${w.type.toLowerCase()} ${w.name.slice(w.type.length + 1)}`;

/** Spreads `count` dates evenly over [from, to). */
const spread = (count: number, from: number, to: number) =>
  Array.from({ length: count }, (_, k) => from + Math.floor(((k + 0.5) / count) * ((to - from) / DAY)) * DAY);

/** A date before the sample's first month, between 2012 and 2022. */
const earlier = (random: Random) => utc(2012, 1, 1) + random.int(0, Math.floor((BEFORE - utc(2012, 1, 1)) / DAY)) * DAY;

/** A list's items in a seeded random order (Fisher–Yates). */
function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

interface Listed {
  id: string;
  name: string;
  level: AgencyLevel;
  ward: string;
  /** Listed from this day (planned until it is connected or installed). */
  listedFrom: number;
  /** In service from this day; Infinity: never in the sample. */
  from: number;
  /** Gone from this day on (the district and old-commune units on 1 July 2025). */
  until: number;
}

interface Link extends Listed {
  linkType: 'fiber' | 'fiber_dual' | 'shdsl';
  bandwidth: number;
  carrier: 'vnpt' | 'viettel';
}

/** Months a unit shows as planned before its link is in service. */
const PLANNED_MONTHS = 3;
const plannedFrom = (from: number) => from - PLANNED_MONTHS * 30 * DAY;

/**
 * The network's connection points (fixed by the seed, not by the months asked for), so that
 * 2025-12 has the seed's 169 connected whatever the sample's first month: 12 provincial offices,
 * 49 departments and units, and 3 units in each of the 36 new communes. Before, 9 districts × 3
 * units and the old communes' People's Committees; see the contract's description.
 */
function dataNetworkUnits(seed: number): Link[] {
  const random = new Random(seed ^ 0x75cd);
  const units: Link[] = [];
  const forever = Number.POSITIVE_INFINITY;
  const vnptMostly = (share: number) => (random.chance(share) ? 'vnpt' : 'viettel');
  const provinceBefore = PROVINCE_UNITS.length - PROVINCE_LATER.length;
  PROVINCE_UNITS.forEach((name, k) => {
    const from = k < provinceBefore ? earlier(random) : PROVINCE_LATER[k - provinceBefore]!;
    units.push({
      id: `TSL-T${String(k + 1).padStart(2, '0')}`,
      name,
      level: 'province',
      ward: CAPITAL_WARDS[0]!,
      listedFrom: plannedFrom(from),
      from,
      until: forever,
      linkType: 'fiber_dual',
      bandwidth: k < 3 ? 200 : 100,
      carrier: 'vnpt',
    });
  });
  const departmentsLater = spread(DEPARTMENT_UNITS.length - DEPARTMENTS_BEFORE, utc(2023, 2, 1), utc(2025, 6, 1));
  DEPARTMENT_UNITS.forEach((name, k) => {
    const from = k < DEPARTMENTS_BEFORE ? earlier(random) : departmentsLater[k - DEPARTMENTS_BEFORE]!;
    units.push({
      id: `TSL-S${String(k + 1).padStart(2, '0')}`,
      name,
      level: 'department',
      ward: CAPITAL_WARDS[k % 3 === 2 ? 1 : 0]!,
      listedFrom: plannedFrom(from),
      from,
      until: forever,
      linkType: 'fiber',
      bandwidth: k < 20 ? 50 : 20,
      carrier: vnptMostly(0.9),
    });
  });
  DEPARTMENT_PLANNED.forEach((name, k) => {
    units.push({
      id: `TSL-S${String(DEPARTMENT_UNITS.length + k + 1).padStart(2, '0')}`,
      name,
      level: 'department',
      ward: CAPITAL_WARDS[0]!,
      listedFrom: utc(2025, 10, 1),
      from: utc(2026, 3, 1),
      until: forever,
      linkType: 'fiber',
      bandwidth: 50,
      carrier: 'vnpt',
    });
  });
  for (const district of DISTRICTS) {
    const names = [district.partyCommittee, `UBND ${district.name}`, `Bộ phận Một cửa ${district.name}`];
    names.forEach((name, k) => {
      const from = earlier(random);
      units.push({
        id: `TSL-H${district.code}-${k + 1}`,
        name,
        level: 'district',
        ward: district.seat,
        listedFrom: plannedFrom(from),
        from,
        until: TWO_TIER_FROM,
        linkType: 'fiber',
        bandwidth: 50,
        carrier: 'vnpt',
      });
    });
  }
  const oldCommunes = shuffled(random, WARDS_PRE2025);
  const oldLater = spread(OLD_COMMUNES_DURING, utc(2023, 2, 1), utc(2025, 6, 1));
  oldCommunes.slice(0, OLD_COMMUNES_BEFORE + OLD_COMMUNES_DURING + OLD_COMMUNES_PLANNED).forEach((ward, k) => {
    const planned = k >= OLD_COMMUNES_BEFORE + OLD_COMMUNES_DURING;
    const from = planned ? forever : k < OLD_COMMUNES_BEFORE ? earlier(random) : oldLater[k - OLD_COMMUNES_BEFORE]!;
    const copper = from < utc(2021, 1, 1) && random.chance(0.5);
    units.push({
      id: `TSL-X${ward.code}`,
      name: `UBND ${oldCommuneName(ward)}`,
      level: 'commune',
      ward: ward.newCode,
      listedFrom: planned ? utc(2025, 1, 1) : plannedFrom(from),
      from,
      until: TWO_TIER_FROM,
      linkType: copper ? 'shdsl' : 'fiber',
      bandwidth: copper ? 8 : 20,
      carrier: vnptMostly(0.75),
    });
  });
  // The new communes' service centers connect one after another, the last in mid-December 2025.
  const centers = spread(WARDS_2025.length, TWO_TIER_FROM, utc(2025, 12, 20));
  const centerOrder = shuffled(
    random,
    WARDS_2025.map((_, w) => w),
  );
  WARDS_2025.forEach((ward, w) => {
    const carrier = vnptMostly(0.7);
    COMMUNE_UNITS.forEach((unit, k) => {
      const from = k < 2 ? TWO_TIER_FROM : centers[centerOrder.indexOf(w)]!;
      units.push({
        id: `TSL-X${ward.code}-${k + 1}`,
        name: `${unit} ${communeName(ward)}`,
        level: 'commune',
        ward: ward.code,
        listedFrom: utc(2025, 5, 1),
        from,
        until: forever,
        linkType: 'fiber',
        bandwidth: k === 0 ? 50 : 100,
        carrier,
      });
    });
  });
  return units;
}

/** The month's last day (UTC ms at its midnight): the lists are as at the month end. */
const monthEnd = (period: string) => monthStart(period) + (daysInMonth(period) - 1) * DAY;
/** Listed at the month end: in the list by then, and not gone. */
const listedAt = (unit: Listed, end: number) => unit.listedFrom <= end && unit.until > end;

/**
 * The operator's month-end lists. A connected link is down at the export now and then (1.5%;
 * 4% on copper), with the month's uptime below the usual 99.5–100%. At 2025-12 there are
 * SEED_FIGURES.dataNetworkUnits (169) units connected, up or down, and three planned.
 */
export function* dataNetworkConnectionRows(ctx: SampleContext): Generator<SampleRow> {
  const { random, periods } = ctx;
  const units = dataNetworkUnits(ctx.options.seed);
  const connectedAtSeedMonth = units.filter((u) => u.from <= monthEnd('2025-12') && listedAt(u, monthEnd('2025-12')));
  if (connectedAtSeedMonth.length !== SEED_FIGURES.dataNetworkUnits)
    throw new Error(`the sample network has ${connectedAtSeedMonth.length} units at 2025-12, not the seed's 169`);
  for (const period of periods) {
    const end = monthEnd(period);
    for (const unit of units) {
      if (!listedAt(unit, end)) continue;
      const connected = unit.from <= end;
      const down = connected && random.chance(unit.linkType === 'shdsl' ? 0.04 : 0.015);
      const usual = unit.linkType === 'shdsl' ? 98.5 : 99.5;
      const uptime = down ? 85 + random.next() * 14.4 : usual + random.next() * (100 - usual);
      yield {
        unit_id: unit.id,
        unit_name: unit.name,
        level: unit.level,
        ward_code: unit.ward,
        ward_code_original: unit.ward,
        ward_name_original: null,
        link_type: unit.linkType,
        bandwidth_mbps: unit.bandwidth,
        carrier: unit.carrier,
        status: connected ? (down ? 'down' : 'up') : 'planned',
        connected_on: connected ? isoDate(unit.from) : null,
        uptime_pct: connected ? Math.round(uptime * 100) / 100 : null,
        period,
      };
    }
  }
}

interface Endpoint extends Listed {
  type: 'hardware' | 'software';
  /** Meetings a month when active: [fewest, most]. */
  sessions: [number, number];
}

/**
 * The video-conference system's endpoints (invented: the seed gives no figure): 3 provincial
 * halls, 20 departments (14 before 2023), the 9 districts and a growing number of old communes
 * (24 before 2023, 40 more until April 2025) until 30 June 2025; then an endpoint in each of the
 * 36 new communes and wards, installed from June to October 2025.
 */
function videoConferenceEndpointList(seed: number): Endpoint[] {
  const random = new Random(seed ^ 0x4e74);
  const forever = Number.POSITIVE_INFINITY;
  const endpoints: Endpoint[] = [];
  const add = (endpoint: Omit<Endpoint, 'listedFrom'> & { listedFrom?: number }): void => {
    endpoints.push({ listedFrom: plannedFrom(endpoint.from), ...endpoint });
  };
  const halls = ['Hội trường UBND tỉnh', 'Phòng họp trực tuyến Tỉnh ủy', 'Phòng họp Đoàn ĐBQH và HĐND tỉnh'];
  for (const [k, name] of halls.entries())
    add({
      id: `HNTH-T${k + 1}`,
      name,
      level: 'province',
      ward: CAPITAL_WARDS[0]!,
      from: earlier(random),
      until: forever,
      type: 'hardware',
      sessions: [15, 28],
    });
  const departmentsLater = spread(6, utc(2023, 3, 1), utc(2025, 1, 1));
  for (const [k, name] of DEPARTMENT_UNITS.slice(0, 20).entries())
    add({
      id: `HNTH-S${String(k + 1).padStart(2, '0')}`,
      name: `Điểm cầu ${name}`,
      level: 'department',
      ward: CAPITAL_WARDS[k % 3 === 2 ? 1 : 0]!,
      from: k < 14 ? earlier(random) : departmentsLater[k - 14]!,
      until: forever,
      type: random.chance(0.6) ? 'hardware' : 'software',
      sessions: [4, 12],
    });
  for (const district of DISTRICTS)
    add({
      id: `HNTH-H${district.code}`,
      name: `Điểm cầu UBND ${district.name}`,
      level: 'district',
      ward: district.seat,
      from: earlier(random),
      until: TWO_TIER_FROM,
      type: 'hardware',
      sessions: [8, 16],
    });
  const oldLater = spread(OLD_ROOMS_DURING, utc(2023, 2, 1), utc(2025, 5, 1));
  for (const [k, ward] of shuffled(random, WARDS_PRE2025)
    .slice(0, OLD_ROOMS_BEFORE + OLD_ROOMS_DURING)
    .entries()) {
    const from = k < OLD_ROOMS_BEFORE ? earlier(random) : oldLater[k - OLD_ROOMS_BEFORE]!;
    add({
      id: `HNTH-X${ward.code}`,
      name: `Điểm cầu UBND ${oldCommuneName(ward)}`,
      level: 'commune',
      ward: ward.newCode,
      from,
      until: TWO_TIER_FROM,
      type: from < utc(2024, 1, 1) && random.chance(0.6) ? 'software' : 'hardware',
      sessions: [2, 6],
    });
  }
  const installs = spread(WARDS_2025.length, utc(2025, 6, 5), utc(2025, 11, 1));
  for (const [k, ward] of shuffled(random, WARDS_2025).entries())
    add({
      id: `HNTH-X${ward.code}-25`,
      name: `Điểm cầu UBND ${communeName(ward)}`,
      level: 'commune',
      ward: ward.code,
      listedFrom: utc(2025, 5, 1),
      from: installs[k]!,
      until: forever,
      type: 'hardware',
      sessions: [6, 14],
    });
  return endpoints;
}

/** The endpoint list at each month end: 3% of installed endpoints faulty; meetings in proportion to the days installed. */
export function* videoConferenceEndpointRows(ctx: SampleContext): Generator<SampleRow> {
  const { random, periods } = ctx;
  const endpoints = videoConferenceEndpointList(ctx.options.seed);
  for (const period of periods) {
    const start = monthStart(period);
    const days = daysInMonth(period);
    const end = monthEnd(period);
    for (const endpoint of endpoints) {
      if (!listedAt(endpoint, end)) continue;
      const installed = endpoint.from <= end;
      const faulty = installed && random.chance(0.03);
      const [fewest, most] = faulty ? [0, 2] : endpoint.sessions;
      const share = installed ? Math.min(1, (end - Math.max(start, endpoint.from)) / DAY / days + 1 / days) : 0;
      yield {
        endpoint_id: endpoint.id,
        endpoint_name: endpoint.name,
        level: endpoint.level,
        ward_code: endpoint.ward,
        ward_code_original: endpoint.ward,
        ward_name_original: null,
        endpoint_type: endpoint.type,
        status: installed ? (faulty ? 'faulty' : 'active') : 'planned',
        installed_on: installed ? isoDate(endpoint.from) : null,
        sessions: installed ? Math.round(random.int(fewest, most) * share) : 0,
        period,
      };
    }
  }
}
