/**
 * The text of an HTML fragment as a reader reads it: tags between blocks become spaces (a heading
 * and the paragraph after it are two words, not one) and inline tags nothing, character
 * references are decoded, and runs of HTML's white space fold to one space (a no-break space
 * stays: it belongs to the text). Enough for the sanitized HTML of content bodies and of built
 * pages; not a general HTML parser.
 */
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

export function htmlText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      // Inline elements sit inside words at times (`pass<em>port</em>`); the others part them.
      .replace(/<\/?(?:a|abbr|b|bdi|bdo|code|em|i|mark|q|s|small|span|strong|sub|sup|time|u)\b[^>]*>/gi, '')
      .replace(/<[^>]*>/g, ' '),
  )
    .replace(/[ \t\n\r\f]+/g, ' ')
    .trim();
}
