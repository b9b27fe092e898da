import { createHmac } from 'node:crypto';
import { SEED_FIGURES } from '../reference/seed-figures';
import { Random } from './random';
import { daysInMonth, monthStart, trend } from './periods';
import { isoDate, vietnamTimestamp, type SampleContext, type SampleRow } from './sample-context';

/** Codes of the provincial agencies the samples use (departments, the police, the commune level). */
export const AGENCIES = [
  'SKHCN',
  'STNMT',
  'SXD',
  'SYT',
  'SGDDT',
  'SNV',
  'SNNMT',
  'SCT',
  'STP',
  'STC',
  'CAT',
  'UBND-XA',
] as const;
const PROCEDURES = 400;
const DAY = 86_400_000;
/** The key the sample generator hashes its synthetic applicant IDs with (not a secret). */
export const SAMPLE_HMAC_KEY = 'vpdc-sample-data';

interface Procedure {
  code: string;
  name: string;
  agency: string;
  /** Month index from which it is full-process online, and from which it is partial. */
  fullFrom: number;
  partialFrom: number;
  portalFrom: number;
}

/** The provincial procedure catalogue, the same for public_services and admin_dossiers. */
function procedureCatalogue(seed: number, periodCount: number): Procedure[] {
  const random = new Random(seed ^ 0x5eed);
  return Array.from({ length: PROCEDURES }, (_, k) => {
    const fullFrom = random.chance(0.3) ? -1 : random.chance(0.25) ? random.int(0, periodCount - 1) : periodCount;
    const partialFrom = random.chance(0.85) ? -1 : periodCount;
    return {
      code: `1.${String(1000 + k * 7).padStart(6, '0')}`,
      name: `Thủ tục hành chính số ${k + 1}`,
      agency: AGENCIES[k % AGENCIES.length]!,
      fullFrom,
      partialFrom,
      portalFrom: fullFrom < 0 && random.chance(0.7) ? -1 : Math.max(fullFrom, 0) + random.int(0, 8),
    };
  });
}

function onlineLevel(p: Procedure, index: number): 'full_process' | 'partial' | 'none' {
  if (index >= p.fullFrom) return 'full_process';
  if (index >= p.partialFrom) return 'partial';
  return 'none';
}

export function* publicServiceRows(ctx: SampleContext): Generator<SampleRow> {
  const catalogue = procedureCatalogue(ctx.options.seed, ctx.periods.length);
  for (let index = 0; index < ctx.periods.length; index++) {
    for (const p of catalogue) {
      const level = onlineLevel(p, index);
      yield {
        procedure_code: p.code,
        procedure_name: p.name,
        agency_code: p.agency,
        online_level: level,
        on_national_portal: level !== 'none' && index >= p.portalFrom,
        period: ctx.periods[index]!,
      };
    }
  }
}

export interface DossierOptions {
  /** Total dossiers over all periods; default 3,000 a month × scale. */
  total?: number;
}

/**
 * Dossiers: the online share grows from 55% to 78% over the periods (the plan's target is
 * 80%), 92% are handled on time; the last weeks still have open dossiers.
 */
export function* adminDossierRows(ctx: SampleContext, options: DossierOptions = {}): Generator<SampleRow> {
  const { random, periods, wards, wardWeights } = ctx;
  const catalogue = procedureCatalogue(ctx.options.seed, periods.length);
  const applicants = applicantPool(ctx.options.seed, 50_000);
  const total = options.total ?? Math.round(3000 * ctx.options.scale * periods.length);
  const perMonth = periods.map((_, i) => Math.floor(total / periods.length) + (i < total % periods.length ? 1 : 0));
  const lastPeriod = periods[periods.length - 1]!;
  const dataEnd = monthStart(lastPeriod) + daysInMonth(lastPeriod) * DAY;
  const wardCodes = wards.map((w) => w.code);
  for (let index = 0; index < periods.length; index++) {
    const period = periods[index]!;
    const start = monthStart(period);
    const days = daysInMonth(period);
    const onlineShare = 0.55 + (0.78 - 0.55) * (index / Math.max(1, periods.length - 1));
    // Only procedures with an online level can be filed online: scale the chance so that the
    // month's overall online share is onlineShare.
    const withOnlineLevel = catalogue.filter((p) => onlineLevel(p, index) !== 'none').length / catalogue.length;
    const prefix = `HS${period.replace('-', '')}-`;
    for (let n = 0; n < perMonth[index]!; n++) {
      const procedure = catalogue[Math.floor(random.next() * catalogue.length)]!;
      const level = onlineLevel(procedure, index);
      const online = level !== 'none' && random.chance(Math.min(1, onlineShare / withOnlineLevel));
      // Vietnam office hours 07:30–17:00 (UTC+7) on a random day of the month.
      const receivedAt =
        start + Math.floor(random.next() * days) * DAY + (30 + Math.floor(random.next() * 570)) * 60_000;
      const dueAt = receivedAt + random.int(3, 15) * DAY;
      const outcome = random.next();
      const open = receivedAt + 20 * DAY > dataEnd && outcome < 0.6;
      const status = open
        ? outcome < 0.2
          ? 'received'
          : 'processing'
        : outcome < 0.03
          ? 'rejected'
          : outcome < 0.05
            ? 'withdrawn'
            : 'completed';
      const late = random.chance(0.08);
      const completedAt =
        status === 'completed'
          ? late
            ? dueAt + random.int(1, 10) * DAY
            : receivedAt + Math.floor(random.next() * (dueAt - receivedAt))
          : null;
      yield {
        dossier_id: prefix + String(n + 1).padStart(7, '0'),
        procedure_code: procedure.code,
        agency_code: procedure.agency,
        ward_code: wardCodes[random.index(wardWeights)]!,
        ward_code_original: null,
        ward_name_original: null,
        channel: online ? 'online' : random.chance(0.9) ? 'direct' : 'postal',
        service_level: level === 'none' ? 'offline' : level,
        received_at: vietnamTimestamp(receivedAt),
        due_at: vietnamTimestamp(dueAt),
        completed_at: completedAt === null ? null : vietnamTimestamp(completedAt),
        status,
        on_time: completedAt === null ? null : completedAt <= dueAt,
        paid_online: online ? random.chance(0.7) : random.chance(0.05),
        applicant_type: random.chance(0.8) ? 'citizen' : 'business',
        ...applicants[Math.floor(random.next() * applicants.length)]!,
        period,
      };
    }
  }
}

/**
 * Synthetic 12-digit citizen IDs (province prefix 026) with their keyed hashes, hashed once.
 * The canonical file carries the hash; the one-stop system's native export carries the clear
 * ID (`applicant_id`), which the ETL hashes on the way in.
 */
function applicantPool(seed: number, size: number): { applicant_id: string; applicant_id_hash: string }[] {
  const random = new Random(seed ^ 0xa11ce);
  return Array.from({ length: size }, () => {
    const citizenId = `026${String(Math.floor(random.next() * 1e9)).padStart(9, '0')}`;
    return {
      applicant_id: citizenId,
      applicant_id_hash: createHmac('sha256', SAMPLE_HMAC_KEY).update(citizenId).digest('hex'),
    };
  });
}

/** How many information systems are in operation at a period (60 at the first, 68 at the last): the first ones by id. */
export function informationSystemsInOperation(index: number, count: number): number {
  const total = SEED_FIGURES.informationSystems;
  return Math.round(total - (total - 60) * (1 - index / Math.max(1, count - 1)));
}

/** How many of them have an approved security level at a period (40 at the first, 59 at the last): the first ones by id. */
export function informationSystemsApproved(index: number, count: number): number {
  return Math.round(
    SEED_FIGURES.informationSystemsApproved * trend(index, count, 40 / SEED_FIGURES.informationSystemsApproved),
  );
}

/** The sample's id of the k-th information system (from 0): `HTTT-001` … `HTTT-068`. */
export const informationSystemId = (k: number) => `HTTT-${String(k + 1).padStart(3, '0')}`;

/** Whether the k-th information system faces citizens or businesses (three in five). */
export const informationSystemServesPublic = (k: number) => k % 5 < 3;

/**
 * Information systems: 68 at the last period (60 at the first), 59 of them with an approved
 * security level (40 at the first); the share of public-facing systems on the LGSP grows from
 * 35% to 52%, and of internal ones (the document system, HR, finance) from 45% to 70%.
 */
export function* informationSystemRows(ctx: SampleContext): Generator<SampleRow> {
  const { random, periods } = ctx;
  const total = SEED_FIGURES.informationSystems;
  const systems = Array.from({ length: total }, (_, k) => ({
    id: informationSystemId(k),
    name: `Hệ thống thông tin ${k + 1}`,
    owner: AGENCIES[k % AGENCIES.length]!,
    level: random.weighted([1, 2, 3, 4], [0.15, 0.45, 0.35, 0.05]),
    servesPublic: informationSystemServesPublic(k),
    lgspRank: random.next(),
  }));
  const approvedAt = (index: number) => informationSystemsApproved(index, periods.length);
  // The k-th approval is dated in the month the approved count first passes k.
  const approvalDate = systems.map((_, k) => {
    const index = periods.findIndex((_, i) => approvedAt(i) > k);
    return index <= 0 ? isoDate(monthStart('2022-01') + k * 7 * DAY) : isoDate(monthStart(periods[index]!) + 4 * DAY);
  });
  for (let index = 0; index < periods.length; index++) {
    const period = periods[index]!;
    const existing = informationSystemsInOperation(index, periods.length);
    const approved = approvedAt(index);
    const lgspShare = trend(index, periods.length, 0.35 / 0.52) * 0.52;
    const internalLgspShare = trend(index, periods.length, 0.45 / 0.7) * 0.7;
    for (let k = 0; k < existing; k++) {
      const s = systems[k]!;
      const isApproved = k < approved;
      yield {
        system_id: s.id,
        system_name: s.name,
        owner_agency: s.owner,
        security_level: s.level,
        level_approved: isApproved,
        approved_on: isApproved ? approvalDate[k]! : null,
        lgsp_connected: s.lgspRank < (s.servesPublic ? lgspShare : internalLgspShare),
        serves_public: s.servesPublic,
        period,
      };
    }
  }
}
