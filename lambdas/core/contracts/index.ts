import type { DatasetContract } from './define-dataset';
import { adminDossiers } from './datasets/admin-dossiers';
import { dataNetworkConnections } from './datasets/data-network-connections';
import { digitalSignatures } from './datasets/digital-signatures';
import { documentExchange } from './datasets/document-exchange';
import { dossierSubmissions } from './datasets/dossier-submissions';
import { eidAccounts } from './datasets/eid-accounts';
import { facilities } from './datasets/facilities';
import { healthVisits } from './datasets/health-visits';
import { informationSystems } from './datasets/information-systems';
import { leadershipTasks } from './datasets/leadership-tasks';
import { lgspExchanges } from './datasets/lgsp-exchanges';
import { newsMonitoring } from './datasets/news-monitoring';
import { paymentTransactions } from './datasets/payment-transactions';
import { population } from './datasets/population';
import { provincialIndicators } from './datasets/provincial-indicators';
import { publicServices } from './datasets/public-services';
import { schoolEnrollment } from './datasets/school-enrollment';
import { socAlerts } from './datasets/soc-alerts';
import { telecomBts } from './datasets/telecom-bts';
import { telecomSubscribers } from './datasets/telecom-subscribers';
import { trafficEvents } from './datasets/traffic-events';
import { videoConferenceEndpoints } from './datasets/video-conference-endpoints';

export * from './define-dataset';
export * from './column-types';

/** Every dataset of the data center, by name. */
export const DATASETS: readonly DatasetContract[] = [
  telecomBts,
  telecomSubscribers,
  adminDossiers,
  publicServices,
  informationSystems,
  eidAccounts,
  digitalSignatures,
  population,
  provincialIndicators,
  facilities,
  healthVisits,
  schoolEnrollment,
  leadershipTasks,
  socAlerts,
  newsMonitoring,
  trafficEvents,
  paymentTransactions,
  dossierSubmissions,
  dataNetworkConnections,
  videoConferenceEndpoints,
  documentExchange,
  lgspExchanges,
];

export const DATASET_NAMES = DATASETS.map((d) => d.name);

export class UnknownDatasetError extends Error {
  override name = 'UnknownDatasetError';
  constructor(readonly dataset: string) {
    super(`unknown dataset "${dataset}"; known: ${DATASET_NAMES.join(', ')}`);
  }
}

export function getDataset(name: string): DatasetContract {
  const found = DATASETS.find((d) => d.name === name);
  if (!found) throw new UnknownDatasetError(name);
  return found;
}
