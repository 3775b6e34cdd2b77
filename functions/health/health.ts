/**
 * `GET /api/health`: is the server up, which database does it use, how far is it migrated.
 * `GET /api/ready`: is this node ready for readers (a load balancer's readiness check): it has read
 * the content snapshot and written its first search index of it; 503 while a new node indexes the
 * site after start (a publish later never makes it unready).
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

export function ready(_request: Request, deps: Pick<Deps, 'content' | 'searchStarted'>): Response {
  // Without a content store (not a serving node) there is nothing to wait for.
  if (!deps.content) return json({ status: 'ready', contentVersion: null });
  const version = deps.content.current()?.version;
  if (version === undefined)
    throw new HttpError(503, 'content-not-read', 'This node has not read the content snapshot yet.', {
      headers: { 'retry-after': '2' },
    });
  // Only the first index run after start counts: a node whose index trails a publish by a few
  // seconds serves the previous index meanwhile and stays in the load balancer's rotation, and a
  // failed run is logged rather than taking the node's pages away from readers.
  if (deps.searchStarted && !deps.searchStarted())
    throw new HttpError(503, 'search-index-building', 'This node is still indexing the site for search.', {
      headers: { 'retry-after': '2' },
    });
  return json({ status: 'ready', contentVersion: version });
}
