import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { datasetRoutes } from './api/datasets';
import { docRoutes } from './api/docs';
import type { Env, SharingAppDeps } from './api/env';
import { exportRoutes } from './api/exports';
import { feedRoutes } from './api/feeds';
import { localLinkRoutes } from './api/local-links';
import { auditExchanges, authenticate } from './api/middleware';
import { openDataRoutes } from './api/open-data';
import { apiParts, router } from './api/router';
import { rowRoutes } from './api/rows';
import { accessDecisionRoutes } from './api/access-decisions';
import { accessRequestRoutes } from './api/access-requests';
import { subscriptionRoutes } from './api/subscriptions';
import { versionRoutes } from './api/versions';
import { ApiProblem, problemBody, problems } from './problem';

export type { Env, SharingAppDeps } from './api/env';

/**
 * The integration platform's HTTP API (Hono): agencies pull the datasets they are granted, in
 * the format their tools read, with a receipt; every exchange is audited. Runs on Node
 * locally (`vpdc serve`) and behind API Gateway in AWS.
 */
export function sharingApp(deps: SharingAppDeps) {
  const parts = apiParts(deps);
  const api = router();
  // Ours, never the client's: the id names the exchange in the audit log.
  api.use(requestId({ headerName: '' }));
  api.use(
    secureHeaders({
      // Answers are data, never pages to run; /docs loads its own script and style only.
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
      },
      xFrameOptions: 'DENY',
      // The dashboard and agencies' tools call from other origins (with CORS in AWS).
      crossOriginResourcePolicy: false,
    }),
  );
  api.use(auditExchanges(deps));
  api.use(authenticate(deps));
  // Approved access requests take effect without a redeploy: the grants are re-read at most every few seconds.
  if (deps.accessRequests) {
    const { grants } = deps.accessRequests;
    api.use(async (_c, next) => {
      await grants.refresh();
      await next();
    });
  }
  api.get('/health', (c) => c.json({ status: 'ok' }));
  const app = api
    .route('/', datasetRoutes(parts))
    .route('/', rowRoutes(parts))
    .route('/', versionRoutes(parts))
    .route('/', subscriptionRoutes(parts))
    .route('/', accessRequestRoutes(parts))
    .route('/', accessDecisionRoutes(parts))
    .route('/', exportRoutes(parts))
    .route('/', feedRoutes(parts));
  if (deps.local) api.route('/', localLinkRoutes(deps.local, parts.now));
  if (deps.publicUrl) api.route('/', openDataRoutes(parts, deps.publicUrl));
  api.route('/', docRoutes(api));
  api.notFound((c) => problemAnswer(c, problems.notFound('no such route')));
  api.onError((error, c) => {
    // Hono's own refusals (a body that is not JSON, a media type its validator does not take)
    // are the caller's mistake, not ours: a problem of their status. Its 5xx are ours: internal.
    if (error instanceof HTTPException && error.status < 500)
      return problemAnswer(c, problems.ofStatus(error.status, error.message || `refused with status ${error.status}`));
    if (error instanceof ApiProblem) return problemAnswer(c, error);
    console.error(`[${c.get('requestId')}] ${error.stack ?? String(error)}`);
    return problemAnswer(c, problems.internal());
  });
  return app;
}

/** The typed shape of the API, for the dashboard's client (`hc<SharingApi>`). */
export type SharingApi = ReturnType<typeof sharingApp>;

function problemAnswer(c: Context<Env>, problem: ApiProblem): Response {
  c.set('problem', problem.type);
  return c.json(problemBody(problem, c.get('requestId')), problem.status as 400, {
    'Content-Type': 'application/problem+json',
    ...problem.headers,
  });
}
