import { z } from 'zod';
import { openSection } from './open-data/open-declaration';

/**
 * Who may read what: agency → dataset → columns, row filter, purpose, expiry; which feeds it
 * may upload; whether it may watch every feed's health. Deny by default: anything not granted
 * here is refused. `"*"` means every shareable, non-personal column; a personal (PII, always a
 * keyed hash) or non-shareable column is served only when a grant names it.
 */
const datasetGrant = z
  .object({
    dataset: z.string(),
    columns: z.union([z.literal('*'), z.array(z.string()).min(1)]),
    rowFilter: z
      .object({ column: z.string(), equals: z.array(z.string().min(1)).min(1) })
      .strict()
      .optional(),
    purpose: z.string().min(5),
    expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  })
  .strict();

const grantsFile = z
  .object({
    version: z.string().min(1),
    agencies: z.array(
      z
        .object({
          id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/),
          name: z.string().min(3),
          /** The sources it uploads (scope `feeds:<source>` each); `health` would be the feed-health scope. */
          feeds: z.array(
            z.string().refine((source) => source !== 'health', {
              message: 'no feed may be called "health": feeds:health is the feed-health scope',
            }),
          ),
          /** May read every feed's health (`GET /v1/feeds`: files, row counts, reject reasons, lateness). */
          feedHealth: z.boolean().default(false),
          datasets: z.array(datasetGrant),
        })
        .strict(),
    ),
    /** The agency that runs the data center: it decides on access requests for every dataset (access-requests/). */
    dataCenter: z.string().optional(),
    /** Datasets served without a token, at the public tier (open-data/): absent, none. */
    open: openSection.optional(),
  })
  .strict();

export type GrantsFile = z.infer<typeof grantsFile>;
/** A grants file as written, before its defaults (`feedHealth: false`) are filled in. */
export type GrantsFileInput = z.input<typeof grantsFile>;
export type AgencyGrants = GrantsFile['agencies'][number];

/** The grants file's shape alone (the CDK stack reads agencies and feeds from it). */
export function parseGrantsFile(value: unknown): GrantsFile {
  const parsed = grantsFile.safeParse(value);
  if (!parsed.success) throw new Error(`invalid grants file: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
export type DatasetGrant = z.infer<typeof datasetGrant>;
