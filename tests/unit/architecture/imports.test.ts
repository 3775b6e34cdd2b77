/**
 * Imports go one way: the kernel (locales, UI strings, content schemas, Sanity source settings) is
 * shared by everyone and imports neither side; server capabilities in functions/ never reach into
 * the site's pages and components in src/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mjs|astro)$/.test(entry.name))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

/** Every module a file imports, resolved to a path from the repository root. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].map(
    (m) => m[1]!,
  );
  return specifiers
    .map((s) => {
      if (s.startsWith('#kernel/')) return `kernel/${s.slice('#kernel/'.length)}`;
      if (s.startsWith('.')) return path.relative(ROOT, path.resolve(ROOT, path.dirname(file), s));
      return null;
    })
    .filter((s): s is string => s !== null);
}

describe('one-way imports', () => {
  it('keeps functions/ out of src/', () => {
    const wrong = sources('functions').flatMap((file) =>
      importsOf(file)
        .filter((target) => target.startsWith('src/'))
        .map((target) => `${file} -> ${target}`),
    );
    expect(wrong).toEqual([]);
  });

  it('keeps the kernel independent of both sides', () => {
    const wrong = sources('kernel').flatMap((file) =>
      importsOf(file)
        .filter((target) => target.startsWith('src/') || target.startsWith('functions/'))
        .map((target) => `${file} -> ${target}`),
    );
    expect(wrong).toEqual([]);
  });

  it('reaches the kernel through #kernel/, never by climbing relative paths', () => {
    const climbing = [...sources('src'), ...sources('functions'), ...sources('tests')].flatMap((file) =>
      [...readFileSync(path.join(ROOT, file), 'utf8').matchAll(/['"]((?:\.\.\/)+kernel\/[^'"]+)['"]/g)].map(
        (m) => `${file}: ${m[1]}`,
      ),
    );
    expect(climbing).toEqual([]);
  });
});
