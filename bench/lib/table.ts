/** Prints benchmark rows as a Markdown table, so the output can be pasted into notes as it is. */

export type Cell = string | number;

export function formatTable(title: string, header: string[], rows: Cell[][]): string {
  const show = (c: Cell) => (typeof c === 'number' ? (Number.isInteger(c) ? String(c) : c.toFixed(1)) : c);
  const lines = [header, header.map(() => '---'), ...rows.map((r) => r.map(show))];
  return `\n### ${title}\n\n${lines.map((l) => `| ${l.join(' | ')} |`).join('\n')}\n`;
}
