import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { getDataset } from '../contracts';
import { adminDossierRows, informationSystemRows, publicServiceRows } from './administration';
import { digitalSignatureRows, eidAccountRows, populationRows } from './citizens';
import { writeCanonicalCsv } from './csv-writer';
import { documentExchangeRows } from './documents';
import { dossierSubmissionRows } from './dossier-submissions';
import { dossierTally } from './dossier-tally';
import { facilityRows, provincialIndicatorRows } from './economy';
import { schoolEnrollmentRows } from './education';
import { FACILITIES_STREAM } from './facilities';
import { healthVisitRows } from './health';
import { dataNetworkConnectionRows, videoConferenceEndpointRows } from './infrastructure';
import { lgspExchangeRows } from './lgsp';
import { newsMonitoringRows } from './news';
import { paymentTransactionRows } from './payments';
import { sampleContext, type SampleContext, type SampleOptions, type SampleRow } from './sample-context';
import { socAlertRows } from './security';
import { leadershipTaskRows } from './tasking';
import { telecomBtsRows, telecomSubscriberRows } from './telecom';
import { trafficEventRows } from './traffic';

/** Each dataset's generator; the number is its PRNG stream, fixed so outputs stay stable. */
export const SAMPLE_GENERATORS: Record<string, { stream: number; rows: (ctx: SampleContext) => Iterable<SampleRow> }> =
  {
    telecom_bts: { stream: 1, rows: telecomBtsRows },
    telecom_subscribers: { stream: 2, rows: telecomSubscriberRows },
    admin_dossiers: { stream: 3, rows: (ctx) => adminDossierRows(ctx) },
    public_services: { stream: 4, rows: publicServiceRows },
    information_systems: { stream: 5, rows: informationSystemRows },
    eid_accounts: { stream: 6, rows: eidAccountRows },
    digital_signatures: { stream: 7, rows: digitalSignatureRows },
    population: { stream: 8, rows: populationRows },
    provincial_indicators: { stream: 9, rows: provincialIndicatorRows },
    facilities: { stream: FACILITIES_STREAM, rows: facilityRows },
    health_visits: { stream: 17, rows: healthVisitRows },
    school_enrollment: { stream: 18, rows: schoolEnrollmentRows },
    leadership_tasks: { stream: 11, rows: leadershipTaskRows },
    soc_alerts: { stream: 13, rows: socAlertRows },
    news_monitoring: { stream: 23, rows: newsMonitoringRows },
    traffic_events: { stream: 12, rows: trafficEventRows },
    data_network_connections: { stream: 19, rows: dataNetworkConnectionRows },
    video_conference_endpoints: { stream: 20, rows: videoConferenceEndpointRows },
    document_exchange: { stream: 14, rows: documentExchangeRows },
    // The LGSP's log agrees with the inventory's connections and the document system's axis traffic.
    lgsp_exchanges: {
      stream: 15,
      rows: (ctx) => lgspExchangeRows(ctx, sampleOf('information_systems', ctx), sampleOf('document_exchange', ctx)),
    },
    // The gateway's dossier fees and the one-stop statistics count the admin_dossiers sample's dossiers.
    payment_transactions: { stream: 16, rows: (ctx) => paymentTransactionRows(ctx, dossiersOf(ctx)) },
    dossier_submissions: { stream: 22, rows: (ctx) => dossierSubmissionRows(ctx, dossiersOf(ctx)) },
  };

/** The admin_dossiers sample for the same options, counted by month, agency, channel and payment. */
const dossiersOf = (ctx: SampleContext) => dossierTally(ctx.options, () => sampleOf('admin_dossiers', ctx));

/** Another dataset's sample rows for the same options, drawn again from its own stream. */
function sampleOf(dataset: string, ctx: SampleContext): Iterable<SampleRow> {
  const generator = SAMPLE_GENERATORS[dataset]!;
  return generator.rows(sampleContext(ctx.options, generator.stream));
}

export interface GeneratedFile {
  dataset: string;
  path: string;
  rows: number;
}

/** Writes `<dataset>.csv` in canonical form for every dataset (or the ones named) into `outDir`. */
export async function generateSamples(
  outDir: string,
  options: Partial<SampleOptions> & { datasets?: string[] } = {},
): Promise<GeneratedFile[]> {
  await mkdir(outDir, { recursive: true });
  const names = options.datasets ?? Object.keys(SAMPLE_GENERATORS);
  const files: GeneratedFile[] = [];
  for (const name of names) {
    const generator = SAMPLE_GENERATORS[name];
    if (!generator) throw new Error(`no sample generator for dataset ${name}`);
    const path = join(outDir, `${name}.csv`);
    const rows = await writeCanonicalCsv(
      path,
      getDataset(name),
      generator.rows(sampleContext(options, generator.stream)),
    );
    files.push({ dataset: name, path, rows });
  }
  return files;
}
