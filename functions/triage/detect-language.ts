/**
 * Offline language detection for short messages. The writing system decides first (Arabic,
 * Bengali, Devanagari → Nepali, Han → Chinese, Cyrillic → Russian); Latin-script text is scored on
 * frequent words and letters only some languages use, including Arabic and Bengali written in
 * Latin letters. When nothing is recognisable it answers English with low confidence, so callers
 * can show a language menu instead of trusting the guess.
 */
import type { LexiconCode } from './lexicon/types.ts';
import { normalize, normalizePattern } from './normalize.ts';

export type SiteLanguage = 'en' | 'fr' | 'es' | 'ar' | 'ru' | 'zh' | 'bn' | 'ne' | 'vi' | 'tl' | 'id' | 'ro';

export interface DetectedLanguage {
  readonly lang: SiteLanguage;
  readonly script: 'latin' | 'native';
  /** 0–1. Below about 0.3 the guess is weak. */
  readonly confidence: number;
  /** The lexicon whose language-specific rules (ambiguous negators) apply. */
  readonly lexicon: LexiconCode;
}

type LatinCandidate = 'en' | 'fr' | 'es' | 'ro' | 'vi' | 'tl' | 'id' | 'ar-latn' | 'bn-latn';

// Code-point ranges of the native scripts, checked in one pass over the text.
const SCRIPT_RANGES: readonly [number, number, SiteLanguage][] = [
  [0x0600, 0x06ff, 'ar'],
  [0x0750, 0x077f, 'ar'],
  [0xfb50, 0xfdff, 'ar'],
  [0xfe70, 0xfeff, 'ar'],
  [0x0980, 0x09ff, 'bn'],
  [0x0900, 0x097f, 'ne'],
  [0x3400, 0x9fff, 'zh'],
  [0x3040, 0x30ff, 'zh'],
  [0x0400, 0x04ff, 'ru'],
];

/** Frequent or distinctive words, written normalised (no accents, doubled letters collapsed). */
const WORDS: Record<LatinCandidate, string> = {
  en:
    'the i you my me we they is are am and to of in it not please help with for what how where have has can do ' +
    'dont this that was be at on work job boss im our us them he she her his will want need hi hello thanks thank ' +
    'here there just about from yes if so but or get got tok took pay paid money day days hours my agency locked ' +
    'cant wont been some who when why should would could any know they re',
  fr:
    'je j tu il elle nous vous ils le la les un une des du et est sont suis pas ne mon ma mes on avec pour dans sur ' +
    'qui que au aux ce cette mais merci bonjour salut aidez travail patron moi m ont c depuis tres peux veux comment ' +
    'ou quels quel est ce n ai avons leur sans chez aussi rien jamais enferme papiers essai fait travailler ' +
    'heures jour par salut bonsoir coucou',
  es:
    'yo el los las una de y que en no me mi mis nos por para con es esta estoy son pero gracias hola ayuda trabajo ' +
    'jefe como donde cuando quiero tengo tiene dinero pasaporte sin muy porque hace ahora dicen nada nunca se le ' +
    'les lo del al su sus estan tienen dan puedo pagan prueba hola buenas dias para premio',
  ro:
    'eu sunt este e nu si sa ca cu pe din ne ma mi imi au vreau ajutor ajutati multumesc mersi buna munca lucrez ' +
    'seful patronul bani salariul acum unde cum ce care pentru dar nici mai foarte actele ziua zi ore luni m ne am fost ' +
    'nimic sau asta acest aici acolo lucram',
  vi:
    'toi chung ho khong cua va co duoc nguoi viec lam cho nhung mot ngay nay voi em anh chi bi da dang se tien luong ' +
    'cong ty gi sao tai den di ve giup cu xin chao cam on nha bay gio roi phai cac nhieu minh ban trong ra ngoai khoa',
  tl:
    'ang ng mga sa ako ko mo siya sila kami tayo namin nila po opo hindi na at ay si ni may wala walang ano paano ' +
    'saan bakit kung lang naman din rin yung yun ito salamat tulong tulungan amo trabaho sahod sweldo pera kasi pag ' +
    'nasa niya akin ba nang nga daw raw pa talaga kayo nyo ninyo ngayon',
  id:
    'saya aku kami kita mereka dia anda yang dan di ke dari ini itu tidak tak gak nggak bukan ada untuk dengan tolong ' +
    'terima kasih makasih apa bagaimana gimana dimana kerja gaji majikan paspor agen sudah belum sedang akan bisa mau ' +
    'ingin juga atau karena hari bulan tahun sekarang uang rumah sy tdk yg dgn blm sdh udah aja halo selamat pagi ' +
    'tes makasih kak',
  'ar-latn':
    'ana enta inta ente ento intu ehna e7na ne7na nahna howa heya ya wallah wallahi yalla habibi inshallah shukran ' +
    'shokran mish msh mesh mafi fi akl akhadu akhado akhad el bidi bdi badi bade shu sho esh leh lesh kif keef kteer ' +
    'ktir 3am hala2 shoghl shoghol sheghel kafeel kafil jawaz basbor bet bait beit ahl ma3 mn 3ala 3and 3indi 3andi ' +
    'ma3ash rah ra7 w wen fein marhaba salam alaikum ya3ni bas kaman hon hunak mudeer ma3i 3alayi 3layi kol yom ' +
    'ahlan mar7aba',
  'bn-latn':
    'ami amake amar amra amader amk apni apnara apnar ora oder tumi tomar kaj kori korte korbo koro koren korse korche ' +
    'kivabe kibhabe kothay kothai ache achi nai nei hobe hoy hoyeche dey dicche dise diche dilo geche gese niye niya ' +
    'bachan bachao taka beton betan dhonobad dhonyobad dhanyabad bhai apu khabar khete mare marche marse atke rekhe ' +
    'rakhse rakhche bari deshe bidesh bideshe ki keno jonno theke shathe sathe ekhon ekhane ekta onek kichu kono ' +
    'shudhu sudhu jante chai bolse bolche malik dalal mash din dhore bochor kintu rekhese rakhse dise',
};

// Word → the languages it suggests, so each word of a message is looked up once.
const WORD_LANGUAGES = new Map<string, LatinCandidate[]>();
for (const [lang, words] of Object.entries(WORDS) as [LatinCandidate, string][]) {
  for (const written of words.split(' ')) {
    const word = normalizePattern(written);
    const langs = WORD_LANGUAGES.get(word) ?? [];
    if (!langs.includes(lang)) WORD_LANGUAGES.set(word, [...langs, lang]);
  }
}

/** Letters (before accent stripping) that point at one language. */
const MARKERS: readonly [RegExp, LatinCandidate, number][] = [
  [/[ươđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/gi, 'vi', 3],
  [/[șțşţ]/gi, 'ro', 3],
  [/[ăâî]/gi, 'ro', 1],
  [/[èêëçœùûô]/gi, 'fr', 2],
  [/[ñ¿¡]/gi, 'es', 3],
  [/[áíóú]/gi, 'es', 1],
];
// Arabizi writes ع ح ء as digits inside words: "sa3dooni", "7abasoona", "ma2fool".
const ARABIZI_DIGITS = /\b[a-z]*[a-z][2375689][a-z]+\b|\b[2375][a-z]{2,}\b/g;

function countScripts(text: string): { lang: SiteLanguage | 'latin'; count: number }[] {
  const counts = new Map<SiteLanguage | 'latin', number>();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let lang: SiteLanguage | 'latin' | null = null;
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0x24f)) lang = 'latin';
    else if (c >= 0x0400) {
      for (const [from, to, l] of SCRIPT_RANGES) {
        if (c >= from && c <= to) {
          lang = l;
          break;
        }
      }
    }
    if (lang) counts.set(lang, (counts.get(lang) ?? 0) + 1);
  }
  return [...counts].map(([lang, count]) => ({ lang, count })).sort((a, b) => b.count - a.count);
}

// English words turn up in every language's messages ("help", "passport", "please"), so they
// count for a little less than words of the other languages.
const EN_WEIGHT = 0.8;

function scoreLatin(original: string, normalised: string): Map<LatinCandidate, number> {
  const scores = new Map<LatinCandidate, number>();
  const add = (lang: LatinCandidate, n: number) => scores.set(lang, (scores.get(lang) ?? 0) + n);
  for (const word of normalised.split(/[^a-z0-9]+/)) {
    for (const lang of WORD_LANGUAGES.get(word) ?? []) add(lang, lang === 'en' ? EN_WEIGHT : 1);
  }
  if (!/^\p{ASCII}*$/u.test(original)) {
    for (const [re, lang, weight] of MARKERS) add(lang, (original.match(re)?.length ?? 0) * weight);
  }
  add('ar-latn', (normalised.match(ARABIZI_DIGITS)?.length ?? 0) * 3);
  return scores;
}

const LATIN_TO_SITE: Record<LatinCandidate, SiteLanguage> = {
  en: 'en',
  fr: 'fr',
  es: 'es',
  ro: 'ro',
  vi: 'vi',
  tl: 'tl',
  id: 'id',
  'ar-latn': 'ar',
  'bn-latn': 'bn',
};

export function detectLanguage(text: string, normalised: string = normalize(text)): DetectedLanguage {
  const scripts = countScripts(normalised);
  const top = scripts[0];
  if (!top) return { lang: 'en', script: 'latin', confidence: 0, lexicon: 'en' };
  const letters = scripts.reduce((sum, s) => sum + s.count, 0);
  // A native script wins even as a minority next to English words: people switch to English for
  // "help" or "passport" far more often than the other way round.
  const native = scripts.find((s) => s.lang !== 'latin' && s.count > 0);
  if (native && (top.lang !== 'latin' || native.count * 2 >= top.count)) {
    const lang = native.lang as SiteLanguage;
    return { lang, script: 'native', confidence: Math.min(1, native.count / letters + 0.3), lexicon: lang };
  }
  const ranked = [...scoreLatin(text.toLowerCase(), normalised)].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] === 0) return { lang: 'en', script: 'latin', confidence: 0, lexicon: 'en' };
  const margin = (best[1] - (second?.[1] ?? 0)) / best[1];
  const confidence = Math.min(1, margin * Math.min(1, best[1] / 3));
  return {
    lang: LATIN_TO_SITE[best[0]],
    script: 'latin',
    confidence: Math.round(confidence * 100) / 100,
    lexicon: best[0],
  };
}
