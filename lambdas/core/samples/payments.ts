import { PAYMENT_CHANNELS, type PAYMENT_SERVICES } from '../contracts/datasets/payment-transactions';
import type { DossierGroup } from './dossier-tally';
import { calendarTrend } from './periods';
import type { Random } from './random';
import type { SampleContext, SampleRow } from './sample-context';

type Service = (typeof PAYMENT_SERVICES)[number];
type Channel = (typeof PAYMENT_CHANNELS)[number];

/** The payment channels' shares at the start and at the end: QR codes take over from bank transfers. */
const CHANNEL_SHARES: Record<Channel, [number, number]> = {
  bank_transfer: [0.5, 0.3],
  card: [0.15, 0.08],
  e_wallet: [0.15, 0.2],
  qr: [0.2, 0.42],
};

/**
 * The services other than dossier fees (invented figures: the seed gives none): payments a
 * month at the end, the share of that at the start, their mean value in VND and its spread
 * (the sigma of a log-normal).
 */
const SERVICES: Record<
  Exclude<Service, 'dossier_fee'>,
  { perMonth: number; start: number; mean: number; spread: number }
> = {
  land_obligation: { perMonth: 1_100, start: 0.35, mean: 18_000_000, spread: 0.9 },
  tax: { perMonth: 3_500, start: 0.5, mean: 2_400_000, spread: 0.8 },
  traffic_fine: { perMonth: 1_800, start: 0.3, mean: 1_400_000, spread: 0.5 },
  hospital_fee: { perMonth: 4_000, start: 0.4, mean: 650_000, spread: 0.9 },
  tuition: { perMonth: 9_000, start: 0.45, mean: 450_000, spread: 0.5 },
  social_insurance: { perMonth: 2_500, start: 0.4, mean: 1_100_000, spread: 0.4 },
};
/** School holidays (June to August): tuition is a tenth of a term month. */
const HOLIDAY_MONTHS = new Set(['06', '07', '08']);
/** Dossier fees and charges (VND), as the procedures' fee schedules set them, with how often each is paid. */
const DOSSIER_FEES = [10_000, 15_000, 20_000, 30_000, 50_000, 100_000, 200_000, 500_000];
const DOSSIER_FEE_WEIGHTS = [0.1, 0.1, 0.2, 0.15, 0.2, 0.15, 0.07, 0.03];
/** Share of other payments refunded (duplicates, overpayments). */
const REFUND_SHARE = 0.002;

interface Cell {
  transactions: number;
  value: number;
  failed: number;
  refunds: number;
  refunded: number;
}

/**
 * The payment gateway's monthly reconciliation for the province (invented volumes): dossier
 * fees are the admin_dossiers sample's dossiers paid online, each its procedure's fee, and
 * the rejected or withdrawn ones among them refunded in the month; the other services grow to
 * about 22,000 payments a month (tuition falls in the summer holidays). Failed attempts go
 * from 7% of successful payments to 3.5%; the channels move from bank transfers to QR codes.
 */
export function* paymentTransactionRows(ctx: SampleContext, dossiers: readonly DossierGroup[]): Generator<SampleRow> {
  const { random, periods } = ctx;
  for (const period of periods) {
    const weights = PAYMENT_CHANNELS.map((c) => calendarTrend(period, ...CHANNEL_SHARES[c]));
    const failRate = calendarTrend(period, 0.07, 0.035);
    const cells = (): Record<Channel, Cell> =>
      Object.fromEntries(
        PAYMENT_CHANNELS.map((c) => [c, { transactions: 0, value: 0, failed: 0, refunds: 0, refunded: 0 }]),
      ) as Record<Channel, Cell>;
    const pay = (cell: Cell, amount: number, refunded: boolean) => {
      cell.transactions++;
      cell.value += amount;
      if (random.chance(failRate)) cell.failed++;
      if (refunded) {
        cell.refunds++;
        cell.refunded += amount;
      }
    };

    const fees = cells();
    const month = dossiers.filter((g) => g.period === period && g.paidOnline);
    for (const group of month)
      for (let k = 0; k < group.dossiers; k++)
        pay(
          fees[PAYMENT_CHANNELS[random.index(weights)]!],
          DOSSIER_FEES[random.index(DOSSIER_FEE_WEIGHTS)]!,
          k < group.rejectedOrWithdrawn,
        );
    yield* rowsOf(period, 'dossier_fee', fees);

    for (const [service, s] of Object.entries(SERVICES) as [
      keyof typeof SERVICES,
      (typeof SERVICES)[keyof typeof SERVICES],
    ][]) {
      const holiday = service === 'tuition' && HOLIDAY_MONTHS.has(period.slice(5, 7));
      const payments = Math.round(
        s.perMonth * calendarTrend(period, s.start, 1) * (holiday ? 0.1 : 1) * (0.92 + 0.16 * random.next()),
      );
      const paid = cells();
      for (let k = 0; k < payments; k++)
        pay(
          paid[PAYMENT_CHANNELS[random.index(weights)]!],
          amount(random, s.mean, s.spread),
          random.chance(REFUND_SHARE),
        );
      yield* rowsOf(period, service, paid);
    }
  }
}

function* rowsOf(period: string, service: Service, cells: Record<Channel, Cell>): Generator<SampleRow> {
  for (const channel of PAYMENT_CHANNELS) {
    const c = cells[channel];
    if (c.transactions === 0 && c.failed === 0) continue;
    yield {
      service,
      channel,
      transactions: c.transactions,
      value_vnd: c.value,
      failed_transactions: c.failed,
      refunds: c.refunds,
      refunded_vnd: c.refunded,
      period,
    };
  }
}

/** A log-normal amount of the given mean, in whole thousands of VND (at least 1,000). */
function amount(random: Random, mean: number, spread: number): number {
  const normal = Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  return Math.max(1, Math.round((mean * Math.exp(spread * normal - (spread * spread) / 2)) / 1000)) * 1000;
}
