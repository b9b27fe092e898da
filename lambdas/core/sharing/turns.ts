/**
 * Steps that must not interleave, one key at a time (a request's decision, an agency's export
 * admission): a step starts once every earlier step on the same key has settled, whatever its
 * outcome. In one process only; across processes the store's own checks decide.
 */
export class Turns {
  private readonly queues = new Map<string, Promise<unknown>>();

  async run<T>(key: string, step: () => Promise<T>): Promise<T> {
    const before = this.queues.get(key) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(step);
    this.queues.set(key, mine);
    try {
      return await mine;
    } finally {
      // The last in line clears the entry, so the map holds only keys with a step in flight.
      if (this.queues.get(key) === mine) this.queues.delete(key);
    }
  }
}
