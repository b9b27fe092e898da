import type { SampleOptions, SampleRow } from './sample-context';

/** Dossiers of the admin_dossiers sample that share a month, agency, channel, applicant type and online payment. */
export interface DossierGroup {
  period: string;
  agency: string;
  channel: 'online' | 'direct' | 'postal';
  business: boolean;
  paidOnline: boolean;
  dossiers: number;
  /** Of those, dossiers rejected or withdrawn (their online payment is refunded). */
  rejectedOrWithdrawn: number;
}

const tallies = new Map<string, readonly DossierGroup[]>();

/**
 * The admin_dossiers sample counted by month, agency, channel, applicant type and online
 * payment, in month, agency and channel order: what the one-stop system's statistics and the
 * payment gateway's dossier fees are drawn on, so that they count the same dossiers. `dossiers`
 * gives the sample's rows as its own generator draws them; the tally is kept per sample options
 * (the generators of both datasets ask for it, and the 108,000 rows are drawn once).
 */
export function dossierTally(options: SampleOptions, dossiers: () => Iterable<SampleRow>): readonly DossierGroup[] {
  const key = JSON.stringify([options.seed, options.scale, options.periods]);
  const known = tallies.get(key);
  if (known) return known;
  const groups = new Map<string, DossierGroup>();
  for (const row of dossiers()) {
    const group: DossierGroup = {
      period: row.period as string,
      agency: row.agency_code as string,
      channel: row.channel as DossierGroup['channel'],
      business: row.applicant_type === 'business',
      paidOnline: row.paid_online === true,
      dossiers: 0,
      rejectedOrWithdrawn: 0,
    };
    const id = [group.period, group.agency, group.channel, group.business, group.paidOnline].join('|');
    const found = groups.get(id) ?? group;
    groups.set(id, found);
    found.dossiers++;
    if (row.status === 'rejected' || row.status === 'withdrawn') found.rejectedOrWithdrawn++;
  }
  const tally = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, group]) => group);
  tallies.set(key, tally);
  return tally;
}
