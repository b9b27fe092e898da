import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { problems } from '../problem';
import type { RequestRecords } from './request-records';

// Where they always were for their importers (the local server, the tests).
export { ACCESS_REQUESTS_PREFIX, objectRecords } from './object-records';

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

  /**
   * Records a decision on a pending request: approved until `expires`, or refused, with who
   * and why. Only if it is still pending when written: a decision made meanwhile stands, and
   * this one is a conflict naming it.
   */
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
    if (!(await this.records.putIfPending(decided.id, serialize(decided)))) throw await this.alreadyDecided(request.id);
    return decided;
  }

  private async alreadyDecided(id: string) {
    const current = await this.get(id);
    const last = current?.history.at(-1);
    return problems.conflict(
      current && last && current.status !== 'pending'
        ? `the request was already ${current.status} by ${last.by} at ${last.at}`
        : 'the request was decided meanwhile',
    );
  }

  private save(request: AccessRequest): Promise<void> {
    return this.records.put(request.id, serialize(request));
  }
}

/** Indented, one field a line (the object records are read by people too). */
function serialize(request: AccessRequest): string {
  return JSON.stringify(request, null, 2);
}

function parse(json: string): AccessRequest {
  return accessRequestSchema.parse(JSON.parse(json));
}
