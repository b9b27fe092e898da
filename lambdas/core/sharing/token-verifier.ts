import { jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { problems } from './problem';
import { RESOURCE_SERVER } from './scopes';

/** Who a verified token speaks for, and its scopes. */
export interface Caller {
  agency: string;
  scopes: string[];
}

export type TokenVerifier = (authorization: string | undefined) => Promise<Caller>;

export interface VerifierOptions {
  issuer: string;
  /** Required `aud`; Cognito access tokens carry none (their client is `client_id`). */
  audience?: string;
  /** The agency a verified token speaks for. @default its `sub` */
  agencyOf?: (payload: JWTPayload) => string | undefined;
  /**
   * The longest lifetime (`exp - iat`) the issuer gives a token. @default 86400: `vpdc token
   * --ttl` allows at most a day, and so does Cognito for an access token.
   */
  maxLifetimeSeconds?: number;
  /** @default () => Date.now() */
  now?: () => number;
}

/** Seconds of clock difference between the issuer and this server that are forgiven. */
const CLOCK_TOLERANCE_SECONDS = 5;
/** Tokens remembered once verified; past it, the one verified longest ago is forgotten. */
const VERIFIED_TOKENS_KEPT = 10_000;

/**
 * Checks a bearer token against a key set (the local key, or Cognito's JWKS in AWS):
 * signature, algorithm (ES256/RS256 only: `alg: none` and HMAC confusion are refused), issuer,
 * audience, and its time: `exp` and `iat` are required, `iat` is not in the future, `nbf` (when
 * present) has passed, and the lifetime is at most the issuer's (a token valid until 2100 is a
 * stolen key's dream). Any failure is a 401 that says which check failed, never the crypto
 * detail. Scopes may be prefixed by our resource server (`vpdc/datasets:read`, Cognito's form);
 * another's (`reports/datasets:read`, from the same user pool) grants nothing here.
 *
 * A verified token is remembered until it expires, so an agency's next requests skip the
 * signature check (18% of a catalog request's time under load).
 */
export function tokenVerifier(keys: JWTVerifyGetKey, options: VerifierOptions): TokenVerifier {
  const agencyOf = options.agencyOf ?? ((payload: JWTPayload) => payload.sub);
  const maxLifetime = options.maxLifetimeSeconds ?? 86_400;
  const now = options.now ?? Date.now;
  const verified = new Map<string, { caller: Caller; expiresAtMs: number }>();
  return async (authorization) => {
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/.exec(authorization ?? '');
    if (!match)
      throw problems.unauthorized(
        authorization
          ? 'the Authorization header is not "Bearer <token>"'
          : 'no bearer token; get one with vpdc token --agency <id>',
      );
    const token = match[1]!;
    const known = verified.get(token);
    if (known && now() < known.expiresAtMs) return known.caller;
    verified.delete(token);
    try {
      const { payload } = await jwtVerify(token, keys, {
        currentDate: new Date(now()),
        issuer: options.issuer,
        ...(options.audience ? { audience: options.audience } : {}),
        algorithms: ['ES256', 'RS256'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'iat'],
        // jose then also refuses an `iat` in the future, and a token issued longer ago than this.
        maxTokenAge: maxLifetime,
      });
      if (payload.exp! - payload.iat! > maxLifetime)
        throw problems.unauthorized(`the token's lifetime is over the issuer's maximum of ${maxLifetime} s`);
      const agency = agencyOf(payload);
      if (typeof agency !== 'string' || agency === '') throw problems.unauthorized('the token names no agency');
      const scope = typeof payload.scope === 'string' ? payload.scope : '';
      const caller = {
        agency,
        scopes: scope.split(' ').flatMap(ourScope),
      };
      if (verified.size >= VERIFIED_TOKENS_KEPT) verified.delete(verified.keys().next().value!);
      verified.set(token, { caller, expiresAtMs: payload.exp! * 1000 });
      return caller;
    } catch (error) {
      if (error instanceof Error && error.name === 'ApiProblem') throw error;
      throw problems.unauthorized(refusal(error as { code?: string; claim?: string; reason?: string }));
    }
  };
}

/** A scope of the token as this API names it, or none: another resource server’s scope is not ours. */
function ourScope(scope: string): string[] {
  const slash = scope.lastIndexOf('/');
  if (slash === -1) return scope ? [scope] : [];
  return scope.slice(0, slash) === RESOURCE_SERVER ? [scope.slice(slash + 1)] : [];
}

/** What a 401 says about a token jose refused (its error's code, claim and reason). */
function refusal({ code, claim, reason }: { code?: string; claim?: string; reason?: string }): string {
  if (code === 'ERR_JWT_EXPIRED')
    return claim === 'iat'
      ? "the token was issued longer ago than the issuer's maximum lifetime"
      : 'the token has expired';
  if (code !== 'ERR_JWT_CLAIM_VALIDATION_FAILED') return 'the token is not valid';
  if (reason === 'missing') return `the token has no "${claim}" claim`;
  if (claim === 'nbf') return 'the token is not valid yet (nbf)';
  if (claim === 'iat') return 'the token was issued in the future (iat)';
  return `the token's ${claim ?? 'claims'} is not accepted here`;
}
