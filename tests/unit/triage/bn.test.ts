import { triageCases } from './triage-cases.ts';

triageCases('Bengali', [
  { text: 'আমাকে ঘরে আটকে রেখেছে, বাঁচান', priority: 'emergency', lang: 'bn' },
  { text: 'মালিক বলেছে মেরে ফেলবে', priority: 'emergency' },
  { text: 'দুই দিন খাবার দিচ্ছে না', priority: 'emergency' },
  { text: '১৫ বছরের মেয়েকে জোর করে কাজ করাচ্ছে', priority: 'emergency', minor: true },
  // "নিয়ে গেছে" also tells of a person taken away: bare, as "দালাল পাসপোর্ট নিয়ে গেছে", the model
  // leans to an emergency (a known false alarm, on the safe side); with whose passport it is, urgent.
  { text: 'দালাল আমার পাসপোর্ট নিয়ে গেছে', priority: 'urgent', reasons: ['documents-taken'] },
  { text: 'তিন মাস বেতন দিচ্ছে না', priority: 'urgent', reasons: ['wages-withheld'] },
  // Negation after the verb, and as a suffix.
  { text: 'আমাকে কেউ আটকে রাখেনি, শুধু তথ্য চাই', priority: 'standard' },
  { text: 'আমি বিপদে নেই, ভিসার ব্যাপারে জানতে চাই', priority: 'standard' },
  { text: 'ধন্যবাদ', priority: 'noise' },
]);

triageCases('Bengali in Latin letters (Banglish)', [
  { text: 'amake bachan, ora amake atke rekhese', priority: 'emergency', lang: 'bn' },
  { text: 'malik amake mare, bole mere felbe', priority: 'emergency', lang: 'bn' },
  { text: '2 din dhore khabar dicche na', priority: 'emergency' },
  { text: 'passport niye geche dalal', priority: 'urgent', reasons: ['documents-taken'] },
  { text: '3 mash beton pai nai', priority: 'urgent', reasons: ['wages-withheld'] },
  // "niye" also means "about": this is a question, not a taken passport.
  { text: 'ami bipode nai, passport niye jante chai', priority: 'standard' },
  { text: 'amake atke rakhe nai, shudhu info chai', priority: 'standard' },
  { text: 'dhonnobad', priority: 'noise', lang: 'bn' },
]);
