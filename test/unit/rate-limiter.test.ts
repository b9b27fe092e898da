import { RateLimiter } from '../../lambdas/core/sharing/rate-limiter';

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

test('a burst goes at once, then the caller waits for the refill', () => {
  const time = clock();
  const limiter = new RateLimiter(2, 3, { now: time.now });
  expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([0, 0, 0, 1]);
  time.advance(500);
  expect(limiter.take('a')).toBe(0);
  expect(limiter.take('b')).toBe(0);
});

test('wait answers what take would, without taking', () => {
  const time = clock();
  const limiter = new RateLimiter(1, 2, { now: time.now });
  expect(limiter.wait('a')).toBe(0);
  expect(limiter.wait('a')).toBe(0);
  limiter.take('a');
  limiter.take('a');
  expect(limiter.wait('a')).toBe(1);
  expect(limiter.take('a')).toBe(1);
});

test('past maxCallers, the caller seen longest ago is forgotten, not the busy one', () => {
  const time = clock();
  const limiter = new RateLimiter(1, 1, { now: time.now, maxCallers: 2 });
  limiter.take('busy');
  limiter.take('idle');
  limiter.take('busy');
  // A third caller: the map holds two, so "idle" (seen longest ago) goes; "busy" stays empty.
  limiter.take('new');
  expect(limiter.wait('busy')).toBe(1);
  expect(limiter.wait('idle')).toBe(0);
  // Ten thousand addresses later, the map still holds two callers' buckets.
  for (let i = 0; i < 10_000; i++) limiter.take(`address-${i}`);
  expect((limiter as unknown as { buckets: Map<string, unknown> }).buckets.size).toBe(2);
});
