/**
 * Tagalog / Taglish signals. Tagalog marks verbs with infixes and prefixes (kinulong, ikinulong,
 * nakakulong), so many patterns match a root anywhere in the word.
 */
import type { Lexicon } from './types.ts';

const DOC = '(?:pasaporte|pasport\\w*|papeles|dokumento|id|visa|kontrata|contract)';

export const tl: Lexicon = {
  code: 'tl',
  script: 'latin',
  negators: ['hindi', 'huwag', 'wag'],
  localNegators: ['di', 'wala'],
  particles: ['po', 'naman', 'nga', 'daw', 'raw', 'ba', 'pa', 'lang', 'na', 'din', 'rin', 'talaga'],
  clauseBreaks: ['at', 'pero', 'tapos', 'kasi', 'saka', 'pati'],
  signals: {
    confinement: [
      '(?:i|na|naka|nakaka|pagka)?k(?:in)?u(?:kulong|long)\\w*',
      '(?:nakakandado|ikinandado|kinandado|naka lock|ni lock|nilock|nakakadena)\\b',
      '!(?:hindi|di|ayaw|ayaw nila) (?:\\w+ ){0,2}(?:pinapalabas|palabasin|makalabas|lumabas|pinalabas|paalisin|makaalis|umalis)\\b',
      '!bawal (?:kaming |akong )?(?:lumabas|umalis)',
      '(?:dinukot|kinidnap|kidnap)\\b',
    ],
    'threat-to-kill': ['(?:pa|papa|ipa|ipapa)?p(?:in|um)?atay\\w*', 'banta sa buhay'],
    violence: [
      '(?:na|nag|pina)?b(?:in)?u(?:bugbog|gbog|gbug)\\w*',
      '(?:sinasaktan|sinaktan|sasaktan|saktan|sinuntok|sinampal|sinipa|ginahasa|hinalay|minolestiya|inabuso|pinapalo|pinalo|tinortyur|kinukurot|sinasampal)\\b',
      '(?:sugat|sugatan|dumudugo)\\b',
    ],
    weapon: ['(?:baril|kutsilyo|itak|patalim|armas|sandata)\\b'],
    'sexual-exploitation': [
      '(?:pinipilit|pinilit|pilit) (?:\\w+ ){0,2}(?:magbenta ng katawan|makipagtalik|sumiping|mag prostitute|prostitut\\w*)',
      '(?:ibinugaw|bugaw|pinagbebenta ng (?:aliw|katawan)|prostitut\\w*)\\b',
    ],
    'being-sold': ['(?:ibinenta|binenta|ipinagbili) (?:ako|kami|siya|sila|kami)\\b'],
    'moving-now': [
      '(?:dinadala|dadalhin|inililipat|ililipat|ibinibiyahe|isinakay) (?:\\w+ ){0,2}(?:kami|ako|nila|sa)\\b',
      'sakay (?:ng|sa) (?:van|trak|truck|barko|bangka)\\b',
    ],
    'no-food': [
      '!wala(?:ng)? (?:\\w+ )?(?:makain|pagkain|kain|tubig)\\b',
      '!(?:hindi|di) (?:\\w+ ){0,2}(?:pinapakain|pinakain|kumain|nakakain)\\b',
      '(?:gutom\\w*|nagugutom)\\b',
    ],
    hiding: [
      '(?:nagtatago|nakatago|tumakas|tumatakas|nakatakas)\\b',
      '(?:hinahanap|hinahabol) (?:nila )?(?:ako|kami)\\b',
    ],
    'danger-now': ['(?:nasa panganib|delikado|nanganganib|panganib)\\b', 'takot (?:na )?ako para sa buhay'],
    'rescue-plea': ['(?:saklolo|sagipin|iligtas|sos)\\b'],
    'help-request': ['(?:tulong|tulungan|pakitulungan|tulungan nyo|help)\\b'],
    'documents-taken': [
      `nasa (?:amo|employer|agency|ahensya) (?:\\w+ )?(?:ang )?${DOC}`,
      `(?:kinuha|kinukuha|hawak|hinawakan|kinumpiska|tinago|itinago) (?:\\w+ ){0,4}${DOC}`,
      `${DOC} (?:\\w+ ){0,3}(?:hawak|kinuha|kinumpiska|tinago)\\b`,
      '!(?:ayaw|hindi) (?:\\w+ )?(?:ibalik|ibinabalik|isauli)\\b',
    ],
    'debt-bondage': ['(?:utang\\w*|kinakaltas|kaltas\\w*|binabawas sa sahod|ibabawas)\\b'],
    'wages-withheld': [
      '!(?:hindi|hnd|hndi|di|d|ayaw) (?:\\w+ ){0,4}\\w*(?:sahod|sahur|sweldo|suweldo|bayad|bayaran)\\w*',
      // "walang bayad" is also "free of charge": only wages count after "wala".
      '!wala(?:ng)? (?:\\w+ ){0,2}\\w*(?:sahod|sahur|sweldo|suweldo)\\w*',
    ],
    deception: [
      '(?:pangako|ipinangako|sabi nila|akala ko) (?:\\w+ ){0,8}(?:pero|pala|iba)\\b',
      '(?:niloko|nilinlang|naloko|na scam)\\b',
    ],
    'forced-overtime': [
      '(?:1[2-9]|2[0-3]) (?:oras|hrs|hours)\\b',
      '!walang (?:day of|dayof|pahinga|tulog)\\b',
    ],
    'forced-labour': [
      '(?:pinipilit|pinilit|sapilitan\\w*) (?:\\w+ ){0,2}(?:magtrabaho|mamalimos|magbenta)',
      '(?:pinagtatrabaho|pinapatrabaho|pinapagtrabaho|alipin)\\b',
    ],
    isolation: [
      '(?:kinuha|hawak) (?:\\w+ ){0,2}(?:cellphone|celphone|cp|telepono|phone)\\b',
      '!bawal (?:mag cellphone|tumawag)',
    ],
    threat: ['(?:tinatakot|binantaan|banta|ipapadeport|ipapakulong|ipapahuli)\\b'],
    // "bata" alone is also Romanian for a club; Tagalog uses it with a marker or a linker.
    child: [
      '(?:batang|mga bata|bata pa|isang bata|ang bata|na bata|menor de edad|sanggol|dalagita|binatilyo|kabataan)\\b',
    ],
    immediate: ['(?:ngayon|ngayong gabi|agad|bilisan)\\b'],
    'third-party-report': [
      '(?:kaibigan ko|kapatid ko|pinsan ko|kapitbahay|anak ko|asawa ko|nakita ko|yung babae|yung kasambahay)\\b',
      'may (?:babae|mga babae|trabahador)\\b',
    ],
    uncertain: ['(?:sa tingin ko|parang|baka|siguro|mukhang)\\b'],
    'negated-danger': [
      '!hindi (?:po )?(?:ako|kami) (?:nasa )?panganib',
      '(?:ligtas ako|ok lang ako|ayos lang ako)\\b',
    ],
    hypothetical: ['(?:paano kung|kung sakaling)\\b', 'pwede (?:bang|ba) (?:kunin|itago)'],
    question: [
      '(?:paano|saan|ano|kailan|bakit|sino|magkano|pwede ba|puwede ba|ba)\\b',
      '(?:may tanong|nagtatanong)\\b',
    ],
    'info-request': ['(?:impormasyon|info|malaman|requirements|listahan|proseso)\\b'],
    visa: ['(?:visa|oec|owwa|poea|dmw|mag abroad|ofw)\\b'],
    rights: ['(?:karapatan|legal|ilegal|batas|kontrata|reklamo)\\b'],
    'agency-check': ['(?:agency|ahensya|lisensyado|lisensya|rehistrado|legit)\\b', 'totoo ba'],
    'job-offer': ['(?:alok|job ofer|hiring)\\b', 'trabaho sa abroad'],
    'hotline-info': ['(?:hotline|numero|libre|opisina)\\b'],
    'greeting-only': ['(?:hello|helo|hi|kumusta|kamusta|musta)\\b', 'magandang (?:umaga|hapon|gabi|araw)'],
    thanks: [
      'salamat (?:po )?sa (?:info|tulong|impormasyon|sagot)',
      '(?:salamat|maraming salamat|tnx|sige|ok|opo|oo)\\b',
    ],
    test: ['(?:test|testing|subok)\\b'],
    spam: ['(?:libreng|manalo|panalo|promo|discount|pautang)\\b'],
    // Chain letters: pass this on to so many people, or bad luck follows.
    'chain-letter': [
      '(?:i ?pasa|ipapasa|pakishare|i ?share|i ?forward|send) (?:\\w+ ){0,3}sa \\d+ (?:na )?(?:tao|kaibigan|friends|gc|group)\\b',
    ],
    work: ['(?:nagtatrabaho|nagtrabaho|pinagtatrabaho|pinapatrabaho)\\b'],
    filler: ['(?:po|lang|naman|sa|nyo|ninyo|kayo|ang|ng|lahat|maraming)\\b'],
  },
};
