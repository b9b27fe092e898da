import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The dashboard's Vite project. */
export const WEB_DIR = __dirname;

/**
 * Builds the page with the project's own Vite into `outDir`, as `npm run build:web` does into
 * web/dist. The CDK stack (at synth), the browser test and the bench call it.
 */
export function buildDashboard(outDir: string, webDir = WEB_DIR): void {
  // vite's exports map hides bin/; its package.json is exported.
  const config = join(webDir, 'vite.config.mts');
  if (!existsSync(config)) throw new Error(`no Vite config at ${config}`);
  const vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  execFileSync(
    process.execPath,
    [vite, 'build', '--config', config, '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: webDir, stdio: 'inherit' },
  );
}

/** `config.json` beside the page: what differs between the local server and the AWS site. */
export interface DashboardConfig {
  /** API Gateway wants each agency's API key (`x-api-key`, its usage plan) beside the token; the local server does not. */
  apiKeyRequired: boolean;
}
