import { triageCases } from './triage-cases.ts';

triageCases('Nepali', [
  { text: 'हामीलाई कोठामा थुनेर राखेका छन्', priority: 'emergency', lang: 'ne' },
  { text: 'साहुले कुट्छ र मार्छु भन्छ', priority: 'emergency' },
  { text: 'दुई दिनदेखि खाना दिएका छैनन्', priority: 'emergency' },
  { text: '१३ वर्षकी केटीलाई होटलमा जबरजस्ती काम गराउँदैछन्', priority: 'emergency', minor: true },
  { text: 'कम्पनीले पासपोर्ट खोसेको छ', priority: 'urgent', reasons: ['documents-taken'] },
  { text: 'चार महिनादेखि तलब दिएको छैन', priority: 'urgent', reasons: ['wages-withheld'] },
  { text: 'मलाई कसैले थुनेको छैन, जानकारी मात्र चाहियो', priority: 'standard' },
  { text: 'म्यानपावरको सूची कहाँ पाइन्छ?', priority: 'standard' },
  { text: 'धन्यवाद', priority: 'noise' },
]);
