/**
 * What cleaning attachments costs, through the whole server: a report with a typical phone photo
 * (12 MP, about 2 MB, EXIF with GPS) or a 1 MB PDF beside the same report without a file; and
 * `/api/health` latency while a hostile 10 MiB PDF is being cleaned beside the same at rest and
 * beside the same while another process keeps one core busy (what a CPU-bound neighbour costs on
 * shared cores, however well the event loop is kept free).
 * Uploads go from a worker thread, so that sending them does not slow the measuring thread.
 */
import { spawn } from 'node:child_process';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { createMediaCleaner } from '../../functions/media/media-cleaner.ts';
import type { MediaType } from '../../functions/media/sniff-media-type.ts';
import { craftedPdf, photo as tinyPhoto } from '../../tests/helpers/media-files.ts';
import { type Running, startWaymark } from '../lib/servers.ts';
import { formatTable } from '../lib/table.ts';
import {
  type FileToSend,
  latenciesWhile,
  multipartBody,
  percentile,
  sendInBackground,
} from '../lib/uploads.ts';

const FIELDS = {
  description: 'Benchmark report: the agency kept our passports and we owe a debt',
  locale: 'en',
};
const HEALTH_SAMPLES = 300;

/** 4032 × 3024 of smooth noise, as a phone writes it (quality 92, EXIF with GPS, turned sideways). */
async function phonePhoto(): Promise<Buffer> {
  const width = 4032;
  const height = 3024;
  const pixels = await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 22 },
    },
  })
    .blur(1.4)
    .raw()
    .toBuffer();
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Bench-12MP' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '27/1 42/1 3/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '85/1 19/1 6/1',
      },
    })
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 92 })
    .toBuffer();
}

/** Six pages of text and a scanned photo: about 1 MB. */
async function scannedPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setAuthor('Bench Author');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const scan = await sharp({
    create: {
      width: 1700,
      height: 2200,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 200, sigma: 40 },
    },
  })
    .blur(0.6)
    .jpeg({ quality: 80 })
    .toBuffer();
  const image = await doc.embedJpg(scan);
  for (let n = 0; n < 6; n++) {
    const page = doc.addPage([595, 842]);
    if (n === 0) page.drawImage(image, { x: 40, y: 100, width: 515, height: 666 });
    for (let line = 0; line < 40; line++) {
      page.drawText(`Line ${line}: wages withheld, passports kept, debts for travel and housing`, {
        x: 40,
        y: 800 - line * 18,
        size: 10,
        font,
      });
    }
  }
  return Buffer.from(await doc.save());
}

function burnOneCore(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', `const t = Date.now(); while (Date.now() - t < ${ms});`]);
    child.on('exit', () => resolve());
  });
}

let client = 0;
function send(server: Running, files: FileToSend[]) {
  const { body, contentType } = multipartBody(FIELDS, files);
  client += 1;
  return sendInBackground(`${server.url}/api/reports`, body, {
    'content-type': contentType,
    'x-forwarded-for': `10.66.${(client >> 8) & 255}.${client & 255}`,
  });
}

async function timeReports(server: Running, files: FileToSend[], times: number) {
  const ms: number[] = [];
  let failed = 0;
  for (let i = 0; i < times; i++) {
    const sent = await send(server, files);
    if (sent.status !== 201) failed += 1;
    ms.push(sent.ms);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p99: percentile(ms, 99), failed };
}

/** The pool alone, in this process: the time to clean, without HTTP, encryption or storage. */
async function timeCleaning(files: [string, MediaType, Buffer][], times: number) {
  const cleaner = createMediaCleaner();
  const rows: (string | number)[][] = [];
  try {
    await cleaner.clean({ bytes: files[0]![2], type: files[0]![1] });
    for (const [name, type, bytes] of files) {
      const ms: number[] = [];
      let refused = 0;
      for (let i = 0; i < times; i++) {
        const started = performance.now();
        const result = await cleaner.clean({ bytes, type });
        ms.push(performance.now() - started);
        if (!result.ok) refused += 1;
      }
      ms.sort((a, b) => a - b);
      rows.push([name, times, percentile(ms, 50).toFixed(1), percentile(ms, 99).toFixed(1), refused]);
    }
  } finally {
    await cleaner.close();
  }
  return rows;
}

export async function attachmentsBench(seconds: number): Promise<string> {
  const photo = await phonePhoto();
  const pdf = await scannedPdf();
  const hostile = craftedPdf('/Author(', 10 * 1024 * 1024);
  const times = Math.max(5, seconds * 2);
  const cleaning = await timeCleaning(
    [
      ['48 × 32 JPEG (baseline: the round trip to a worker)', 'image/jpeg', await tinyPhoto('jpeg')],
      [`phone JPEG, 12 MP, ${(photo.length / 1e6).toFixed(1)} MB`, 'image/jpeg', photo],
      [`PDF, 6 pages, ${(pdf.length / 1e6).toFixed(1)} MB`, 'application/pdf', pdf],
    ],
    times,
  );
  const server = await startWaymark({ TRUST_PROXY: '1' });
  const reports: (string | number)[][] = [];
  const health: (string | number)[][] = [];
  try {
    // One report of each kind first, so that the worker has started and nothing is measured cold.
    await send(server, [{ name: 'warm.jpg', type: 'image/jpeg', bytes: photo }]);
    const rows: [string, FileToSend[]][] = [
      ['report without a file (baseline)', []],
      [
        `report + phone JPEG, 12 MP, ${(photo.length / 1e6).toFixed(1)} MB`,
        [{ name: 'IMG.jpg', type: 'image/jpeg', bytes: photo }],
      ],
      [
        `report + PDF, 6 pages, ${(pdf.length / 1e6).toFixed(1)} MB`,
        [{ name: 'scan.pdf', type: 'application/pdf', bytes: pdf }],
      ],
    ];
    for (const [name, files] of rows) {
      const r = await timeReports(server, files, times);
      reports.push([name, times, r.p50.toFixed(1), r.p99.toFixed(1), r.failed]);
    }

    const healthUrl = `${server.url}/api/health`;
    const rest = await latenciesWhile(healthUrl, Promise.resolve(), 5, HEALTH_SAMPLES);
    health.push([
      'at rest (baseline)',
      rest.length,
      percentile(rest, 50).toFixed(1),
      percentile(rest, 99).toFixed(1),
      '',
    ]);
    // What any CPU-bound neighbour costs on the same cores: another process busy for 3 s.
    const busy: number[] = [];
    while (busy.length < HEALTH_SAMPLES) busy.push(...(await latenciesWhile(healthUrl, burnOneCore(3000))));
    busy.sort((a, b) => a - b);
    health.push([
      'while another process keeps one core busy',
      busy.length,
      percentile(busy, 50).toFixed(1),
      percentile(busy, 99).toFixed(1),
      '',
    ]);
    const during: number[] = [];
    const answers = new Set<string>();
    while (during.length < HEALTH_SAMPLES) {
      const sent = send(server, [{ name: 'hostile.pdf', type: 'application/pdf', bytes: hostile }]);
      during.push(...(await latenciesWhile(healthUrl, sent)));
      const answer = await sent;
      answers.add(`${answer.status} ${answer.code} (${(answer.ms / 1000).toFixed(1)} s)`);
    }
    during.sort((a, b) => a - b);
    health.push([
      'while a hostile 10 MiB PDF is cleaned',
      during.length,
      percentile(during, 50).toFixed(1),
      percentile(during, 99).toFixed(1),
      [...answers].join(', '),
    ]);
  } finally {
    await server.stop();
  }
  return (
    formatTable(
      'Cleaning alone, in a worker of the pool',
      ['file', 'n', 'p50 ms', 'p99 ms', 'refused'],
      cleaning,
    ) +
    formatTable(
      `Reports with attachments, one at a time (PGlite)`,
      ['request', 'n', 'p50 ms', 'p99 ms', 'non-201'],
      reports,
    ) +
    formatTable(
      'GET /api/health, one request every 5 ms',
      ['while', 'requests', 'p50 ms', 'p99 ms', 'upload answered'],
      health,
    )
  );
}
