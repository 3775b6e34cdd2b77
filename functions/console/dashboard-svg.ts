/**
 * Small server-rendered SVG charts for the console (no chart library, no CDN): a bar per category,
 * with the numbers written on the bars so the picture also reads without colour.
 */

export interface Bar {
  label: string;
  value: number;
  tone?: 'emergency' | 'urgent' | 'standard' | 'noise' | 'neutral';
}

const TONES = {
  emergency: '#b3261e',
  urgent: '#b26a00',
  standard: '#1f4e5f',
  noise: '#6b7280',
  neutral: '#1f4e5f',
};

const escapeXml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function barChart(
  title: string,
  bars: Bar[],
  options: { width?: number; height?: number } = {},
): string {
  const width = options.width ?? 480;
  const height = options.height ?? 200;
  const top = 24;
  const bottom = 28;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = width / Math.max(1, bars.length);
  const barWidth = Math.max(4, slot * 0.7);
  const scale = (height - top - bottom) / max;
  const body = bars
    .map((b, i) => {
      const h = Math.round(b.value * scale);
      const x = Math.round(i * slot + (slot - barWidth) / 2);
      const y = height - bottom - h;
      const label =
        bars.length <= 8 || i % 3 === 0
          ? `<text x="${x + barWidth / 2}" y="${height - 10}" text-anchor="middle" font-size="11">${escapeXml(b.label)}</text>`
          : '';
      const value =
        b.value > 0
          ? `<text x="${x + barWidth / 2}" y="${y - 4}" text-anchor="middle" font-size="11">${b.value}</text>`
          : '';
      return `<rect x="${x}" y="${y}" width="${Math.round(barWidth)}" height="${h}" fill="${TONES[b.tone ?? 'neutral']}"><title>${escapeXml(`${b.label}: ${b.value}`)}</title></rect>${value}${label}`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeXml(title)}"><title>${escapeXml(title)}</title><line x1="0" y1="${height - bottom}" x2="${width}" y2="${height - bottom}" stroke="#d0d7de"/>${body}</svg>`;
}
