/**
 * Romanian signals, with or without diacritics (ș/ş, ț/ţ, ă, â, î all normalise to plain letters).
 * Hyphenated clitics are split by the normaliser: "ne-au luat" is matched as "ne au luat".
 */
import type { Lexicon } from './types.ts';

const DOC =
  '(?:pasaport\\w*|pasport\\w*|buletin\\w*|acte|actele|documente\\w*|carte de identitate|viza|contract\\w*)';

export const ro: Lexicon = {
  code: 'ro',
  script: 'latin',
  negators: ['nici', 'niciodata', 'nimeni'],
  localNegators: ['nu', 'n'],
  clauseBreaks: ['si', 'dar', 'iar', 'apoi', 'insa', 'pentru ca', 'deci'],
  signals: {
    confinement: [
      '(?:inchis|inchisa|inchisi|inchise|incuia\\w*|incui\\w*|sechestr\\w*|captiv\\w*|prizonier\\w*)\\b',
      '(?:sub|cu) cheie',
      '!nu (?:ne |ma |o |il |le |i |mi |ne au |m au )?(?:lasa|lasau|las|dau voie|da voie) (?:sa )?(?:ies\\w*|plec\\w*|fug\\w*)',
      '!nu (?:pot|putem|poate|pot sa|putem sa) (?:sa )?(?:ies\\w*|plec\\w*|fug\\w*)',
      '(?:tin|tine|tinut\\w*) (?:\\w+ )?(?:inchis\\w*|incuia\\w*|cu forta|sub cheie)',
      '(?:rapit\\w*|rapita|rapiti)\\b',
    ],
    'threat-to-kill': ['(?:omo\\w*|omor\\w*|ucid\\w*|ucide\\w*)', 'amenint\\w* cu moartea', 'moarte\\b'],
    violence: [
      '(?:ne|ma|o|il|i|le|m) (?:bat|bate|bateau|batut|lovit|lovesc|loveste)\\b',
      '(?:batut\\w*|batuta|lovit\\w*|violat\\w*|viol|agresat\\w*|abuz\\w*|tortur\\w*|ranit\\w*)\\b',
    ],
    weapon: ['(?:arma|arme|armat\\w*|pistol\\w*|cutit\\w*|pusca|puste)\\b'],
    'sexual-exploitation': [
      'obliga\\w* (?:\\w+ ){0,2}(?:sa )?(?:se )?prostitu\\w*',
      '(?:exploatare sexuala|bordel|proxenet\\w*|prostitutie fortata)',
    ],
    'being-sold': ['(?:m|ne|a|au|am fost|au fost|a fost) vandut\\w*', 'vand (?:fete|femei|copii|oameni)'],
    'moving-now': [
      'ne (?:duc|muta|transporta|mut\\w*|iau cu)\\b',
      '(?:in|cu) (?:duba|camion\\w*|microbuz|masina|barca) (?:\\w+ ){0,3}(?:acum|peste granita|in seara|diseara)',
      'peste granita (?:acum|in seara|diseara)',
    ],
    'no-food': [
      '!(?:nu|fara) (?:\\w+ ){0,3}(?:mancare|mancam|mancat|de mancare)',
      '!fara (?:apa|hrana)',
      '(?:foame|infomet\\w*)\\b',
    ],
    hiding: [
      '(?:ma|ne) ascund\\w*',
      'ascuns\\w*',
      '(?:ma|ne) (?:cauta|urmaresc)\\b',
      '(?:am fugit|evadat\\w*)',
    ],
    'danger-now': ['in pericol', 'pericol de moarte', 'frica pentru viata', 'veniti repede'],
    'rescue-plea': ['(?:salvati|salveaza)(?: ma| ne)?\\b', 'sos\\b'],
    'help-request': ['ajut\\w*'],
    'documents-taken': [
      `${DOC} (?:\\w+ )?(?:e|este|sunt|stau) la (?:patron|sef|agenti\\w*|firma|angajator)\\w*`,
      `(?:luat|lua|iau|confiscat|tin|tine|retinut|pastrat|pastreaza|furat) (?:\\w+ ){0,3}${DOC}`,
      `!nu (?:ne |mi |imi |ne au |mi au )?(?:da|dau|dat|dadea) (?:inapoi )?${DOC}`,
    ],
    'debt-bondage': [
      '(?:datori\\w*|datorez|datoram|dator|imprumut\\w*)\\b',
      'sa (?:le )?platesc (?:inapoi|transportul|drumul|datoria)',
      '(?:retin\\w*|scad\\w*|opres\\w*) din salari\\w*',
    ],
    'wages-withheld': [
      '!(?:nu|fara) (?:\\w+ ){0,3}(?:platit\\w*|plateste|platesc|plata|salari\\w*)',
      '(?:neplatit\\w*|salariul (?:\\w+ ){0,2}(?:neplatit|restant))',
      '!fara (?:bani|plata|salari\\w*)\\b',
    ],
    deception: [
      '(?:mi|ne|i) (?:au |a )?(?:promis|zis|spus) (?:\\w+ ){0,8}(?:dar|insa|in schimb)',
      '(?:mintit|minti\\w*|pacal\\w*|inselat\\w*|inselatorie|tepuit|teapa)\\b',
      'alt (?:contract|salariu|loc de munca)',
    ],
    'forced-overtime': [
      '(?:1[2-9]|2[0-3]) (?:de )?ore\\b',
      '!fara (?:nicio |vreo )?(?:zi libera|zi de odihna|odihna|pauza)',
      '(?:zi si noapte|7 zile din 7|7 zile pe saptamana)',
    ],
    'forced-labour': [
      'oblig\\w* (?:\\w+ ){0,2}sa (?:lucr\\w*|munc\\w*|cerset\\w*|fur\\w*)',
      '(?:munca fortata|sclav\\w*|cerse\\w*|cersit\\w*)\\b',
    ],
    isolation: ['(?:luat|confiscat) (?:\\w+ ){0,2}telefon\\w*'],
    threat: ['(?:amenint\\w*|santaj\\w*)', '(?:ne|ma) (?:denunta|da afara din tara|deporteaza)'],
    child: [
      '(?:copil\\w*|copi|minor|minora|minori|minore|fetit\\w*|adolescent\\w*|bebe\\w*)\\b',
      '(?:baiat|fata|fiica|fiul) de (?:1[0-7]|[1-9]) ani',
    ],
    immediate: ['(?:acum|acuma|diseara|imediat|urgent\\w*|repede)\\b', '(?:in seara asta|chiar acum)'],
    'third-party-report': [
      '(?:prieten\\w*|sora mea|fratele meu|verisoar\\w*|vecin\\w*|fiica mea|fiul meu|nepoat\\w*|cineva|am vazut)\\b',
      'niste (?:fete|femei|oameni|muncitori)\\b',
    ],
    uncertain: ['(?:cred ca|banuiesc|mi se pare|se pare|poate|probabil|nu sunt sigur\\w*)\\b'],
    'negated-danger': ['!nu (?:sunt|suntem) in pericol', '(?:sunt|suntem) (?:bine|in siguranta)\\b'],
    hypothetical: [
      '(?:ce se intampla daca|ce fac daca)\\b',
      'daca (?:patronul|angajatorul|agentia|seful)',
      'poate (?:patronul|angajatorul|seful) sa',
    ],
    question: ['(?:cum|unde|cand|care|cine|de ce|cat|cati|exista)\\b', '^ce\\b', '(?:intreb|o intrebare)'],
    'info-request': [
      '(?:informati\\w*|info|aflu|sfat\\w*|lista|acte necesare|cerinte)\\b',
      'vreau (?:doar )?sa (?:stiu|aflu)',
    ],
    visa: ['(?:viza|vize|permis de munca|permis de sedere|sedere|emigr\\w*|migr\\w*|imigr\\w*)\\b'],
    rights: ['(?:drepturi\\w*|legal\\w*|ilegal\\w*|lege\\w*|contract\\w*|plangere)\\b'],
    'agency-check': ['(?:agenti\\w*|agentie|recrut\\w*|licent\\w*|autoriz\\w*|verific\\w*)\\b'],
    'job-offer': ['(?:ofert\\w*|anunt\\w*|sezonier)\\b', '(?:munca|lucru) in strainatate'],
    'hotline-info': ['(?:linie\\w*|liniei|numar\\w*|gratuit\\w*|program|birou)\\b'],
    'greeting-only': ['(?:buna|salut\\w*|servus|hei|alo)\\b', 'buna (?:ziua|seara|dimineata)'],
    thanks: ['(?:multumesc\\w*|multumim|mersi|mersic|ms|mss|frumos|ok|bine|pa|la revedere)\\b'],
    test: ['(?:test\\w*|proba)\\b'],
    spam: [
      '(?:castig\\w*|gratuit\\w*|promo\\w*|reducer\\w*|click|apasa|credit\\w*)\\b',
      '(?:imprumut rapid|oferta speciala)',
    ],
    // Chain letters: pass this on to so many people, or bad luck follows.
    'chain-letter': [
      'trimite\\w* (?:\\w+ ){0,3}la \\d+ (?:de )?(?:prieteni|persoane|oameni|grupuri)\\b',
      'rupe lantul',
    ],
    work: ['(?:lucreaza|munceste|muncesc|lucreaz\\w*)\\b'],
    filler: ['(?:va rog|te rog|foarte|mult|ziua|doamna|domnule)\\b'],
  },
};
