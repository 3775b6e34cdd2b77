/**
 * The real server, while hostile files are cleaned: `/api/health` keeps answering quickly (the
 * audit saw it wait 9.8 s behind one 192 KiB PDF, 38 s behind a 384 KiB one), and malformed or
 * oversized multipart bodies get 4xx problems, never a 5xx or a reset connection. Uploads are
 * sent from a worker thread so that sending megabytes does not slow down the measuring thread.
 */
import { spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { type Running, startWaymark } from '../../bench/lib/servers.ts';
import {
  latenciesWhile,
  multipartBody,
  percentile,
  type Sent,
  sendInBackground,
} from '../../bench/lib/uploads.ts';
import { withBlankDatabase } from '../helpers/blank-data-folder.ts';
import { craftedPdf, pngBomb, randomWithMagic } from '../helpers/media-files.ts';

const KIB = 1024;
const MIB = 1024 * KIB;
const FIELDS = { description: 'Photo of the place where the workers sleep', locale: 'en' };
/**
 * The bound for health's p99 while a file is cleaned: 100 ms. Cleaning takes a core, so on shared
 * cores that other work keeps busy every thread slows down whatever the event loop does; the
 * control is then health beside another process that keeps one core busy for as long, and the
 * bound twice its p99. A blocked event loop (the seconds the audit measured) fails either way.
 */
const boundFor = (neighbourP99: number) => Math.max(100, 2 * neighbourP99);

function burnOneCore(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', `const t = Date.now(); while (Date.now() - t < ${ms});`]);
    child.on('exit', () => resolve());
  });
}

/** Health requests per measurement: enough that the p99 is not simply the slowest one. */
const SAMPLES = 300;
/** Measurements of one file before its p99 counts as over the bound. */
const ATTEMPTS = 2;

let server: Running;
let client = 0;
const nextClient = () => ({ 'x-forwarded-for': `10.77.${(++client >> 8) & 255}.${client & 255}` });

test.describe.configure({ mode: 'serial', timeout: 240_000 });
test.beforeAll(async () => {
  server = await startWaymark({ TRUST_PROXY: '1' }, { beforeStart: withBlankDatabase });
});
test.afterAll(async () => {
  await server?.stop();
});

interface Measured {
  readonly p99: number;
  readonly neighbourP99: number;
  readonly answers: Sent[];
  readonly requests: number;
}

/**
 * Uploads the same file again and again until health was asked often enough for a p99 to mean
 * something; after each upload, a CPU-bound neighbour for as long (at least the 100 ms that
 * latenciesWhile's 20 samples take), so that both sets of latencies see the same load from the
 * rest of the machine.
 */
async function measure(body: Uint8Array, contentType: string): Promise<Measured> {
  const health = `${server.url}/api/health`;
  const during: number[] = [];
  const neighbour: number[] = [];
  const answers: Sent[] = [];
  while (during.length < SAMPLES) {
    const sent = sendInBackground(`${server.url}/api/reports`, body, {
      'content-type': contentType,
      ...nextClient(),
    });
    during.push(...(await latenciesWhile(health, sent)));
    const answer = await sent;
    answers.push(answer);
    neighbour.push(...(await latenciesWhile(health, burnOneCore(Math.max(100, answer.ms)))));
  }
  neighbour.sort((a, b) => a - b);
  during.sort((a, b) => a - b);
  return {
    p99: percentile(during, 99),
    neighbourP99: percentile(neighbour, 99),
    answers,
    requests: during.length,
  };
}

test('health answers quickly while crafted PDFs of 384 KiB and 10 MiB are cleaned', async () => {
  for (const unit of ['/Author(', '<?xpacket begin'] as const) {
    for (const size of [384 * KIB, 10 * MIB]) {
      const { body, contentType } = multipartBody(FIELDS, [
        { name: 'scan.pdf', type: 'application/pdf', bytes: craftedPdf(unit, size) },
      ]);
      // The other test workers' browsers share the two cores and can land a burst in one window
      // and not the other: a combination over the bound is measured once more before it fails.
      // A blocked event loop is over the bound every time (the audit's stalls were seconds long).
      let measured: Measured | undefined;
      for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
        measured = await measure(body, contentType);
        test.info().annotations.push({
          type: 'health p99',
          description: `${unit} × ${size} B, attempt ${attempt}, ${measured.answers.length} upload(s): ${measured.p99.toFixed(1)} ms over ${measured.requests} requests (beside a busy neighbour ${measured.neighbourP99.toFixed(1)} ms); answered ${measured.answers.map((a) => `${a.status} ${a.code} in ${a.ms.toFixed(0)} ms`).join(', ')}`,
        });
        for (const answer of measured.answers) {
          expect(answer.status).toBe(422);
          expect(['attachment-unreadable', 'attachment-too-slow', 'attachment-too-much-memory']).toContain(
            answer.code,
          );
        }
        if (measured.p99 < boundFor(measured.neighbourP99)) break;
      }
      const { p99, neighbourP99 } = measured!;
      expect(p99, `${unit} × ${size}`).toBeLessThan(boundFor(neighbourP99));
    }
  }
});

test('malformed, oversized and crafted multipart bodies get 4xx problems, never a 5xx or a reset', async () => {
  const framed = (files: Parameters<typeof multipartBody>[1]) => multipartBody(FIELDS, files);
  const bodies: { note: string; body: Uint8Array; type?: string; chunked?: boolean }[] = [
    { note: 'no boundary', type: 'multipart/form-data', body: Buffer.from('--b\r\n\r\nx') },
    { note: 'no parts', type: 'multipart/form-data; boundary=b', body: Buffer.from('--b--\r\n') },
    {
      note: 'a part cut short',
      type: 'multipart/form-data; boundary=b',
      body: Buffer.from(
        '--b\r\nContent-Disposition: form-data; name="attachments"\r\n\r\n\xff\xd8\xff',
        'latin1',
      ),
    },
    { note: 'no content type', body: Buffer.from('description=hello&locale=en') },
    { note: '13 MiB declared', type: 'multipart/form-data; boundary=b', body: Buffer.alloc(13 * MIB, 'a') },
    {
      note: '13 MiB streamed',
      type: 'multipart/form-data; boundary=b',
      body: Buffer.alloc(13 * MIB, 'a'),
      chunked: true,
    },
    {
      note: '30 MiB streamed',
      type: 'multipart/form-data; boundary=b',
      body: Buffer.alloc(30 * MIB, 'a'),
      chunked: true,
    },
    ...(
      [
        ['PNG bomb', 'image/png', pngBomb(30_000, 30_000)],
        ['random JPEG', 'image/jpeg', randomWithMagic('jpeg', MIB)],
        ['random WebP', 'image/webp', randomWithMagic('webp', MIB)],
        ['random PDF', 'application/pdf', randomWithMagic('pdf', MIB)],
      ] as const
    ).map(([note, type, bytes]) => {
      const { body, contentType } = framed([{ name: 'file', type, bytes }]);
      return { note, body, type: contentType };
    }),
  ];
  const failures: string[] = [];
  for (const path of ['/api/reports', '/en/report/sent/']) {
    for (const { note, body, type, chunked } of bodies) {
      const answer = await sendInBackground(
        `${server.url}${path}`,
        body,
        { ...(type ? { 'content-type': type } : {}), ...nextClient() },
        { chunked },
      );
      if (answer.status === 0 || answer.status >= 500 || answer.status < 400) {
        failures.push(`${path} ${note}: ${answer.status} ${answer.error ?? ''}`);
      }
    }
  }
  expect(failures).toEqual([]);
  expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
});
