import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, importJWK, createLocalJWKSet, type JWK, type KeyLike } from 'jose';
import { tokenVerifier, type TokenVerifier } from './token-verifier';

/** The local token issuer (`vpdc token`, `vpdc serve`): its key, its tokens and their verifier. */
export const LOCAL_ISSUER = 'urn:vpdc:local-issuer';
export const API_AUDIENCE = 'urn:vpdc:api';
const ALGORITHM = 'ES256';

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

/** The verifier of the local issuer (`vpdc token`). */
export function localTokenVerifier(publicJwk: JWK): TokenVerifier {
  return tokenVerifier(createLocalJWKSet({ keys: [publicJwk] }), { issuer: LOCAL_ISSUER, audience: API_AUDIENCE });
}
