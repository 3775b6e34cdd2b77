import { triageCases } from './triage-cases.ts';

triageCases('Arabic', [
  { text: 'ساعدونا، الكفيل قافل علينا الباب', priority: 'emergency', lang: 'ar', reasons: ['confinement'] },
  { text: 'صاحب العمل يضربني ويهددني بالقتل', priority: 'emergency' },
  // Hamza and taa marbuta variants, tatweel.
  { text: 'إحنا محبوسين ومافي أكـــل', priority: 'emergency' },
  { text: 'بنت عمرها ١٤ سنة يشغلونها غصب الحين', priority: 'emergency', minor: true },
  { text: 'المكتب أخذ جوازي', priority: 'urgent', reasons: ['documents-taken'] },
  { text: 'ما استلمت راتبي من ثلاث شهور', priority: 'urgent', reasons: ['wages-withheld'] },
  { text: 'أنا لست في خطر، عندي سؤال عن الإقامة', priority: 'standard', reasons: ['negated-danger'] },
  { text: 'لا أحد يحبسني، فقط أريد معلومات', priority: 'standard' },
  { text: 'كيف أعرف أن المكتب مرخص؟', priority: 'standard' },
  { text: 'شكرا', priority: 'noise' },
]);

triageCases('Arabic in Latin letters (Arabizi)', [
  { text: 'sa3dooni, 7abasoona fi el bait', priority: 'emergency', lang: 'ar' },
  { text: 'ma fi akl w el bab m2fool', priority: 'emergency', lang: 'ar' },
  { text: 'el kafeel darabni w hadadni', priority: 'emergency', lang: 'ar' },
  {
    text: 'akhadu el passport w ma bi3touni yah',
    priority: 'urgent',
    lang: 'ar',
    reasons: ['documents-taken'],
  },
  { text: 'ma 2abadt ma3ashi men shahrain', priority: 'urgent', reasons: ['wages-withheld'] },
  { text: 'ana mish ma7bous, bas 3andi so2al', priority: 'standard' },
  { text: 'shukran', priority: 'noise', lang: 'ar' },
]);
