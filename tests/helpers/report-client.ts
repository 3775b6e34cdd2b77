/** Builds report requests the way a browser or partner app sends them, proof of work included. */

import type { Challenge } from '../../functions/reports/proof-of-work.ts';
import { solveChallenge } from '../../functions/reports/proof-of-work.ts';
import { handleApi } from '../../functions/routes.ts';
import type { TestDeps } from './deps.ts';

export const CLIENT = { socketAddress: '203.0.113.7' };

export async function solvedAltcha(deps: TestDeps): Promise<string> {
  const response = await handleApi(new Request('http://test/api/reports/challenge'), deps, CLIENT);
  return solveChallenge((await response.json()) as Challenge);
}

export async function postJson(
  deps: TestDeps,
  path: string,
  body: unknown,
  client = CLIENT,
): Promise<Response> {
  return handleApi(
    new Request(`http://test${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
    deps,
    client,
  );
}

export async function submitJson(
  deps: TestDeps,
  fields: Record<string, unknown>,
  client = CLIENT,
): Promise<Response> {
  return postJson(deps, '/api/reports', { altcha: await solvedAltcha(deps), ...fields }, client);
}
