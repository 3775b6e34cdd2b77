/**
 * `GET /api/console/events`: server-sent events that tell open consoles the queue changed, so
 * they refresh without a reload. Each app node watches the shared database, so an item claimed on
 * one node shows as claimed on every other node's consoles within two seconds.
 */
import type { RouteContext } from '../http/route.ts';

const POLL_MS = 2_000;
const KEEPALIVE_MS = 15_000;

export async function queueEvents(request: Request, { deps }: RouteContext): Promise<Response> {
  const encoder = new TextEncoder();
  let timer: ReturnType<typeof setInterval> | undefined;
  let last = '';
  let quiet = 0;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          clearInterval(timer);
        }
      };
      const poll = async () => {
        try {
          const [row] = await deps.db.query<{ changed: Date | null; open: number }>(
            `select max(updated_at) as changed, count(*) filter (where status <> 'closed')::int as open from queue_items`,
          );
          const version = `${row?.changed?.toISOString() ?? ''}|${row?.open ?? 0}`;
          if (version !== last) {
            last = version;
            quiet = 0;
            send(
              `event: queue\ndata: ${JSON.stringify({ open: row?.open ?? 0, changed: row?.changed ?? null })}\n\n`,
            );
          } else {
            quiet += POLL_MS;
            if (quiet >= KEEPALIVE_MS) {
              quiet = 0;
              send(': keep-alive\n\n');
            }
          }
        } catch {
          // The database will be back; the client reconnects on its own if the stream ends.
        }
      };
      send('retry: 5000\n\n');
      void poll();
      timer = setInterval(poll, POLL_MS);
      request.signal.addEventListener('abort', () => {
        clearInterval(timer);
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
    },
    cancel() {
      clearInterval(timer);
    },
  });
  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    },
  });
}
