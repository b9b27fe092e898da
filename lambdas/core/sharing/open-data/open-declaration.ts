import { z } from 'zod';
import type { ServedColumn, ServedDataset } from '../served-datasets';

/**
 * Open licenses by SPDX id, with what the CKAN API and the DCAT catalog say of each. A license
 * outside this list is given by its URL: the file then says exactly which terms apply.
 */
export const OPEN_LICENSES = {
  'CC-BY-4.0': {
    title: 'Creative Commons Attribution 4.0 International',
    url: 'https://creativecommons.org/licenses/by/4.0/',
  },
  'CC-BY-SA-4.0': {
    title: 'Creative Commons Attribution Share Alike 4.0 International',
    url: 'https://creativecommons.org/licenses/by-sa/4.0/',
  },
  'CC0-1.0': {
    title: 'Creative Commons Zero v1.0 Universal',
    url: 'https://creativecommons.org/publicdomain/zero/1.0/',
  },
  'ODC-By-1.0': {
    title: 'Open Data Commons Attribution License v1.0',
    url: 'https://opendatacommons.org/licenses/by/1-0/',
  },
  'ODbL-1.0': {
    title: 'Open Data Commons Open Database License v1.0',
    url: 'https://opendatacommons.org/licenses/odbl/1-0/',
  },
} as const satisfies Record<string, { title: string; url: string }>;
type SpdxId = keyof typeof OPEN_LICENSES;
const SPDX_IDS = Object.keys(OPEN_LICENSES) as [SpdxId, ...SpdxId[]];

const httpUrl = z.url({ protocol: /^https?$/ });

const publisher = z
  .object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/), name: z.string().min(3), homepage: httpUrl.optional() })
  .strict();

const openDataset = z
  .object({
    dataset: z.string(),
    /** An SPDX id of OPEN_LICENSES, or the URL of the license's text. */
    license: z.union([z.enum(SPDX_IDS), httpUrl]),
    /** A publisher id of `publishers`. */
    publisher: z.string(),
    /** The columns served without a token. @default every shareable column */
    columns: z.array(z.string()).min(1).optional(),
    keywords: z.array(z.string().min(2)).default([]),
  })
  .strict();

/** The `open` section of the grants file: the public tier's catalog and what it serves. */
export const openSection = z
  .object({
    title: z.string().min(3),
    description: z.string().min(20),
    /** The catalog's own publisher: a publisher id. */
    publisher: z.string(),
    publishers: z.array(publisher).min(1),
    /** Who answers questions about the open data (the catalog's and every dataset's contact point). */
    contact: z.object({ name: z.string().min(3), email: z.email() }).strict(),
    /** The area every dataset covers, as a label (DCAT's dct:spatial). */
    spatial: z.string().min(3),
    datasets: z.array(openDataset),
  })
  .strict();

export type OpenSection = z.infer<typeof openSection>;
export type OpenDatasetEntry = OpenSection['datasets'][number];
export type Publisher = OpenSection['publishers'][number];
export interface License {
  id: string;
  title: string;
  url: string;
}

export function licenseOf(entry: OpenDatasetEntry): License {
  const known = OPEN_LICENSES[entry.license as SpdxId];
  return known ? { id: entry.license, ...known } : { id: entry.license, title: entry.license, url: entry.license };
}

/** The columns served without a token: those the entry names, or every shareable one. */
export function openColumns(entry: OpenDatasetEntry, dataset: ServedDataset): ServedColumn[] {
  return entry.columns
    ? dataset.columns.filter((c) => entry.columns!.includes(c.name))
    : dataset.columns.filter((c) => c.shareable && !c.pii);
}

/**
 * What the schema cannot see: only an aggregated mart may be open, each column named must be
 * shareable and not personal, and the natural key must be open (paging cursors carry it).
 */
export function checkOpenSection(open: OpenSection, datasets: ReadonlyMap<string, ServedDataset>): void {
  const fail = (message: string): never => {
    throw new Error(`invalid grants file: open: ${message}`);
  };
  const publishers = new Set<string>();
  for (const p of open.publishers) {
    if (publishers.has(p.id)) fail(`publisher ${p.id} appears twice`);
    publishers.add(p.id);
  }
  if (!publishers.has(open.publisher)) fail(`the catalog's publisher ${open.publisher} is not a publisher`);
  const seen = new Set<string>();
  for (const entry of open.datasets) {
    const dataset = datasets.get(entry.dataset) ?? fail(`unknown dataset ${entry.dataset}`);
    if (seen.has(dataset.id)) fail(`${dataset.id} appears twice`);
    seen.add(dataset.id);
    if (dataset.kind !== 'mart') fail(`${dataset.id} is a contract dataset, not an aggregated mart: it cannot be open`);
    if (!publishers.has(entry.publisher)) fail(`${dataset.id}: unknown publisher ${entry.publisher}`);
    for (const name of entry.columns ?? []) {
      const column = dataset.columns.find((c) => c.name === name) ?? fail(`${dataset.id}: unknown column ${name}`);
      if (column.pii) fail(`${dataset.id}: column ${name} is personal data`);
      if (!column.shareable) fail(`${dataset.id}: column ${name} is not shareable`);
    }
    const open = new Set(openColumns(entry, dataset).map((c) => c.name));
    for (const key of dataset.key)
      if (!open.has(key)) fail(`${dataset.id}: the key column ${key} must be open (paging cursors carry it)`);
  }
}
