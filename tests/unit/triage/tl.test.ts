import { triageCases } from './triage-cases.ts';

triageCases('Tagalog', [
  { text: 'tulong po, ikinulong kami ng amo sa bodega', priority: 'emergency', lang: 'tl' },
  { text: 'binubugbog ako ng amo ko araw araw', priority: 'emergency' },
  { text: 'dalawang araw na kaming walang pagkain', priority: 'emergency' },
  {
    text: 'may batang 12 taong gulang na pinagtatrabaho sa pabrika ngayon',
    priority: 'emergency',
    minor: true,
  },
  { text: 'hawak ng amo ko ang passport ko', priority: 'urgent', reasons: ['documents-taken'] },
  { text: 'tatlong buwan na akong hindi sinasahuran', priority: 'urgent', reasons: ['wages-withheld'] },
  // Particles between the negator and the verb.
  { text: 'hindi naman po ako sinasaktan, may tanong lang po', priority: 'standard' },
  { text: 'paano malalaman kung legit ang agency?', priority: 'standard' },
  { text: 'salamat po', priority: 'noise' },
]);
