import { broadbandByWard, mobileMarketByCarrier, telecomCoverageByWard } from './telecom';
import { dossiersByMonth, dossiersMonthly, eidByWard, informationSystemsStatus } from './administration';
import { digitalEconomy } from './economy';
import { kpiActuals, kpiScorecard } from './scorecard';
import { feedQualityHistory } from './feeds';
import { tasksByAgency } from './tasking';
import { securityAlertsBySystem } from './security';
import { trafficSafetyByWard } from './traffic';
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
  trafficSafetyByWard,
];

export function getMart(name: string): MartContract | undefined {
  return MARTS.find((m) => m.name === name);
}
