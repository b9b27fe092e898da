import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { buildDashboard } from '../../web/build-dashboard';
import { startServer } from '../../bin/cli/serve';
import { agencyToken } from '../../bin/cli/token';

const ROOT = join(__dirname, '..', '..');

/** Runs the real CLI (as `npx vpdc` would). */
export function vpdcSync(...args: string[]): string {
  return execFileSync(process.execPath, [join(ROOT, 'bin', 'vpdc.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** The local data center as `npm start` leaves it: the demo lake, the API and the page on 127.0.0.1. */
export async function dashboardServer(
  root: string,
  beforeServe: (lakeDir: string) => void = () => undefined,
): Promise<{ url: string; lakeDir: string; token: (agency: string) => Promise<string>; stop: () => Promise<void> }> {
  const [lakeDir, webDir] = [join(root, 'lake'), join(root, 'web')];
  buildDashboard(webDir);
  vpdcSync('demo', '--no-serve', '--lake', lakeDir);
  beforeServe(lakeDir);
  const server = await startServer(lakeDir, '127.0.0.1', 0, { dashboardDir: webDir, perSecond: 10_000, burst: 10_000 });
  return { ...server, lakeDir, token: (agency) => agencyToken(lakeDir, agency) };
}
