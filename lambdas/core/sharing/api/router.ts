import { OpenAPIHono } from '@hono/zod-openapi';
import type { ServedDataset } from '../served-datasets';
import { problems } from '../problem';
import { CursorCodec } from '../rows-query';
import { RequestAccess } from './access';
import type { Env, SharingAppDeps } from './env';

/**
 * One resource's routes. Every router refuses a request its schemas reject with one 400
 * problem listing the first issues (the hook is per OpenAPIHono instance, so each router needs it).
 */
export function router(): OpenAPIHono<Env> {
  return new OpenAPIHono<Env>({
    defaultHook: (result) => {
      if (!result.success)
        throw problems.badRequest(
          result.error.issues
            .map((i) => `${i.path.join('.') || 'request'}: ${i.message}`)
            .join('; ')
            .slice(0, 300),
        );
    },
  });
}

/** What every router is built from: the deps with their defaults filled in, made once per app. */
export interface ApiParts {
  deps: SharingAppDeps;
  access: RequestAccess;
  now: () => Date;
  relationOf: (dataset: ServedDataset) => Promise<string>;
  cursors: CursorCodec;
}

export function apiParts(deps: SharingAppDeps): ApiParts {
  return {
    deps,
    access: new RequestAccess(deps),
    now: deps.now ?? (() => new Date()),
    relationOf: deps.relationOf ?? (async (dataset) => dataset.view),
    cursors: new CursorCodec(deps.cursorSecret),
  };
}
