import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { feedOfFile, SOURCES } from '../feeds';
import type { FeedSpec, SourceSpec } from '../feeds/source-spec';
import { SAMPLE_GENERATORS } from './generate-samples';
import { NativeFileWriter, feedTakesRow } from './native-writer';
import { sampleContext, type SampleOptions } from './sample-context';

export interface NativeSampleFile {
  source: string;
  dataset: string;
  path: string;
  rows: number;
}

const EXTENSIONS: Record<SourceSpec['format'], string> = {
  csv: 'csv',
  xlsx: 'xlsx',
  ndjson: 'ndjson',
  json: 'json',
};

/** The file name a sample of a feed gets (`viettel_telecom_bts.csv`); it must route back to the same feed. */
export function nativeFileName(spec: SourceSpec, feed: FeedSpec): string {
  const name = `${spec.id}_${feed.dataset}.${EXTENSIONS[spec.format]}`;
  if (feedOfFile(spec, name) !== feed) throw new Error(`${name} would not route to ${spec.id}'s ${feed.dataset} feed`);
  return name;
}

/**
 * Writes every native source's files (`<out>/<source>/<source>_<dataset>.<ext>`) from the same
 * rows as the canonical samples: each dataset's rows are dealt to the feeds whose constants
 * they match (Viettel's rows to Viettel), so together the native files hold exactly the
 * canonical data. A row no source takes is an error, not a silent loss.
 */
export async function generateNativeSamples(
  outDir: string,
  options: Partial<SampleOptions> & { datasets?: string[] } = {},
): Promise<NativeSampleFile[]> {
  const native = SOURCES.filter((s) => s.values === 'native');
  const files: NativeSampleFile[] = [];
  for (const dataset of options.datasets ?? Object.keys(SAMPLE_GENERATORS)) {
    const generator = SAMPLE_GENERATORS[dataset];
    if (!generator) throw new Error(`no sample generator for dataset ${dataset}`);
    const feeds = native.flatMap((spec) =>
      spec.feeds
        .filter((feed) => feed.dataset === dataset)
        .map((feed) => ({ spec, feed, writer: undefined as NativeFileWriter | undefined })),
    );
    for (const row of generator.rows(sampleContext(options, generator.stream))) {
      const target = feeds.find(({ feed }) => feedTakesRow(feed, row));
      if (!target) throw new Error(`no source sends this ${dataset} row: ${JSON.stringify(row)}`);
      if (!target.writer) {
        await mkdir(join(outDir, target.spec.id), { recursive: true });
        target.writer = new NativeFileWriter(
          target.spec,
          target.feed,
          join(outDir, target.spec.id, nativeFileName(target.spec, target.feed)),
        );
      }
      await target.writer.add(row);
    }
    for (const { spec, writer } of feeds) {
      if (!writer) continue;
      await writer.close();
      files.push({ source: spec.id, dataset, path: writer.path, rows: writer.count });
    }
  }
  return files;
}
