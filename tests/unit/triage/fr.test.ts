import { triageCases } from './triage-cases.ts';

triageCases('French', [
  { text: 'au secours on est enfermées dans une cave', priority: 'emergency', lang: 'fr' },
  // Without accents, spoken negation without "ne".
  { text: 'il me frappe et il dit qu il va me tuer', priority: 'emergency' },
  { text: 'on peut pas sortir, ils ont des couteaux', priority: 'emergency' },
  { text: 'ils nous donnent pas à manger depuis deux jours', priority: 'emergency' },
  { text: 'un enfant de 11 ans travaille à la mine en ce moment', priority: 'emergency', minor: true },
  { text: 'mon patron garde mon passeport', priority: 'urgent', reasons: ['documents-taken'] },
  { text: 'il me paie pas depuis 3 mois', priority: 'urgent', reasons: ['wages-withheld'] },
  {
    text: 'je dois encore 2000 euros à l agence et la dette augmente',
    priority: 'urgent',
    reasons: ['debt-bondage'],
  },
  {
    text: "je ne suis pas enfermée, c'est juste une question sur le visa",
    priority: 'standard',
    reasons: ['negated-danger'],
  },
  { text: 'comment savoir si une agence est agréée ?', priority: 'standard' },
  { text: 'bonsoir', priority: 'noise' },
  { text: 'merci beaucoup', priority: 'noise' },
]);
