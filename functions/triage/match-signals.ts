/**
 * Finds which lexicon signals a normalised message contains. Every lexicon is applied whatever the
 * detected language (people mix languages); the detected language only decides which ambiguous
 * negators ("no", "ko", "di") count.
 */
import {
  type CompiledFamily,
  type CompiledSignal,
  compileLexicons,
  scriptGates,
} from './compile-lexicons.ts';
import { LEXICONS, lexiconByCode } from './lexicon/index.ts';
import type { Lexicon, LexiconCode } from './lexicon/types.ts';
import { type NegationRules, negatedAfter, negatedBefore } from './negation.ts';
import { EMERGENCY_SIGNALS, type LexiconKey, URGENT_SIGNALS } from './reason-codes.ts';

export interface SignalHits {
  /** Signals present and not negated. */
  readonly found: Set<LexiconKey>;
  /** Signals present only in negated form ("not locked in"). */
  readonly negated: Set<LexiconKey>;
}

// Negation only changes the meaning of signs of danger or exploitation, of a child's presence and
// of saying one is safe ("je ne suis pas en sécurité"); "not a question" or "no thanks" are not
// worth the cost of checking.
const NEGATABLE = new Set<LexiconKey>([...EMERGENCY_SIGNALS, ...URGENT_SIGNALS, 'child', 'negated-danger']);

const ALL_KEYS = [...new Set(LEXICONS.flatMap((l) => Object.keys(l.signals) as LexiconKey[]))];
const COMPILED = new Map<LexiconKey, CompiledSignal>(
  compileLexicons(LEXICONS, ALL_KEYS, (k) => NEGATABLE.has(k)).map((s) => [s.key, s]),
);
const GATES = scriptGates(LEXICONS);
const HAS_LATIN = /[a-z0-9]/;

const GLOBAL_PRE = new Set(LEXICONS.flatMap((l) => l.negators ?? []));
const BREAKS = new Set(LEXICONS.flatMap((l) => l.clauseBreaks ?? []));
const PARTICLES = new Set(LEXICONS.flatMap((l) => l.particles ?? []));

const rulesByLanguage = new Map<LexiconCode, Map<string, NegationRules>>();

/**
 * Negation rules in a message detected as `language`, keyed by where a hit came from: a lexicon
 * that negates after the verb, or a family gate ('latin' for all the others).
 */
function negationRules(language: LexiconCode): Map<string, NegationRules> {
  let bySource = rulesByLanguage.get(language);
  if (!bySource) {
    const pre = new Set([...GLOBAL_PRE, ...(lexiconByCode(language).localNegators ?? [])]);
    const rules = (l?: Lexicon): NegationRules => ({
      pre,
      breaks: BREAKS,
      particles: PARTICLES,
      post: new Set(l?.postNegators ?? []),
      postSuffixes: l?.postNegatorSuffixes ?? [],
    });
    bySource = new Map<string, NegationRules>([
      ['latin', rules()],
      ...LEXICONS.map((l) => [l.code, rules(l)] as const),
    ]);
    rulesByLanguage.set(language, bySource);
  }
  return bySource;
}

/** The families worth running on this text: Latin when it has Latin letters, each script present. */
function activeGates(text: string): Set<string> {
  const active = new Set<string>();
  if (HAS_LATIN.test(text)) active.add('latin');
  if (/[^\p{ASCII}]/u.test(text)) {
    for (const [code, gate] of GATES) if (gate.test(text)) active.add(code);
  }
  return active;
}

function scan(
  family: CompiledFamily,
  text: string,
  rules: Map<string, NegationRules>,
): 'found' | 'negated' | null {
  if (family.inherent) {
    family.inherent.lastIndex = 0;
    if (family.inherent.test(text)) return 'found';
  }
  const regex = family.plain;
  if (!regex) return null;
  regex.lastIndex = 0;
  let sawNegated = false;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    if (m[0].length === 0) regex.lastIndex++;
    let g = 0;
    while (g < family.postGroups.length && m[g + 1] === undefined) g++;
    const r = rules.get(family.postGroups[g] ?? family.gate)!;
    if (!negatedBefore(text, m.index, r) && !negatedAfter(text, m.index + m[0].length, r)) return 'found';
    sawNegated = true;
  }
  return sawNegated ? 'negated' : null;
}

/** True when any pattern of the family occurs, negated or not. */
function occurs(family: CompiledFamily, text: string): boolean {
  for (const regex of [family.plain, family.inherent]) {
    if (!regex) continue;
    regex.lastIndex = 0;
    if (regex.test(text)) return true;
  }
  return false;
}

/** Looks for the given signals (all of them by default) in a normalised message. */
export function matchSignals(
  text: string,
  language: LexiconCode,
  keys: readonly LexiconKey[] = ALL_KEYS,
  into: SignalHits = { found: new Set(), negated: new Set() },
): SignalHits {
  const active = activeGates(text);
  const rules = negationRules(language);
  for (const key of keys) {
    const signal = COMPILED.get(key);
    if (!signal) continue;
    const negatable = NEGATABLE.has(key);
    let outcome: 'found' | 'negated' | null = null;
    for (const family of signal.families) {
      if (!active.has(family.gate)) continue;
      outcome = negatable ? (scan(family, text, rules) ?? outcome) : occurs(family, text) ? 'found' : outcome;
      if (outcome === 'found') break;
    }
    if (outcome === 'found') into.found.add(key);
    else if (outcome === 'negated') into.negated.add(key);
  }
  return into;
}

/** Removes every match of the given signals, to see what content is left around them. */
export function stripSignals(text: string, keys: readonly LexiconKey[]): string {
  const active = activeGates(text);
  let rest = text;
  for (const key of keys) {
    for (const family of COMPILED.get(key)?.families ?? []) {
      if (!active.has(family.gate)) continue;
      if (family.plain) rest = rest.replace(family.plain, ' ');
      if (family.inherent) rest = rest.replace(family.inherent, ' ');
    }
  }
  return rest;
}

/** How many times a signal's patterns occur (spam is judged by how much advertising a text holds). */
export function countSignal(text: string, key: LexiconKey): number {
  const active = activeGates(text);
  let count = 0;
  for (const family of COMPILED.get(key)?.families ?? []) {
    if (!active.has(family.gate)) continue;
    for (const regex of [family.plain, family.inherent])
      count += regex ? (text.match(regex)?.length ?? 0) : 0;
  }
  return count;
}
