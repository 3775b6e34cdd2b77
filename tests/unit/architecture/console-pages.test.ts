/**
 * Console pages have one front door: every `.astro` page under src/pages/console is in the page
 * table (functions/console/pages.ts) and every table entry has its page, and the pages only render
 * what their `load` returned: no SQL, no permission decisions, no server dependencies, and nothing
 * from functions/ but types.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consolePages } from '../../../functions/console/pages.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const PAGES = path.join(ROOT, 'src/pages/console');

const files = readdirSync(PAGES, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.astro'))
  .map((entry) => path.relative(PAGES, path.join(entry.parentPath, entry.name)));

/** `items/[id]/refer.astro` -> `/console/items/:id/refer`; `index.astro` -> `/console/`. */
const routeOf = (file: string) =>
  `/console/${file
    .replace(/\.astro$/, '')
    .replace(/(^|\/)index$/, '')
    .replace(/\[([^\]]+)\]/g, ':$1')}`.replace(/\/$/, '/');

const frontmatter = (file: string) => readFileSync(path.join(PAGES, file), 'utf8').split('---')[1] ?? '';

describe('console pages', () => {
  it('has a table entry for every page file and a page file for every entry', () => {
    const fromFiles = files.map(routeOf).sort();
    const fromTable = consolePages.map((p) => p.path).sort();
    expect(fromFiles).toEqual(fromTable);
  });

  it.each(files)('%s only renders what its load returned', (file) => {
    const code = frontmatter(file);
    expect(code, 'no SQL').not.toMatch(/\b(select|insert|update|delete)\b[^'"`]*\b(from|into|set|where)\b/i);
    expect(code, 'no permission calls').not.toMatch(/\bcan\(|authorize|guardPage|currentSession/);
    expect(code, 'no server dependencies').not.toMatch(/\bdeps\b|locals\.deps/);
    const valueImports = [...code.matchAll(/^import\s+(?!type\b)[^;]*from\s+['"]([^'"]+)['"]/gm)]
      .map((m) => m[1]!)
      .filter((s) => s.includes('functions/'));
    expect(valueImports, 'only types from functions/').toEqual([]);
  });
});
