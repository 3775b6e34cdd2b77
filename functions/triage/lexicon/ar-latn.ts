/**
 * Arabic written in Latin letters ("Arabizi"): digits stand for letters Latin lacks (3 = ع,
 * 7 = ح, 2 = ء/ق, 5 = خ) and spellings vary freely (sa3dooni, sa3douni, sa3edni), so patterns
 * keep to consonant skeletons and allow the common alternatives.
 */
import type { Lexicon } from './types.ts';

const DOC =
  '(?:pas+p?o?r\\w*|basbor\\w*|baspor\\w*|jawaz\\w*|jwaz\\w*|awra2\\w*|awraq\\w*|iqama|e2ame|2ame|hawiye|visa|fiza)';
const NEG = '(?:ma|mish|msh|mesh|mush|mo|mu|la|lan|mani)';

export const arLatn: Lexicon = {
  code: 'ar-latn',
  script: 'latin',
  negators: ['mish', 'msh', 'mesh', 'mush', 'mani', 'mafi', 'mafish'],
  localNegators: ['ma', 'mo', 'mu', 'la', 'lam', 'lan'],
  clauseBreaks: ['w', 'wa', 'bas', 'ba3den', 'la2ano', 'la2an'],
  signals: {
    confinement: [
      '7ab(?:a|e|i|o|u)s\\w*',
      'hab(?:a|e)s(?:ni|na|ouna|ona|oni|uni|o|u|ouni)\\b',
      'ma?(?:7|h)bou?s\\w*',
      'm(?:a)?(?:2|q)fou?l\\w*',
      '(?:2|a|q)afal\\w*',
      '(?:sak(?:a|e)r\\w*|msak(?:a|e)r\\w*) (?:\\w+ )?(?:3|a)la?\\w*',
      `!${NEG} (?:bi|b|bey)?(?:khal|5al|5l|khl)\\w* (?:\\w+ ){0,2}(?:e?tla3|a?tla3|ntla3|o?khrog|nokhrog|a?ro7|nro7|ehrob)`,
      '!mamnou?3 (?:\\w+ )?(?:a|e)?(?:tla3|ntla3|khrog|l5rouj|el khorouj)',
      `!${NEG} (?:a2dar|ader|b2dar|2dar|qader|2ader|n2dar)\\w* (?:\\w+ )?(?:a|e|n)?(?:tla3|ohrob|hrob|khrog)`,
      '(?:ma?(?:7|h)tajaz\\w*|ma?khtouf\\w*|khatafou?\\w*)',
    ],
    'threat-to-kill': [
      '(?:y|ya|yi|yo|ye|b|bi|a|n|t)?(?:2|q)t(?:o|e|u)l\\w*',
      '(?:2|q)atl\\w*',
      '(?:y|ye|yi)?dba7\\w*',
      '(?:ymawet|ymawwet)\\w*',
    ],
    violence: [
      '(?:y|ye|yi|yo|bi|b|by|bye|t|n|ma)?(?:darab|drob|dreb|drab|dorob)\\w*',
      '(?:b|bt|bte|bi|y|ye|t|te)?(?:5bot|khbot|5abat|khabat|5abt)\\w*',
      '(?:madroub\\w*|3azab\\w*|y3azeb\\w*|ygh?tasab\\w*|eghtasab\\w*|ta7arosh|t7arash|3onf|ykhbot\\w*)\\b',
    ],
    weapon: ['(?:s(?:e|i)?la(?:7|h)|msadas|mosadas|s(?:e|i|a)k(?:e|i)n|bunduqi\\w*|bondo2ye|bande2ye)\\b'],
    'sexual-exploitation': ['(?:da3ara|de3ara)\\b'],
    'being-sold': ['(?:ba3ouni|ba3ona|ba3oha|ba3uni|mabi3a)\\b'],
    'moving-now': [
      '(?:y|yi|ye|bi|by|b)?na?2l(?:o|ou|u)(?:na|ni)\\b',
      '(?:akhd|makhd|khd)(?:in|een)\\w* (?:\\w+ )?(?:3a|3ala|ila)\\b',
      '(?:bi|b|fi) (?:sayyara|sayara|shahne|truck|bas|ba9|markab) (?:\\w+ ){0,2}(?:hala2|hala|halla|el7in|hl2|halla2)\\b',
    ],
    'no-food': [
      '!(?:ma ?fi|mafi|mafish|bala|bidun|bdoun) (?:\\w+ )?(?:akl|akel|2akl|ta3am|may|mayy|moy)\\b',
      `!${NEG} (?:bi|b|y|bi?y)?(?:3t|ta3m|t3m)\\w* (?:\\w+ )?(?:akl|akel|2akl|ta3am)`,
      '(?:jo3an\\w*|jou3an|ju3an|jo3an)\\b',
    ],
    hiding: [
      '(?:(?:mkhaba|mitkhaba|mtkhaba|mestkhaba|khaba|mkaba)(?:y|ye|ya|yi|i|iye|yeen|yin|yen)|mit5abi\\w*|mt5aby\\w*|mestkhabi\\w*|mitkhabi\\w*|harban\\w*|hrobt|hrabt)\\b',
      '(?:ydawro|ydawrou|bydawro|ydawero|ydaw(?:e)?ro) (?:\\w+ )?(?:3la|3le|3al|3ala|3lay)\\w*',
    ],
    'danger-now': ['(?:fi|b) ?khatar\\b', 'khayf\\w* 3ala (?:7ayati|hayati)'],
    'rescue-plea': [
      '(?:in2az|an2ez|in2iz|anqiz)\\w*',
      '(?:il7a2|el7a2|l7a2)\\w*',
      'na(?:j|g|dj)d(?:a|ah|e|ouni|ouna|uni|una)\\b',
    ],
    'help-request': ['sa3(?:e|i)?d\\w*', '(?:mosa3ad\\w*|musa3ad\\w*)'],
    'documents-taken': [
      `(?:akhad\\w*|akhd\\w*|a5ad\\w*|a5d\\w*|akhadu|akhado|ma?khed|ma5ed|m7tefez|mi7tifiz|7aj(?:a|e|i)z\\w*|m7tjez\\w*|shal\\w*|sa7ab\\w*|khad\\w*|masek|mask) (?:\\w+ ){0,3}${DOC}`,
      `!${NEG} (?:ra7|rah|bad|bado)? ?(?:yraje3\\w*|yrajji3\\w*|yrja3\\w*|bi3touni|b3touni|y3tini|ya3tini|yredd\\w*|yred\\w*)`,
    ],
    'debt-bondage': [
      '(?:dayn|deyn|dyoun|madyoun\\w*|2ard|qard|sadad|asaded|khasm\\w*|yekhsom\\w*|yikhsim\\w*)\\b',
      'lazem (?:edfa3|adfa3|asaded)',
    ],
    'wages-withheld': [
      `!(?:${NEG}|bala|bdoun|bidun) (?:\\w+ ){0,2}(?:ma3ash\\w*|raatib|ratib|rateb|flous|fulus|2abad\\w*|qabad\\w*|dafa3\\w*|(?:y|ye|yi|bi|bye|t|n)?e?dfa3\\w*)`,
    ],
    deception: [
      '(?:wa3ad\\w*|2al(?:o|ou|u)\\w*|qal(?:o|ou|u)\\w*) (?:\\w+ ){0,8}(?:bas|lakin|tle3|tele3|tala3)\\b',
      '(?:kezb|kidb|kadhab\\w*|kazab\\w*|khada3\\w*|nasabo|nasab 3al\\w*)\\b',
    ],
    'forced-overtime': [
      '(?:1[2-9]|2[0-3]) (?:sa3a|sa3at|sa3ah|hours)\\b',
      '!(?:bala|bdoun|bidun) (?:3otle|3otla|3otleh|ijaza|ejaze|raha|ra7a)\\b',
      '!ma ?fi (?:\\w+ )?(?:3otle|3otla|ijaza|ejaze|raha|ra7a)\\b',
      '(?:lel nhar|lail nahar|leil nhar)\\b',
    ],
    'forced-labour': [
      '(?:bil|bel|b) ?ghasb\\b',
      '(?:ghasban|bil 2owa|m?ajbour\\w*|yjbor\\w*|ijbar|tasawol)\\b',
      '(?:y|bi|by|ye|yi|m|t)?shagh?l(?:o|ou|u)(?:ha|ni|na|ki)\\b',
    ],
    isolation: ['(?:akhad\\w*|sa7ab\\w*) (?:\\w+ ){0,2}(?:tel?fon\\w*|mobile|mobail|jawal|phone)\\b'],
    threat: ['(?:h(?:a|e)dad\\w*|yhaded\\w*|tahdid|yra7elni|yrahelni|tar7il|ysaferni)\\b'],
    child: [
      '(?:tefl|tifl|teflet|atfal|a6fal|2aser|qaser|qasir|2asra|qasra)\\b',
      '(?:walad|bint|binet) (?:zghir|zgh?ire|sghir|sghire|z3ir)\\b',
    ],
    immediate: [
      '(?:hala2|hal2|halla|hala2a|el7in|al7in|elheen|dilwa2ti|delwa2ti|7alan|halan|fawran|bsor3a|b sor3a)\\b',
    ],
    'third-party-report': [
      '(?:sa7bti|sa7bi|sahbti|ukhti|okhti|ikhti|jarti|jaretna|jiran|sheft|shoft|sme3t)\\b',
      'fi (?:banat|nisa2|3omal)\\b',
    ],
    uncertain: ['(?:a3ta2ed|bazon|baftker|ba7es|mumken|momken|yemken|bjoz)\\b'],
    'negated-danger': [
      `!${NEG} (?:ana )?(?:fi|b) ?khatar\\b`,
      '(?:ana|e7na|ne7na) (?:bkhair|bkheir|mnee7|mni7|bamaan|b aman|tamam)\\b',
    ],
    question: [
      '(?:kif|keef|kaif|wen|wein|fein|fen|shu|sho|eish|esh|leish|lesh|laysh|kam|addeh|2adesh|adesh|mein|meen|emta|ayya)\\b',
      '(?:so2al|su2al|as2al|bas2al)\\b',
    ],
    'info-request': ['(?:ma3loumat|ma3lumat|a3ref|ba3ref|ba3rf|shorout)\\b'],
    visa: ['(?:visa|fiza|ta2shira|ta2shera|iqama|e2ame|tajdid|bjaded|jaded|kafala)\\b'],
    rights: [
      '(?:7o2o2|7u2u2|hu2u2|ho2o2|huquq|7uquq|hoqoq|2anoun|qanun|qanoon|2anouni|shar3i|3a2ed|3aqd|shakwa)\\w*',
    ],
    'agency-check': ['(?:maktab|wakala|mrakhas|murakhas|rasmi|mo3tamad|tawzif)\\b'],
    'job-offer': ['(?:3ard shoghl|3ard 3amal|wazife|wazifa|forsa)\\b'],
    'hotline-info': ['(?:ra2am|raqam|ra2m|khat sakhen|el khat|majani|mjani)\\b'],
    'greeting-only': [
      '(?:marhaba|mar7aba|mar7ba|salam|salamu|ahlan|hala)\\b',
      '(?:asalamu?|salamu?) (?:3|a)ala?(?:i|y|e)kou?m\\b',
      'sabah el kh(?:e|a)ir\\b',
    ],
    thanks: [
      '(?:shukran|shokran|merci) (?:3a|3al|3ala|ala|3la) (?:el ?)?\\w+',
      '(?:shukran|shokran|shukrn|mashkour\\w*|ya3tik el 3afye|tislam\\w*|tslm|tamam|mashi)\\b',
    ],
    test: ['(?:tajruba|tajribe)\\b'],
    spam: ['(?:erba7|rbe7|majanan|takhfid)\\b'],
    work: ['(?:ti?sh?tgh?el|te?sh?te?gh?el|ye?sh?te?gh?el|shaghal\\w*)\\b'],
    filler: ['(?:ya|ana|habibi|ustaz|wallah|wallahi|inshallah|rab|min fadlak|law sama7t|el|al)\\b'],
  },
};
