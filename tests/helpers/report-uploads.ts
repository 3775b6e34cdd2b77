/**
 * Reports with attachments sent to `POST /api/reports` in process, and the problem a refusal
 * carries (the attachment tests: tests/integration/reports/attachments*.test.ts).
 */
import { expect } from 'vitest';
import { handleApi } from '../../functions/routes.ts';
import type { TestDeps } from './deps.ts';
import { CLIENT } from './report-client.ts';

export interface Upload {
  name: string;
  type: string;
  bytes: Buffer;
}

export function multipart(deps: TestDeps, files: Upload[], locale = 'en') {
  const form = new FormData();
  form.set('description', 'Photo of the house where the workers are kept');
  form.set('locale', locale);
  for (const f of files)
    form.append('attachments', new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
  return handleApi(new Request('http://test/api/reports', { method: 'POST', body: form }), deps, CLIENT);
}

export async function problemOf(response: Response) {
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  return (await response.json()) as { code: string; errors?: { field: string; message: string }[] };
}
