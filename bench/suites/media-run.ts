/**
 * Loaded through Vite by media.ts (the server's modules use Vite's JSON and glob imports).
 * Media sent to the hotline, in process on PGlite: the webhook's answer time for a message with
 * ten media items beside a text-only message (alternated, same run), and the media job's fetch +
 * clean + encrypt + delete throughput beside the cleaner alone on the same files (the baseline:
 * what the worker pool can do at best).
 */
import sharp from 'sharp';
import { handleApi } from '../../functions/routes.ts';
import { runMediaFetches } from '../../functions/sms/media/fetch-media.ts';
import { engines } from '../../tests/helpers/databases.ts';
import { createTestDeps } from '../../tests/helpers/deps.ts';
import { GPS } from '../../tests/helpers/media-files.ts';
import { ACCOUNT_SID, inboundParams, signedRequest } from '../../tests/helpers/twilio.ts';
import { mediaParams, oggOpusVoiceNote, startMediaStandIn } from '../../tests/helpers/twilio-media.ts';
import { formatTable } from '../lib/table.ts';

const TOKEN = 'a'.repeat(32);
const ROUNDS = 150;
const FILES = 24;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** A 12-megapixel-class phone photo would take the limit; 1600 × 1200 with EXIF and GPS is typical of MMS. */
async function phonePhoto(): Promise<Buffer> {
  return sharp({
    create: {
      width: 1600,
      height: 1200,
      channels: 3,
      background: '#888',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  })
    .withExif({ IFD0: { Make: 'PhoneMaker', Model: 'X1' }, IFD3: GPS })
    .jpeg({ quality: 80 })
    .toBuffer();
}

export async function mediaBench(): Promise<string> {
  const twilio = await startMediaStandIn(TOKEN);
  const database = await engines[0]!.create();
  const deps = createTestDeps(database.db, {
    PUBLIC_BASE_URL: 'https://hotline.example.org',
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: TOKEN,
    TWILIO_FROM: 'whatsapp:+15005550006',
    TWILIO_API_BASE: twilio.url,
  });
  deps.setNow(new Date());
  try {
    // 1. Webhook answer time, text-only and ten media items, alternated.
    const times = { text: [] as number[], media: [] as number[] };
    // The first requests load the triage model and warm the database: not measured.
    const WARM_UP = 20;
    for (let i = -WARM_UP; i < ROUNDS * 2; i++) {
      const withMedia = i % 2 === 1;
      const from = `whatsapp:+97798${String(i + WARM_UP).padStart(8, '0')}`;
      const extra = withMedia
        ? (() => {
            const m = mediaParams(
              twilio.url,
              Array.from({ length: 10 }, (_, k) => (k % 2 ? 'audio/ogg' : 'image/jpeg')),
            );
            return { ...m.extra, MessageSid: m.params.messageSid };
          })()
        : {};
      const params = inboundParams(withMedia ? '' : 'my employer keeps my passport', from, extra);
      const start = performance.now();
      const response = await handleApi(signedRequest(deps, '/api/sms/inbound', params), deps);
      await response.text();
      if (i >= 0) (withMedia ? times.media : times.text).push(performance.now() - start);
    }
    for (const list of Object.values(times)) list.sort((a, b) => a - b);
    await database.db.query('delete from sms_media');

    // 2. Fetch + clean throughput on the same files, beside the cleaner alone.
    const photo = await phonePhoto();
    const voice = oggOpusVoiceNote(30 * 50); // 30 s
    const files = Array.from({ length: FILES }, (_, i) =>
      i % 2 ? { bytes: voice, type: 'audio/ogg' } : { bytes: photo, type: 'image/jpeg' },
    );
    await deps.media.clean({ bytes: photo, type: 'image/jpeg' }); // workers started before timing
    let start = performance.now();
    for (let i = 0; i < FILES; i += 4) {
      await Promise.all(
        files
          .slice(i, i + 4)
          .map((f) =>
            deps.media.clean({ bytes: f.bytes, type: f.type === 'audio/ogg' ? 'audio/ogg' : 'image/jpeg' }),
          ),
      );
    }
    const cleanerOnly = FILES / ((performance.now() - start) / 1000);
    for (let i = 0; i < FILES; i += 2) {
      const m = mediaParams(twilio.url, [files[i]!.type, files[i + 1]!.type]);
      twilio.media.set(m.params.sids[0]!, files[i]!);
      twilio.media.set(m.params.sids[1]!, files[i + 1]!);
      await handleApi(
        signedRequest(
          deps,
          '/api/sms/inbound',
          inboundParams('', `whatsapp:+44770090${String(i).padStart(4, '0')}`, {
            ...m.extra,
            MessageSid: m.params.messageSid,
          }),
        ),
        deps,
      );
    }
    start = performance.now();
    let stored = 0;
    while (stored < FILES) {
      const r = await runMediaFetches(deps, { batch: 4 });
      stored += r.stored;
      if (r.stored + r.retrying + r.refused + r.failed === 0) break;
    }
    const job = stored / ((performance.now() - start) / 1000);

    const rows = [
      [
        'webhook, text only',
        ROUNDS,
        percentile(times.text, 50).toFixed(1),
        percentile(times.text, 99).toFixed(1),
        '',
      ],
      [
        'webhook, 10 media items',
        ROUNDS,
        percentile(times.media, 50).toFixed(1),
        percentile(times.media, 99).toFixed(1),
        '',
      ],
      [
        'ratio media / text (p99)',
        '',
        '',
        (percentile(times.media, 99) / percentile(times.text, 99)).toFixed(2),
        '',
      ],
      ['cleaner alone (4 at a time)', FILES, '', '', cleanerOnly.toFixed(1)],
      ['media job: fetch, clean, encrypt, store, delete', stored, '', '', job.toFixed(1)],
      ['ratio job / cleaner alone', '', '', '', (job / cleanerOnly).toFixed(2)],
    ];
    return formatTable(
      `SMS/WhatsApp media (PGlite, in process; photos 1600×1200 JPEG ${Math.round(photo.length / 1024)} KB, voice notes 30 s Ogg Opus)`,
      ['what', 'n', 'p50 ms', 'p99 ms', 'files/s'],
      rows,
    );
  } finally {
    await deps.media.close();
    await database.dispose();
    await twilio.close();
  }
}
