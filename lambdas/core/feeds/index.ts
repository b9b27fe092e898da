import { canonical } from './sources/canonical';
import { caProviders } from './sources/ca-providers';
import { dataNetwork } from './sources/data-network';
import { dohVisits } from './sources/doh-visits';
import { educationDb } from './sources/education-db';
import { fpt } from './sources/fpt';
import { ioffice } from './sources/ioffice';
import { itDept } from './sources/it-dept';
import { lgsp } from './sources/lgsp';
import { mobifone } from './sources/mobifone';
import { newsMonitoring } from './sources/news-monitoring';
import { oneStop } from './sources/one-stop';
import { oneStopStats } from './sources/one-stop-stats';
import { paymentGateway } from './sources/payment-gateway';
import { policeEid } from './sources/police-eid';
import { sctv } from './sources/sctv';
import { soc } from './sources/soc';
import { statistics } from './sources/statistics';
import { tasking } from './sources/tasking';
import { trafficPolice } from './sources/traffic-police';
import { videoConference } from './sources/video-conference';
import { viettel } from './sources/viettel';
import { vnpt } from './sources/vnpt';
import { vtvcab } from './sources/vtvcab';
import { FeedError } from './feed-error';
import { Ownership } from './ownership';
import type { FeedSpec, SourceSpec } from './source-spec';

export * from './source-spec';

/** Every feed source the data center accepts. */
export const SOURCES: readonly SourceSpec[] = [
  canonical,
  viettel,
  vnpt,
  mobifone,
  fpt,
  sctv,
  vtvcab,
  oneStop,
  policeEid,
  caProviders,
  itDept,
  statistics,
  dohVisits,
  educationDb,
  tasking,
  soc,
  newsMonitoring,
  trafficPolice,
  paymentGateway,
  oneStopStats,
  dataNetwork,
  videoConference,
  ioffice,
  lgsp,
];

export const SOURCE_IDS = SOURCES.map((s) => s.id);

/** Which source owns which rows (checked as the module loads: no two sources own the same rows). */
export const OWNERSHIP = new Ownership(SOURCES);

export class UnknownSourceError extends Error {
  override name = 'UnknownSourceError';
  constructor(readonly source: string) {
    super(`unknown source "${source}"; known: ${SOURCE_IDS.join(', ')}`);
  }
}

export function getSource(id: string): SourceSpec {
  const found = SOURCES.find((s) => s.id === id);
  if (!found) throw new UnknownSourceError(id);
  return found;
}

/**
 * The feed a file belongs to, by its name; when the caller already knows the dataset, the
 * source's one feed of it (a file named otherwise is still read as that dataset).
 */
export function feedOfFile(source: SourceSpec, fileName: string, dataset?: string): FeedSpec {
  const candidates = dataset === undefined ? source.feeds : source.feeds.filter((f) => f.dataset === dataset);
  const feed =
    candidates.find((f) => new RegExp(f.files, 'i').test(fileName)) ??
    (dataset !== undefined && candidates.length === 1 ? candidates[0] : undefined);
  if (!feed) {
    const hint =
      source.fileNames ?? `names must match ${source.feeds.map((f) => `/${f.files}/i (${f.dataset})`).join(', ')}`;
    throw new FeedError(
      'unknown_dataset',
      `the file name "${fileName}" names none of ${source.id}'s datasets (${source.datasets.join(', ')}); ${hint}`,
    );
  }
  return feed;
}
