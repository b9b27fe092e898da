import { trend } from './periods';
import type { SampleContext, SampleRow } from './sample-context';

type NationalKind = 'national_database' | 'sectoral_database' | 'national_system';

/** A national connection of the LGSP (through the national data exchange platform, NDXP). */
interface NationalConnection {
  id: string;
  name: string;
  kind: NationalKind;
  /** First month in testing and first month live, yyyy-mm; null: not yet. */
  testingFrom: string | null;
  liveFrom: string | null;
  /** Calls a month once live, at the last period (the document axis's come from the document system's reports). */
  calls: number;
  latencyMs: number;
}

/**
 * The national databases and systems the provincial LGSP connects to (invented dates and
 * volumes: the seed names the document axis, the payment gateway and ministries' databases).
 */
export const NATIONAL_CONNECTIONS: readonly NationalConnection[] = [
  {
    id: 'CSDLQG-DC',
    name: 'Cơ sở dữ liệu quốc gia về dân cư',
    kind: 'national_database',
    testingFrom: '2021-06',
    liveFrom: '2021-06',
    calls: 60_000,
    latencyMs: 650,
  },
  {
    id: 'CSDLQG-DKDN',
    name: 'Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp',
    kind: 'national_database',
    testingFrom: '2021-01',
    liveFrom: '2021-01',
    calls: 6_000,
    latencyMs: 420,
  },
  {
    id: 'CSDLQG-TTHC',
    name: 'Cơ sở dữ liệu quốc gia về thủ tục hành chính',
    kind: 'national_database',
    testingFrom: '2020-10',
    liveFrom: '2020-10',
    calls: 2_500,
    latencyMs: 300,
  },
  {
    id: 'CSDLQG-BH',
    name: 'Cơ sở dữ liệu quốc gia về bảo hiểm',
    kind: 'national_database',
    testingFrom: '2023-06',
    liveFrom: '2023-09',
    calls: 12_000,
    latencyMs: 550,
  },
  {
    id: 'CSDLQG-CBCCVC',
    name: 'Cơ sở dữ liệu quốc gia về cán bộ, công chức, viên chức',
    kind: 'national_database',
    testingFrom: '2024-05',
    liveFrom: '2024-08',
    calls: 3_000,
    latencyMs: 480,
  },
  {
    id: 'CSDLQG-DD',
    name: 'Cơ sở dữ liệu quốc gia về đất đai',
    kind: 'national_database',
    testingFrom: '2025-07',
    liveFrom: null,
    calls: 400,
    latencyMs: 900,
  },
  {
    id: 'CSDLCN-HT',
    name: 'Cơ sở dữ liệu hộ tịch điện tử (Bộ Tư pháp)',
    kind: 'sectoral_database',
    testingFrom: '2021-03',
    liveFrom: '2021-03',
    calls: 8_000,
    latencyMs: 500,
  },
  {
    id: 'CSDLCN-LLTP',
    name: 'Cơ sở dữ liệu lý lịch tư pháp (Bộ Tư pháp)',
    kind: 'sectoral_database',
    testingFrom: '2024-01',
    liveFrom: '2024-03',
    calls: 1_500,
    latencyMs: 600,
  },
  {
    id: 'CSDLCN-GPLX',
    name: 'Cơ sở dữ liệu giấy phép lái xe (Bộ Xây dựng)',
    kind: 'sectoral_database',
    testingFrom: '2025-10',
    liveFrom: null,
    calls: 200,
    latencyMs: 700,
  },
  {
    id: 'DVCQG',
    name: 'Cổng Dịch vụ công quốc gia',
    kind: 'national_system',
    testingFrom: '2020-06',
    liveFrom: '2020-06',
    calls: 25_000,
    latencyMs: 380,
  },
  {
    id: 'TRUC-VBQG',
    name: 'Trục liên thông văn bản quốc gia',
    kind: 'national_system',
    testingFrom: '2019-03',
    liveFrom: '2019-03',
    calls: 0,
    latencyMs: 250,
  },
  {
    id: 'PAYGOV',
    name: 'Nền tảng thanh toán trực tuyến của Cổng Dịch vụ công quốc gia',
    kind: 'national_system',
    testingFrom: '2021-09',
    liveFrom: '2021-09',
    calls: 4_000,
    latencyMs: 450,
  },
  {
    id: 'HTBCQG',
    name: 'Hệ thống thông tin báo cáo quốc gia',
    kind: 'national_system',
    testingFrom: '2021-12',
    liveFrom: '2021-12',
    calls: 600,
    latencyMs: 320,
  },
];

/** The document axis: its calls are the documents the document system sent and received over it. */
const DOCUMENT_AXIS = 'TRUC-VBQG';

/**
 * The LGSP's monthly API-gateway statistics (invented volumes: the seed gives no count). The
 * provincial systems are those of the information_systems sample (`inventory`), connected in the
 * months it says they are and in testing the month before; a system not yet registered is not in
 * the export. The national connections go live on their dates above, after months in testing; the
 * document axis carries two calls per document the document system reports (`documents`): the
 * document and its status notice. Calls grow 30% over the period; 0.5–2.5% fail once live (fewer
 * as the platform matures), 8–20% in testing.
 */
export function* lgspExchangeRows(
  ctx: SampleContext,
  inventory: Iterable<SampleRow>,
  documents: Iterable<SampleRow>,
): Generator<SampleRow> {
  const { random, periods } = ctx;
  const systems = new Map<string, SampleRow[]>();
  for (const row of inventory) {
    const period = row.period as string;
    if (!systems.has(period)) systems.set(period, []);
    systems.get(period)!.push(row);
  }
  const axisCalls = new Map<string, number>();
  for (const row of documents) {
    const period = row.period as string;
    const calls = 2 * ((row.documents_sent as number) + (row.documents_received as number));
    axisCalls.set(period, (axisCalls.get(period) ?? 0) + calls);
  }
  /** Each provincial system's calls a month once live, and its response time, drawn when first seen. */
  const profiles = new Map<string, { calls: number; latencyMs: number }>();
  const profile = (row: SampleRow) => {
    let found = profiles.get(row.system_id as string);
    if (!found) {
      found = row.serves_public
        ? { calls: random.int(3_000, 25_000), latencyMs: random.int(80, 400) }
        : { calls: random.int(500, 6_000), latencyMs: random.int(60, 250) };
      profiles.set(row.system_id as string, found);
    }
    return found;
  };

  for (let index = 0; index < periods.length; index++) {
    const period = periods[index]!;
    const growth = trend(index, periods.length, 1 / 1.3);
    const failure = 0.005 + 0.02 * (1 - index / Math.max(1, periods.length - 1));
    const stats = (status: string, calls: number, latencyMs: number) => {
      const transactions = status === 'testing' ? random.int(50, 600) : status === 'connected' ? calls : 0;
      const failShare = status === 'testing' ? 0.08 + 0.12 * random.next() : failure * (0.5 + random.next());
      return {
        status,
        transactions,
        failed_transactions: Math.round(transactions * failShare),
        mean_latency_ms: transactions === 0 ? null : Math.round(latencyMs * (0.85 + 0.3 * random.next()) * 10) / 10,
        period,
      };
    };
    const liveNext = new Set(
      (systems.get(periods[index + 1] ?? '') ?? []).filter((s) => s.lgsp_connected).map((s) => s.system_id),
    );
    for (const system of systems.get(period) ?? []) {
      const status = system.lgsp_connected ? 'connected' : liveNext.has(system.system_id) ? 'testing' : null;
      if (status === null) continue;
      const { calls, latencyMs } = profile(system);
      yield {
        connection_id: system.system_id as string,
        connection_name: system.system_name as string,
        connection_kind: 'provincial_system',
        ...stats(status, Math.round(calls * growth * (0.9 + 0.2 * random.next())), latencyMs),
      };
    }
    for (const c of NATIONAL_CONNECTIONS) {
      const status =
        c.liveFrom !== null && period >= c.liveFrom
          ? 'connected'
          : c.testingFrom !== null && period >= c.testingFrom
            ? 'testing'
            : 'not_connected';
      const calls =
        c.id === DOCUMENT_AXIS
          ? (axisCalls.get(period) ?? 0)
          : Math.round(c.calls * growth * (0.9 + 0.2 * random.next()));
      yield {
        connection_id: c.id,
        connection_name: c.name,
        connection_kind: c.kind,
        ...stats(status, calls, c.latencyMs),
      };
    }
  }
}
