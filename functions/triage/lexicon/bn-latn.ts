/**
 * Bengali written in Latin letters ("Banglish"). Spellings follow pronunciation and vary (kor,
 * kore, korse, korche; bachan, bachao), and negation follows the verb ("dicche na", "pai nai",
 * "rakheni"), as in Bengali script.
 */
import type { Lexicon } from './types.ts';

const DOC = '(?:pas+p?o?r?t\\w*|pasport\\w*|visa|kagoj\\w*|kagaj\\w*|id card|akama|iqama|document\\w*)';
const NOT_GIVING =
  '(?:dicche ?na|dichhe ?na|dise ?na|dey ?na|dei ?na|dey ?nai|dei ?nai|dicche ?nai|dibe ?na|debe ?na|dice ?na|dis ?na)';

// "niye" is both "having taken" and "about" ("visa niye jante chai"), so a completed verb must follow.
const TAKEN =
  '(?:niy?e (?:geche|gese|gesi|nise|nilo|nicche|niyeche|nieche|niese)|nia (?:gese|nise)|' +
  'rekhe (?:dise|diyeche|dice|diyese|dicche|disey)|rekhese|rakhse|rekheche|rakhche|' +
  'kere (?:nise|niyeche|nilo|niye)|atke (?:rakhse|rekhese|rekheche|rekhe|rakhche)|jama rakh\\w*)';

export const bnLatn: Lexicon = {
  code: 'bn-latn',
  script: 'latin',
  localNegators: [],
  postNegators: ['na', 'nai', 'ni', 'nei', 'nah'],
  postNegatorSuffixes: ['ni'],
  clauseBreaks: ['ar', 'kintu', 'ebong', 'tarpor', 'karon'],
  signals: {
    confinement: [
      `atk(?<!(?:${DOC}|beton|betan|taka|salary) (?:\\w+ ){0,2}atk)(?:e|a|ai|iy|iye)\\w* (?:\\w+ )?(?:rekh|rakh|raksh|rekhese|dise|diyese|diyeche|rakhse)\\w*`,
      `(?:atka|atkano|bondi)\\b(?<!(?:${DOC}|beton|betan|taka|salary) (?:\\w+ ){0,2}\\w+)`,
      'tala (?:di|mere|maira|mara|lagi)\\w*',
      'bondho kore (?:rekh|rakh)\\w*',
      `!(?:ber|baire|bahire) (?:\\w+ )?(?:hote|howa|hoite|jete|jaite) (?:\\w+ )?(?:${NOT_GIVING}|parchi ?na|parina|pari ?na|partesi ?na)`,
    ],
    'threat-to-kill': [
      '(?:mere|maira) (?:fel|dib|debe|dibo|felbo|felbe|felte)\\w*',
      '(?:khun kor\\w*|jane mere|prane mar\\w*)\\b',
    ],
    violence: [
      '(?:amake|amader|amay|amk|oke|take|ke|amare|amgo) (?:\\w+ ){0,2}(?:mare|marche|marse|marchhe|martese|martesi|marlo|mereche|merese|marbe)\\b',
      '(?:marpit|mardhor|maradhor|pitay|pitai|petay|petai|nirjaton\\w*|dhorshon\\w*)\\b',
    ],
    weapon: ['(?:bonduk|bonduq|pistol|chhuri|churi|ostro|ramda)\\b'],
    'sexual-exploitation': ['(?:potita\\w*|deho ?bebsha|deho ?byabsa|kharap kaj)\\b'],
    'being-sold': ['(?:bikri|bechi?) kore (?:dise|diyeche|dicche|dibe)\\b'],
    'moving-now': [
      'niye (?:jacche|jasse|jaitese|jaiteche|jache|jaitase)\\b',
      '(?:sorie nicche|pachar\\w*)\\b',
    ],
    'no-food': [
      `!khabar (?:\\w+ )?(?:${NOT_GIVING}|nai|nei|pai ?na|pai ?nai)\\b`,
      `!khete (?:\\w+ )?(?:${NOT_GIVING}|pai ?na|pai ?nai)\\b`,
      '!na (?:kheye|khaiye)\\b',
      '!(?:khai|khaite pari|khete pari|khaoa) ?(?:nai|ni|na|nei)\\b',
      '(?:khida|khudha|upash|upos)\\b',
    ],
    hiding: [
      '(?:lukiye|lukaye|lukai\\w*|lukie|paliye achi|khujtese|khujche|khujteche|khujtesi|khujtasi|khujse)\\b',
    ],
    'danger-now': ['(?:bipode|bipod|joruri)\\b', 'jiboner (?:bhoy|voy|jhuki)'],
    'rescue-plea': ['(?:bacha(?:n|o|iya|ien)|bachao|bachan|uddhar)\\b'],
    'help-request': ['(?:sahajjo|sahajo|shahajjo|shahajo|sahajyo)\\b'],
    'documents-taken': [
      `${DOC} (?:\\w+ )?(?:er |r )?kache\\b`,
      `${DOC} (?:\\w+ ){0,2}${TAKEN}`,
      `!${DOC} (?:\\w+ ){0,2}(?:ferot )?${NOT_GIVING}`,
    ],
    'debt-bondage': [
      '(?:rin|rhin|dena|sud|shud|shodh|sodh)\\b',
      'dhar (?:kore|niye|korsi)',
      'kete (?:ney|rakhe|nicche|rakhse)',
    ],
    'wages-withheld': [
      `!(?:beton|betan|salary|taka|bethon) (?:\\w+ ){0,2}(?:${NOT_GIVING}|pai ?na|pai ?nai|paini|paina|pacchi ?na|pachi ?na)`,
      '!(?:bina betone|beton chara)\\b',
    ],
    deception: [
      '(?:bolse|bolechilo|boleche|bolsilo|kotha chilo|bolchilo|bolsilo)[^.!?]{0,60}(?:kintu|othocho)\\b',
      '(?:protarona|thokai\\w*|thokiye\\w*|mittha|dhoka)\\b',
    ],
    'forced-overtime': [
      '(?:1[2-9]|2[0-3]) (?:ghonta|ghanta|gonta|hours?)\\b',
      '!chuti (?:\\w+ )?(?:nai|nei|dey ?na)\\b',
      '(?:din rat|dinrat)\\b',
    ],
    'forced-labour': ['(?:jor kore|jorpurbok|badhyo kor\\w*|bikkha|korache|koraitese|koraitase|koray)\\b'],
    isolation: ['(?:phone|mobile|fon) (?:\\w+ )?(?:kere|niye|rekhe)\\w*'],
    threat: ['(?:humki|deshe pathiye\\w*|deshe pathai\\w*|police e dibe|bhoy dekha\\w*)\\b'],
    child: [
      '(?:shishu|sishu|bacha|bachcha|nabalok|nabalika|kishor\\w*)\\b',
      'choto (?:meye|chele|bachcha)\\b',
    ],
    immediate: ['(?:ekhon|ekhuni|ekhoni|taratari|joldi)\\b', 'aj rate'],
    'third-party-report': [
      'amar (?:bon|vai|bhai|bondhu|bondhur|bandhobi|protibeshi|meye|chele|bou)\\w*',
      '(?:protibeshi|dekhechi|dekhsi|shunechi|shunsi)\\b',
    ],
    uncertain: ['(?:mone hoy|mone hocche|somvoboto|hoyto|sondeho)\\b'],
    'negated-danger': ['!bipode (?:nai|nei|nah)\\b', '(?:ami nirapod|nirapode achi|valo achi|bhalo achi)\\b'],
    question: ['(?:kivabe|kibhabe|kemne|kothay|kothai|kokhon|keno|ki|koto|kon|kina)\\b'],
    'info-request': ['(?:jante|tottho|poramorsho)\\b'],
    visa: ['(?:bmet|smart card|bideshe|bidesh|probash\\w*)\\b'],
    rights: ['(?:odhikar|adhikar|ain|boidho|oboidho|chukti|ovijog)\\b'],
    'agency-check': ['(?:jachai|boidho kina)\\b'],
    'job-offer': ['(?:chakri|chakrir|kajer ofer)\\b'],
    'hotline-info': ['(?:nambar|nombor)\\b'],
    'greeting-only': ['(?:namaskar|adab|salam)\\b', 'as?salamu? (?:a|3)laikum'],
    thanks: ['(?:dhonobad|dhonyobad|dhanyabad|donobad|shukriya|thik ache|acha)\\b'],
    // Chain letters: pass this on to so many people, or bad luck follows.
    'chain-letter': ['\\d+ ?jon ?ke (?:share|pathan|pathao|pathaben|send)\\b'],
    work: ['kaj (?:kore|korche|korse|kortese|koray|koracche)\\b'],
    filler: ['(?:bhai|vai|apu|apa|onek|vaiya|bhaiya|ta|to)\\b'],
  },
};
