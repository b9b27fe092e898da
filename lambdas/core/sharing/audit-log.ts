import type { AuditEntry } from '../lake/audit-log-table';
import type { ObjectStore } from '../lake/object-store';
import { AuditSegments, type AuditSegmentsOptions } from './audit-segments';
import { RefusalTally, type RefusalTallyOptions } from './refusal-tally';

/**
 * Every exchange, as one JSON line, under `audit/<yyyy>/<mm>/<dd>/` (the lake folder locally,
 * the Object Lock bucket in AWS): append-only, and queryable as the `audit_log` view (DuckDB)
 * and table (Glue). Where the store can append (a folder), lines go into segments, a few files
 * per process and hour (audit-segments.ts); where it cannot (S3, where each Lambda invocation
 * is one request anyway), each entry is its own object. Either way `append` resolves once the
 * entry is written, so the answer it audits may go out.
 *
 * Locally, requests refused before any agency was identified (a bad token, a flood over the
 * address's rate limit) are tallied per client, status and problem, so a flood cannot fill
 * the disk. In AWS, API Gateway's authorizer and throttling refuse those before the Lambda,
 * whose container may be frozen before a tally is written, so there every entry is its own.
 */
export class AuditLog {
  private readonly segments: AuditSegments | undefined;
  private readonly refusals: RefusalTally<AuditEntry> | undefined;

  constructor(
    private readonly store: ObjectStore,
    options: AuditSegmentsOptions & { refusals?: RefusalTallyOptions } = {},
  ) {
    const append = store.append?.bind(store);
    this.segments = append ? new AuditSegments(append, options) : undefined;
    this.refusals = append ? new RefusalTally((entry) => this.write(entry), options.refusals) : undefined;
  }

  append(entry: AuditEntry): Promise<void> {
    if (this.refusals && entry.agency === null && entry.status >= 400 && entry.status < 500)
      return this.refusals.add(`${entry.client}|${entry.status}|${entry.problem}|${entry.method}`, entry);
    return this.write(entry);
  }

  private async write(entry: AuditEntry): Promise<void> {
    const line = `${JSON.stringify(entry)}\n`;
    if (this.segments) return this.segments.write(entry.at, line);
    const day = entry.at.slice(0, 10).replaceAll('-', '/');
    await this.store.put(
      `audit/${day}/${entry.at.replace(/[:.]/g, '')}-${entry.requestId}.json`,
      line,
      'application/json',
    );
  }

  /** Resolves once every entry appended so far is written: call it before the process exits. */
  async flush(): Promise<void> {
    await this.refusals?.flush();
    await this.segments?.flush();
  }
}
