import { z } from 'zod';
import { DATASET_NAMES } from '../contracts';

/**
 * A feed source: who sends files, which datasets they feed and how often. One declaration a
 * file under sources/; the CDK stack derives the Glue partition projection's source values
 * and a late-feed alarm per source from these, and the ETL routes raw objects with them.
 */
const sourceDeclaration = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'source ids are lowercase kebab-case'),
    name: z.string().min(3),
    /** Who operates the sending system (a carrier, an agency). */
    owner: z.string().min(3),
    datasets: z.array(z.string().refine((name) => DATASET_NAMES.includes(name), { message: 'unknown dataset' })).min(1),
    /** The file format the source sends. */
    format: z.enum(['canonical-csv']),
    /** How often a file is expected, and how late it may be before the late-feed alarm. */
    cadence: z.object({ everyDays: z.number().int().min(1).max(366), graceDays: z.number().int().min(0).max(60) }).strict(),
  })
  .strict();

export type SourceSpec = z.infer<typeof sourceDeclaration>;

export function defineSource(declaration: z.input<typeof sourceDeclaration>): SourceSpec {
  const parsed = sourceDeclaration.safeParse(declaration);
  if (!parsed.success) throw new Error(`source ${declaration.id}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
