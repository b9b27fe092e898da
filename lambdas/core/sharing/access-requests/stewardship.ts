import { SOURCES, type SourceSpec } from '../../feeds';
import type { GrantsFile } from '../grants-file';

/** Who decides on access requests for one dataset, and how to say so to an agency that may not. */
export interface Stewardship {
  stewards: string[];
  /** One line naming who decides and why, for the refusal of anyone else. */
  whoDecides: string;
}

/**
 * The data center (the grants file’s `dataCenter`) decides on every request; the producer of
 * a contract dataset decides too, but only when it is the dataset’s only producing agency:
 * where several carriers write telecom_bts, approving a request would hand over the other
 * carriers’ rows, so one competitor may never decide for the rest. The producing sources are
 * every source whose feeds write the dataset, listed in the grants file or not (viettel’s
 * rows are in the lake whether or not viettel has an agency entry); the operators’ loader
 * writes every dataset and is nobody’s.
 */
export function stewardship(
  file: GrantsFile,
  dataset: { id: string; kind: string },
  sources: readonly SourceSpec[] = SOURCES,
): Stewardship {
  const dataCenter = file.dataCenter ? [file.dataCenter] : [];
  const producer = dataset.kind === 'dataset' ? soleProducer(file, dataset.id, sources) : undefined;
  const stewards = [...new Set([...dataCenter, ...(producer ? [producer] : [])])];
  return { stewards, whoDecides: describe(file, dataset.id, producer, stewards) };
}

/** The one agency whose feeds are every source writing the dataset, if there is one. */
function soleProducer(file: GrantsFile, datasetId: string, sources: readonly SourceSpec[]): string | undefined {
  const writing = sources.filter((s) => !s.operatorsOnly && s.datasets.includes(datasetId)).map((s) => s.id);
  const producers = file.agencies.filter((a) => a.feeds.some((feed) => writing.includes(feed)));
  if (writing.length === 0 || producers.length !== 1) return undefined;
  return writing.every((source) => producers[0]!.feeds.includes(source)) ? producers[0]!.id : undefined;
}

function describe(file: GrantsFile, datasetId: string, producer: string | undefined, stewards: string[]): string {
  if (stewards.length === 0) return `no agency decides on requests for ${datasetId}`;
  const center = file.dataCenter ? `${file.dataCenter} (the data center)` : undefined;
  if (!producer) return `requests for ${datasetId} are decided by ${center} alone, no single agency producing it`;
  const deciders = [center, `${producer} (its only producer)`].filter(Boolean);
  return `requests for ${datasetId} are decided by ${deciders.join(' or ')}`;
}
