/**
 * Compresses dynamic text responses with brotli or gzip, as the client accepts. Small bodies are
 * left alone (compression would cost more than it saves) and event streams are never buffered.
 */
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { brotliCompressSync, constants, createBrotliCompress, createGzip, gzipSync } from 'node:zlib';
import { isCompressible, pickEncoding } from '../server/content-types.ts';

const MIN_BYTES = 1024;
const BROTLI_DYNAMIC = { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } };

export async function compressResponse(request: Request, response: Response): Promise<Response> {
  if (!response.body || response.headers.has('content-encoding')) return response;
  const type = response.headers.get('content-type');
  if (!isCompressible(type)) return response;
  const encoding = pickEncoding(request.headers.get('accept-encoding'));
  const headers = new Headers(response.headers);
  headers.append('vary', 'accept-encoding');
  if (!encoding) return new Response(response.body, { status: response.status, headers });
  headers.set('content-encoding', encoding);
  headers.delete('content-length');

  if (type?.includes('json')) {
    // API answers are small and complete: compress in one go, or not at all.
    const data = Buffer.from(await response.arrayBuffer());
    if (data.length < MIN_BYTES) {
      headers.delete('content-encoding');
      return new Response(data, { status: response.status, headers });
    }
    const body = encoding === 'br' ? brotliCompressSync(data, BROTLI_DYNAMIC) : gzipSync(data);
    return new Response(body, { status: response.status, headers });
  }
  const compressor = encoding === 'br' ? createBrotliCompress(BROTLI_DYNAMIC) : createGzip();
  const source = Readable.fromWeb(response.body as unknown as NodeReadableStream<Uint8Array>);
  const stream = Readable.toWeb(source.pipe(compressor)) as unknown as ReadableStream<Uint8Array>;
  return new Response(stream, { status: response.status, headers });
}
