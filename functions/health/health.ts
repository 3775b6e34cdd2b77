/** `GET /api/health`: is the server up, which database does it use, how far is it migrated. */
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
