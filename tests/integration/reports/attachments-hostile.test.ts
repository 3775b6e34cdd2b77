/**
 * Hostile attachments and bodies on `POST /api/reports`: an encrypted PDF, crafted files of every
 * type, a full cleaning queue and bodies larger than the limit each get a 4xx (or 503) problem,
 * and the server keeps answering. (What a stored attachment keeps: attachments.test.ts.)
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMediaCleaner } from '../../../functions/media/media-cleaner.ts';
import { handleApi } from '../../../functions/routes.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';
import {
  craftedPdf,
  encryptedPdf,
  pdfWithEverything,
  photo,
  pngBomb,
  randomWithMagic,
  truncated,
} from '../../helpers/media-files.ts';
import { CLIENT } from '../../helpers/report-client.ts';
import { multipart, problemOf } from '../../helpers/report-uploads.ts';

describe('hostile attachments and bodies', () => {
  const [engine] = engines;
  let t: TestDatabase;
  let deps: TestDeps;
  beforeEach(async () => {
    t = await engine!.create();
    deps = createTestDeps(t.db);
  });
  afterEach(async () => {
    await deps.media.close();
    await t.dispose();
  });

  async function health() {
    return handleApi(new Request('http://test/api/health'), deps, CLIENT);
  }

  it('answers an encrypted PDF with a problem in the reporter’s language', async () => {
    const response = await multipart(
      deps,
      [{ name: 'locked.pdf', type: 'application/pdf', bytes: encryptedPdf() }],
      'fr',
    );
    expect(response.status).toBe(422);
    const problem = await problemOf(response);
    expect(problem.code).toBe('attachment-encrypted');
    expect(problem.errors).toEqual([
      { field: 'attachments', message: expect.stringContaining('protégé par un mot de passe') },
    ]);
  });

  it('refuses hostile files of every type with a 4xx problem and keeps answering', async () => {
    const jpeg = await photo('jpeg', { width: 400, height: 300 });
    const png = await photo('png', { width: 400, height: 300 });
    const webp = await photo('webp', { width: 400, height: 300 });
    const hostile: [string, string, Buffer, string][] = [
      ['truncated JPEG', 'image/jpeg', truncated(jpeg), 'attachment-unreadable'],
      ['truncated PNG', 'image/png', truncated(png), 'attachment-unreadable'],
      ['truncated WebP', 'image/webp', truncated(webp), 'attachment-unreadable'],
      ['truncated PDF', 'application/pdf', truncated(await pdfWithEverything()), 'attachment-unreadable'],
      ['PNG declaring 20000 × 20000 pixels', 'image/png', pngBomb(20_000, 20_000), 'attachment-too-large'],
      ['random bytes after a JPEG signature', 'image/jpeg', randomWithMagic('jpeg'), 'attachment-unreadable'],
      ['random bytes after a PNG signature', 'image/png', randomWithMagic('png'), 'attachment-unreadable'],
      ['random bytes after a WebP signature', 'image/webp', randomWithMagic('webp'), 'attachment-unreadable'],
      [
        'random bytes after a PDF signature',
        'application/pdf',
        randomWithMagic('pdf'),
        'attachment-unreadable',
      ],
      [
        'PDF of repeated /Author(',
        'application/pdf',
        craftedPdf('/Author(', 384 * 1024),
        'attachment-unreadable',
      ],
    ];
    for (const [name, type, bytes, code] of hostile) {
      const response = await multipart(deps, [{ name: 'file', type, bytes }]);
      expect(response.status, name).toBeGreaterThanOrEqual(400);
      expect(response.status, name).toBeLessThan(500);
      expect((await problemOf(response)).code, name).toBe(code);
      expect((await health()).status).toBe(200);
    }
    const [files] = await t.db.query<{ n: number }>('select count(*)::int as n from report_attachments');
    expect(files!.n).toBe(0);
  });

  it('turns uploads away with 503 and Retry-After while the cleaning queue is full', async () => {
    await deps.media.close();
    deps = { ...deps, media: createMediaCleaner({ queueLimit: 0 }) };
    const response = await multipart(
      deps,
      [{ name: 'a.jpg', type: 'image/jpeg', bytes: await photo('jpeg') }],
      'es',
    );
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('60');
    const problem = await problemOf(response);
    expect(problem.code).toBe('attachments-busy');
    expect(problem.errors?.[0]?.message).toContain('Espere un minuto');
  });

  function post(body: BodyInit, headers: Record<string, string>) {
    return handleApi(
      new Request('http://test/api/reports', {
        method: 'POST',
        body,
        headers,
        duplex: 'half',
      } as RequestInit),
      deps,
      CLIENT,
    );
  }

  it.each([
    ['no boundary', { 'content-type': 'multipart/form-data' }, '--x\r\n\r\n', 400],
    ['no parts', { 'content-type': 'multipart/form-data; boundary=x' }, '', 400],
    [
      'a part cut short',
      { 'content-type': 'multipart/form-data; boundary=x' },
      '--x\r\nContent-Disposition: form-data; name="attachments"; filename="a.jpg"\r\n\r\n\xff\xd8\xff',
      400,
    ],
    [
      'too many parts',
      { 'content-type': 'multipart/form-data; boundary=x' },
      `${'--x\r\nContent-Disposition: form-data; name="signs"\r\n\r\ndebt\r\n'.repeat(101)}--x--\r\n`,
      413,
    ],
    ['no content type', {}, 'description=hello', 415],
  ] as const)(
    'answers a multipart body with %s with a problem, not an error',
    async (_name, headers, body, status) => {
      const response = await post(Buffer.from(body, 'latin1'), headers);
      expect(response.status).toBe(status);
      await problemOf(response);
    },
  );

  it('answers a streamed body larger than the limit with 413, whatever Content-Length said', async () => {
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent > 20) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const response = await post(stream, { 'content-type': 'multipart/form-data; boundary=x' });
    expect(response.status).toBe(413);
    expect((await problemOf(response)).code).toBe('body-too-large');
  });
});
