import { HTTPException } from 'hono/http-exception';
import { generateKeyPair, SignJWT, base64url } from 'jose';
import { apiFixture, ownApp, type ApiFixture } from './support';

// Every attempt is refused with the right status, leaks nothing (no SQL, no stack, no data)
// and is audited with its request id.
let api: ApiFixture;
beforeAll(async () => {
  api = await apiFixture();
}, 120_000);
afterAll(() => api.close());

const ROWS = '/v1/datasets/mobile_market_by_carrier/rows';
type Page = { data: Record<string, unknown>[]; next_cursor: string | null };

async function refused(response: Response, status: number): Promise<Record<string, unknown>> {
  const text = await response.text();
  expect({ status: response.status, text }).toEqual({ status, text: expect.any(String) });
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(text).not.toMatch(/select |stg_|from "|Error:|at .*\.ts|Binder|Catalog/);
  const body = JSON.parse(text);
  expect(body).toMatchObject({ status, instance: response.headers.get('x-request-id') });
  const entry = (await api.audit()).find((e) => e.requestId === body.instance);
  expect(entry).toMatchObject({ status, rows: null });
  return body;
}

describe('authentication', () => {
  test('no token: 401 with a WWW-Authenticate challenge', async () => {
    const response = await api.get(ROWS);
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
    await refused(response, 401);
  });

  test('not a bearer token: 401', async () => {
    await refused(await api.get(ROWS, undefined, { Authorization: 'Basic dm5wdDpzZWNyZXQ=' }), 401);
  });

  test('an expired token: 401 saying so', async () => {
    const body = await refused(await api.get(ROWS, await api.token('vnpt', { expiresIn: '-1m' })), 401);
    expect(body.detail).toBe('the token has expired');
  });

  test('a token from another issuer: 401', async () => {
    await refused(await api.get(ROWS, await api.token('vnpt', { issuer: 'https://evil.example' })), 401);
  });

  test('a token for another audience: 401', async () => {
    await refused(await api.get(ROWS, await api.token('vnpt', { audience: 'urn:other:api' })), 401);
  });

  test('a token signed by another key: 401', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    await refused(await api.get(ROWS, await api.token('vnpt', { key: privateKey })), 401);
  });

  test('alg none: 401', async () => {
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
    const payload = base64url.encode(
      JSON.stringify({
        sub: 'ioc',
        scope: 'datasets:read',
        iss: 'urn:vpdc:local-issuer',
        aud: 'urn:vpdc:api',
        exp: 4102444800,
      }),
    );
    await refused(await api.get(ROWS, `${header}.${payload}.`), 401);
  });

  describe("a token's time", () => {
    const nowSeconds = () => Math.floor(Date.now() / 1000);
    /** A token of the test issuer with exactly these time claims (none is added). */
    const timed = (claims: { iat?: number; exp?: number; nbf?: number }) =>
      new SignJWT({ scope: 'datasets:read', ...claims })
        .setProtectedHeader({ alg: 'ES256', kid: 'test' })
        .setSubject('ioc')
        .setIssuer('urn:vpdc:local-issuer')
        .setAudience('urn:vpdc:api')
        .sign(api.key);

    test.each([
      ['without exp', () => ({ iat: nowSeconds() }), 'the token has no "exp" claim'],
      ['without iat', () => ({ exp: nowSeconds() + 600 }), 'the token has no "iat" claim'],
      [
        'valid until 2100',
        () => ({ iat: nowSeconds(), exp: 4102444800 }),
        "the token's lifetime is over the issuer's maximum of 86400 s",
      ],
      [
        'issued in the future',
        () => ({ iat: nowSeconds() + 3600, exp: nowSeconds() + 7200 }),
        'the token was issued in the future (iat)',
      ],
      [
        'issued two days ago, expiring in an hour',
        () => ({ iat: nowSeconds() - 2 * 86_400, exp: nowSeconds() + 3600 }),
        "the token was issued longer ago than the issuer's maximum lifetime",
      ],
      [
        'not valid before tomorrow',
        () => ({ iat: nowSeconds(), exp: nowSeconds() + 3600, nbf: nowSeconds() + 86_000 }),
        'the token is not valid yet (nbf)',
      ],
    ])('%s: 401 saying so', async (_, claims, detail) => {
      const body = await refused(await api.get(ROWS, await timed(claims())), 401);
      expect(body.detail).toBe(detail);
    });

    test('a day-long token with nbf now is accepted', async () => {
      const now = nowSeconds();
      const response = await api.get(ROWS, await timed({ iat: now, nbf: now, exp: now + 86_400 }));
      expect(response.status).toBe(200);
    });
  });

  test('HS256 signed with a guessable secret (algorithm confusion): 401', async () => {
    const forged = await new SignJWT({ scope: 'datasets:read' })
      .setProtectedHeader({ alg: 'HS256', kid: 'test' })
      .setSubject('ioc')
      .setIssuer('urn:vpdc:local-issuer')
      .setAudience('urn:vpdc:api')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('test'));
    await refused(await api.get(ROWS, forged), 401);
  });

  test('a token without the datasets:read scope: 403', async () => {
    await refused(await api.get(ROWS, await api.token('vnpt', { scopes: ['feeds:vnpt'] })), 403);
  });
});

describe('grants', () => {
  test('a dataset not granted to the agency: 403', async () => {
    await refused(await api.get('/v1/datasets/kpi_scorecard/rows', await api.token('vnpt')), 403);
  });

  test("another agency's dataset, asked with a valid token of a different agency: 403", async () => {
    await refused(await api.get('/v1/datasets/eid_by_ward/rows', await api.token('so-khcn')), 403);
  });

  test('an agency absent from the grants: 403, and an empty catalog', async () => {
    const token = await api.token('unknown-agency');
    await refused(await api.get(ROWS, token), 403);
    expect(await (await api.get('/v1/datasets', token)).json()).toEqual({ agency: 'unknown-agency', datasets: [] });
  });

  test('an expired grant: 403', async () => {
    await refused(await api.get('/v1/datasets/kpi_scorecard/rows', await api.token('expired-agency')), 403);
  });

  test('an unknown dataset: 404', async () => {
    await refused(await api.get('/v1/datasets/no_such_dataset/rows', await api.token('ioc')), 404);
  });

  test('a column not granted, as a field: 403', async () => {
    await refused(await api.get(`${ROWS}?fields=period,mobile_prepaid`, await api.token('so-khcn')), 403);
  });

  test('a column not granted, as a filter: 403', async () => {
    await refused(await api.get(`${ROWS}?mobile_prepaid=1`, await api.token('so-khcn')), 403);
  });

  test('a personal column is not in "*" and cannot be asked for: 403', async () => {
    const token = await api.token('police');
    const described = (await (await api.get('/v1/datasets/admin_dossiers', token)).json()) as {
      columns: { name: string }[];
    };
    expect(described.columns.map((c: { name: string }) => c.name)).not.toContain('applicant_id_hash');
    await refused(await api.get('/v1/datasets/admin_dossiers/rows?fields=dossier_id,applicant_id_hash', token), 403);
  });

  test('the row filter cannot be escaped: asking for another ward returns nothing of it', async () => {
    const token = await api.token('ubnd-vinh-yen');
    const other = (await (
      await api.get('/v1/datasets/dossiers_monthly/rows?ward_code=08716&limit=10000', token)
    ).json()) as Page;
    expect(other.data).toEqual([]);
    const both = (await (
      await api.get('/v1/datasets/dossiers_monthly/rows?ward_code=08707,08716&limit=10000', token)
    ).json()) as Page;
    expect(both.data.length).toBeGreaterThan(0);
    expect(new Set(both.data.map((r) => r.ward_code))).toEqual(new Set(['08707']));
  });

  test("another agency's export: 404, as if it did not exist", async () => {
    const owner = await api.token('ioc');
    const started = await api.app.request('/v1/datasets/digital_economy/exports', {
      method: 'POST',
      headers: { Authorization: `Bearer ${owner}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ format: 'csv' }),
    });
    const { exportId } = (await started.json()) as { exportId: string };
    await refused(await api.get(`/v1/exports/${exportId}`, await api.token('so-khcn')), 404);
  });

  test("another agency's feed status: 403", async () => {
    await refused(await api.get('/v1/feeds/canonical/status', await api.token('ioc')), 403);
  });
});

describe('injection and malformed input', () => {
  test.each([
    ['a quote in a filter value', `${ROWS}?carrier=${encodeURIComponent("vnpt' or '1'='1")}`],
    ['a union in a filter value', `${ROWS}?carrier=${encodeURIComponent("x') union select * from admin_dossiers --")}`],
  ])('SQL injection, %s: bound as a value, matches nothing', async (_name, path) => {
    const response = await api.get(path, await api.token('vnpt'));
    expect(response.status).toBe(200);
    expect(((await response.json()) as Page).data).toEqual([]);
  });

  test.each([
    ['in fields', `${ROWS}?fields=${encodeURIComponent('period;drop table telecom_bts')}`],
    ['in a filter name', `${ROWS}?${encodeURIComponent('carrier" or 1=1 --')}=x`],
    ['as a sort parameter', `${ROWS}?sort=${encodeURIComponent('(select 1)')}`],
  ])('SQL injection %s: 400', async (_name, path) => {
    await refused(await api.get(path, await api.token('vnpt')), 400);
  });

  test('a filter value of the wrong type: 400, not an engine error', async () => {
    const body = await refused(
      await api.get('/v1/datasets/information_systems_status/rows?security_level=3%20or%201=1', await api.token('ioc')),
      400,
    );
    expect(body.detail).toBe('security_level is bigint: "3 or 1=1" is not one');
  });

  test('path traversal in a dataset id: refused', async () => {
    const response = await api.get('/v1/datasets/..%2F..%2Fetc%2Fpasswd/rows', await api.token('ioc'));
    expect([400, 404]).toContain(response.status);
    await refused(response, response.status);
  });

  test.each(['10001', '0', '-5', 'abc', '1e3'])('limit=%s: 400', async (limit) => {
    await refused(await api.get(`${ROWS}?limit=${limit}`, await api.token('vnpt')), 400);
  });

  test('a tampered cursor: 400', async () => {
    const token = await api.token('ioc');
    const page = await api.get('/v1/datasets/kpi_actuals/rows?limit=5', token);
    const cursor = ((await page.json()) as Page).next_cursor!;
    const [body, signature] = cursor.split('.');
    const forged = Buffer.from(JSON.stringify({ d: 'kpi_actuals', k: ['zzz', '2099-01'] })).toString('base64url');
    await refused(await api.get(`/v1/datasets/kpi_actuals/rows?cursor=${forged}.${signature}`, token), 400);
    await refused(
      await api.get(`/v1/datasets/kpi_actuals/rows?cursor=${body}.${signature}&indicator=bts_5g`, token),
      400,
    );
    await refused(await api.get(`/v1/datasets/kpi_actuals/rows?cursor=${body}`, token), 400);
  });

  test('an oversized query string: 414', async () => {
    await refused(await api.get(`${ROWS}?carrier=${'v'.repeat(5000)}`, await api.token('vnpt')), 414);
  });

  test('a bad period bound: 400', async () => {
    await refused(await api.get(`${ROWS}?period_from=2025-13`, await api.token('vnpt')), 400);
  });

  test('an unknown format: 406', async () => {
    await refused(await api.get(`${ROWS}?format=xlsx`, await api.token('vnpt')), 400);
    await refused(await api.get(ROWS, await api.token('vnpt'), { Accept: 'application/xml' }), 406);
  });
});

test('rate limit: over the burst, 429 with Retry-After, audited', async () => {
  const limited = await apiFixture({ perSecond: 1, burst: 2 });
  try {
    const token = await limited.token('vnpt');
    const statuses = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) {
      last = await limited.get(ROWS, token);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 429, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const audited = await limited.audit();
    expect(audited.filter((e) => e.status === 429)).toHaveLength(2);
  } finally {
    limited.close();
  }
}, 120_000);

describe('request bodies and answer headers', () => {
  const EXPORTS = '/v1/datasets/digital_economy/exports';
  const post = async (headers: Record<string, string>, body: string) =>
    api.app.request(EXPORTS, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await api.token('ioc')}`, ...headers },
      body,
    });

  test('a JSON body over 16 KiB: 413, refused by its Content-Length before it is read', async () => {
    const big = JSON.stringify({ format: 'csv', fields: Array.from({ length: 3000 }, () => 'ward_code') });
    const body = await refused(
      await post({ 'Content-Type': 'application/json', 'Content-Length': String(big.length) }, big),
      413,
    );
    expect(body.detail).toContain('16 KiB');
  });

  test.each([
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['XML', 'application/xml'],
  ])('a body in %s on a JSON route: 415 naming what it got', async (_name, type) => {
    const body = await refused(await post({ 'Content-Type': type }, '{"format":"csv"}'), 415);
    expect(body.detail).toContain(type);
  });

  test('a body with no content type: 415', async () => {
    const response = await api.app.request(EXPORTS, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await api.token('ioc')}` },
      body: new Uint8Array(Buffer.from('{"format":"csv"}')),
    });
    expect((await refused(response, 415)).detail).toContain('not none');
  });

  test('a JSON body over 16 KiB streamed without a Content-Length: 413 all the same, once 16 KiB were read', async () => {
    const big = Buffer.from(JSON.stringify({ format: 'csv', fields: Array.from({ length: 3000 }, () => 'ward_code') }));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < big.length; at += 1024) controller.enqueue(big.subarray(at, at + 1024));
        controller.close();
      },
    });
    const request = new Request(`http://localhost${EXPORTS}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await api.token('ioc')}`, 'Content-Type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(request.headers.has('content-length')).toBe(false);
    expect((await refused(await api.app.request(request), 413)).detail).toContain('16 KiB');
  });

  test("a JSON type Hono's validator does not take (a bare `;`): a 415 problem, not a server error", async () => {
    const body = await refused(await post({ 'Content-Type': 'application/json;' }, '{"format":"csv"}'), 415);
    expect(body.type).toMatch(/unsupported_media_type$/);
  });

  test('every answer says nosniff: data, problems, the docs', async () => {
    const token = await api.token('vnpt');
    for (const response of [await api.get(ROWS, token), await api.get(ROWS), await api.get('/docs')])
      expect([response.status, response.headers.get('x-content-type-options')]).toEqual([response.status, 'nosniff']);
    // JSON with charset is JSON.
    const ok = await post({ 'Content-Type': 'application/json; charset=utf-8' }, '{"format":"csv"}');
    expect(ok.status).toBe(202);
  });
});

test('a field named twice, in rows or an export: 400, so a repeated column cannot multiply the answer', async () => {
  const token = await api.token('vnpt');
  const rows = await refused(await api.get(`${ROWS}?fields=carrier,${'period,'.repeat(50)}period`, token), 400);
  expect(rows.detail).toBe('the field period is named more than once');
  const started = await api.app.request('/v1/datasets/digital_economy/exports', {
    method: 'POST',
    headers: { Authorization: `Bearer ${await api.token('ioc')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ format: 'csv', fields: ['year', 'year'] }),
  });
  expect((await refused(started, 400)).detail).toContain('named more than once');
});

test('rows carry a strong ETag: If-None-Match gives 304 without a body, another query or grant another tag', async () => {
  const token = await api.token('vnpt');
  const first = await api.get(`${ROWS}?limit=5`, token);
  const etag = first.headers.get('etag');
  expect([first.status, etag, first.headers.get('cache-control')]).toEqual([
    200,
    expect.stringMatching(/^"[0-9a-f]{32}"$/),
    'private, no-cache',
  ]);
  const again = await api.get(`${ROWS}?limit=5`, token, { 'If-None-Match': etag! });
  expect([again.status, await again.text(), again.headers.get('etag')]).toEqual([304, '', etag]);
  const other = await api.get(`${ROWS}?limit=6`, token, { 'If-None-Match': etag! });
  expect(other.status).toBe(200);
  expect(other.headers.get('etag')).not.toBe(etag);
  // The cached page is the same bytes as the first answer.
  const cached = await api.get(`${ROWS}?limit=5`, token);
  expect(cached.headers.get('x-content-sha256')).toBe(first.headers.get('x-content-sha256'));
});

test('the docs page runs no inline script and cannot be framed; unknown routes are problems', async () => {
  const docs = await api.get('/docs');
  expect(docs.headers.get('content-security-policy')).toContain("default-src 'none'");
  expect(docs.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(docs.headers.get('x-frame-options')).toBe('DENY');
  expect(await docs.text()).not.toMatch(/<script>/);
  await refused(await api.get('/v1/nothing-here', await api.token('vnpt')), 404);
});

/**
 * Another app over the fixture's lake and audit log, which every bearer token enters as ioc:
 * a test can add a route to it before its first request, and set its upload limit.
 */
const ownAppAsIoc = (maxUploadBytes?: number) =>
  ownApp(api, { verify: async () => ({ agency: 'ioc', scopes: ['datasets:read'] }), maxUploadBytes });

describe("Hono's own refusals (HTTPException) are problems", () => {
  const REFUSAL = '/v1/test-only/refusal';
  const refusedBy = (status: number, message?: string) => {
    const { app } = ownAppAsIoc();
    app.get(REFUSAL, () => {
      throw new HTTPException(status as 401, message === undefined ? {} : { message });
    });
    return app.request(REFUSAL, { headers: { Authorization: 'Bearer any' } });
  };

  test('a 401 is the same problem as our own 401, with its message', async () => {
    const ours = await refused(await api.get('/v1/datasets'), 401);
    const hono = await refused(await refusedBy(401, 'refused by Hono'), 401);
    expect([hono.type, hono.title, hono.detail]).toEqual([ours.type, ours.title, 'refused by Hono']);
  });

  test('a status we have no problem of keeps its status, and says it when Hono gave no message', async () => {
    expect((await refused(await refusedBy(405), 405)).detail).toContain('405');
  });

  test('a 5xx is an internal error that tells the caller nothing of it, logged with the request id', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const body = await refused(await refusedBy(503, 'the upstream said no'), 500);
      expect(body.detail).not.toContain('upstream');
      expect(logged.mock.calls.map(([line]) => String(line))).toEqual([
        expect.stringMatching(new RegExp(`^\\[${body.instance}\\] Error: the upstream said no`)),
      ]);
    } finally {
      logged.mockRestore();
    }
  });
});

describe('the local upload link', () => {
  const RAW_PATH = '/v1/uploads/vnpt/2026/11/27/subscribers.csv';
  // The route goes by the Content-Length it is given: a short body can claim a long one.
  const put = (own: ReturnType<typeof ownApp>, contentLength: number, bytes = contentLength) =>
    own.app.request(own.signer.sign(RAW_PATH, new Date(Date.now() + 60_000)), {
      method: 'PUT',
      headers: { 'Content-Length': String(contentLength) },
      body: new Uint8Array(bytes),
    });

  test('refuses a body over its limit with 413 before storing it; a body at the limit is stored', async () => {
    const own = ownAppAsIoc(64);
    expect((await refused(await put(own, 65), 413)).detail).toContain('at most 64 bytes');
    expect(own.uploads).toEqual([]);
    expect((await put(own, 64)).status).toBe(201);
    expect(own.uploads).toEqual([64]);
  });

  test('takes up to 200 MiB by default', async () => {
    const own = ownAppAsIoc();
    const limit = 200 * 1024 * 1024;
    expect((await refused(await put(own, limit + 1, 1), 413)).detail).toContain(`at most ${limit} bytes`);
    expect((await put(own, limit, 1)).status).toBe(201);
  });
});
