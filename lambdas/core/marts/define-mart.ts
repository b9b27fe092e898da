import { z } from 'zod';
import { SCALAR_TYPES } from '../contracts/column-types';

/**
 * The column contract of a mart (a shared dataset built by a view of sql/marts): what each
 * column means, its unit, and whether it may be shared outside the data center. The API's
 * schemas and docs/datasets.md read these; a test holds them equal to the view's columns.
 */
const martColumn = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]*$/),
    /** Views compute in doubles: a mart column has no decimal type (see contractTypeOfDuckdb). */
    type: z.enum(SCALAR_TYPES),
    description: z.string().min(5),
    unit: z.string().optional(),
    /** May be shared with agencies through the API (still subject to grants). */
    shareable: z.boolean().default(true),
  })
  .strict();

const martDeclaration = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]*$/),
    title: z.string().min(3),
    description: z.string().min(20),
    grain: z.string().min(5),
    /** The columns that identify a row. */
    key: z.array(z.string()).min(1),
    columns: z.array(martColumn).min(1),
  })
  .strict()
  .superRefine((mart, ctx) => {
    const names = new Set(mart.columns.map((c) => c.name));
    if (names.size !== mart.columns.length) ctx.addIssue({ code: 'custom', message: 'duplicate column' });
    for (const key of mart.key)
      if (!names.has(key)) ctx.addIssue({ code: 'custom', message: `key column ${key} is not a column` });
  });

export type MartContract = z.infer<typeof martDeclaration>;
export type MartColumn = MartContract['columns'][number];

export function defineMart(declaration: z.input<typeof martDeclaration>): MartContract {
  const parsed = martDeclaration.safeParse(declaration);
  if (!parsed.success) throw new Error(`mart ${declaration.name}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
