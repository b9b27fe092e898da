import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, importJWK, jwtVerify, createLocalJWKSet, type JWK, type KeyLike } from 'jose';
import { problems } from './problem';

export const LOCAL_ISSUER = 'urn:vpdc:local-issuer';
export const API_AUDIENCE = 'urn:vpdc:api';
const ALGORITHM = 'ES256';

export interface Caller {
  agency: string;
  scopes: string[];
}

/** The local token issuer's key pair (ES256), made on first use and kept in the lake's parent folder. */
export async function localSigningKey(path: string): Promise<{ privateKey: KeyLike; publicJwk: JWK }> {
  if (!existsSync(path)) {
    const { privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), kid: `vpdc-local-${Date.now().toString(36)}`, alg: ALGORITHM };
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(jwk, null, 2), { mode: 0o600 });
  }
  const jwk = JSON.parse(readFileSync(path, 'utf8')) as JWK;
  const { d: _private, ...publicJwk } = jwk;
  return { privateKey: (await importJWK(jwk, ALGORITHM)) as KeyLike, publicJwk };
}

/** An OAuth2-style access token for one agency (what `vpdc token` prints). */
export async function signToken(privateKey: KeyLike, kid: string | undefined, agency: string, scopes: string[], ttlSeconds = 3600): Promise<string> {
  return new SignJWT({ scope: scopes.join(' ') })
    .setProtectedHeader({ alg: ALGORITHM, ...(kid ? { kid } : {}) })
    .setSubject(agency)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(API_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(privateKey);
}

export type TokenVerifier = (authorization: string | undefined) => Promise<Caller>;

/**
 * Checks a bearer token against a JWKS (the local key, or Cognito's in AWS): signature,
 * algorithm (ES256/RS256 only: `alg: none` and HMAC confusion are refused), issuer, audience,
 * expiry. Any failure is a 401 that says which, never why in cryptographic detail.
 */
export function tokenVerifier(jwks: { keys: JWK[] }, issuer: string, audience: string): TokenVerifier {
  const keySet = createLocalJWKSet(jwks);
  return async (authorization) => {
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/.exec(authorization ?? '');
    if (!match) throw problems.unauthorized(authorization ? 'the Authorization header is not "Bearer <token>"' : 'no bearer token; get one with vpdc token --agency <id>');
    try {
      const { payload } = await jwtVerify(match[1]!, keySet, { issuer, audience, algorithms: ['ES256', 'RS256'], clockTolerance: 5 });
      if (typeof payload.sub !== 'string' || payload.sub === '') throw problems.unauthorized('the token names no agency (sub)');
      const scope = typeof payload.scope === 'string' ? payload.scope : '';
      return { agency: payload.sub, scopes: scope.split(' ').filter(Boolean) };
    } catch (error) {
      if (error instanceof Error && error.name === 'ApiProblem') throw error;
      const code = (error as { code?: string }).code ?? '';
      const reason = code === 'ERR_JWT_EXPIRED' ? 'the token has expired' : code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' ? `the token's ${(error as { claim?: string }).claim ?? 'claims'} is not accepted here` : 'the token is not valid';
      throw problems.unauthorized(reason);
    }
  };
}
