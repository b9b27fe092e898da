import { resolve } from 'node:path';
import { DEFAULT_LAKE_DIR } from '../../lambdas/core/lake/open-store';
import { loadGrants, localKeyPath } from '../../lambdas/core/sharing/local-server';
import { agencyScopes } from '../../lambdas/core/sharing/scopes';
import { localSigningKey, signToken } from '../../lambdas/core/sharing/tokens';
import { UsageError, type Command } from './command';

/** A token for a granted agency, with the scopes its grants need: datasets:read, feeds:<source> per granted feed, feeds:health if granted. */
export async function agencyToken(lakeDir: string, agency: string, ttlSeconds = 3600): Promise<string> {
  const grants = loadGrants();
  const granted = grants.agency(agency);
  if (!granted)
    throw new UsageError(`unknown agency "${agency}"; agencies: ${grants.file.agencies.map((a) => a.id).join(', ')}`);
  const { privateKey, publicJwk } = await localSigningKey(localKeyPath(lakeDir));
  return signToken(privateKey, publicJwk.kid, agency, agencyScopes(granted), ttlSeconds);
}

export const tokenCommand: Command = {
  name: 'token',
  summary: 'an access token for an agency, signed by the local issuer',
  usage: `
Usage: vpdc token --agency ID [--ttl SECONDS] [--lake DIR]

Prints a bearer token (JWT, ES256) for the agency, valid for the local "vpdc serve" over the
same lake. In AWS, agencies get theirs from Cognito (OAuth2 client credentials) instead.

Options:
  --agency ID      an agency of lambdas/core/sharing/grants.json
  --ttl SECONDS    lifetime (default 3600)
  --lake DIR       the lake whose server will check it (default ${DEFAULT_LAKE_DIR})
`,
  options: { agency: { type: 'string' }, ttl: { type: 'string' }, lake: { type: 'string' } },
  async run({ values }) {
    const agency = values.agency as string | undefined;
    if (!agency) throw new UsageError('give --agency ID');
    const ttl = values.ttl === undefined ? 3600 : Number(values.ttl);
    if (!Number.isInteger(ttl) || ttl < 60 || ttl > 86_400)
      throw new UsageError(`--ttl must be 60..86400 seconds, got "${values.ttl}"`);
    console.log(await agencyToken(resolve((values.lake as string | undefined) ?? DEFAULT_LAKE_DIR), agency, ttl));
    return 0;
  },
};
