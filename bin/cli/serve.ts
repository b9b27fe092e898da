import { localPiiKey } from './pii-key';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { DEFAULT_LAKE_DIR } from '../../lambdas/core/lake/open-store';
import { localSharingApp } from '../../lambdas/core/sharing/local-server';
import { UsageError, type Command } from './command';
import { DASHBOARD_DIR, localFront } from './local-front';

/** Starts the API, with the dashboard at `/`, on host:port and resolves with its URL once it listens. */
export async function startServer(
  lakeDir: string,
  host: string,
  port: number,
  options: { perSecond?: number; burst?: number; dashboardDir?: string; publicUrl?: string } = {},
): Promise<{ url: string; stop: () => Promise<void> }> {
  // Signed links name the address the server listens on, known once it does.
  let url = '';
  const { app, close, warm } = await localSharingApp(lakeDir, {
    ...options,
    publicUrl: () => url,
    piiKey: () => localPiiKey(lakeDir),
  });
  await warm();
  const { fetch } = localFront((request, env) => app.fetch(request, env), options.dashboardDir ?? DASHBOARD_DIR);
  return new Promise((done, fail) => {
    const server = serve({ fetch, hostname: host, port }, (info) => {
      url = options.publicUrl ?? `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`;
      done({
        url,
        stop: () =>
          new Promise<void>((stopped) =>
            server.close(() => {
              close().then(stopped, (error: unknown) => {
                console.error(`the audit log was not flushed: ${String(error)}`);
                stopped();
              });
            }),
          ),
      });
    });
    server.on('error', (error: NodeJS.ErrnoException) => {
      close().catch(() => undefined);
      fail(
        error.code === 'EADDRINUSE'
          ? new UsageError(`${host}:${port} is already in use; pick another port with --port N`)
          : error,
      );
    });
  });
}

function publicUrlOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (!/^https?:\/\/[^/?#]+\/?$/.test(text))
    throw new UsageError(`--public-url must be http(s)://host[:port], got "${text}"`);
  return text.replace(/\/$/, '');
}

export function parsePort(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0..65535, got "${text}"`);
  return port;
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'the integration platform API over the local lake, on 127.0.0.1',
  usage: `
Usage: vpdc serve [--lake DIR] [--port N] [--host ADDRESS]

Serves the operations-center dashboard at / (built by "npm run build:web") and the sharing
API (OpenAPI at /openapi.json, docs at /docs) over the lake folder:
agencies pull the datasets granted to them (lambdas/core/sharing/grants.json) with a token
from "vpdc token --agency ID". Every request is audited under <lake>/audit/.

Options:
  --lake DIR       the lake folder (default ${DEFAULT_LAKE_DIR})
  --port N         default 8787; 0 picks a free port
  --host ADDRESS   default 127.0.0.1 (loopback only); another address exposes the API
  --public-url URL the address agencies reach the server at, which signed export and
                   upload links and the open-data catalog name (default http://ADDRESS:N);
                   never taken from a request
`,
  options: {
    lake: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    'public-url': { type: 'string' },
  },
  async run({ values }) {
    const { url } = await startServer(
      resolve((values.lake as string | undefined) ?? DEFAULT_LAKE_DIR),
      (values.host as string | undefined) ?? '127.0.0.1',
      parsePort(values.port as string | undefined, 8787),
      { publicUrl: publicUrlOf(values['public-url'] as string | undefined) },
    );
    console.log(`vpdc API and dashboard listening on ${url} (Ctrl-C to stop): ${url}/docs`);
    await new Promise(() => undefined);
    return 0;
  },
};
