import { loadGrants } from '../../lambdas/core/sharing/local-server';
import { licenseOf, openColumns, type OpenSection } from '../../lambdas/core/sharing/open-data/open-declaration';
import { apiFixture, type ApiFixture, PUBLIC_URL } from './support';

/** An RDF/JS term and quad, as jsonld gives them. */
interface Term {
  termType: 'NamedNode' | 'BlankNode' | 'Literal' | 'DefaultGraph';
  value: string;
  datatype?: { value: string };
}
interface Quad {
  subject: Term;
  predicate: Term;
  object: Term;
}
/** jsonld 9 ships no types (@types/jsonld describes 1.x): the one call this test makes. */
const jsonld = require('jsonld') as { toRDF(input: unknown, options: { safe: boolean }): Promise<Quad[]> };

const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const FOAF = 'http://xmlns.com/foaf/0.1/';
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const MEDIA = 'http://www.iana.org/assignments/media-types/';

const grants = loadGrants();
const open = grants.file.open as OpenSection;
/** Every open dataset as the grants file declares it: the expectations, never the API's output. */
const declared = open.datasets.map((entry) => {
  const dataset = grants.dataset(entry.dataset)!;
  const columns = openColumns(entry, dataset).map((c) => c.name);
  const hidden = dataset.columns.map((c) => c.name).filter((name) => !columns.includes(name));
  return { entry, dataset, columns, hidden, license: licenseOf(entry) };
});

let api: ApiFixture;
beforeAll(async () => {
  api = await apiFixture();
}, 120_000);
afterAll(() => api.close());

const json = async <T>(path: string) => {
  const response = await api.get(path);
  return { response, body: (await response.json()) as T };
};

/** The catalog as a harvester sees it: triples from a JSON-LD processor (safe mode: a term it cannot map fails). */
async function harvest(): Promise<Quad[]> {
  const response = await api.get('/open/v1/catalog.jsonld');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/ld+json');
  return jsonld.toRDF(await response.json(), { safe: true });
}

describe('the DCAT-AP 3 catalog, harvested with jsonld', () => {
  let quads: Quad[];
  const objects = (subject: string, predicate: string) =>
    quads.filter((q) => q.subject.value === subject && q.predicate.value === predicate).map((q) => q.object);
  const one = (subject: string, predicate: string) => {
    const found = objects(subject, predicate);
    expect({ subject, predicate, count: found.length }).toEqual({ subject, predicate, count: 1 });
    return found[0]!;
  };
  const ofType = (type: string) =>
    quads.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === type).map((q) => q.subject.value);

  beforeAll(async () => {
    quads = await harvest();
  });

  test('one dcat:Catalog listing exactly the open datasets, with its publisher and title', () => {
    const [catalog, ...others] = ofType(`${DCAT}Catalog`);
    expect(others).toEqual([]);
    const listed = objects(catalog!, `${DCAT}dataset`).map((o) => one(o.value, `${DCT}identifier`).value);
    expect(listed.sort()).toEqual(declared.map((d) => d.dataset.id).sort());
    expect(ofType(`${DCAT}Dataset`)).toHaveLength(declared.length);
    expect(one(catalog!, `${DCT}title`).value).toBe(open.title);
    const publisher = open.publishers.find((p) => p.id === open.publisher)!;
    expect(one(one(catalog!, `${DCT}publisher`).value, `${FOAF}name`).value).toBe(publisher.name);
  });

  test.each(declared.map((d) => [d.dataset.id, d]))(
    '%s round-trips: title, publisher, version and dates as the agency API gives them, and two licensed distributions',
    async (id, { dataset, entry, license }) => {
      const subject = ofType(`${DCAT}Dataset`).find((s) => one(s, `${DCT}identifier`).value === id)!;
      expect(one(subject, `${DCT}title`).value).toBe(dataset.title);
      expect(one(subject, `${DCT}description`).value).toBe(dataset.description);
      const publisher = open.publishers.find((p) => p.id === entry.publisher)!;
      expect(one(one(subject, `${DCT}publisher`).value, `${FOAF}name`).value).toBe(publisher.name);
      const contact = one(subject, `${DCAT}contactPoint`).value;
      expect(one(contact, 'http://www.w3.org/2006/vcard/ns#hasEmail').value).toBe(`mailto:${open.contact.email}`);
      // The agency API (an IOC token) says the same version and freshness.
      const ioc = await api.get(`/v1/datasets/${id}`, await api.token('ioc'));
      const described = (await ioc.json()) as { version: string; freshness: string | null };
      expect(one(subject, `${DCAT}version`).value).toBe(described.version);
      const modified = objects(subject, `${DCT}modified`).map((o) => o.value);
      expect(modified).toEqual(described.freshness ? [described.freshness] : []);
      const distributions = objects(subject, `${DCAT}distribution`).map((o) => o.value);
      const media = distributions.map((d) => one(d, `${DCAT}mediaType`).value).sort();
      expect(media).toEqual([`${MEDIA}application/json`, `${MEDIA}text/csv`]);
      for (const distribution of distributions) {
        expect(one(distribution, RDF_TYPE).value).toBe(`${DCAT}Distribution`);
        const licenseNode = one(distribution, `${DCT}license`);
        expect(licenseNode.termType).toBe('NamedNode');
        expect(licenseNode.value).toBe(
          entry.license.startsWith('http') ? entry.license : `http://spdx.org/licenses/${entry.license}`,
        );
        expect(one(licenseNode.value, RDF_TYPE).value).toBe(`${DCT}LicenseDocument`);
        expect(one(licenseNode.value, `${RDFS}seeAlso`).value).toBe(license.url);
        expect(one(distribution, `${DCAT}downloadURL`).value.startsWith(`${PUBLIC_URL}/open/v1/datasets/${id}/`)).toBe(
          true,
        );
      }
    },
  );

  test("each distribution's downloadURL answers, without a token, with the open columns only", async () => {
    const downloads = quads.filter((q) => q.predicate.value === `${DCAT}downloadURL`).map((q) => q.object.value);
    expect(downloads).toHaveLength(declared.length * 2);
    for (const url of downloads) {
      const response = await api.get(url.slice(PUBLIC_URL.length));
      expect({ url, status: response.status }).toEqual({ url, status: 200 });
      const id = /datasets\/([a-z_]+)\//.exec(url)![1]!;
      const columns = declared.find((d) => d.dataset.id === id)!.columns;
      if (url.endsWith('format=csv')) {
        const header = (await response.text()).replace(/^\uFEFF/, '').split('\r\n')[0];
        expect(header).toBe(columns.join(','));
      } else {
        const page = (await response.json()) as { data: Record<string, unknown>[] };
        for (const row of page.data.slice(0, 5)) expect(Object.keys(row)).toEqual(columns);
      }
    }
  });

  test('has a temporal coverage of the months of the rows', async () => {
    const dossiers = ofType(`${DCAT}Dataset`).find((s) => one(s, `${DCT}identifier`).value === 'dossiers_by_month')!;
    const temporal = one(dossiers, `${DCT}temporal`).value;
    const { rows } = await api.lake.query('select min(period) as first, max(period) as last from dossiers_by_month');
    expect(one(temporal, `${DCAT}startDate`).value).toBe(rows[0]!.first);
    expect(one(temporal, `${DCAT}endDate`).value).toBe(rows[0]!.last);
  });
});

test('no open dataset shows a column that is not open: not in the catalog, package_show, datastore_search or a file', async () => {
  const hidden = declared.flatMap((d) => d.hidden.map((column) => ({ id: d.dataset.id, column })));
  // dossiers_monthly keeps its median processing time closed (a small ward's median is one applicant's case).
  expect(hidden.length).toBeGreaterThan(0);
  const catalog = await (await api.get('/open/v1/catalog.jsonld')).text();
  for (const { id, column } of hidden) {
    const answers = [
      catalog,
      await (await api.get(`/api/3/action/package_show?id=${id}`)).text(),
      await (await api.get(`/api/3/action/datastore_search?resource_id=${id}&limit=50`)).text(),
      await (await api.get(`/open/v1/datasets/${id}/rows?format=csv`)).text(),
      await (await api.get(`/open/v1/datasets/${id}/rows?format=json&limit=50`)).text(),
    ];
    for (const answer of answers) expect(answer).not.toContain(`"${column}"`);
    expect(answers[3]!.split('\r\n')[0]).not.toContain(column);
    const { response, body } = await json<{ success: boolean; error: { __type: string } }>(
      `/api/3/action/datastore_search?resource_id=${id}&fields=${column}`,
    );
    expect([response.status, body.success, body.error.__type]).toEqual([409, false, 'Validation Error']);
    const file = await api.get(`/open/v1/datasets/${id}/rows?fields=period,${column}`);
    expect([file.status, ((await file.json()) as { detail: string }).detail]).toEqual([
      403,
      `column ${column} of ${id} is not open data`,
    ]);
  }
});
