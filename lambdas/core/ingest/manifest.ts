import { z } from 'zod';

/**
 * The manifest of one ingest: written last, it is the commit. Readers trust curated objects
 * only through a succeeded manifest. `rowsIn = rowsAccepted + rowsRejected` always holds.
 */
export const outputSchema = z.object({
  kind: z.enum(['curated', 'quarantine']),
  key: z.string(),
  period: z.string().optional(),
  rows: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const manifestSchema = z
  .object({
    manifestId: z.string().regex(/^[0-9a-f]{64}$/),
    dataset: z.string(),
    contractVersion: z.string(),
    source: z.string(),
    rawKey: z.string(),
    rawSha256: z.string().regex(/^[0-9a-f]{64}$/),
    rawBytes: z.number().int().nonnegative(),
    /** What the file turned out to be (`csv`, `xlsx`, `xls`, `ods`, `html`…), which may not be what the source declares. */
    format: z.string(),
    encoding: z.string(),
    /** A workbook's sheet whose table was read. */
    sheet: z.string().optional(),
    status: z.enum(['succeeded', 'failed']),
    rowsIn: z.number().int().nonnegative(),
    rowsAccepted: z.number().int().nonnegative(),
    rowsRejected: z.number().int().nonnegative(),
    reasons: z.record(z.string(), z.number().int().positive()),
    periods: z.array(z.string()),
    extraColumns: z.array(z.string()),
    /** Records that are not data (a totals row, an empty month cell), by reason: not rows, but not silently gone either. */
    skipped: z.record(z.string(), z.number().int().positive()).optional(),
    outputs: z.array(outputSchema),
    error: z.object({ code: z.string(), message: z.string(), line: z.number().int().optional() }).optional(),
    startedAt: z.string(),
    finishedAt: z.string(),
    durationMs: z.number().nonnegative(),
  })
  .refine((m) => m.rowsIn === m.rowsAccepted + m.rowsRejected, {
    message: 'rowsIn must equal rowsAccepted + rowsRejected',
  });

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestOutput = z.infer<typeof outputSchema>;

export function parseManifest(bytes: Uint8Array | string): Manifest {
  const text = typeof bytes === 'string' ? bytes : new TextDecoder().decode(bytes);
  return manifestSchema.parse(JSON.parse(text));
}
