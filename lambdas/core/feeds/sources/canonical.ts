import { DATASET_NAMES, getDataset } from '../../contracts';
import { defineSource } from '../source-spec';

/**
 * Files already in a dataset's canonical CSV form (what `vpdc generate` writes), loaded by the
 * operations team (`vpdc ingest`, or raw/canonical/ in AWS): strict UTF-8, a header of the
 * contract's column names then `period`, values in the contract's canonical forms. Its rows
 * may be any source's (a carrier's subscriber counts, the police's e-ID figures), so no
 * producer is granted it: producers upload through their own source. The file name says the dataset:
 * `<dataset>[_-.]…csv`. Longer names first, so a name that starts like another dataset's
 * finds its own.
 */
export const canonical = defineSource({
  id: 'canonical',
  name: 'Canonical CSV uploads',
  owner: 'the data center operations team',
  operatorsOnly: true,
  format: 'csv',
  encoding: 'utf-8',
  strictEncoding: true,
  values: 'canonical',
  fileNames: 'start the file name with the dataset, e.g. telecom_bts.csv',
  feeds: [...DATASET_NAMES]
    .sort((a, b) => b.length - a.length)
    .map((dataset) => ({
      dataset,
      files: `^${dataset}(?:[._-]|$)`,
      columns: Object.fromEntries(getDataset(dataset).columns.map((c) => [c.name, c.name])),
      period: { from: 'column', header: 'period' },
    })),
  cadence: { everyDays: 31, graceDays: 5 },
});
