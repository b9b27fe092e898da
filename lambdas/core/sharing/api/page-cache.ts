/** An encoded answer kept for its ETag: the body and the headers that go with it. */
export interface CachedPage {
  body: Uint8Array;
  headers: Record<string, string>;
  rows: number;
  sha256: string;
}

/**
 * The encoded pages last served, by ETag, least recently used evicted first, bounded by bytes
 * (data changes only on ingest, so a page is computed once per dataset version, query and
 * grant). A page over a quarter of the budget is not kept: it would evict everything else.
 */
export class PageCache {
  private readonly pages = new Map<string, CachedPage>();
  private bytes = 0;

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  get(etag: string): CachedPage | undefined {
    const page = this.pages.get(etag);
    if (page) {
      // Map keeps insertion order: re-inserting marks the page as the most recently used.
      this.pages.delete(etag);
      this.pages.set(etag, page);
    }
    return page;
  }

  set(etag: string, page: CachedPage): void {
    if (page.body.length > this.maxBytes / 4 || this.pages.has(etag)) return;
    this.pages.set(etag, page);
    this.bytes += page.body.length;
    for (const [oldest, evicted] of this.pages) {
      if (this.bytes <= this.maxBytes) break;
      this.pages.delete(oldest);
      this.bytes -= evicted.body.length;
    }
  }

  get size(): number {
    return this.pages.size;
  }
}

/** Whether an If-None-Match header names `etag` (a list, `*`, weak or strong: RFC 9110's weak comparison). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}
