/**
 * `GET /api/health`: is the server up, which database does it use, how far is it migrated.
 * `GET /api/ready`: is this node ready for readers (a load balancer's readiness check): it has read
 * the content snapshot and its search index covers it; 503 while a new node renders and indexes the
 * site after start.
 */
import { migrationCount } from '../db/migrate.ts';
import type { Deps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
import { json } from '../http/json.ts';

export async function health(_request: Request, deps: Pick<Deps, 'db'>): Promise<Response> {
  try {
    return json({ status: 'ok', database: deps.db.kind, migrations: await migrationCount(deps.db) });
  } catch {
    throw new HttpError(503, 'database-unavailable', 'The database is not reachable.', {
      headers: { 'retry-after': '5' },
    });
  }
}

export function ready(_request: Request, deps: Pick<Deps, 'content' | 'searchVersion'>): Response {
  // Without a content store (not a serving node) there is nothing to wait for.
  if (!deps.content) return json({ status: 'ready', contentVersion: null });
  const version = deps.content.current()?.version;
  if (version === undefined)
    throw new HttpError(503, 'content-not-read', 'This node has not read the content snapshot yet.', {
      headers: { 'retry-after': '2' },
    });
  if (deps.searchVersion && deps.searchVersion() < version)
    throw new HttpError(503, 'search-index-building', 'This node is still indexing the site for search.', {
      headers: { 'retry-after': '2' },
    });
  return json({ status: 'ready', contentVersion: version });
}
