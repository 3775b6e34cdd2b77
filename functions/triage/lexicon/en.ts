/** English signals, including common SMS spellings and typos ("pls", "lokced", "pasprt"). */
import type { Lexicon } from './types.ts';

const OBJ = '(?:me|us|her|him|them|my \\w+|the (?:girls|women|workers|kids|children))';
// Violence is often against a group: "hitting everyone", "beats the workers".
const VICTIMS = `(?:${OBJ}|everyone|everybody|people|workers|girls|women|kids|children|all of us)`;
const DOC =
  '(?:pasport\\w*|pasprt|paspot|pasort|paspor\\w*|psport|id|ids|id cards?|documents?|docs|papers|' +
  'visa|work permit|permit|iqama|residence card|contract)';

export const en: Lexicon = {
  code: 'en',
  script: 'latin',
  negators: [
    'not',
    'never',
    'dont',
    'didnt',
    'doesnt',
    'isnt',
    'wasnt',
    'arent',
    'werent',
    'havent',
    'hasnt',
    'hadnt',
    'nobody',
    'noone',
    'neither',
    'nor',
  ],
  localNegators: ['no'],
  particles: ['really', 'even', 'ever', 'actually', 'realy'],
  clauseBreaks: ['and', 'but', 'then', 'so', 'because', 'although', 'though', 'while'],
  signals: {
    confinement: [
      `lo(?:ck|kc|k)(?:ed|d|s|ing)? ${OBJ}? ?(?:in|up|inside)\\b`,
      'lo(?:ck|kc|k)(?:ed|d|s|ing)? (?:the )?(?:door|gate|room)',
      '(?:door|gate|room|house|doors|gates) (?:is |are |was |were |always |still |stays |kept )*lo(?:ck|kc|k)(?:ed|d)',
      'locked (?:in|up|inside|away)',
      'lo(?:ck|kc|k)(?:ed|d|s|ing)? (?:me|us|her|him|them)\\b',
      '(?:trapped|imprisoned|confined|captive|chained|caged|kidnap\\w*|abducted|hostage|held prisoner)',
      'held (?:captive|hostage|prisoner|against)',
      'against (?:my|our|her|his|their) wil\\b',
      `keep\\w* ${OBJ} (?:locked|inside|prisoner|captive|trapped)`,
      `kept ${OBJ} (?:locked|inside|prisoner|captive|trapped)`,
      `!(?:wont|dont|do not|will not|doesnt|does not|didnt|did not|never|not|wouldnt|would not) let ${OBJ}(?: \\w+)? (?:out|go|leave|outside|escape)`,
      '!(?:not|never|nobody|no one is) allowed (?:to )?(?:go |get |step )?(?:out|outside|leave|go home|escape)',
      '!(?:cant|canot|can not|could not|couldnt|unable to|no way to) (?:\\w+ )?(?:leave|escape|get out|go out|go outside|run)\\b(?! (?:the |this |my |our )?(?:job|company|employer|contract|work|country)| without (?:permision|asking))',
      '!no way out',
      'guards? (?:watch|at the door|outside|wont|stop|follow)',
    ],
    'threat-to-kill': [
      `(?:kil|kils|kiled|kiling|murder\\w*|shoot|stab|strangle|behead) ${OBJ}`,
      '(?:threat\\w*|said|says|say|promised|swore) (?:\\w+ ){0,5}(?:kil|murder|dead|death|end my life)',
      '(?:wil|would|going to|gona|gonna|wana|want to) (?:\\w+ )?(?:kil|murder|shoot|stab|bury|burn|slit)',
      'death threats?',
      'threat\\w* (?:with |of )?death',
      'kil (?:me|us|you|her|him|them|my)',
    ],
    violence: [
      `(?:hit|hits|hiting|beat|beats|beating|punch\\w*|kick\\w*|slap\\w*|hurt\\w*|abus\\w*|rape\\w*|rapes|raping|tortur\\w*|burn\\w*|whip\\w*|chok\\w*|strangl\\w*|attack\\w*|assault\\w*|molest\\w*) ${VICTIMS}`,
      '(?:hit\\w*|beat\\w*) (?:\\w+ ){0,3}with (?:a|the|his|her|their) (?:belt|stick|pipe|cable|whip|rod|chain|bat|hamer|hose)',
      '(?:was|were|got|been|being|am|are|is|get) (?:\\w+ )?(?:beaten|beat up|hit|abused|raped|tortured|hurt|attacked|assaulted|injured|molested|whipped|burned|slapped|kicked|punched|bet up)',
      '(?:beats|beating|beaten|raped|rapd|raping|rapes|tortur\\w*|bleeding|bruises|bruised|sexual(?:y)? (?:abus|assault)\\w*)\\b',
      '(?:wil|would|going to|gona|gonna) (?:\\w+ )?(?:beat|hurt|rape|hit|punish) (?:me|us|her|him)',
      '(?:touch\\w*|grop\\w*) (?:me|her)\\b',
    ],
    weapon: [
      '(?:gun|guns|pistol|rifle|knife|knives|knif|nife|machete|weapon\\w*|armed|firearm\\w*|shotgun|ak47)\\b',
    ],
    'sexual-exploitation': [
      '(?:forc\\w*|made|make|makes|making|pushed|push\\w*|sel\\w*) (?:\\w+ ){0,2}(?:to )?(?:prostitut\\w*|sex\\b|sleep with|have sex|sel (?:her|my|our|their)? ?bod\\w*|dance for|entertain (?:men|clients|customers)|serve (?:men|clients)|service clients)',
      '(?:brothel|pimp\\w*|sex trafick\\w*|sold for sex|forced prostitution|sexual exploitation)',
    ],
    'being-sold': [
      '(?:being|been|was|were|got|are|is|get) sold\\b',
      '(?:sold|seling) (?:me|us|her|him|girls|women|children|kids|people|the girls)\\b',
      'sel (?:girls|women|children|kids|people)\\b',
    ],
    'moving-now': [
      `(?:moving|taking|transport\\w*|transfer\\w*|driving|shipping|bringing|smugling|smuggling|sending) ${OBJ}(?: \\w+){0,3} (?:across|over the border|tonight|now|somewhere|away|to another|to a diferent|i dont know where|dont know where|we dont know)\\b`,
      '(?:in|on|inside) (?:a|the) (?:truck|van|lory|container|boat|car|bus|trunk) (?:right )?now',
      '(?:we|i) (?:are|am|re|m) (?:in|inside) (?:a|the) (?:truck|van|lory|container|boat|trunk)',
      '(?:being|are being|were being|getting) (?:moved|taken|transported|smuggled|driven)',
      'across the border (?:now|tonight|today)',
    ],
    'no-food': [
      '!no (?:food|water|eat\\w*|meals?)\\b',
      '!(?:nothing|not hing) to eat',
      '!(?:havent|have not|hasnt|didnt|did not|dont|do not|cant|wont|not|never) (?:\\w+ ){0,2}(?:eat|eaten|ate|fed|feed)\\b',
      '!(?:dont|do not|didnt|did not|wont|never|not|stopped|havent|have not|hasnt|has not|arent) (?:give|giving|gave|given) (?:\\w+ ){0,2}(?:food|water|anything to eat)',
      '!(?:havent|hasnt|have not|has not|didnt|did not|dont|wont|not|never) (?:\\w+ ){0,4}(?:anything|nothing|something) to eat',
      '!(?:without|no) (?:any )?(?:food|water) (?:for|since)',
      '(?:starv\\w*|hungry|hungery|hungri|famished)',
      '!no (?:fud|fod|fode)\\b',
    ],
    hiding: [
      '(?:hiding|in hiding)\\b',
      '(?:i|we|im|i am|we are|were) (?:\\w+ )?hid(?:e|ing)?\\b',
      '(?:looking|searching|hunting|coming) for (?:me|us)\\b',
      '(?:chasing|following) (?:me|us)\\b',
    ],
    'danger-now': [
      '(?:in|am in|are in|life is in|lives are in) (?:great |real |big |serious |grave )?danger',
      '(?:scared|afraid|fear|terrified|worried) (?:for|of) (?:my|our|her|his) li(?:fe|ves)',
      '(?:terrified|life threatening|going to die|gona die|dying)\\b',
      '!not safe\\b',
      '(?:feel|am|im|are|we re|were) (?:so |very |realy )?unsafe',
      'emergency\\b(?! (?:number|contact|line|hotline|phone|services?))',
      'come (?:quick|quickly|fast|now|asap|immediately)',
    ],
    'rescue-plea': [
      'save (?:me|us|her|him|them|my)\\b',
      'rescue (?:me|us|her|him|them)\\b',
      '(?:sos|mayday)\\b',
      'get (?:me|us) out\\b',
      'come (?:and )?get (?:me|us)\\b',
    ],
    'help-request': ['(?:help|hlep|halp|hepl|helpme|hlp)\\b', 'need (?:your )?(?:help|assistance|support)'],
    'documents-taken': [
      `(?:tok|took|taken|take|takes|taking|tk|keep|keps|kept|keping|hold|holds|held|holding|confiscat\\w*|seiz\\w*|stole|stolen|withh[eo]ld\\w*|retain\\w*|grab\\w*)(?<!\\b(?:i|we|to|should|must|can|wil|cani|you) \\w+) (?:\\w+ ){0,3}${DOC}\\b`,
      `(?:has|have|got)(?<!\\b(?:i|we|you) \\w+) (?:my|our|her|his|their|all (?:our|the)|the) ${DOC}\\b`,
      `${DOC} (?:was |were |is |are |got |been )+(?:taken|confiscated|held|kept|stolen|seized|withheld)`,
      `${DOC} (?:is|are) (?:still )?(?:with|at) (?:the |my |our |her |his )?(?:employer|bos|agency|agent|madam|sponsor|family|company|recruiter|kafeel)`,
      '!(?:wont|dont|didnt|not|never|refus\\w*) (?:\\w+ ){0,2}(?:give|giv|return|hand)\\w* (?:\\w+ ){0,3}(?:back|bak)',
      `(?:give|giv|return|hand)\\w* (?:\\w+ )?(?:back|bak) (?:my|our|the|her|his|their) ${DOC}`,
    ],
    'debt-bondage': [
      '(?:owe|owes|owed|owing|debt\\w*|repay\\w*|deduct\\w*)\\b',
      'pay(?:ing)? (?:it |them |him |her |this |the (?:debt|loan|money) )?(?:back|of)\\b',
      'work (?:\\w+ )?of (?:the|my|a|our|their)? ?(?:debt|loan)',
      '(?:must|have to|need to|has to) pay (?:\\w+ ){0,3}(?:before|first|to leave|to go home|to get (?:my|our))',
      '(?:until|til|till) (?:i|we) pay',
      '(?:loan|debt) (?:gets|keeps|is) (?:\\w+ )?(?:bigger|growing|increas\\w*)',
    ],
    'wages-withheld': [
      '!(?:no|without|zero|never|not|havent|havnt|hvnt|have not|hasnt|has not|didnt|dint|didn|did not|dont|dnt|do not|doesnt|does not|wont|stoped|stop)(?: (?:been|get|geting|got|goten|receive\\w*|recieve\\w*|give|giving|gave|given|me|us|her|him|them|a|any|my|our|their|the|single|paying|for|in|since|\\d+|months?|weks?|even))* (?:pay|paid|paying|sal(?:a|e)r(?:y|i|ies)|salry|wages?|payment)\\b',
      '(?:unpaid|underpaid|pay (?:me|us) nothing|pay (?:me|us) les)',
      '!(?:dont|didnt|never|not|wont|havent|hasnt) (?:give|giving|gave|given|pay|paid) (?:me|us|her|him|them) (?:any )?money',
      '(?:kept|keps|keep|keping|withhold\\w*|withheld|stole) (?:my|our|the|her|his) (?:salary|wages?|pay|money|earnings)',
      '(?:salary|wages?|pay) (?:\\w+ ){0,3}(?:never (?:came|comes|paid|arived)|delayed|withheld|stolen)',
      'half (?:of )?(?:the |my |our )?(?:salary|pay|wage)',
      '(?:les|lower|smaler) (?:salary|pay|wages?) (?:than|then) (?:\\w+ )?(?:promised|agreed|the contract)',
    ],
    deception: [
      '(?:they|he|she|agency|agent|recruiter|employer|boss|company|broker) (?:\\w+ )?(?:lied|tricked|cheated|fooled|deceived|scammed)',
      '(?:was|were|got|been|i am|we are) (?:\\w+ )?(?:lied to|tricked|cheated|fooled|deceived|scammed)',
      'promised (?:\\w+ ){0,8}(?:but|instead|turned out|ended up|now|realy)',
      '(?:different|another|not the same|not the) (?:job|work|contract|salary|pay)(?: than| from)? (?:\\w+ )?(?:promised|agreed|we were told|i was told)',
      'contract (?:is |was )?(?:different|changed|fake|false|replaced)',
      '(?:lied|lies|lying) (?:about|to)\\b',
      '(?:told|said|promised|ofered|advertised) (?:\\w+ ){0,6}(?:job|work|position|salary|contract|pay)(?: \\w+){0,6} (?:but|instead|turned out)\\b',
      '(?:turned out|ended up) (?:to be|cleaning|working|as)',
      'fake (?:contract|visa|promise)',
    ],
    'forced-overtime': [
      '(?:1[2-9]|2[0-3]) ?(?:hours?|hrs?|h)\\b(?: (?:a|per|every|each) ?(?:day|night|shift)| daily| straight| nonstop| without)',
      'work\\w* (?:\\w+ )?(?:1[2-9]|2[0-3]) ?(?:hours?|hrs?|h)\\b',
      '!(?:no|without|never (?:get|have) a|never get|never have) (?:\\w+ )?(?:rest|break|day of|days of|holiday|sleep|time of)',
      '7 days a week',
      'work\\w* (?:\\w+ )?(?:all day and (?:all )?night|every day without)',
      '(?:day and night|nonstop|non stop|around the clock)',
      '(?:forced|unpaid) overtime',
    ],
    'forced-labour': [
      '(?:forc\\w*|made|make|makes|making|oblig\\w*|compel\\w*|coerc\\w*) (?:\\w+ ){0,2}(?:to )?(?:work|beg|begging|sel drugs|steal|clean|labou?r)\\b',
      '(?:forced labou?r|slave\\w*|slavery|bonded labou?r)',
      '(?:forc\\w*|made|make|makes|making) (?:me|us|him|her|them|the (?:girls|women|workers|kids|children)) (?:to )?(?!(?:a|an|the|feel|happy|sad|sick|laugh|cry|angry|sign up)\\b)[a-z]+',
      '!(?:cant|canot|can not|not allowed to|wont let (?:me|us)) (?:quit|resign|change (?:job|employer)|leave (?:the|my|this) (?:job|work|employer|company))',
    ],
    isolation: [
      '(?:took|tok|taken|take|confiscat\\w*|keep|kept|broke|smashed|stole) (?:\\w+ ){0,2}(?:phone|phones|mobile|cel|celphone)\\b',
      '!(?:not allowed|cant|canot|dont let \\w+|wont let \\w+) (?:to )?(?:call|talk|speak|contact|use (?:the|a|my) phone)',
      'using (?:a |my )?(?:friends?|someone else s|someones|another) phone',
    ],
    threat: [
      '(?:threat\\w*|thret\\w*|threatn\\w*|blackmail\\w*)',
      '(?:said|says|say|wil|gona|going to) (?:\\w+ ){0,4}(?:deport|report (?:me|us)|call the police|send (?:me|us) (?:home|back)|hurt my family|cancel (?:my|our) visa)',
    ],
    child: [
      '(?:child|children|childs|kid|kids|underage|under age|under 18|baby|toddler|teen|teenager|teens|schoolgirl|schoolboy|juvenile|orphan)\\b',
      '(?:little|young|smal) (?:girl|boy)\\b',
      '(?:a|the|two|three|some|is|are) minors?\\b(?! (?:issue|problem|question|thing|injur\\w*|detail))',
    ],
    immediate: [
      '(?:now|rn|tonight|currently|asap|immediately|urgent\\w*|hury)\\b',
      '(?:at the moment|as we speak|this (?:minute|moment)|right away)',
    ],
    'third-party-report': [
      'my (?:friend|sister|brother|cousin|neighbou?r|niece|nephew|daughter|son|wife|husband|mother|mom|mum|father|dad|aunt|uncle|colleague|coworker|roomate)\\b',
      '(?:a|the|some|two|three|many) (?:woman|women|girl|girls|man|men|workers?|maid|maids|people|family|boy|boys|lady|ladies)\\b',
      '(?:neighbou?rs?|i saw|i noticed|i heard|someone|somebody)\\b',
    ],
    uncertain: [
      '(?:i think|i suspect|i believe|i guess|i feel like|seems?|seem to|looks like|maybe|perhaps|probably|possibly|not sure)\\b',
    ],
    'negated-danger': [
      '!(?:not|no|never) in (?:any )?danger',
      '!no danger',
      '(?:im|i am|we are|were|we re) (?:safe|fine|ok|okay|alright)\\b',
      '!nothing (?:bad|wrong) (?:is happening|happened)',
    ],
    hypothetical: [
      // General questions about the hotline's work, not reports of what is happening.
      'do you (?:help|asist|handle|deal with|work with)\\b',
      '(?:is there|are there) (?:any )?(?:help|support|shelters?|asistance) for',
      'what (?:is|are) (?:human )?(?:trafick\\w*|forced labou?r|debt bondage)',
      '(?:might|may|could) be (?:a )?victims?',
      'how (?:can|do|could) i help (?:someone|somebody|a friend|my friend|people|her|him)',
      '(?:what if|what happens if|what (?:should|can|do) (?:i|we) do if|in case)\\b',
      'if (?:my|an?|the) (?:employer|boss|agency|agent|recruiter|sponsor|company)',
      'can (?:an?|the|my)? ?(?:employer|boss|agency|agent|recruiter|sponsor|company)s? (?:legaly )?(?:keep|take|hold|withhold|confiscate)',
      'is it (?:legal|normal|alowed|ok) for (?:an?|the)',
      'are (?:employers|agencies|recruiters|they) allowed',
    ],
    question: [
      '(?:how|what|where|when|which|who|why|whom|whose)\\b',
      '^(?:can|could|is|are|do|does|should|may|will|would) (?:i|we|you|it|they|there|my|an?|this|the)\\b',
      'just (?:a )?(?:question|asking|wondering)',
      '(?:i have|i got|quick|one) (?:a )?question',
    ],
    'info-request': [
      '(?:info|information|details|requirements?|advice|advise|guidance|procedure|process)\\b',
      '(?:want to|would like to|need to|wana) (?:know|learn|ask|understand)',
      '(?:find out|know more|tel me|explain|list of|how to)\\b',
    ],
    visa: [
      '(?:visa|visas|work permit|permit|residen\\w* permit|iqama|emigra\\w*|migra\\w*|imigra\\w*|green card|sponsorship|kafala|renew\\w*)\\b',
    ],
    rights: [
      '(?:rights|right to|my right|legal|legaly|ilegal|law|laws|minimum wage|labou?r law|entitled|complain\\w*|lawyer)\\b',
    ],
    'agency-check': [
      '(?:agency|agencies|recruiter\\w*|recruitment|licen[cs]ed?|registered|legit\\w*|genuine|real|verify|scam)\\b',
      'check (?:if|whether|an?|the|this)\\b',
    ],
    'job-offer': [
      '(?:job ofer|ofer|ofers|vacanc\\w*|hiring|job ad\\w*|overseas job\\w*|abroad|employment)\\b',
      'work (?:abroad|overseas|in \\w+)',
    ],
    'hotline-info': [
      '(?:hotline|helpline|phone number|contact|ofice|opening hours|your service|this service|your organi[sz]ation)\\b',
      '(?:how does (?:this|it) work|who are you|what (?:do you|does the hotline) do|what the hotline does)',
      '(?:number|open|free of charge)\\b',
    ],
    'greeting-only': [
      '(?:hi|hey|hello|helo|halo|hiya|yo|greetings|howdy|sup|whats up|how are you|hru)\\b',
      'good (?:morning|afternoon|evening|day|night)\\b',
    ],
    thanks: [
      '(?:thanks?|thank you|thanku|thx|thanx|tnx|ty|tq|much appreciated|appreciate it|cheers|bye|goodbye|got it|noted)\\b',
      '(?:thats all|nothing else|ok|okay|k|kk|alright|cool|great|yes|yep)\\b',
      'thank\\w* (?:you )?(?:so much |a lot )?for (?:the|your|all the|all your) (?:help|info|information|answer|reply|support|advice)',
    ],
    test: ['(?:test|tests|testing|tst|this is a test)\\b'],
    // No "www": spelled as normalised (a doubled letter once) it is "w", Arabizi's "and". Links are
    // marks of spam by themselves (rule-analysis.ts).
    spam: [
      '(?:win|winer|won|prize|congratulation\\w*|free|click|cheap|discount|promo\\w*|loan|loans|credit|casino|beting|crypto|bitcoin|lottery|jackpot|claim|subscribe|unsubscribe|http|https|bit ly|bank details)\\b',
      '(?:reply|text|send) (?:yes|stop|win)\\b',
      '(?:buy|call|order|apply) now\\b',
      'earn \\$?\\d+',
      '(?:from home|no experience (?:needed|required)|whatsapp|per day|daily income)\\b',
    ],
    // Chain letters: pass this on to so many people, or bad luck follows.
    'chain-letter': [
      '(?:forward|share|send|pass) (?:\\w+ ){0,3}to \\d+ (?:people|persons|friends|groups|contacts)\\b',
      '(?:break|broke|breaking) the chain\\b',
    ],
    work: ['(?:working|works)\\b'],
    filler: [
      '(?:please|pls|plz|pl|so|much|very|lot|lots|a|the|you|again|all|everyone|there|dear|sir|madam|maam|team|guys|just|hi|to|for|your|ur)\\b',
    ],
  },
};
