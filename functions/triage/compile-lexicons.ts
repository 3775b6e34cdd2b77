/**
 * Turns the per-language lexicons into a few regular expressions per signal and script family, so
 * a message is scanned about forty times instead of once per language and signal. Self-negating
 * patterns are kept apart from those whose hits must be checked for negation.
 */
import type { Lexicon, LexiconCode } from './lexicon/types.ts';
import { normalizePattern } from './normalize.ts';
import type { LexiconKey } from './reason-codes.ts';

export interface CompiledFamily {
  /** 'latin', or the code of the native-script lexicon whose script must be present. */
  readonly gate: string;
  /** Patterns that carry their own negation ("won't let me out"): a hit counts as it is. */
  readonly inherent: RegExp | null;
  /**
   * Patterns whose hits are checked for negation. Lexicons that negate after the verb get a
   * capturing group each, listed in `postGroups`, so the matcher knows whose rules apply.
   */
  readonly plain: RegExp | null;
  readonly postGroups: readonly LexiconCode[];
}

export interface CompiledSignal {
  readonly key: LexiconKey;
  readonly families: readonly CompiledFamily[];
}

/** Per native lexicon, a test for its script: texts without it skip its patterns. */
export function scriptGates(lexicons: readonly Lexicon[]): Map<string, RegExp> {
  const gates = new Map<string, RegExp>();
  for (const l of lexicons) if (l.scriptRange) gates.set(l.code, new RegExp(`[${l.scriptRange}]`));
  return gates;
}

// In native scripts a word is anything between spaces and clause punctuation.
const NATIVE_WORD_CHAR = '[^\\s.,;:!?]';
const NATIVE_EDGE = '(?:(?<![^\\s.,;:!?])|(?![^\\s.,;:!?]))';

/** Rewrites `(` into `(?:` outside escapes and character classes, keeping group numbers ours. */
export function nonCapturing(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      out += c + (source[i + 1] ?? '');
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(' && source[i + 1] !== '?') {
      out += '(?:';
      continue;
    }
    out += c;
  }
  return out;
}

function prepare(pattern: string, script: Lexicon['script']): string {
  let source = nonCapturing(normalizePattern(pattern));
  if (script === 'native') source = source.replace(/\\w/g, NATIVE_WORD_CHAR).replace(/\\b/g, NATIVE_EDGE);
  // Validate each pattern alone so a typo names its pattern rather than breaking a whole signal.
  new RegExp(source);
  return source;
}

function anchored(parts: string[], gate: string): RegExp | null {
  if (parts.length === 0) return null;
  // Latin text is ASCII after normalisation, so one word-start anchor serves every pattern and lets
  // the engine skip positions inside words cheaply.
  const source = gate === 'latin' ? `\\b(?:${parts.join('|')})` : parts.join('|');
  return new RegExp(source, 'g');
}

function compileFamily(
  lexicons: readonly Lexicon[],
  key: LexiconKey,
  gate: string,
  negatable: boolean,
): CompiledFamily | null {
  const inherent: string[] = [];
  const grouped: string[] = [];
  const ungrouped: string[] = [];
  const postGroups: LexiconCode[] = [];
  for (const lexicon of lexicons) {
    const patterns = lexicon.signals[key] ?? [];
    const own = patterns
      .filter((p) => negatable && p.startsWith('!'))
      .map((p) => prepare(p.slice(1), lexicon.script));
    const checked = patterns
      .filter((p) => !negatable || !p.startsWith('!'))
      .map((p) => prepare(p.replace(/^!/, ''), lexicon.script));
    inherent.push(...own);
    if (checked.length === 0) continue;
    if (negatable && (lexicon.postNegators?.length || lexicon.postNegatorSuffixes?.length)) {
      grouped.push(`(${checked.join('|')})`);
      postGroups.push(lexicon.code);
    } else {
      ungrouped.push(...checked);
    }
  }
  if (inherent.length === 0 && grouped.length === 0 && ungrouped.length === 0) return null;
  return {
    gate,
    inherent: anchored(inherent, gate),
    plain: anchored([...grouped, ...ungrouped], gate),
    postGroups,
  };
}

/**
 * One family for all Latin-script lexicons (mixed-language messages are common), one per native
 * lexicon (a message only pays for the scripts it contains).
 */
export function compileLexicons(
  lexicons: readonly Lexicon[],
  keys: readonly LexiconKey[],
  negatable: (key: LexiconKey) => boolean,
): CompiledSignal[] {
  const latin = lexicons.filter((l) => l.script === 'latin');
  const native = lexicons.filter((l) => l.script === 'native');
  return keys.map((key) => {
    const n = negatable(key);
    return {
      key,
      families: [
        compileFamily(latin, key, 'latin', n),
        ...native.map((l) => compileFamily([l], key, l.code, n)),
      ].filter((f): f is CompiledFamily => f !== null),
    };
  });
}
