import {
  type AccessRequest,
  AccessRequestStore,
  objectRecords,
} from '../../lambdas/core/sharing/access-requests/access-request-store';
import { LiveGrants } from '../../lambdas/core/sharing/access-requests/live-grants';
import { apiFixture, type ApiFixture, TEST_GRANTS } from './support';

// An agency asks for a dataset, a steward decides, and the grant takes effect at once (and
// on any other server instance at its next refresh) without touching the grants file; it
// ends on its last day.

let api: ApiFixture;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  api = await apiFixture();
  for (const agency of ['vnpt', 'so-yte', 'so-khcn', 'ioc', 'ubnd-vinh-yen', 'so-gddt'])
    tokens[agency] = await api.token(agency);
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

test('the only producer of a contract dataset is its steward; a refusal leaves the grant absent, with its reason', async () => {
  const asked = await post('/v1/access-requests', 'ioc', {
    dataset: 'health_visits',
    purpose: 'Clinic visits by ward for the operations center',
    days: 10,
  });
  expect(asked.status).toBe(201);
  // so-yte's feed (doh-visits) is the only one that writes health_visits.
  const refused = await post(`/v1/access-requests/${asked.body.id}/decision`, 'so-yte', {
    approve: false,
    reason: 'Use health_by_ward instead',
  });
  expect(refused.status).toBe(200);
  expect(refused.body.status).toBe('refused');
  expect((refused.body.history as { reason?: string }[]).at(-1)!.reason).toBe('Use health_by_ward instead');
  expect((await rows('health_visits', 'ioc')).status).toBe(403);
});

test('a dataset several carriers write is decided by the data center alone: one carrier cannot hand over the others’ rows', async () => {
  const asked = await post('/v1/access-requests', 'ubnd-vinh-yen', {
    dataset: 'telecom_bts',
    purpose: 'Base stations of every carrier in the city',
    days: 366,
  });
  expect(asked.status).toBe(201);
  // vnpt's feed writes telecom_bts, but so do viettel's and mobifone's.
  const queue = (await (await api.get('/v1/access-requests', tokens.vnpt)).json()) as { toDecide: { id: string }[] };
  expect(queue.toDecide.map((r) => r.id)).not.toContain(asked.body.id);
  const byProducer = await post(`/v1/access-requests/${asked.body.id}/decision`, 'vnpt', { approve: true });
  expect(byProducer.status).toBe(403);
  expect(byProducer.body).toMatchObject({
    title: 'Not granted',
    detail:
      'vnpt may not decide on this request: requests for telecom_bts are decided by so-khcn (the data center) alone, no single agency producing it',
  });
  expect((await rows('telecom_bts', 'ubnd-vinh-yen')).status).toBe(403);
  const stored = await new AccessRequestStore(objectRecords(api.parts.store)).get(asked.body.id);
  expect(stored).toMatchObject({ status: 'pending' });

  const byCenter = await post(`/v1/access-requests/${asked.body.id}/decision`, 'so-khcn', { approve: false });
  expect(byCenter.status).toBe(200);
});

test('of two stewards deciding one request at the same moment, the first stands and the second is a conflict', async () => {
  const asked = await post('/v1/access-requests', 'ioc', {
    dataset: 'school_enrollment',
    purpose: 'Enrollment by ward for the operations center',
    days: 20,
  });
  expect(asked.status).toBe(201);
  const decision = `/v1/access-requests/${asked.body.id}/decision`;
  const answers = await Promise.all([
    post(decision, 'so-gddt', { approve: false, reason: 'Personal data of minors' }),
    post(decision, 'so-khcn', { approve: true }),
  ]);
  expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
  const won = answers.find((a) => a.status === 200)!.body as unknown as AccessRequest;
  const lost = answers.find((a) => a.status === 409)!;
  const standing = won.history.at(-1)!;
  expect(lost.body).toMatchObject({
    title: 'Conflict',
    detail: `the request was already ${won.status} by ${standing.by} at ${standing.at}`,
  });

  const stored = await new AccessRequestStore(objectRecords(api.parts.store)).get(asked.body.id);
  expect(stored).toEqual(won);
  expect(stored!.history.map((h) => h.action)).toEqual(['requested', won.status]);
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
