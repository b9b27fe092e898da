import { DATASET_NAMES } from '../../contracts';
import { defineSource } from '../source-spec';

/**
 * Files already in a dataset's canonical CSV form (what `vpdc generate` writes), from any
 * producer that prepares them itself. The file name says the dataset: `<dataset>[_-.]…csv`.
 * Longer names first, so a name that starts like another dataset's finds its own.
 */
export const canonical = defineSource({
  id: 'canonical',
  name: 'Canonical CSV uploads',
  owner: 'any producer (the data center operations team by default)',
  format: 'canonical-csv',
  encoding: 'utf-8',
  feeds: [...DATASET_NAMES]
    .sort((a, b) => b.length - a.length)
    .map((dataset) => ({ dataset, files: `^${dataset}(?:[._-]|$)`, period: { from: 'column', header: 'period' } })),
  cadence: { everyDays: 31, graceDays: 5 },
});
