import { generateKeyPair, SignJWT, type JWTVerifyGetKey } from 'jose';
import { tokenVerifier } from '../../lambdas/core/sharing/token-verifier';

async function setup(lifetimeSeconds: number, scope = 'datasets:read') {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  let now = Date.now();
  let keyLookups = 0;
  const keys: JWTVerifyGetKey = async () => {
    keyLookups += 1;
    return publicKey;
  };
  const verify = tokenVerifier(keys, { issuer: 'urn:test', now: () => now });
  const token = await new SignJWT({ scope })
    .setProtectedHeader({ alg: 'ES256' })
    .setSubject('ioc')
    .setIssuer('urn:test')
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(Math.floor(now / 1000) + lifetimeSeconds)
    .sign(privateKey);
  return { verify, token, lookups: () => keyLookups, advance: (ms: number) => (now += ms) };
}

test('a verified token is checked once, then remembered', async () => {
  const { verify, token, lookups } = await setup(600);
  for (let i = 0; i < 5; i++)
    await expect(verify(`Bearer ${token}`)).resolves.toEqual({ agency: 'ioc', scopes: ['datasets:read'] });
  expect(lookups()).toBe(1);
});

test('a remembered token is refused once it expires', async () => {
  const { verify, token, lookups, advance } = await setup(60);
  await verify(`Bearer ${token}`);
  advance(70_000);
  await expect(verify(`Bearer ${token}`)).rejects.toMatchObject({ status: 401, detail: 'the token has expired' });
  expect(lookups()).toBe(2);
});

test('a refused token is not remembered: the same bad token is checked every time', async () => {
  const { verify, token, lookups } = await setup(600);
  const forged = `${token.slice(0, -4)}AAAA`;
  for (let i = 0; i < 3; i++) await expect(verify(`Bearer ${forged}`)).rejects.toMatchObject({ status: 401 });
  expect(lookups()).toBe(3);
});

test('scopes of our resource server (Cognito’s vpdc/ prefix) count, another resource server’s grant nothing', async () => {
  const { verify, token } = await setup(600, 'vpdc/datasets:read reports/feeds:viettel evil/feeds:health feeds:vnpt');
  await expect(verify(`Bearer ${token}`)).resolves.toEqual({ agency: 'ioc', scopes: ['datasets:read', 'feeds:vnpt'] });
});
