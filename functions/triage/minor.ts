/**
 * Finds ages under 18 stated in a message ("a 12 year old boy", "de 15 años", "১৪ বছরের",
 * "14岁"). Child words ("child", "niño", "শিশু") are lexicon signals; this module handles numbers,
 * which need a comparison a pattern cannot express. Durations ("for 15 years") are not ages, so
 * each pattern requires an age construction, not just a number next to "years".
 */
import { normalizePattern } from './normalize.ts';

const WRITTEN_AGES: Record<string, number> = {
  // Small numbers and Spanish "once" (11) are left out: "my son once…", "a girl one day…".
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  diez: 10,
  doce: 12,
  trece: 13,
  catorce: 14,
  quince: 15,
  dieciseis: 16,
  diecisiete: 17,
  dix: 10,
  onze: 11,
  douze: 12,
  treize: 13,
  quatorze: 14,
  quinze: 15,
  seize: 16,
  'dix sept': 17,
};

// Keys as the normaliser writes them ("thirteen" → "thirten"), so a matched word can be looked up.
const NUMBER_WORDS: Record<string, number> = Object.fromEntries(
  Object.entries(WRITTEN_AGES).map(([word, n]) => [normalizePattern(word), n]),
);
const NUM = `(\\d{1,2}|${Object.keys(NUMBER_WORDS).join('|')})`;
const HAS_NUMBER = new RegExp(`\\d|\\b(?:${Object.keys(NUMBER_WORDS).join('|')})\\b`);
const KIN = '(?:girl|boy|child|kid|daughter|son|sister|brother|niece|nephew|cousin)';

const AGE_PATTERNS: readonly RegExp[] = [
  // English
  `\\b${NUM} ?(?:years?|yrs?|yr|y) ?(?:old|o)\\b`,
  `\\b${NUM} ?yo\\b`,
  `\\baged? ${NUM}\\b`,
  `\\b${KIN}s? (?:of |aged |is |who is )?${NUM}\\b(?! (?:hours|days|months|weeks|dollars|\\$))`,
  `\\b(?:she|he|im|i am|iam) (?:is )?(?:only |just )?${NUM}\\b(?! (?:hours|days|months|weeks|dollars|\\$|am|pm))`,
  // Spanish, French, Romanian, Portuguese-like "de N años / ans / ani"
  `\\b(?:de|tiene|tengo|tenia|con|cumple|edad de|a|ai|agee? de|are|am|avea) ${NUM} (?:anos|ans|ani)\\b`,
  `\\b${NUM} anos de edad\\b`,
  // Vietnamese, Tagalog, Indonesian
  `\\b${NUM} tuoi\\b`,
  `\\b${NUM} (?:taong gulang|taon gulang|anyos)\\b`,
  `\\b(?:umur|usia|berumur|berusia|umurnya|edad|idad) ${NUM}\\b`,
  `\\b(?:anak|gadis|bocah|remaja|anak perempuan|anak laki laki) (?:\\w+ )?${NUM} (?:tahun|thn|th)\\b`,
  // Arabic and Arabizi
  `(?:عمر|عمره|عمرها|بعمر|سن|سنها|سنه) ${NUM}`,
  `(?:بنت|ولد|طفل|طفله|صبي|فتاه) (?:عمرها |عمره |بعمر )?${NUM}`,
  `\\b3omr(?:a|ha|o|ou|i|ra|aha)? ${NUM}\\b`,
  // Bengali, Banglish, Nepali
  `${NUM} ?(?:বছরের|বছর বয়সী|বছর বয়সের|বছর বয়স)`,
  `বয়স ${NUM}`,
  `\\b${NUM} (?:bochorer|bochor boyoshi|bocorer|bosorer|bochhorer)\\b`,
  `${NUM} ?(?:वर्षकी|वर्षको|वर्षका|वर्षीया|वर्षीय|बर्षकी|बर्षको|बर्षीय|वर्ष उमेर|बर्ष उमेर)`,
  `उमेर ${NUM}`,
  // Russian, Chinese
  `${NUM} ?-?(?:летн|лет(?! назад)|года)`,
  `${NUM} ?岁`,
].map((source) => new RegExp(normalizePattern(source), 'g'));

function toAge(token: string): number {
  return /^\d+$/.test(token) ? Number(token) : (NUMBER_WORDS[token] ?? Number.NaN);
}

/** True when the normalised text states an age between 1 and 17. */
export function mentionsMinorAge(normalised: string): boolean {
  if (!HAS_NUMBER.test(normalised)) return false;
  for (const re of AGE_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(normalised); m !== null; m = re.exec(normalised)) {
      const age = toAge(m[1] ?? '');
      if (age >= 1 && age < 18) return true;
    }
  }
  return false;
}
