import { resolveType } from './column-types';
import type { DatasetContract } from './define-dataset';

export interface GlueColumn {
  name: string;
  /** Hive type as Glue expects it (see COLUMN_TYPES). */
  type: string;
  comment: string;
}

function comment(description: string, unit: string | undefined, pii: string | undefined): string {
  const parts = [description, unit ? `Unit: ${unit}.` : '', pii ? 'PII (stored as a keyed hash).' : ''];
  // Glue limits column comments to 255 characters.
  return parts.filter(Boolean).join(' ').slice(0, 255);
}

/** Glue table columns and partition keys of a dataset, for the CDK catalog. */
export function glueTableColumns(contract: DatasetContract): { columns: GlueColumn[]; partitionKeys: GlueColumn[] } {
  const toGlue = (c: DatasetContract['fileColumns'][number]): GlueColumn => ({
    name: c.name,
    type: resolveType(c.type).glue,
    comment: comment(c.description, c.unit, c.pii),
  });
  return { columns: contract.fileColumns.map(toGlue), partitionKeys: contract.partitionColumns.map(toGlue) };
}
