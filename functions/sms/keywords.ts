/**
 * STOP, START and HELP, and their equivalents in the hotline's languages. Only a message that is
 * the keyword alone counts: "stop hitting me" is a message for a person, not an opt-out.
 */

const STOP = [
  'stop',
  'stopall',
  'unsubscribe',
  'cancel',
  'end',
  'quit',
  'arret',
  'arrêt',
  'parar',
  'alto',
  'basta',
  'توقف',
  'الغاء',
  'إلغاء',
  'стоп',
  'отписаться',
  '停止',
  '退订',
  'বন্ধ',
  'रोक',
  'रोक्नुहोस्',
  'dung',
  'dừng',
  'huy',
  'hủy',
  'tigil',
  'itigil',
  'berhenti',
  'opreste',
  'oprește',
];
const START = [
  'start',
  'unstop',
  'yes',
  'commencer',
  'empezar',
  'inicio',
  'ابدأ',
  'ابدا',
  'старт',
  '开始',
  'শুরু',
  'सुरु',
  'bat dau',
  'bắt đầu',
  'simula',
  'mulai',
  'porneste',
  'pornește',
];
const HELP = [
  'help',
  'info',
  'aide',
  'ayuda',
  'مساعدة',
  'помощь',
  '帮助',
  'সাহায্য',
  'मद्दत',
  'सहायता',
  'giup',
  'giúp',
  'tro giup',
  'trợ giúp',
  'tulong',
  'bantuan',
  'ajutor',
];

export type Keyword = 'stop' | 'start' | 'help';

const normalize = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[.!?؟。！]+$/u, '')
    .trim();

const table = new Map<string, Keyword>([
  ...STOP.map((w) => [w, 'stop'] as const),
  ...START.map((w) => [w, 'start'] as const),
  ...HELP.map((w) => [w, 'help'] as const),
]);

export function keywordOf(text: string): Keyword | null {
  return table.get(normalize(text)) ?? null;
}
