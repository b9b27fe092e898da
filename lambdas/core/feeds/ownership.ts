import type { SourceSpec } from './source-spec';

/** The rows of one dataset a source writes: every row, or those whose owner columns hold its pinned values. */
export interface OwnedRows {
  source: string;
  dataset: string;
  /** Owner column → the value this source pins it to (`carrier: vnpt`); empty: the source owns every row. */
  pins: Readonly<Record<string, string>>;
}

/**
 * Who owns which rows, derived from the source specs, never declared twice: a source that
 * feeds a dataset owns the rows it can write, those whose owner columns hold the values its
 * feed pins as constants (each carrier's telecom rows); a dataset's owner columns are the
 * columns every one of its sources pins (`carrier` for the telecom datasets). Sources marked
 * `operatorsOnly` (the canonical loader) own nothing and may write every row: they are the
 * operations team's, and never granted to a producer.
 */
export class Ownership {
  private readonly owned = new Map<string, OwnedRows[]>();

  private readonly operatorSources: ReadonlySet<string>;

  constructor(sources: readonly SourceSpec[]) {
    this.operatorSources = new Set(sources.filter((s) => s.operatorsOnly).map((s) => s.id));
    const bySource = new Map<string, { source: string; constants: Record<string, string> }[]>();
    for (const source of sources) {
      if (source.operatorsOnly) continue;
      for (const feed of source.feeds) {
        const list = bySource.get(feed.dataset) ?? [];
        list.push({ source: source.id, constants: feed.constants });
        bySource.set(feed.dataset, list);
      }
    }
    for (const [dataset, feeders] of bySource) {
      const ownerColumns = Object.keys(feeders[0]!.constants).filter((column) =>
        feeders.every((f) => column in f.constants),
      );
      const rows = feeders.map((f) => ({
        source: f.source,
        dataset,
        pins: Object.fromEntries(ownerColumns.map((c) => [c, f.constants[c]!])),
      }));
      assertDisjoint(dataset, rows);
      this.owned.set(dataset, rows);
    }
  }

  /** The rows of each dataset `source` owns. */
  ownedBy(source: string): OwnedRows[] {
    return [...this.owned.values()].flat().filter((o) => o.source === source);
  }

  /** The source that owns a row of `dataset` (undefined: no source does, so operators' loads fill it). */
  ownerOf(dataset: string, row: Readonly<Record<string, unknown>>): string | undefined {
    return this.owned
      .get(dataset)
      ?.find((o) => Object.entries(o.pins).every(([column, value]) => String(row[column]) === value))?.source;
  }

  /** The value `source` pins `column` to in its rows of `dataset` (`carrier` → `vnpt`); undefined when it pins none. */
  pinOf(source: string, dataset: string, column: string): string | undefined {
    return this.owned.get(dataset)?.find((o) => o.source === source)?.pins[column];
  }

  /** Whether a source may write rows other sources own (so it must not be granted to a producer). */
  writesOthersRows(source: string): boolean {
    return this.operatorSources.has(source);
  }
}

/** Two sources owning the same row would supersede each other's figures without anyone noticing. */
function assertDisjoint(dataset: string, rows: OwnedRows[]): void {
  const seen = new Map<string, string>();
  for (const { source, pins } of rows) {
    const key = JSON.stringify(pins);
    const other = seen.get(key);
    if (other !== undefined)
      throw new Error(
        `sources ${other} and ${source} both write ${dataset} rows ${Object.keys(pins).length ? key : '(every row)'}: ` +
          'each must pin an owner column (e.g. constants: { carrier: ... }) to its own value',
      );
    seen.set(key, source);
  }
}
