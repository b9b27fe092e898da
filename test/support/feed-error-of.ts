import { FeedError } from '../../lambdas/core/feeds/feed-error';

/** The FeedError that `act` throws; fails the test when it throws something else or nothing. */
export function feedErrorOf(act: () => unknown): FeedError {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(FeedError);
    return error as FeedError;
  }
  throw new Error('expected a FeedError, nothing was thrown');
}
