import { SEED_FIGURES } from '../reference/seed-figures';
import { apportion } from './random';
import { trend } from './periods';
import type { SampleContext, SampleRow } from './sample-context';

/** Totals at the last period that the seed implies: 630,000 e-ID accounts are 74% of 14+. */
export const POPULATION_14PLUS = Math.round(SEED_FIGURES.eidAccounts / (SEED_FIGURES.eidPctOf14plus / 100));
export const POPULATION = 1_215_000;
export const HOUSEHOLDS = 300_000;

function wardRow(ctx: SampleContext, w: number, period: string): SampleRow {
  const code = ctx.wards[w]!.code;
  return { ward_code: code, ward_code_original: code, ward_name_original: null, period };
}

/** Population by ward: slow growth; households with fixed broadband rise from 70% to 90%. */
export function* populationRows(ctx: SampleContext): Generator<SampleRow> {
  const { periods, wards, wardWeights } = ctx;
  for (let index = 0; index < periods.length; index++) {
    const growth = trend(index, periods.length, 0.97);
    const people = apportion(Math.round(POPULATION * growth), wardWeights);
    const adults = apportion(Math.round(POPULATION_14PLUS * growth), wardWeights);
    const households = apportion(Math.round(HOUSEHOLDS * growth), wardWeights);
    const connected = apportion(
      Math.round(
        HOUSEHOLDS * growth * (SEED_FIGURES.householdsWithFixedBroadbandPct / 100) * trend(index, periods.length, 0.78),
      ),
      wardWeights,
    );
    for (let w = 0; w < wards.length; w++) {
      yield {
        ...wardRow(ctx, w, periods[index]!),
        population: people[w]!,
        population_14plus: Math.min(adults[w]!, people[w]!),
        households: households[w]!,
        households_with_fixed_broadband: Math.min(connected[w]!, households[w]!),
      };
    }
  }
}

/** VNeID accounts by ward: from 35% of the final figure to 630,000; 85% level 2. */
export function* eidAccountRows(ctx: SampleContext): Generator<SampleRow> {
  const { periods, wards, wardWeights } = ctx;
  for (let index = 0; index < periods.length; index++) {
    const accounts = apportion(Math.round(SEED_FIGURES.eidAccounts * trend(index, periods.length, 0.35)), wardWeights);
    for (let w = 0; w < wards.length; w++) {
      yield {
        ...wardRow(ctx, w, periods[index]!),
        activated_accounts: accounts[w]!,
        level2_accounts: Math.round(accounts[w]! * 0.85),
      };
    }
  }
}

/** Certificates by CA: 9,509 for organizations and 5,193 for individuals at the last period. */
export function* digitalSignatureRows(ctx: SampleContext): Generator<SampleRow> {
  const { periods } = ctx;
  const providers = ['vnpt', 'viettel'];
  const targets = { organization: SEED_FIGURES.signaturesOrganization, individual: SEED_FIGURES.signaturesIndividual };
  for (let index = 0; index < periods.length; index++) {
    for (const [type, final] of Object.entries(targets)) {
      const split = apportion(Math.round(final * trend(index, periods.length, 0.6)), [0.57, 0.43]);
      for (let p = 0; p < providers.length; p++) {
        yield {
          provider: providers[p]!,
          subscriber_type: type,
          active_certificates: split[p]!,
          period: periods[index]!,
        };
      }
    }
  }
}
