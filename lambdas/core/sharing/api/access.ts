import type { Context } from 'hono';
import type { Access } from '../grants';
import { problems } from '../problem';
import type { Env, SharingAppDeps } from './env';

/** What the routes ask of a request: who calls, with which scopes, and what they may read. */
export class RequestAccess {
  private readonly now: () => Date;

  constructor(private readonly deps: SharingAppDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  today(): string {
    return this.now().toISOString().slice(0, 10);
  }

  /** The verified caller (the authentication middleware set it). */
  agency(c: Context<Env>): string {
    return c.get('caller')!.agency;
  }

  requireScope(c: Context<Env>, scope: string): void {
    if (!c.get('caller')!.scopes.includes(scope)) throw problems.forbidden(`the token lacks the scope ${scope}`);
  }

  /** The caller's grant of dataset `id`, or the 404 / 403 that says why there is none. */
  dataset(c: Context<Env>, id: string): Access {
    c.set('dataset', id);
    const agency = this.agency(c);
    const access = this.deps.grants.access(agency, id, this.today());
    if (!('refused' in access)) return access;
    if (access.refused === 'unknown_dataset') throw problems.notFound(`no dataset ${id}`);
    throw problems.forbidden(
      access.refused === 'grant_expired'
        ? `the grant of ${id} to ${agency} has expired`
        : `${id} is not granted to ${agency}`,
    );
  }

  /** A producer's feed `source`, if its agency is granted it. */
  requireFeed(c: Context<Env>, source: string): void {
    const agency = this.agency(c);
    if (!this.deps.grants.agency(agency)?.feeds.includes(source))
      throw problems.forbidden(`the feed ${source} is not granted to ${agency}`);
  }
}
