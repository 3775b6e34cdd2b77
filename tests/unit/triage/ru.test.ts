import { triageCases } from './triage-cases.ts';

triageCases('Russian', [
  { text: 'помогите, нас заперли на складе', priority: 'emergency', lang: 'ru' },
  { text: 'хозяин бьёт нас и угрожает убить', priority: 'emergency' },
  { text: 'нас не кормят второй день', priority: 'emergency' },
  { text: 'ребёнка заставляют работать на рынке сейчас', priority: 'emergency', minor: true },
  { text: 'работодатель забрал паспорт', priority: 'urgent', reasons: ['documents-taken'] },
  { text: 'мне не платят зарплату три месяца', priority: 'urgent', reasons: ['wages-withheld'] },
  { text: 'я не заперта, просто хочу узнать про визу', priority: 'standard', reasons: ['negated-danger'] },
  { text: 'как проверить агентство?', priority: 'standard' },
  { text: 'спасибо', priority: 'noise' },
]);
