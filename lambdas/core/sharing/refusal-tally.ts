export interface RefusalTallyOptions {
  /** How long refusals alike are counted into one entry; 0 writes each. @default 60,000 ms */
  windowMs?: number;
  /** The most kinds counted at once; past it, the oldest is written early. @default 10,000 */
  maxOpen?: number;
  /** @default Date.now */
  now?: () => number;
}

interface Window<T> {
  opened: number;
  /** The latest refusal counted after the first, and how many there were. */
  last?: T;
  count: number;
}

/**
 * Refused requests alike (`key`: the same client, status and problem) within a window, written
 * as two audit entries instead of one each: the first at once (`repeats: 1`), and when the
 * window ends, the last one with `repeats` = how many came after the first. A flood of 150
 * refused requests is a few lines, and summing `repeats` still counts every request.
 */
export class RefusalTally<T extends { repeats: number }> {
  private readonly open = new Map<string, Window<T>>();
  private readonly windowMs: number;
  private readonly maxOpen: number;
  private readonly now: () => number;
  private readonly writing = new Set<Promise<void>>();
  private failure: unknown;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly write: (entry: T) => Promise<void>,
    options: RefusalTallyOptions = {},
  ) {
    this.windowMs = options.windowMs ?? 60_000;
    this.maxOpen = options.maxOpen ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Resolves once the entry is written (the first of its window) or counted (the others). */
  add(key: string, entry: T): Promise<void> {
    this.closeEnded();
    const window = this.open.get(key);
    if (window) {
      window.last = entry;
      window.count += 1;
      return Promise.resolve();
    }
    if (this.open.size >= this.maxOpen) this.close(this.open.keys().next().value!);
    this.open.set(key, { opened: this.now(), count: 0 });
    this.schedule();
    return this.write({ ...entry, repeats: 1 });
  }

  /** Writes every window's count now, and resolves once they are written (or fails with the first error). */
  async flush(): Promise<void> {
    for (const key of [...this.open.keys()]) this.close(key);
    await Promise.allSettled([...this.writing]);
    if (this.failure !== undefined) {
      const failure = this.failure;
      this.failure = undefined;
      throw failure;
    }
  }

  /** Windows open in the order they opened, so the ended ones are first. */
  private closeEnded(): void {
    const now = this.now();
    for (const [key, window] of this.open) {
      if (now - window.opened < this.windowMs) break;
      this.close(key);
    }
  }

  private close(key: string): void {
    const window = this.open.get(key)!;
    this.open.delete(key);
    if (!window.last) return;
    const written = this.write({ ...window.last, repeats: window.count });
    this.writing.add(written);
    written.then(
      () => this.writing.delete(written),
      (error: unknown) => {
        this.writing.delete(written);
        this.failure ??= error;
      },
    );
  }

  /** Ends windows when no further refusal comes to end them; never keeps the process alive. */
  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.closeEnded();
      if (this.open.size > 0) this.schedule();
    }, this.windowMs);
    this.timer.unref();
  }
}
