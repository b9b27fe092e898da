import { z } from 'zod';

/**
 * What differs between stages (dev, prod), validated with zod when the app starts: a bad
 * value fails `cdk synth` with the field named, never halfway through a deployment.
 */
export const stageConfigSchema = z
  .object({
    stage: z.string().regex(/^[a-z][a-z0-9-]{1,15}$/, 'stage names are short lowercase words'),
    /** DESTROY buckets, their objects and the audit log with the stack. Never for prod. */
    removeDataOnDestroy: z.boolean(),
    /** Compliance-mode Object Lock on the audit log: not even root can delete within it. */
    auditRetentionDays: z.number().int().min(1).max(3650),
    /** Raw feeds move to Glacier Instant Retrieval after this many days (kept forever). */
    rawColdAfterDays: z.number().int().min(30),
    /** Quarantined rows move to colder storage after this, and expire after `quarantineExpireDays`. */
    quarantineColdAfterDays: z.number().int().min(30),
    quarantineExpireDays: z.number().int().min(1),
    athenaResultsExpireDays: z.number().int().min(1).max(365),
    accessLogsExpireDays: z.number().int().min(1),
    /** Athena stops any query of this workgroup that scans more. */
    bytesScannedCutoffPerQuery: z.number().int().min(10_000_000),
    etl: z
      .object({
        memoryMb: z.number().int().min(512).max(10_240),
        timeoutSeconds: z.number().int().min(30).max(900),
        /** Deliveries of one message before it moves to the DLQ. */
        maxReceiveCount: z.number().int().min(1).max(10),
        /** Concurrent ETL invocations the feed queue may start (SQS event source maximum concurrency). */
        maxConcurrency: z.number().int().min(2).max(1000).optional(),
      })
      .strict(),
    /** The sharing API: stage throttling, each agency's usage plan, and whether AWS WAF guards it. */
    api: z
      .object({
        rateLimit: z.number().int().min(1),
        burstLimit: z.number().int().min(1),
        agencyRateLimit: z.number().int().min(1),
        agencyBurstLimit: z.number().int().min(1),
        waf: z.boolean(),
      })
      .strict(),
    logRetentionDays: z.number().int().min(1),
    /** Alarm notifications go here (an SNS email subscription), if set. */
    alarmEmail: z.string().email().optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.quarantineExpireDays <= config.quarantineColdAfterDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['quarantineExpireDays'],
        message: `must be greater than quarantineColdAfterDays (${config.quarantineColdAfterDays}), got ${config.quarantineExpireDays}`,
      });
    }
  });

export type StageConfig = z.infer<typeof stageConfigSchema>;

export function parseStageConfig(value: unknown): StageConfig {
  const parsed = stageConfigSchema.safeParse(value);
  if (!parsed.success) throw new Error(`invalid stage config: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
