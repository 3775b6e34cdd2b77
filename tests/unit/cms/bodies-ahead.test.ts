/**
 * Bodies rendered ahead on a worker thread at start must be the very HTML the main thread renders,
 * whoever renders which body, and a worker that is gone must cost nothing but time.
 */
import { describe, expect, it } from 'vitest';
import { renderBodiesAhead } from '../../../functions/cms/bodies-ahead.ts';
import { renderBody } from '../../../functions/cms/body-html.ts';

const BODIES = Array.from({ length: 120 }, (_, i) =>
  [
    `## Step ${i}: keep your passport`,
    `Nobody may keep your passport. Call **the hotline** or [read the guide](~/guides/passports-${i}/).`,
    `- a list item ${i}\n- <script>alert(${i})</script> stays out`,
    `<a href="javascript:alert(${i})">no scripts in links</a> and <img src="x" onerror="alert(1)">`,
    i % 3 === 0 ? '| a | b |\n| - | - |\n| 1 | 2 |' : `Le contrat n°${i} : « lisez-le » — 合同 ${i}`,
  ].join('\n\n'),
);

describe('bodies rendered ahead', () => {
  it('gives the HTML the main thread renders, bodies taken by the worker and by the caller alike', async () => {
    const expected = await Promise.all(BODIES.map(renderBody));
    const ahead = renderBodiesAhead([...BODIES, BODIES[0]!]);
    try {
      // Asked for at once, in order: the caller takes the first bodies, the worker the last.
      const got: string[] = [];
      for (const body of BODIES) got.push(await ahead.render(body));
      expect(got).toEqual(expected);
      expect(ahead.renderedByWorker).toBeGreaterThan(0);
      expect(ahead.renderedByWorker).toBeLessThanOrEqual(BODIES.length);
      // A body it was never given renders too, and one asked twice gives the same HTML.
      expect(await ahead.render('Just *one* line')).toBe(await renderBody('Just *one* line'));
      expect(await ahead.render(BODIES[5]!)).toBe(expected[5]);
    } finally {
      await ahead.close();
    }
  });

  it('renders on the worker every body nobody asks for', async () => {
    const ahead = renderBodiesAhead(BODIES.slice(0, 40));
    try {
      await expect.poll(() => ahead.renderedByWorker, { timeout: 30_000 }).toBe(40);
      expect(await ahead.render(BODIES[39]!)).toBe(await renderBody(BODIES[39]!));
    } finally {
      await ahead.close();
    }
  });

  it('renders on the calling thread what a closed worker had under way or never took', async () => {
    const ahead = renderBodiesAhead(BODIES);
    await ahead.close();
    const got = await Promise.all(BODIES.slice(0, 30).map((b) => ahead.render(b)));
    expect(got).toEqual(await Promise.all(BODIES.slice(0, 30).map(renderBody)));
  });
});
