import { DATASET_NAMES, getDataset } from '../../contracts';
import { defineSource } from '../source-spec';

/**
 * Files already in a dataset's canonical CSV form (what `vpdc generate` writes), from any
 * producer that prepares them itself: strict UTF-8, a header of the contract's column names
 * then `period`, values in the contract's canonical forms. The file name says the dataset:
 * `<dataset>[_-.]…csv`. Longer names first, so a name that starts like another dataset's
 * finds its own.
 */
export const canonical = defineSource({
  id: 'canonical',
  name: 'Canonical CSV uploads',
  owner: 'any producer (the data center operations team by default)',
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
