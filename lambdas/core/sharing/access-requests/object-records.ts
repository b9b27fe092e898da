import type { ObjectStore } from '../../lake/object-store';
import { Turns } from '../turns';
import type { RequestRecords } from './request-records';

export const ACCESS_REQUESTS_PREFIX = 'access-requests/';

/**
 * The decision in flight on each request id, per store: a decision waits for the one before
 * it, so the check that the request is still pending and the write happen as one step. Per
 * store rather than per records object, so two servers’ worth of records over one folder in
 * one process (as in the tests) still take turns. Across processes nothing is serialized:
 * `vpdc serve` is one process over its lake folder.
 */
const decisions = new WeakMap<ObjectStore, Turns>();

/** Requests as objects under `access-requests/<id>.json`: the lake folder on one machine. */
export function objectRecords(store: ObjectStore): RequestRecords {
  const key = (id: string) => `${ACCESS_REQUESTS_PREFIX}${id}.json`;
  const get = async (id: string) =>
    (await store.exists(key(id))) ? new TextDecoder().decode(await store.get(key(id))) : undefined;
  return {
    put: (id, json) => store.put(key(id), json, 'application/json'),
    putIfPending: (id, json) =>
      turnsOf(store).run(id, async () => {
        const stored = await get(id);
        if (stored === undefined || (JSON.parse(stored) as { status?: unknown }).status !== 'pending') return false;
        await store.put(key(id), json, 'application/json');
        return true;
      }),
    get,
    all: async () => {
      const found = (await store.list(ACCESS_REQUESTS_PREFIX)).filter((o) => o.key.endsWith('.json'));
      return Promise.all(found.map(async (o) => new TextDecoder().decode(await store.get(o.key))));
    },
  };
}

function turnsOf(store: ObjectStore): Turns {
  let turns = decisions.get(store);
  if (!turns) decisions.set(store, (turns = new Turns()));
  return turns;
}
