import type { ObjectStore } from '../../lake/object-store';
import type { RequestRecords } from './request-records';

export const ACCESS_REQUESTS_PREFIX = 'access-requests/';

/**
 * The decision in flight on each request id, per store: a decision waits for the one before
 * it, so the check that the request is still pending and the write happen as one step. Per
 * store rather than per records object, so two servers’ worth of records over one folder in
 * one process (as in the tests) still take turns. Across processes nothing is serialized:
 * `vpdc serve` is one process over its lake folder.
 */
const decisions = new WeakMap<ObjectStore, Map<string, Promise<unknown>>>();

/** Requests as objects under `access-requests/<id>.json`: the lake folder on one machine. */
export function objectRecords(store: ObjectStore): RequestRecords {
  const key = (id: string) => `${ACCESS_REQUESTS_PREFIX}${id}.json`;
  const get = async (id: string) =>
    (await store.exists(key(id))) ? new TextDecoder().decode(await store.get(key(id))) : undefined;
  return {
    put: (id, json) => store.put(key(id), json, 'application/json'),
    putIfPending: (id, json) =>
      inTurn(store, id, async () => {
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

/** Runs `step` once every earlier step on the same request id of the same store has settled. */
async function inTurn<T>(store: ObjectStore, id: string, step: () => Promise<T>): Promise<T> {
  let queue = decisions.get(store);
  if (!queue) decisions.set(store, (queue = new Map()));
  const before = queue.get(id) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(step);
  queue.set(id, mine);
  try {
    return await mine;
  } finally {
    // The last in line clears the entry, so the map holds only requests being decided.
    if (queue.get(id) === mine) queue.delete(id);
  }
}
