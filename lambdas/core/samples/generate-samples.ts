import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { getDataset } from '../contracts';
import { adminDossierRows, informationSystemRows, publicServiceRows } from './administration';
import { digitalSignatureRows, eidAccountRows, populationRows } from './citizens';
import { writeCanonicalCsv } from './csv-writer';
import { facilityRows, provincialIndicatorRows } from './economy';
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
    facilities: { stream: 10, rows: facilityRows },
    leadership_tasks: { stream: 11, rows: leadershipTaskRows },
    soc_alerts: { stream: 13, rows: socAlertRows },
    traffic_events: { stream: 12, rows: trafficEventRows },
  };

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
