import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../functions/http/http-error.ts';
import { multipartBoundary, parseMultipart } from '../../../functions/http/read-multipart.ts';

const TYPE = 'multipart/form-data; boundary=----b0und';

function body(...parts: string[]): Buffer {
  return Buffer.from(parts.join(''), 'latin1');
}

function refused(run: () => unknown): { status: number; code: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpError) return { status: error.status, code: error.code };
    throw error;
  }
  throw new Error('not refused');
}

describe('multipart parsing', () => {
  it('reads fields and files as a browser sends them, bodies as views of the buffer', async () => {
    const form = new FormData();
    form.set('description', 'Workers are locked in at night');
    form.append('signs', 'locked-in');
    form.append('signs', 'debt');
    form.append('attachments', new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0x0d, 0x0a])]), 'a.jpg');
    form.append('attachments', new Blob([]), '');
    const request = new Request('http://x/', { method: 'POST', body: form });
    const bytes = Buffer.from(await request.arrayBuffer());
    const parts = parseMultipart(bytes, request.headers.get('content-type')!, 10);
    expect(parts.map((p) => [p.name, p.filename ?? null, p.body.toString('latin1')])).toEqual([
      ['description', null, 'Workers are locked in at night'],
      ['signs', null, 'locked-in'],
      ['signs', null, 'debt'],
      ['attachments', 'a.jpg', '\xff\xd8\xff\r\n'],
      // A file with no name (undici leaves the filename out then; browsers send filename="").
      ['attachments', null, ''],
    ]);
    expect(parts[3]!.body.buffer).toBe(bytes.buffer);
  });

  it('accepts a preamble, padding after a boundary, and an empty part', () => {
    const parts = parseMultipart(
      body(
        'preamble\r\n------b0und  \r\nContent-Disposition: form-data; name="a"\r\n\r\n',
        '\r\n------b0und\r\ncontent-disposition: form-data; name="b"\r\n\r\nx\r\n------b0und--',
      ),
      TYPE,
      10,
    );
    expect(parts.map((p) => [p.name, p.body.toString()])).toEqual([
      ['a', ''],
      ['b', 'x'],
    ]);
  });

  it('refuses bodies without a boundary, without parts, cut short or with too many parts', () => {
    const part = '------b0und\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n';
    expect(refused(() => parseMultipart(body(part), 'multipart/form-data', 10))).toEqual({
      status: 400,
      code: 'invalid-multipart',
    });
    expect(refused(() => parseMultipart(body(''), TYPE, 10)).status).toBe(400);
    expect(refused(() => parseMultipart(body('no parts at all'), TYPE, 10)).status).toBe(400);
    expect(refused(() => parseMultipart(body(part), TYPE, 10)).status).toBe(400);
    expect(
      refused(() => parseMultipart(body('------b0und\r\nContent-Disposition: form-data; name="a"'), TYPE, 10))
        .status,
    ).toBe(400);
    expect(
      refused(() => parseMultipart(body('------b0und\r\nX-Other: 1\r\n\r\nx\r\n------b0und--'), TYPE, 10))
        .status,
    ).toBe(400);
    expect(refused(() => parseMultipart(body(part.repeat(11), '------b0und--'), TYPE, 10))).toEqual({
      status: 413,
      code: 'too-many-parts',
    });
    expect(
      refused(() => parseMultipart(body('------b0und\r\n', 'X: y\r\n'.repeat(3000)), TYPE, 10)).status,
    ).toBe(400);
  });

  it('reads quoted and bare boundaries and refuses odd ones', () => {
    expect(multipartBoundary('multipart/form-data; charset=utf-8; boundary="a b;c"')).toBe('a b;c');
    expect(multipartBoundary('multipart/form-data;boundary=xyz')).toBe('xyz');
    expect(refused(() => multipartBoundary(`multipart/form-data; boundary=${'x'.repeat(71)}`)).status).toBe(
      400,
    );
    expect(refused(() => multipartBoundary('multipart/form-data; boundary=""')).status).toBe(400);
  });
});
