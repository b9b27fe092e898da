import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ObjectStore } from '../../lake/object-store';
import type { RequestRecords } from './request-records';

export const ACCESS_REQUESTS_PREFIX = 'access-requests/';

const change = z.object({
  at: z.string(),
  by: z.string(),
  action: z.enum(['requested', 'approved', 'refused']),
  reason: z.string().optional(),
});

export const accessRequestSchema = z.object({
  id: z.string().uuid(),
  agency: z.string(),
  dataset: z.string(),
  purpose: z.string().min(10),
  columns: z.union([z.literal('*'), z.array(z.string()).min(1)]),
  /** How long the grant should last once approved, from the day it is. */
  days: z.number().int().min(1).max(366),
  status: z.enum(['pending', 'approved', 'refused']),
  /** The last day of the grant (yyyy-mm-dd), set on approval. */
  expires: z.string().optional(),
  /** Every change, oldest first: who asked, who decided, when and why. */
  history: z.array(change).min(1),
});

export type AccessRequest = z.infer<typeof accessRequestSchema>;

/** Requests as objects under `access-requests/<id>.json`: the lake folder on one machine. */
export function objectRecords(store: ObjectStore): RequestRecords {
  const key = (id: string) => `${ACCESS_REQUESTS_PREFIX}${id}.json`;
  return {
    put: (id, json) => store.put(key(id), json, 'application/json'),
    get: async (id) => ((await store.exists(key(id))) ? new TextDecoder().decode(await store.get(key(id))) : undefined),
    all: async () => {
      const found = (await store.list(ACCESS_REQUESTS_PREFIX)).filter((o) => o.key.endsWith('.json'));
      return Promise.all(found.map(async (o) => new TextDecoder().decode(await store.get(o.key))));
    },
  };
}

/**
 * Access requests, one record each (objects in the lake folder locally, items of a DynamoDB
 * table in AWS): an approved one is a grant on top of the grants file, read by every server
 * instance (live-grants.ts). A request is rewritten on each decision and keeps its history, so
 * every change to who may read what is on record.
 */
export class AccessRequestStore {
  constructor(private readonly records: RequestRecords) {}

  async create(
    request: Pick<AccessRequest, 'agency' | 'dataset' | 'purpose' | 'columns' | 'days'>,
    now: Date,
  ): Promise<AccessRequest> {
    const created: AccessRequest = {
      ...request,
      id: randomUUID(),
      status: 'pending',
      history: [{ at: now.toISOString(), by: request.agency, action: 'requested' }],
    };
    await this.save(created);
    return created;
  }

  async all(): Promise<AccessRequest[]> {
    return (await this.records.all()).map(parse);
  }

  async get(id: string): Promise<AccessRequest | undefined> {
    const json = await this.records.get(id);
    return json === undefined ? undefined : parse(json);
  }

  /** Records a decision on a pending request: approved until `expires`, or refused, with who and why. */
  async decide(
    request: AccessRequest,
    decision: { by: string; approve: boolean; reason?: string; expires?: string },
    now: Date,
  ): Promise<AccessRequest> {
    const decided: AccessRequest = {
      ...request,
      status: decision.approve ? 'approved' : 'refused',
      ...(decision.approve ? { expires: decision.expires } : {}),
      history: [
        ...request.history,
        {
          at: now.toISOString(),
          by: decision.by,
          action: decision.approve ? 'approved' : 'refused',
          ...(decision.reason ? { reason: decision.reason } : {}),
        },
      ],
    };
    await this.save(decided);
    return decided;
  }

  private save(request: AccessRequest): Promise<void> {
    return this.records.put(request.id, JSON.stringify(request, null, 2));
  }
}

function parse(json: string): AccessRequest {
  return accessRequestSchema.parse(JSON.parse(json));
}
