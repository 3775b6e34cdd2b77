import { triageCases } from './triage-cases.ts';

triageCases('Romanian', [
  { text: 'ajutor, ne țin încuiați într-o magazie', priority: 'emergency', lang: 'ro' },
  // Same message without diacritics.
  { text: 'ajutor, ne tin incuiati intr-o magazie', priority: 'emergency' },
  { text: 'patronul ne bate si ne ameninta cu moartea', priority: 'emergency' },
  { text: 'o fetita de 12 ani cerseste pentru ei acum', priority: 'emergency', minor: true },
  { text: 'mi-au luat pasaportul si nu mi-l dau inapoi', priority: 'urgent' },
  { text: 'nu ne-au platit salariul de doua luni', priority: 'urgent', reasons: ['wages-withheld'] },
  { text: 'nu sunt inchisa, vreau doar sa stiu ce drepturi am', priority: 'standard' },
  { text: 'cum verific o agentie de recrutare?', priority: 'standard' },
  { text: 'multumesc', priority: 'noise' },
]);
