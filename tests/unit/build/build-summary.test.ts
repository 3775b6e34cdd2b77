import { describe, expect, it } from 'vitest';
import { summariseBuild } from '../../../functions/build/build-summary.ts';

describe('build summary', () => {
  it('counts the pages Astro writes, coloured or not, and keeps the post-build notes', () => {
    const summary = summariseBuild();
    summary.read('15:07:36 [build] Collecting build info...');
    summary.read('15:07:40 [build] Building server entrypoints...');
    expect(summary.progressLine()).toBe('compiling...');
    summary.read(' prerendering static routes ');
    summary.read('\u001b[2m15:08:00\u001b[22m   \u001b[34m├─\u001b[39m /404.html (+1.01s)');
    summary.read('15:08:03   ├─ /en/index.html (+137ms)');
    summary.read('15:08:03   └─ /ro/index.html (+2ms)');
    expect(summary.progressLine()).toBe('writing pages: 3');
    summary.read('15:08:09 [waymark:post-build] search index: 423 pages');
    summary.read('15:08:20 [waymark:post-build] precompressed 449 files (brotli + gzip)');
    expect(summary.report(19.44)).toEqual([
      'Built 3 pages in 19.4 s.',
      'Search index: 423 pages.',
      'Precompressed 449 files (brotli + gzip).',
    ]);
  });

  it('mentions warnings without repeating them all', () => {
    const summary = summariseBuild();
    summary.read('12:00:00 [@astrojs/node] Enabling sessions with filesystem storage');
    summary.read('12:00:01 [WARN] [router] a route is shadowed');
    summary.read('12:00:02 [WARN] [router] another route is shadowed');
    const report = summary.report(1);
    expect(report).toHaveLength(2);
    expect(report[1]).toMatch(/^2 warning\(s\); the first: .*a route is shadowed/);
  });
});
