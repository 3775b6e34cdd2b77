/**
 * `GET /api/console/events`: server-sent events that tell open consoles the queue changed, so
 * they refresh without a reload. Each app node watches the shared database, so an item claimed on
 * one node shows as claimed on every other node's consoles within two seconds.
 *
 * A stream is only as good as the session that opened it: every poll checks the session again
 * (expired, signed out, revoked, deactivated, or a role without the permission) and ends the stream
 * with an `ended` event when it no longer holds. Polls do not count as activity, so a console left
 * alone signs out after the idle timeout even with its stream open. Streams are capped per session
 * and per node.
 */
import { z } from 'zod';
import { HttpError } from '../http/http-error.ts';
import type { RouteContext } from '../http/route.ts';
import { stillAuthorized } from '../staff/authorize.ts';
import { StreamSlots } from './stream-slots.ts';

/** How often a stream checks its session and the queue, unless deps say otherwise (tests). */
const POLL_MS = 2_000;
const KEEPALIVE_MS = 15_000;
export const STREAMS_PER_SESSION = 3;
export const STREAMS_PER_NODE = 200;

const slots = new StreamSlots(STREAMS_PER_SESSION, STREAMS_PER_NODE);

const HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-store',
  'x-accel-buffering': 'no',
};

export async function queueEvents(request: Request, { deps, session }: RouteContext): Promise<Response> {
  // Nobody reads a HEAD response's body: open no stream that would then poll unread.
  if (request.method === 'HEAD') return new Response(null, { headers: HEADERS });
  const release = slots.take(session!.idHash.toString('hex'));
  if (!release) {
    throw new HttpError(
      429,
      'too-many-streams',
      `At most ${STREAMS_PER_SESSION} live update streams per session: close another console tab.`,
    );
  }
  // An open item's page asks to hear when that item changes (a new message, a claim).
  const asked = new URL(request.url).searchParams.get('item') ?? '';
  const watched = z.uuid().safeParse(asked).success ? asked : null;
  const pollMs = deps.liveUpdatePollMs ?? POLL_MS;
  const encoder = new TextEncoder();
  let timer: ReturnType<typeof setInterval> | undefined;
  let last = '';
  let quiet = 0;
  let busy = false;
  let finished = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const finish = () => {
        if (finished) return;
        finished = true;
        clearInterval(timer);
        release();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          finish();
        }
      };
      const poll = async () => {
        if (busy || finished) return;
        busy = true;
        try {
          if (!(await stillAuthorized(request, deps, 'queue:read'))) {
            // The page reloads on this, and lands on the sign-in page if that is where it belongs.
            send('event: ended\ndata: {}\n\n');
            finish();
            return;
          }
          const [row] = await deps.db.query<{
            changed: Date | null;
            open: number;
            emergencies: number;
            item: Date | null;
          }>(
            `select max(updated_at) as changed, count(*) filter (where status <> 'closed')::int as open,
                    count(*) filter (where status = 'waiting' and priority = 'emergency')::int as emergencies,
                    max(updated_at) filter (where id = $1) as item
             from queue_items`,
            [watched],
          );
          const version = `${row?.changed?.toISOString() ?? ''}|${row?.open ?? 0}`;
          if (version !== last) {
            last = version;
            quiet = 0;
            // Counts and times only: never what an item says, so a notification built from it
            // carries no content.
            send(
              `event: queue\ndata: ${JSON.stringify({
                open: row?.open ?? 0,
                emergencies: row?.emergencies ?? 0,
                changed: row?.changed ?? null,
                item: row?.item ?? null,
              })}\n\n`,
            );
          } else {
            quiet += pollMs;
            if (quiet >= KEEPALIVE_MS) {
              quiet = 0;
              send(': keep-alive\n\n');
            }
          }
        } catch {
          // The session cannot be checked (database down): end the stream rather than trust it. The
          // browser reconnects by itself, and the router checks the session again.
          finish();
        } finally {
          busy = false;
        }
      };
      send('retry: 5000\n\n');
      void poll();
      timer = setInterval(poll, pollMs);
      request.signal.addEventListener('abort', finish);
    },
    cancel() {
      finished = true;
      clearInterval(timer);
      release();
    },
  });
  return new Response(stream, { headers: HEADERS });
}
