import type { OpenSection } from './open-declaration';
import type { OpenDataset, OpenFacts } from './open-datasets';
import { OPEN_FORMATS, type OpenFormat, type OpenLinks } from './open-links';

/** Compact IRIs only: a term that expands to nothing would be dropped by a harvester without a word. */
const CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
};

/** DCAT-AP 3 wants IANA media types and the EU file-type vocabulary as IRIs, not strings. */
const MEDIA_TYPES: Record<OpenFormat, { iana: string; fileType: string; label: string }> = {
  csv: {
    iana: 'http://www.iana.org/assignments/media-types/text/csv',
    fileType: 'http://publications.europa.eu/resource/authority/file-type/CSV',
    label: 'CSV (UTF-8 with a BOM, comma-separated)',
  },
  json: {
    iana: 'http://www.iana.org/assignments/media-types/application/json',
    fileType: 'http://publications.europa.eu/resource/authority/file-type/JSON',
    label: 'JSON ({ dataset, version, count, next_cursor, data: [rows] })',
  },
};

/** SPDX ids have stable IRIs of their own; a license given by URL is its own IRI. */
export function licenseIri(license: { id: string; url: string }): string {
  return license.url === license.id ? license.url : `http://spdx.org/licenses/${license.id}`;
}

const en = (text: string) => ({ '@value': text, '@language': 'en' });
const dateTime = (iso: string) => ({ '@value': iso, '@type': 'xsd:dateTime' });
const month = (yyyyMm: string) => ({ '@value': yyyyMm, '@type': 'xsd:gYearMonth' });

/**
 * The public tier's catalog as DCAT-AP 3 in JSON-LD: a dcat:Catalog of the open datasets,
 * each with its publisher, contact point, version, dates, coverage, and one distribution per
 * file format, each carrying the dataset's license (DCAT-AP puts dct:license on distributions).
 */
export function dcatCatalog(
  section: OpenSection,
  datasets: readonly { open: OpenDataset; facts: OpenFacts }[],
  links: OpenLinks,
): Record<string, unknown> {
  const contactPoint = {
    '@type': 'vcard:Organization',
    'vcard:fn': section.contact.name,
    'vcard:hasEmail': { '@id': `mailto:${section.contact.email}` },
  };
  const publishers = new Map(
    section.publishers.map((p) => [
      p.id,
      {
        '@id': links.publisher(p.id),
        '@type': 'foaf:Agent',
        'foaf:name': p.name,
        ...(p.homepage ? { 'foaf:homepage': { '@id': p.homepage } } : {}),
      },
    ]),
  );
  const modified = datasets
    .map((d) => d.facts.modified)
    .filter((m): m is string => m !== null)
    .sort()
    .at(-1);
  return {
    '@context': CONTEXT,
    '@id': links.catalog(),
    '@type': 'dcat:Catalog',
    'dct:title': en(section.title),
    'dct:description': en(section.description),
    'dct:publisher': publishers.get(section.publisher),
    'foaf:homepage': { '@id': `${links.base}/docs` },
    ...(modified ? { 'dct:modified': dateTime(modified) } : {}),
    'dcat:dataset': datasets.map(({ open, facts }) => {
      const { dataset, columns } = open.access;
      return {
        '@id': links.dataset(dataset.id),
        '@type': 'dcat:Dataset',
        'dct:identifier': dataset.id,
        'dct:title': en(dataset.title),
        'dct:description': en(dataset.description),
        'dct:publisher': publishers.get(open.publisher.id),
        'dcat:contactPoint': contactPoint,
        'dcat:keyword': open.keywords.map(en),
        'dcat:version': facts.version,
        ...(facts.issued ? { 'dct:issued': dateTime(facts.issued) } : {}),
        ...(facts.modified ? { 'dct:modified': dateTime(facts.modified) } : {}),
        'dct:spatial': { '@type': 'dct:Location', 'skos:prefLabel': en(section.spatial) },
        ...(facts.periods
          ? {
              'dct:temporal': {
                '@type': 'dct:PeriodOfTime',
                'dcat:startDate': month(facts.periods.first),
                'dcat:endDate': month(facts.periods.last),
              },
            }
          : {}),
        'dcat:landingPage': { '@id': links.action('package_show', { id: dataset.id }) },
        'dcat:distribution': OPEN_FORMATS.map((format) => ({
          '@id': links.distribution(dataset.id, format),
          '@type': 'dcat:Distribution',
          'dct:title': en(`${dataset.title} (${format.toUpperCase()})`),
          'dct:description': en(
            `${MEDIA_TYPES[format].label}; columns: ${columns.map((c) => c.name).join(', ')}. Up to 10,000 rows a file: the next one is in the Link header.`,
          ),
          'dcat:accessURL': { '@id': links.rows(dataset.id, format) },
          'dcat:downloadURL': { '@id': links.rows(dataset.id, format) },
          'dcat:mediaType': { '@id': MEDIA_TYPES[format].iana },
          'dct:format': { '@id': MEDIA_TYPES[format].fileType },
          'dct:license': {
            '@id': licenseIri(open.license),
            '@type': 'dct:LicenseDocument',
            'rdfs:label': open.license.title,
            'rdfs:seeAlso': { '@id': open.license.url },
          },
          ...(facts.modified ? { 'dct:modified': dateTime(facts.modified) } : {}),
        })),
      };
    }),
  };
}
