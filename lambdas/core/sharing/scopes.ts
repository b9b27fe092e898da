import type { AgencyGrants, GrantsFile } from './grants-file';

/**
 * The API's OAuth2 scopes, in one place: the routes check them, `vpdc token` signs them, and
 * the Cognito resource server and app clients are made from them. Each follows from the grants
 * file: `datasets:read` for every agency, `feeds:<source>` per feed it uploads, `feeds:health`
 * when it may watch every feed's health.
 */
export const DATASETS_READ = 'datasets:read';
/** The Cognito resource server whose scopes these are (`vpdc/datasets:read` in an access token). */
export const RESOURCE_SERVER = 'vpdc';
export const FEED_HEALTH = 'feeds:health';

export function feedScope(source: string): string {
  return `feeds:${source}`;
}

export interface ScopeDescription {
  name: string;
  description: string;
}

/** The scopes an agency's token carries: exactly what its grants need. */
export function agencyScopes(agency: AgencyGrants): string[] {
  return [DATASETS_READ, ...agency.feeds.map(feedScope), ...(agency.feedHealth ? [FEED_HEALTH] : [])];
}

/** Every scope some agency of the grants file needs, once each, with what it allows. */
export function grantedScopes(file: GrantsFile): ScopeDescription[] {
  const feeds = [...new Set(file.agencies.flatMap((a) => a.feeds))].sort();
  return [
    { name: DATASETS_READ, description: 'Read the datasets granted to the agency' },
    ...feeds.map((f) => ({ name: feedScope(f), description: `Upload and follow the ${f} feed` })),
    ...(file.agencies.some((a) => a.feedHealth)
      ? [{ name: FEED_HEALTH, description: "Read every feed's health: files, row counts, reject reasons, lateness" }]
      : []),
  ];
}
