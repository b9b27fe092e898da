import { z } from 'zod';
import data from '../reference/data/plan-targets.json';

/**
 * The plan's targets and the seed article's status figures (baselines), from the versioned
 * reference file: never SQL literals. Loaded as the `plan_targets` view on both engines.
 * A baseline is scored like a target: reaching the status figure again by its year is `met`.
 */
const planTargetsFile = z
  .object({
    version: z.string().min(1),
    source: z.string().min(10),
    targets: z
      .array(
        z
          .object({
            indicator: z.string().regex(/^[a-z][a-z0-9_]*$/),
            kind: z.enum(['plan_target', 'baseline']),
            target: z.number(),
            unit: z.string().min(1),
            target_year: z.number().int().min(2021).max(2030),
            text: z.string().min(10),
          })
          .strict(),
      )
      .min(1),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    for (const t of file.targets) {
      if (seen.has(t.indicator)) ctx.addIssue({ code: 'custom', message: `indicator ${t.indicator} appears twice` });
      seen.add(t.indicator);
    }
  });

export type PlanTarget = z.infer<typeof planTargetsFile>['targets'][number];

export const PLAN_TARGETS = planTargetsFile.parse(data);

const literal = (value: string | number) =>
  typeof value === 'number' ? `cast(${value} as double)` : `'${value.replaceAll("'", "''")}'`;

/** The `plan_targets` view: the reference file as a VALUES list, valid Trino and DuckDB SQL. */
export function planTargetsSql(): string {
  const rows = PLAN_TARGETS.targets.map(
    (t) =>
      `  (${literal(t.indicator)}, ${literal(t.kind)}, ${literal(t.target)}, ${literal(t.unit)}, ${t.target_year}, ${literal(t.text)}, ${literal(PLAN_TARGETS.version)})`,
  );
  return `-- generated from lambdas/core/reference/data/plan-targets.json: edit that file, not this SQL
select * from (
values
${rows.join(',\n')}
) as t (indicator, kind, target, unit, target_year, plan_text, targets_version)`;
}
