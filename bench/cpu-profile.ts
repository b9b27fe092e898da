import { Session } from 'node:inspector/promises';

/** One function's share of a profile: its own time (self), over the samples where the thread was busy. */
export interface ProfileCost {
  name: string;
  pct: number;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

/**
 * Runs `work` under V8's sampling profiler on this thread (the inspector's own, as
 * `--cpu-prof` is, without a flag) and returns its result and the `top` functions by self
 * time. Idle and program time are left out: shares are of the busy samples.
 */
export async function profiled<T>(work: () => Promise<T>, top = 8): Promise<{ result: T; costs: ProfileCost[] }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    const result = await work();
    const { profile } = await session.post('Profiler.stop');
    return { result, costs: topSelfTime(profile.nodes as ProfileNode[], profile.samples ?? [], top) };
  } finally {
    session.disconnect();
  }
}

function topSelfTime(nodes: ProfileNode[], samples: number[], top: number): ProfileCost[] {
  const nameOf = new Map(nodes.map((n) => [n.id, label(n.callFrame)]));
  const counts = new Map<string, number>();
  let busy = 0;
  for (const id of samples) {
    const name = nameOf.get(id) ?? '?';
    if (name === '(idle)' || name === '(program)') continue;
    busy++;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, n]) => ({ name, pct: (100 * n) / Math.max(1, busy) }));
}

/** `encodeRows (sharing/formats.ts)`: the function and the last two segments of its file. */
function label({ functionName, url }: ProfileNode['callFrame']): string {
  const file = url.split('/').slice(-2).join('/');
  if (!url) return functionName || '(anonymous)';
  return `${functionName || '(anonymous)'} (${file})`;
}
