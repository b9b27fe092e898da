import { OpenAPIHono } from '@hono/zod-openapi';
import { SQL_DIR } from '../../sql/sql-dir';
import { loadViews } from '../../sql/view-files';
import { pinnedRelation } from '../pinned-relation';
import type { ServedDataset } from '../served-datasets';
import { problems } from '../problem';
import { CursorCodec } from '../cursor-codec';
import { RequestAccess } from './access';
import type { Env, PinnedVersion, SharingAppDeps } from './env';

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
  /**
   * The relation of the dataset at `version` (the newest when absent), and that version. A
   * version the dataset never had is a 404: a pinned request never silently gets other rows.
   */
  relationAt: (dataset: ServedDataset, version?: string) => Promise<{ version: string; relation: string }>;
  cursors: CursorCodec;
}

export function apiParts(deps: SharingAppDeps): ApiParts {
  const relationOf =
    deps.relationOf ?? (async (dataset: ServedDataset, pinned?: PinnedVersion) => pinned?.sql ?? dataset.view);
  let views = deps.views;
  const relationAt: ApiParts['relationAt'] = async (dataset, asked) => {
    const current = await deps.manifests.version(dataset.sources);
    if (asked === undefined || asked === current) return { version: current, relation: await relationOf(dataset) };
    const found = (await deps.manifests.versions(dataset.sources)).find((v) => v.version === asked);
    if (!found)
      throw problems.notFound(
        `${dataset.id} has no version ${asked.slice(0, 40)} (see /v1/datasets/${dataset.id}/versions)`,
      );
    views ??= loadViews(SQL_DIR);
    const sql = pinnedRelation(dataset, views, found.manifestIds);
    return { version: found.version, relation: await relationOf(dataset, { version: found.version, sql }) };
  };
  return {
    deps,
    access: new RequestAccess(deps),
    now: deps.now ?? (() => new Date()),
    relationOf: (dataset) => relationOf(dataset),
    relationAt,
    cursors: new CursorCodec(deps.cursorSecret),
  };
}
