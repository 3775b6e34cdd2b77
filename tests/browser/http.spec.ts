/** The server's contract over real HTTP: headers, compression, caching, health, hostile requests. */
import { request as httpRequest } from 'node:http';
import { expect, test } from '@playwright/test';

test('pages and API answers carry the security headers and a request id', async ({ request }) => {
  for (const path of ['/en/', '/api/health', '/api/missing']) {
    const response = await request.get(path);
    const headers = response.headers();
    expect(headers['content-security-policy'], path).toContain("script-src 'self'");
    expect(headers['content-security-policy'], path).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(headers['referrer-policy'], path).toBe('no-referrer');
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['permissions-policy'], path).toContain('geolocation=()');
    expect(headers['x-request-id'], path).toMatch(/^[0-9a-f-]{36}$/);
    expect(headers['set-cookie'], path).toBeUndefined();
  }
});

test('console pages keep their origin for the same-origin form check and are never stored', async ({
  request,
}) => {
  for (const path of [
    '/console/login',
    '/console/',
    '/console/intake',
    '/console/items/7d3c9a52-1a44-4b52-9a57-0f5f1f3c2b10',
  ]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.headers()['referrer-policy'], path).toBe('same-origin');
    expect(response.headers()['cache-control'], path).toBe('no-store');
  }
});

test('health reports the embedded database and its migrations', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ status: 'ok', database: 'pglite' });
  expect(body.migrations).toBeGreaterThan(0);
});

test('API errors are problem+json', async ({ request }) => {
  const response = await request.post('/api/health');
  expect(response.status()).toBe(405);
  expect(response.headers()['content-type']).toContain('application/problem+json');
  expect((await response.json()).status).toBe(405);
});

test('pages are compressed, hashed assets are cached for a year, pages are not stored', async ({
  request,
  page,
}) => {
  const html = await request.get('/en/', { headers: { 'accept-encoding': 'br' } });
  expect(html.headers()['content-encoding']).toBe('br');
  expect(html.headers()['cache-control']).toBe('no-store');
  await page.goto('/en/');
  const script = await page.locator('script[src^="/_astro/"]').first().getAttribute('src');
  const asset = await request.get(script!, { headers: { 'accept-encoding': 'gzip' } });
  expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(asset.headers()['content-encoding']).toBe('gzip');
});

function raw(baseURL: string, method: string, path: string): Promise<number> {
  const url = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

test('hostile paths and methods never cause a server error', async ({ baseURL }) => {
  const paths = [
    '/%E0%A4%A',
    '/../../etc/passwd',
    '/en/%00',
    `/${'a'.repeat(6000)}`,
    '/api/%ZZ',
    '/api/health/../../x',
    '//api//health',
  ];
  for (const path of paths) {
    for (const method of ['GET', 'POST', 'DELETE', 'PROPFIND']) {
      const status = await raw(baseURL!, method, path);
      expect(status, `${method} ${path}`).toBeGreaterThanOrEqual(200);
      expect(status, `${method} ${path}`).toBeLessThan(500);
    }
  }
});
