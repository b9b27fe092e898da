import { AUTH_METHODS } from '../contracts/datasets/dossier-submissions';
import type { DossierGroup } from './dossier-tally';
import { calendarTrend, monthNumber } from './periods';
import type { SampleContext, SampleRow } from './sample-context';

type Method = (typeof AUTH_METHODS)[number];

/** The month the portals moved to VNeID sign-in (Decree 69/2024/NĐ-CP, in force from 1 July 2024). */
const VNEID_SIGN_IN = '2024-07';
const BEFORE = monthNumber(VNEID_SIGN_IN) - 1;
/** A dossier not paid online bears a fee (paid at the counter) this often. */
const FEE_WHEN_NOT_PAID_ONLINE = 0.3;

/**
 * Sign-in methods of an online dossier at a month, as weights in AUTH_METHODS order (invented):
 * before July 2024 a person signs in with VNeID level 2 from 30% to 60% of the time (a
 * business's representative from 10% to 25%), otherwise with a national portal account (60%)
 * or a local one; from July 2024 a person uses VNeID from 88% to 98%, a business its
 * organization's account from 55% to 88% (or a representative's, 5%), the rest mostly legacy
 * local accounts.
 */
function methodWeights(period: string, business: boolean): readonly number[] {
  const weights = (vneid: number, organization: number, nationalShare: number): Record<Method, number> => {
    const rest = 1 - vneid - organization;
    return {
      vneid_level2: vneid,
      vneid_organization: organization,
      national_portal_account: rest * nationalShare,
      local_account: rest * (1 - nationalShare),
      none: 0,
    };
  };
  const before = period < VNEID_SIGN_IN;
  const progress = (start: number, end: number) =>
    before
      ? calendarTrend(period, start, end, monthNumber('2023-01'), BEFORE)
      : calendarTrend(period, start, end, monthNumber(VNEID_SIGN_IN));
  const byMethod = business
    ? before
      ? weights(progress(0.1, 0.25), 0, 0.6)
      : weights(0.05, progress(0.55, 0.88), 0.2)
    : before
      ? weights(progress(0.3, 0.6), 0, 0.6)
      : weights(progress(0.88, 0.98), 0, 0.2);
  return AUTH_METHODS.map((m) => byMethod[m]);
}

/**
 * The one-stop system's monthly statistics: the admin_dossiers sample's dossiers of each
 * month, agency and channel, online ones split by sign-in method, with those bearing a fee:
 * every dossier paid online, and three in ten of the others.
 */
export function* dossierSubmissionRows(ctx: SampleContext, dossiers: readonly DossierGroup[]): Generator<SampleRow> {
  const { random } = ctx;
  type Counts = { dossiers: number; fee: number; paid: number };
  const rows = new Map<string, Counts>();
  for (const group of dossiers) {
    const weights = group.channel === 'online' ? methodWeights(group.period, group.business) : null;
    for (let k = 0; k < group.dossiers; k++) {
      const method: Method = weights ? AUTH_METHODS[random.index(weights)]! : 'none';
      const key = [group.period, group.agency, group.channel, method].join('|');
      const counts = rows.get(key) ?? { dossiers: 0, fee: 0, paid: 0 };
      rows.set(key, counts);
      counts.dossiers++;
      if (group.paidOnline) counts.paid++;
      if (group.paidOnline || random.chance(FEE_WHEN_NOT_PAID_ONLINE)) counts.fee++;
    }
  }
  for (const [key, counts] of [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const [period, agency, channel, method] = key.split('|');
    yield {
      agency_code: agency!,
      channel: channel!,
      auth_method: method!,
      dossiers: counts.dossiers,
      fee_bearing_dossiers: counts.fee,
      paid_online_dossiers: counts.paid,
      period: period!,
    };
  }
}
