import type { ObjectStore } from '../lake/object-store';

export interface AuditEntry {
  at: string;
  requestId: string;
  agency: string | null;
  method: string;
  route: string;
  dataset: string | null;
  query: Record<string, string>;
  status: number;
  rows: number | null;
  bytes: number;
  problem: string | null;
  receipt: { datasetVersion: string; sha256: string } | null;
  durationMs: number;
}

/**
 * Every exchange, one JSON object each under `audit/<yyyy>/<mm>/<dd>/` (the Object Lock
 * bucket in AWS, the lake folder locally): append-only by construction, and queryable as
 * the `audit_log` view.
 */
export class AuditLog {
  constructor(private readonly store: ObjectStore) {}

  async append(entry: AuditEntry): Promise<void> {
    const day = entry.at.slice(0, 10).replaceAll('-', '/');
    await this.store.put(`audit/${day}/${entry.at.replace(/[:.]/g, '')}-${entry.requestId}.json`, JSON.stringify(entry) + '\n', 'application/json');
  }
}
