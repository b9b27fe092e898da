export interface RateLimiterOptions {
  /** @default Date.now */
  now?: () => number;
  /**
   * The most callers remembered at once. Past it, the caller seen longest ago is forgotten
   * (its bucket was refilling anyway), so a flood from many addresses cannot grow the map
   * without end. @default 100,000
   */
  maxCallers?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per caller (an agency, or a client address): `burst` requests at once,
 * refilled at `perSecond`. Locally this is the API's rate limit; in AWS, API Gateway usage
 * plans do the same in front of it.
 */
export class RateLimiter {
  /** In order of last use: the first is the caller seen longest ago. */
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;
  private readonly maxCallers: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    options: RateLimiterOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.maxCallers = options.maxCallers ?? 100_000;
  }

  /** Takes one request from the caller's bucket: 0 when it may go; else the seconds to wait. */
  take(caller: string): number {
    const bucket = this.refilled(caller);
    this.buckets.delete(caller);
    this.buckets.set(caller, bucket);
    if (this.buckets.size > this.maxCallers) this.buckets.delete(this.buckets.keys().next().value!);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return this.secondsUntilOne(bucket);
  }

  /** What `take` would answer, without taking anything: 0, or the seconds to wait. */
  wait(caller: string): number {
    const bucket = this.refilled(caller);
    return bucket.tokens >= 1 ? 0 : this.secondsUntilOne(bucket);
  }

  private refilled(caller: string): Bucket {
    const now = this.now();
    const bucket = this.buckets.get(caller);
    if (!bucket) return { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    return bucket;
  }

  private secondsUntilOne(bucket: Bucket): number {
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond));
  }
}
