/**
 * The worker of functions/cms/bodies-ahead.ts: renders the batches of Markdown bodies it is sent
 * and answers each with their HTML, in order.
 */
import { parentPort } from 'node:worker_threads';
import { renderBody } from './body-html.ts';

export type BodyBatch = { id: number; bodies: string[] };
export type BodyBatchResult = { id: number; html: string[] } | { id: number; error: string };

const port = parentPort;
if (port) {
  port.on('message', (batch: BodyBatch) => {
    Promise.all(batch.bodies.map(renderBody)).then(
      (html) => port.postMessage({ id: batch.id, html } satisfies BodyBatchResult),
      (error: unknown) =>
        port.postMessage({
          id: batch.id,
          error: (error as Error).message ?? String(error),
        } satisfies BodyBatchResult),
    );
  });
}
