import { type CachedPage, matchesEtag, PageCache } from '../../lambdas/core/sharing/api/page-cache';

const page = (bytes: number): CachedPage => ({ body: new Uint8Array(bytes), headers: {}, rows: 1, sha256: '' });

test('keeps pages within its byte budget, evicting the least recently used first', () => {
  const cache = new PageCache(1000);
  cache.set('"a"', page(200));
  cache.set('"b"', page(200));
  cache.set('"c"', page(200));
  // Reading a marks it as the most recently used: b is now the oldest.
  expect(cache.get('"a"')).toBeDefined();
  cache.set('"d"', page(200));
  cache.set('"e"', page(200));
  expect(cache.size).toBe(5);
  cache.set('"f"', page(200));
  expect(cache.get('"b"')).toBeUndefined();
  for (const kept of ['"a"', '"c"', '"d"', '"e"', '"f"'])
    expect([kept, cache.get(kept)?.body.length]).toEqual([kept, 200]);
});

test('does not keep a page over a quarter of its budget, and keeps the first page for an ETag', () => {
  const cache = new PageCache(1000);
  cache.set('"big"', page(251));
  expect(cache.get('"big"')).toBeUndefined();
  cache.set('"x"', page(250));
  cache.set('"x"', page(10));
  expect(cache.get('"x"')?.body.length).toBe(250);
  // Its bytes counted once: with three more pages of 250 bytes, all four fit the 1,000.
  for (const etag of ['"1"', '"2"', '"3"']) cache.set(etag, page(250));
  expect(cache.size).toBe(4);
});

test("If-None-Match matches by RFC 9110's weak comparison: lists, W/ and *", () => {
  expect(matchesEtag('"abc"', '"abc"')).toBe(true);
  expect(matchesEtag('W/"abc"', '"abc"')).toBe(true);
  expect(matchesEtag('"x", W/"abc"', '"abc"')).toBe(true);
  expect(matchesEtag('*', '"abc"')).toBe(true);
  expect(matchesEtag('"abcd"', '"abc"')).toBe(false);
  expect(matchesEtag(undefined, '"abc"')).toBe(false);
});
