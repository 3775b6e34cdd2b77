/** Every lexicon the engine applies, and the lookup the language detector's results map onto. */
import { ar } from './ar.ts';
import { arLatn } from './ar-latn.ts';
import { bn } from './bn.ts';
import { bnLatn } from './bn-latn.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { id } from './id.ts';
import { ne } from './ne.ts';
import { ro } from './ro.ts';
import { ru } from './ru.ts';
import { tl } from './tl.ts';
import type { Lexicon, LexiconCode } from './types.ts';
import { vi } from './vi.ts';
import { zh } from './zh.ts';

export const LEXICONS: readonly Lexicon[] = [en, fr, es, ro, vi, tl, id, arLatn, bnLatn, ar, bn, ne, ru, zh];

const byCode = new Map<LexiconCode, Lexicon>(LEXICONS.map((l) => [l.code, l]));

export function lexiconByCode(code: LexiconCode): Lexicon {
  return byCode.get(code)!;
}
