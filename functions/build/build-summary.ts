/**
 * Reads `astro build`'s output line by line and keeps what a person wants to know: which stage it
 * is in, how many pages are written, and what the post-build steps reported (search index,
 * precompression). Everything else is noise for a reader, but kept by the build command.
 */

// Astro colours its output unless told not to; a colour code must not hide a page line.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const PAGE = /^\S*\s+[├└]─ \S/;
const STAGES: [RegExp, string][] = [
  [/Syncing content/, 'reading content'],
  [/Building server entrypoints/, 'compiling'],
  [/prerendering static routes|generating static routes/, 'writing pages'],
  [/search index/, 'indexing for search'],
  [/precompress/, 'compressing'],
];

export interface BuildSummary {
  read(line: string): void;
  progressLine(): string;
  report(seconds: number): string[];
}

export function summariseBuild(): BuildSummary {
  let stage = 'starting';
  let pages = 0;
  const notes: string[] = [];
  const warnings: string[] = [];
  return {
    read(raw) {
      const line = raw.replace(ANSI, '');
      if (PAGE.test(line)) {
        pages++;
        return;
      }
      for (const [pattern, name] of STAGES) if (pattern.test(line)) stage = name;
      const note = /\[waymark:post-build\]\s+(.*)$/.exec(line);
      if (note?.[1]) notes.push(note[1].trim());
      if (/\[WARN\]|\bwarn(ing)?\b/i.test(line) && !/Enabling sessions/.test(line))
        warnings.push(line.trim());
    },
    progressLine() {
      return stage === 'writing pages' ? `writing pages: ${pages}` : `${stage}...`;
    },
    report(seconds) {
      return [
        `Built ${pages.toLocaleString('en')} pages in ${seconds.toFixed(1)} s.`,
        ...notes.map((n) => `${n.charAt(0).toUpperCase()}${n.slice(1)}.`),
        ...(warnings.length > 0
          ? [`${warnings.length} warning(s); the first: ${warnings[0]!.slice(0, 200)}`]
          : []),
      ];
    },
  };
}
