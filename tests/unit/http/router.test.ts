import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HttpError } from '../../../functions/http/http-error.ts';
import { json } from '../../../functions/http/json.ts';
import { defineRoutes } from '../../../functions/http/route.ts';
import { createRouter } from '../../../functions/http/router.ts';
import { pglite } from '../../helpers/databases.ts';
import { createTestDeps } from '../../helpers/deps.ts';

const echo = z.object({ name: z.string().min(2), tags: z.array(z.string()).optional() });

const handle = createRouter(
  defineRoutes([
    {
      method: 'GET',
      path: '/api/items/:id',
      access: 'public',
      handler: async (_r, c) => json({ id: c.params.id }),
    },
    {
      method: 'POST',
      path: '/api/echo',
      access: 'public',
      maxBodyBytes: 100,
      handler: async (_request, { readBody }) => json((await readBody(echo)).data),
    },
    {
      method: 'GET',
      path: '/api/boom',
      access: 'public',
      handler: async () => {
        throw new Error('secret report text +4479460000');
      },
    },
    {
      method: 'GET',
      path: '/api/teapot',
      access: 'public',
      handler: async () => {
        throw new HttpError(409, 'conflict-here', 'Already done.');
      },
    },
  ]),
);

const deps = createTestDeps((await pglite.create({ migrate: false })).db);
const call = (path: string, init?: RequestInit) => handle(new Request(`http://test${path}`, init), deps);

describe('router', () => {
  it('matches parameters', async () => {
    const response = await call('/api/items/abc');
    expect(await response.json()).toEqual({ id: 'abc' });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 404 and 405 as problem+json, with Allow', async () => {
    const missing = await call('/api/nothing');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    const wrong = await call('/api/items/1', { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
  });

  it('serves HEAD without a body', async () => {
    const response = await call('/api/items/1', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('reports each invalid field', async () => {
    const response = await call('/api/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', tags: [1] }),
    });
    expect(response.status).toBe(422);
    const problem = await response.json();
    expect(problem.errors.map((e: { field: string }) => e.field).sort()).toEqual(['name', 'tags.0']);
  });

  it('accepts form posts with repeated fields as arrays', async () => {
    const response = await call('/api/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=Ana&tags=a&tags=b',
    });
    expect(await response.json()).toEqual({ name: 'Ana', tags: ['a', 'b'] });
  });

  it('enforces the body limit even when Content-Length lies', async () => {
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(`{"name":"${'a'.repeat(500)}"}`));
        controller.close();
      },
    });
    const response = await call('/api/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
  });

  it('rejects malformed JSON, wrong media types and broken UTF-8', async () => {
    const post = (body: BodyInit, type: string) =>
      call('/api/echo', { method: 'POST', headers: { 'content-type': type }, body });
    expect((await post('{', 'application/json')).status).toBe(400);
    expect((await post('name=ab', 'text/plain')).status).toBe(415);
    expect((await post(new Uint8Array([0xff, 0xfe, 0x22]), 'application/json')).status).toBe(400);
  });

  it('turns unknown errors into a generic 500 and logs no message text', async () => {
    const response = await call('/api/boom');
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('secret');
    expect(deps.logLines.join('\n')).not.toContain('secret');
    expect(deps.logLines.join('\n')).not.toContain('4479460000');
  });

  it('keeps the status and code of an HttpError', async () => {
    const response = await call('/api/teapot');
    expect(response.status).toBe(409);
    expect((await response.json()).code).toBe('conflict-here');
  });
});
