import { canonical } from './sources/canonical';
import type { SourceSpec } from './source-spec';

export * from './source-spec';

/** Every feed source the data center accepts. */
export const SOURCES: readonly SourceSpec[] = [canonical];

export const SOURCE_IDS = SOURCES.map((s) => s.id);

export class UnknownSourceError extends Error {
  override name = 'UnknownSourceError';
  constructor(readonly source: string) {
    super(`unknown source "${source}"; known: ${SOURCE_IDS.join(', ')}`);
  }
}

export function getSource(id: string): SourceSpec {
  const found = SOURCES.find((s) => s.id === id);
  if (!found) throw new UnknownSourceError(id);
  return found;
}
