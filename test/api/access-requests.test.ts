import { AccessRequestStore, objectRecords } from '../../lambdas/core/sharing/access-requests/access-request-store';
import { LiveGrants } from '../../lambdas/core/sharing/access-requests/live-grants';
import { apiFixture, type ApiFixture, TEST_GRANTS } from './support';

// An agency asks for a dataset, a steward decides, and the grant takes effect at once (and
// on any other server instance at its next refresh) without touching the grants file; it
// ends on its last day.

let api: ApiFixture;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  api = await apiFixture();
  for (const agency of ['vnpt', 'so-yte', 'so-khcn', 'ioc']) tokens[agency] = await api.token(agency);
}, 180_000);
afterAll(() => api.close());

async function post(path: string, agency: string, body: unknown) {
  const response = await api.app.request(path, {
    method: 'POST',
    headers: { Authorization: `Bearer ${tokens[agency]}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { id: string } };
}

const rows = (dataset: string, agency: string) => api.get(`/v1/datasets/${dataset}/rows?limit=5`, tokens[agency]);

test('requested, approved by the data center, read at once, and refused again after its last day', async () => {
  expect((await rows('kpi_scorecard', 'vnpt')).status).toBe(403);
  const asked = await post('/v1/access-requests', 'vnpt', {
    dataset: 'kpi_scorecard',
    purpose: 'Network planning against the plan targets',
    days: 30,
  });
  expect(asked.status).toBe(201);
  expect(asked.body).toMatchObject({ status: 'pending', agency: 'vnpt', columns: '*' });
  expect((await rows('kpi_scorecard', 'vnpt')).status).toBe(403);

  // Neither the requester nor an agency that is no steward of the dataset may decide.
  expect((await post(`/v1/access-requests/${asked.body.id}/decision`, 'vnpt', { approve: true })).status).toBe(403);
  expect((await post(`/v1/access-requests/${asked.body.id}/decision`, 'so-yte', { approve: true })).status).toBe(403);
  const queue = (await (await api.get('/v1/access-requests', tokens['so-khcn'])).json()) as {
    toDecide: { id: string }[];
  };
  expect(queue.toDecide.map((r) => r.id)).toContain(asked.body.id);

  const decided = await post(`/v1/access-requests/${asked.body.id}/decision`, 'so-khcn', {
    approve: true,
    reason: 'Agreed',
  });
  expect(decided.status).toBe(200);
  // The fixture's clock is 2026-11-27: 30 days counting the first end on 2026-12-26.
  expect(decided.body).toMatchObject({ status: 'approved', expires: '2026-12-26' });
  expect((decided.body.history as { action: string; by: string }[]).map((h) => [h.action, h.by])).toEqual([
    ['requested', 'vnpt'],
    ['approved', 'so-khcn'],
  ]);
  expect((await post(`/v1/access-requests/${asked.body.id}/decision`, 'so-khcn', { approve: false })).status).toBe(409);

  const page = await rows('kpi_scorecard', 'vnpt');
  expect(page.status).toBe(200);
  const catalog = (await (await api.get('/v1/datasets', tokens.vnpt)).json()) as {
    datasets: { id: string; purpose: string; grantExpires: string }[];
  };
  expect(catalog.datasets.find((d) => d.id === 'kpi_scorecard')).toMatchObject({
    purpose: 'Network planning against the plan targets',
    grantExpires: '2026-12-26',
  });

  api.setNow(new Date('2026-12-26T16:59:00Z'));
  expect((await rows('kpi_scorecard', 'vnpt')).status).toBe(200);
  api.setNow(new Date('2026-12-27T00:00:00Z'));
  const expired = await rows('kpi_scorecard', 'vnpt');
  expect(expired.status).toBe(403);
  expect(((await expired.json()) as { detail: string }).detail).toContain('expired');
  api.setNow(new Date('2026-11-27T08:00:00Z'));

  // Every change is on record: the decision is an audited exchange of the steward.
  const audited = (await api.audit()).filter(
    (e) => e.route === `/v1/access-requests/${asked.body.id}/decision` && e.status === 200,
  );
  expect(audited.map((e) => [e.agency, e.dataset])).toEqual([['so-khcn', 'kpi_scorecard']]);
});

test('a producer of a contract dataset is its steward; a refusal leaves the grant absent, with its reason', async () => {
  const asked = await post('/v1/access-requests', 'ioc', {
    dataset: 'telecom_subscribers',
    purpose: 'Subscriber counts by ward for the operations center',
    days: 10,
  });
  expect(asked.status).toBe(201);
  // vnpt's feed writes telecom_subscribers.
  const refused = await post(`/v1/access-requests/${asked.body.id}/decision`, 'vnpt', {
    approve: false,
    reason: 'Use broadband_by_ward instead',
  });
  expect(refused.status).toBe(200);
  expect(refused.body.status).toBe('refused');
  expect((refused.body.history as { reason?: string }[]).at(-1)!.reason).toBe('Use broadband_by_ward instead');
  expect((await rows('telecom_subscribers', 'ioc')).status).toBe(403);
});

test('what cannot be requested: personal columns, what is held already, a second pending request, an unknown dataset', async () => {
  const personal = await post('/v1/access-requests', 'ioc', {
    dataset: 'admin_dossiers',
    purpose: 'Dossiers with applicants',
    columns: ['dossier_id', 'applicant_id_hash'],
    days: 5,
  });
  expect(personal.status).toBe(400);
  const held = await post('/v1/access-requests', 'ioc', {
    dataset: 'kpi_scorecard',
    purpose: 'Already granted',
    days: 5,
  });
  expect(held.status).toBe(409);
  const first = await post('/v1/access-requests', 'vnpt', {
    dataset: 'digital_economy',
    purpose: 'Market sizing',
    days: 5,
  });
  expect(first.status).toBe(201);
  const again = await post('/v1/access-requests', 'vnpt', {
    dataset: 'digital_economy',
    purpose: 'Market sizing',
    days: 5,
  });
  expect(again.status).toBe(409);
  expect(
    (await post('/v1/access-requests', 'vnpt', { dataset: 'no_such', purpose: 'Nothing at all', days: 5 })).status,
  ).toBe(404);
});

test('another server instance over the same store serves an approval after its next refresh, with no redeploy', async () => {
  const other = new LiveGrants(
    TEST_GRANTS,
    api.parts.served,
    new AccessRequestStore(objectRecords(api.parts.store)),
    60_000,
  );
  await other.refresh();
  expect('refused' in other.access('so-yte', 'eid_by_ward', '2026-11-27')).toBe(true);
  const asked = await post('/v1/access-requests', 'so-yte', {
    dataset: 'eid_by_ward',
    purpose: 'Chip SIM rollout by ward',
    days: 7,
  });
  await post(`/v1/access-requests/${asked.body.id}/decision`, 'so-khcn', { approve: true });
  await other.refresh();
  expect('refused' in other.access('so-yte', 'eid_by_ward', '2026-11-27')).toBe(true);
  await other.refresh(true);
  expect(other.access('so-yte', 'eid_by_ward', '2026-11-27')).toMatchObject({
    purpose: 'Chip SIM rollout by ward',
    expires: '2026-12-03',
  });
});
