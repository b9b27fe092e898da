import { parseStageConfig, type StageConfig } from './stage-config';

/** The stages `cdk … -c stage=<name>` can pick. */
export const STAGES: Readonly<Record<string, StageConfig>> = {
  dev: parseStageConfig({
    stage: 'dev',
    removeDataOnDestroy: true,
    auditRetentionDays: 1,
    rawColdAfterDays: 30,
    quarantineColdAfterDays: 30,
    quarantineExpireDays: 90,
    athenaResultsExpireDays: 7,
    accessLogsExpireDays: 30,
    bytesScannedCutoffPerQuery: 1_000_000_000,
    etl: { memoryMb: 1024, timeoutSeconds: 300, maxReceiveCount: 3 },
    api: { rateLimit: 20, burstLimit: 40, agencyRateLimit: 10, agencyBurstLimit: 20, waf: false },
    logRetentionDays: 14,
  }),
  prod: parseStageConfig({
    stage: 'prod',
    removeDataOnDestroy: false,
    // Five years of provable exchanges for the sharing audit trail.
    auditRetentionDays: 1825,
    rawColdAfterDays: 90,
    quarantineColdAfterDays: 90,
    quarantineExpireDays: 400,
    athenaResultsExpireDays: 30,
    accessLogsExpireDays: 365,
    bytesScannedCutoffPerQuery: 10_000_000_000,
    etl: { memoryMb: 2048, timeoutSeconds: 900, maxReceiveCount: 5, maxConcurrency: 20 },
    api: { rateLimit: 100, burstLimit: 200, agencyRateLimit: 20, agencyBurstLimit: 40, waf: true },
    logRetentionDays: 365,
  }),
};

export function stageConfig(name: string | undefined): StageConfig {
  if (name === undefined)
    throw new Error(`pick a stage with -c stage=<name>; stages: ${Object.keys(STAGES).join(', ')}`);
  const config = STAGES[name];
  if (!config) throw new Error(`unknown stage "${name}"; stages: ${Object.keys(STAGES).join(', ')}`);
  return config;
}
