import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Env } from './env';
import { router } from './router';

const INFO = {
  title: 'vpdc integration platform API',
  version: '1.0.0',
  description:
    'Shared datasets of the Vĩnh Phúc digital data center. Every route but /health, /openapi.json, /docs and open data (/open/v1/*, /api/3/action/*) needs a bearer token; signed links carry their own signature.',
};

/**
 * The API's description: the OpenAPI document (built once, from every route's schemas, when
 * first asked: rebuilding it per request was 58% of its time) and a page that lists the routes.
 */
export function docRoutes(api: OpenAPIHono<Env>) {
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  let document: unknown;
  const openApiDocument = () => {
    document ??= api.getOpenAPI31Document({ openapi: '3.1.0', info: INFO });
    return document;
  };
  return (
    router()
      .get('/openapi.json', (c) => c.json(openApiDocument() as Record<string, unknown>))
      // Script and style are files of their own: the API's CSP allows no inline script.
      .get('/docs', (c) => c.html(DOCS_PAGE))
      .get('/docs/docs.css', (c) => c.body(DOCS_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }))
      .get('/docs/docs.js', (c) => c.body(DOCS_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }))
  );
}

const DOCS_CSS =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}code{background:#f3f3f3;padding:0 .2em}';

/** Lists each route of the OpenAPI document with its summary (text only: nothing is parsed as HTML). */
const DOCS_SCRIPT = `fetch('/openapi.json').then((r) => r.json()).then((d) => {
  for (const [path, operations] of Object.entries(d.paths))
    for (const [method, operation] of Object.entries(operations)) {
      const li = document.createElement('li');
      li.textContent = method.toUpperCase() + ' ' + path + ': ' + (operation.summary || '');
      document.getElementById('routes').append(li);
    }
});
`;

const DOCS_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>vpdc API</title>
<link rel="stylesheet" href="/docs/docs.css"><script src="/docs/docs.js" defer></script></head>
<body><h1>vpdc integration platform API</h1><p>The OpenAPI document is at <a href="/openapi.json">/openapi.json</a>. Get a token with <code>npx vpdc token --agency ioc</code>, then:</p>
<pre><code>curl -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:8787/v1/datasets"
curl -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:8787/v1/datasets/kpi_scorecard/rows?period_from=2025-12&amp;format=csv"</code></pre>
<ul id="routes"></ul></body></html>`;
