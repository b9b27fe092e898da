import { DATASET_NAMES } from '../../contracts';
import { defineSource } from '../source-spec';

/**
 * Files already in a dataset's canonical CSV form (what `vpdc generate` writes), from any
 * producer that prepares them itself. The file name says the dataset: `<dataset>[_-.]…csv`.
 */
export const canonical = defineSource({
  id: 'canonical',
  name: 'Canonical CSV uploads',
  owner: 'any producer (the data center operations team by default)',
  datasets: [...DATASET_NAMES],
  format: 'canonical-csv',
  cadence: { everyDays: 31, graceDays: 5 },
});
