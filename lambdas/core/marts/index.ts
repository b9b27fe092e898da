import { broadbandByWard, mobileMarketByCarrier, telecomCoverageByWard } from './telecom';
import { dossiersByMonth, dossiersMonthly, eidByWard, informationSystemsStatus } from './administration';
import { digitalEconomy } from './economy';
import { educationByWard } from './education';
import { healthByWard } from './health';
import { kpiActuals, kpiScorecard } from './scorecard';
import { feedQualityHistory } from './feeds';
import { tasksByAgency } from './tasking';
import { documentExchangeByAgency } from './documents';
import { lgspInterconnection } from './lgsp';
import { securityAlertsBySystem } from './security';
import { newsMonitoringByTopic } from './news';
import { trafficSafetyByWard } from './traffic';
import { eAuthenticationByAgency, paymentsByService } from './payments';
import { infrastructureByWard } from './infrastructure';
import type { MartContract } from './define-mart';

export * from './define-mart';
export { ALL_REASONS } from './all-reasons';

/** The column contracts of every view in sql/marts, by name. */
export const MARTS: readonly MartContract[] = [
  telecomCoverageByWard,
  broadbandByWard,
  mobileMarketByCarrier,
  dossiersMonthly,
  dossiersByMonth,
  eidByWard,
  informationSystemsStatus,
  digitalEconomy,
  kpiActuals,
  kpiScorecard,
  feedQualityHistory,
  tasksByAgency,
  securityAlertsBySystem,
  newsMonitoringByTopic,
  trafficSafetyByWard,
  paymentsByService,
  eAuthenticationByAgency,
  infrastructureByWard,
  documentExchangeByAgency,
  lgspInterconnection,
  healthByWard,
  educationByWard,
];

export function getMart(name: string): MartContract | undefined {
  return MARTS.find((m) => m.name === name);
}
