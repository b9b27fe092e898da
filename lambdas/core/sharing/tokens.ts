import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  SignJWT,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  createLocalJWKSet,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
  type KeyLike,
} from 'jose';
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
export async function signToken(
  privateKey: KeyLike,
  kid: string | undefined,
  agency: string,
  scopes: string[],
  ttlSeconds = 3600,
): Promise<string> {
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

export interface VerifierOptions {
  issuer: string;
  /** Required `aud`; Cognito access tokens carry none (their client is `client_id`). */
  audience?: string;
  /** The agency a verified token speaks for. @default its `sub` */
  agencyOf?: (payload: JWTPayload) => string | undefined;
}

/**
 * Checks a bearer token against a key set (the local key, or Cognito's JWKS in AWS):
 * signature, algorithm (ES256/RS256 only: `alg: none` and HMAC confusion are refused), issuer,
 * audience, expiry. Any failure is a 401 that says which check failed, never the crypto detail.
 * Scopes may be prefixed by a resource server (`vpdc/datasets:read`, Cognito's form).
 */
export function tokenVerifier(keys: JWTVerifyGetKey, options: VerifierOptions): TokenVerifier {
  const agencyOf = options.agencyOf ?? ((payload: JWTPayload) => payload.sub);
  return async (authorization) => {
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/.exec(authorization ?? '');
    if (!match)
      throw problems.unauthorized(
        authorization
          ? 'the Authorization header is not "Bearer <token>"'
          : 'no bearer token; get one with vpdc token --agency <id>',
      );
    try {
      const { payload } = await jwtVerify(match[1]!, keys, {
        issuer: options.issuer,
        ...(options.audience ? { audience: options.audience } : {}),
        algorithms: ['ES256', 'RS256'],
        clockTolerance: 5,
      });
      const agency = agencyOf(payload);
      if (typeof agency !== 'string' || agency === '') throw problems.unauthorized('the token names no agency');
      const scope = typeof payload.scope === 'string' ? payload.scope : '';
      return {
        agency,
        scopes: scope
          .split(' ')
          .filter(Boolean)
          .map((s) => s.slice(s.lastIndexOf('/') + 1)),
      };
    } catch (error) {
      if (error instanceof Error && error.name === 'ApiProblem') throw error;
      const code = (error as { code?: string }).code ?? '';
      const reason =
        code === 'ERR_JWT_EXPIRED'
          ? 'the token has expired'
          : code === 'ERR_JWT_CLAIM_VALIDATION_FAILED'
            ? `the token's ${(error as { claim?: string }).claim ?? 'claims'} is not accepted here`
            : 'the token is not valid';
      throw problems.unauthorized(reason);
    }
  };
}

/** The verifier of the local issuer (`vpdc token`). */
export function localTokenVerifier(publicJwk: JWK): TokenVerifier {
  return tokenVerifier(createLocalJWKSet({ keys: [publicJwk] }), { issuer: LOCAL_ISSUER, audience: API_AUDIENCE });
}
