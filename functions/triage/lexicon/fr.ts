/**
 * French signals. Negation is carried by "pas / jamais / rien", which sit before the participle
 * ("je ne suis pas enfermée"); "ne" alone is not a negator here because it is also Romanian "us".
 */
import type { Lexicon } from './types.ts';

const OBJ = '(?:me|m|nous|la|le|les|l)';
const DOC =
  '(?:pasport\\w*|pasepor\\w*|papiers?|documents?|carte d identite|carte de sejour|titre de sejour|' +
  'piece d identite|visa|contrat|cni)';

export const fr: Lexicon = {
  code: 'fr',
  script: 'latin',
  negators: ['pas', 'jamais', 'aucun', 'aucune', 'nul'],
  clauseBreaks: ['et', 'mais', 'puis', 'alors', 'car', 'donc'],
  signals: {
    confinement: [
      'enferm(?<!(?:pasport\\w*|papiers|documents) (?:\\w+ )?enferm)\\w*',
      '(?:sequestr|seqestr)\\w*',
      '(?:retenue?s?|detenue?s?|prisonier\\w*|captif\\w*|captive\\w*)\\b(?<!(?:pasport\\w*|papiers|documents|salaire) (?:\\w+ )?\\w+)',
      '!lais\\w* (?:pas|jamais|plus) (?:sortir|partir|aler|quiter)',
      '!(?:peux|peut|pouvons|peuvent|pouvez) (?:pas|plus) (?:sortir|partir|m en aler|nous en aler|fuir|quiter la maison)',
      '!interdit (?:de |d )?(?:sortir|partir)',
      '(?:porte|portes) (?:est |sont )?(?:toujours )?(?:fermee?s?|verouil\\w*) (?:a cle|a clef)',
      '(?:ferm\\w*|verouil\\w*) (?:a cle|a clef)',
      '(?:sous|a) (?:cle|clef)\\b',
      '(?:garde|gardent|garder|tient|tiennent|tenir) (?:\\w+ )?(?:enferm\\w*|prisonni\\w*|a l interieur)',
      '(?:kidnap|enlev)(?:e|ee|es|ees|er|ent)\\b',
    ],
    'threat-to-kill': [
      `(?:tuer|tue|tuera|tueront|tuerai|assassiner|egorger)\\b`,
      'menac\\w* (?:de |d )?(?:mort|tuer)',
      `${OBJ} (?:tuer|tuera|tueront)\\b`,
      '(?:brul|egorg)\\w* (?:vif|vive)',
    ],
    violence: [
      // Not "il ne me frappe pas", "personne me frappe", "il me frappe pas": the verb's own negation.
      `(?<!\\b(?:ne|n|personne) (?:${OBJ} )?)frap\\w*\\b(?! (?:pas|jamais)\\b)`,
      `${OBJ} bat(?:ent|u|ue|us|s|ait)?\\b`,
      '(?:batue?s?|tabas(?:e|er|es|ee|ees|ent|ait|aient)|gifl\\w*|viol(?:e|ee|ees|ent|er|es|ee)?|violen\\w*|agres(?:e|ion|eur)\\w*|maltrait\\w*|tortur\\w*|bles(?:e|es|ee|ees|ure|ures))\\b',
      'coups\\b',
      '(?:brul\\w*|ataqu\\w*) (?:moi|me|nous)\\b',
    ],
    weapon: ['(?:arme|armes|armee?s?|pistolet\\w*|fusil\\w*|couteau\\w*|machete\\w*|revolver)\\b'],
    'sexual-exploitation': [
      '(?:forc\\w*|oblig\\w*|contraint\\w*) (?:\\w+ ){0,2}(?:a |de |d )?(?:se )?(?:prostitu\\w*|coucher|avoir des relations|danser pour)',
      '(?:maison close|proxenet\\w*|exploitation sexuele|prostitution forcee)',
    ],
    'being-sold': [
      '(?:ete|etre|a ete|ont ete|m a|nous a|l a|les a|on m a|on nous a) vendue?s?\\b',
      '(?:vendent|vendre) (?:des |les )?(?:filles|femmes|enfants|personnes)',
    ],
    'moving-now': [
      `(?:emen|amen|transport|deplac|conduis|conduisent)\\w* (?:\\w+ ){0,3}(?:maintenant|ce soir|cette nuit|tout de suite|vers la frontiere|a la frontiere|ailleurs|je ne sais ou)`,
      '(?:on|ils) (?:nous|me|les) (?:emen|transport|deplac)\\w*',
      '(?:dans|en) (?:un |le )?(?:camion|fourgon|bateau|conteneur|cofre)\\b',
    ],
    'no-food': [
      '!(?:pas|rien|plus) (?:de |a )?mang\\w*',
      '!(?:sans|pas de|aucune?) (?:nouriture|manger|repas|eau)',
      '!(?:don\\w*|nouris\\w*) (?:\\w+ ){0,2}(?:pas|rien|plus) (?:a |de )?(?:manger|nouriture)',
      '(?:faim|afame\\w*)\\b',
    ],
    hiding: [
      '(?:cache|caches|cachee|cachees|cachons|cacher)\\b',
      `${OBJ} cherch\\w*`,
      '(?:en fuite|echap\\w*|enfui\\w*)',
    ],
    'danger-now': [
      'en danger',
      'peur pour (?:ma|nos|notre|sa) vie',
      'ma vie est menac\\w*',
      '(?:venez vite|urgence)\\b',
    ],
    'rescue-plea': ['au secours', 'sauve[zr]? (?:moi|nous)', 'secour(?:ez|ir)\\w*', 'sos\\b'],
    'help-request': ['aid\\w* (?:moi|nous)', 'aide\\b', 'besoin d aide', 'aidez'],
    'documents-taken': [
      `${DOC} (?:est|sont) (?:toujours )?chez (?:le |mon |l |la )?(?:patron|employeur|agence|famile|recruteur)`,
      `(?:pris|pri|prend|prenent|confisqu\\w*|garde\\w*|retien\\w*|retenu\\w*|vole|saisi\\w*) (?:\\w+ ){0,3}${DOC}`,
      `${DOC} (?:\\w+ ){0,2}(?:confisqu\\w*|pris|garde\\w*|retenu\\w*)`,
      '!refus\\w* de (?:me |nous |le |les |la )*rendre',
      '!(?:me|nous|le|la|les) (?:\\w+ )?rend\\w* (?:pas|jamais)',
    ],
    'debt-bondage': [
      '(?:dete|detes|endet\\w*|rembours\\w*)\\b',
      "(?:dois|doit|devons|doivent) (?:encore )?(?:\\d+|de l argent|de l' argent|payer le voyage)",
      '(?:retenu\\w*|preleve\\w*|retire\\w*) (?:sur|de) (?:mon|le|notre) salaire',
    ],
    'wages-withheld': [
      '!sans (?:salaire|paie|paye|etre paye\\w*|remuneration|argent)',
      '!(?:pas|jamais|plus|aucun) (?:\\w+ ){0,2}(?:paye\\w*|salaire|remunere\\w*|paie)',
      '!(?:ne |n )(?:\\w+ ){0,3}pa(?:y|i)\\w* (?:pas|jamais|plus|rien)',
      '!(?:me|nous|le|la|les|m) pa(?:y|i)\\w* (?:pas|jamais|plus|rien)',
      'salaire (?:\\w+ ){0,3}(?:impaye|retenu|bloque|pas verse|jamais verse)',
      'impaye\\w*',
    ],
    deception: [
      'promi\\w* (?:\\w+ ){0,8}(?:mais|en fait|finalement|au lieu)',
      '(?:menti|mentent|trompe\\w*|dupe\\w*)\\b',
      '(?:on m a|j ai ete|nous a|m ont|ils m ont|on nous a) (?:\\w+ )?(?:arnaqu\\w*|escroqu\\w*|trompe\\w*)',
      'c etait (?:faux|un mensonge)',
      '(?:faux|fause) (?:contrat|promese\\w*|travail|emploi)',
      'pas le (?:travail|poste|emploi|salaire) (?:promis|prevu)',
      '(?:contrat|salaire) (?:\\w+ )?(?:diferent|change)',
    ],
    'forced-overtime': [
      '(?:1[2-9]|2[0-3]) ?(?:heures|h)\\b',
      '!sans (?:jour de )?(?:repos|conge|pause)',
      '!pas de (?:jour de )?(?:repos|conge)',
      '(?:jour et nuit|nuit et jour|7 jours sur 7|7j 7)',
    ],
    'forced-labour': [
      '(?:forc\\w*|oblig\\w*|contraint\\w*) (?:\\w+ ){0,2}(?:a |de |d )(?:travail\\w*|mendi\\w*|vendre|voler)',
      'on (?:me|nous|la|le|les) fait travail\\w*',
      '(?:travail force|esclav\\w*)',
      '!(?:peux|peut|pouvons) pas (?:quit\\w*|demision\\w*)',
    ],
    isolation: [
      '(?:pris|confisqu\\w*|garde\\w*|vole) (?:\\w+ ){0,2}(?:telephone\\w*|portable\\w*|tel)\\b',
      '!pas le droit d (?:apeler|parler|telephoner)',
    ],
    threat: ['menac\\w*', '(?:renvoyer|expulser|denoncer) (?:\\w+ )?(?:a la police|au pays)', 'chantage'],
    child: [
      '(?:enfant\\w*|gamin\\w*|gose\\w*|mineure?s?|filete\\w*|bebe|ado|ados|adolescent\\w*|moins de 18 ans)\\b',
      '(?:petite fille|petit garcon|jeune fille de)\\b',
    ],
    immediate: [
      '(?:maintenant|actuelement|immediatement|vite|urgent\\w*)\\b',
      '(?:en ce moment|ce soir|cette nuit|tout de suite)',
    ],
    'third-party-report': [
      '(?:mon amie?|ma (?:soeur|cousine|voisine|fille|niece|tante|mere|femme|colegue)|mon (?:frere|cousin|voisin|fils|neveu|oncle|pere|mari|colegue))\\b',
      '(?:une|des|les|ces) (?:femmes?|filles|ouvriers?|travailleu\\w*|gens|personnes)\\b',
      '(?:voisin\\w*|j ai vu|j ai entendu|quelqu un)\\b',
    ],
    uncertain: [
      '(?:je (?:pense|crois|supose|soupcone)|il (?:me )?semble|on dirait|peut etre|sans doute|probablement)\\b',
    ],
    'negated-danger': ['!(?:pas|plus) en danger', 'je suis en securite', 'tout va bien', 'en securite\\b'],
    hypothetical: [
      '(?:et si|que (?:faire|se pase t il) si)\\b',
      'si (?:mon|un|l) (?:employeur|patron|agence)',
      '(?:un|mon) employeur (?:peut|a le droit)',
      'est ce (?:legal|normal) (?:que|qu|de)',
    ],
    question: [
      '(?:comment|pourquoi|ou|quand|quel|quels|quelle|quelles|combien|est ce que|est ce qu|puis je|peut on|pouvez vous)\\b',
      '(?:une question|juste une question|je me demande)',
    ],
    'info-request': ['(?:informations?|renseignements?|savoir|conseils?|liste|demarches|procedure)\\b'],
    visa: [
      '(?:visas?|titre de sejour|permis de travail|immigr\\w*|migr\\w*|emigr\\w*|renouvel\\w*|regularis\\w*)\\b',
    ],
    rights: ['(?:droits?|legal\\w*|ilegal\\w*|loi|lois|contrat|salaire minimum|porter plainte|avocat)\\b'],
    'agency-check': [
      '(?:agences?|agree\\w*|recrut\\w*|placement|oficiel\\w*|autoris\\w*|verifi\\w*|fiable|serieu\\w*|arnaque)\\b',
    ],
    'job-offer': ['(?:ofre\\w*|anonce\\w*|emploi a l etranger|travail(?:er)? a l etranger|poste)\\b'],
    'hotline-info': [
      '(?:ligne|numero|gratuit\\w*|horaires?|ouvert|votre service|votre asociation|contacter|joindre)\\b',
      'comment (?:ca|cela|votre service) (?:marche|fonctione)',
    ],
    'greeting-only': ['(?:bonjour|bonsoir|salut|coucou|alo|bjr|slt|hey)\\b'],
    thanks: [
      'merci (?:pour|de) (?:l|votre|ton|la|les) ?(?:aide|info|infos|information|informations|reponse)',
      '(?:merci\\w*|mrc|au revoir|a bientot|d acord|ok|daccord)\\b',
      '(?:c est tout|bone (?:journee|soiree))',
    ],
    test: ['(?:test|essai|tester)\\b'],
    spam: [
      '(?:promo\\w*|gagne[rz]?|gagnant|cliquez|reduction|soldes|credit|pret|produits|abone\\w*|inscri\\w*)\\b',
      '\\d+ ?%',
      'ofre (?:speciale|exceptionele|limitee)',
    ],
    // Chain letters: pass this on to so many people, or bad luck follows.
    'chain-letter': [
      '(?:partage\\w*|transfer\\w*|envoie\\w*|envoye\\w*|renvoie\\w*) (?:\\w+ ){0,3}a \\d+ (?:personnes|amis|groupes|contacts)\\b',
      '(?:cas\\w*|romp\\w*|bris\\w*) (?:pas )?la chaine\\b',
    ],
    work: ['travail(?:e|ent)\\b'],
    filler: ['(?:s il vous plait|svp|stp|beaucoup|tres|bien|madame|monsieur|vous|tous|a|le|la|encore|et)\\b'],
  },
};
