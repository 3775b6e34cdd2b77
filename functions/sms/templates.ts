/**
 * Automatic SMS replies, per locale. Each must fit one segment (GSM-7: 160 characters; anything
 * else: 70), with the longest emergency number and the longest hotline number the site settings
 * accept filled in: a test counts them. Short on purpose.
 */
import type { Locale } from '#kernel/i18n/locales.ts';
import { countSegments } from './segments.ts';

export interface SmsTemplates {
  /** First reply; {number} is the local emergency number. */
  welcome: string;
  /** First reply when the sender's country has no known emergency number. */
  welcomeNoNumber: string;
  stop: string;
  start: string;
  help: string;
  /** The reply to HELP with the hotline's phone ({phone}), for texters who would rather call. */
  helpCall: string;
  /** Sent when a file the texter sent is of a kind the hotline does not keep: what can be sent. */
  mediaRefused: string;
}

/** Sent when the language is unclear: GSM-7, so it costs one segment whatever the phone. */
export const LANGUAGE_MENU = 'Reply with your language: EN FR ES AR RU ZH BN NE VI TL ID RO';

export const SMS_TEMPLATES: Record<Locale, SmsTemplates> = {
  en: {
    welcome: 'We got your message. A trained adviser will reply soon. In danger now? Call {number}.',
    welcomeNoNumber:
      'We got your message. A trained adviser will reply soon. In danger now? Call the police.',
    stop: 'You will get no more messages from us. Text START to start again.',
    start: 'Welcome back. Write to us any time. It is free and confidential.',
    help: 'Free, confidential help about trafficking and unsafe work. Write your message. STOP to end.',
    helpCall:
      'Free, confidential help about trafficking and unsafe work. Write your message, or call us on {phone}. STOP to end.',

    mediaRefused: "We can't open that file. Send a photo, a voice note or a PDF, or write to us.",
  },
  fr: {
    welcome: 'Message reçu, réponse bientôt. En danger ? Appelez le {number}',
    welcomeNoNumber: 'Message reçu, réponse bientôt. En danger ? Appelez la police.',
    stop: 'Vous ne recevrez plus de messages. Écrivez START pour reprendre.',
    start: 'Bon retour. Écrivez-nous quand vous voulez. Gratuit et confidentiel.',
    help: 'Aide gratuite et confidentielle. Écrivez-nous. STOP pour arrêter.',
    helpCall:
      'Aide gratuite et confidentielle. Écrivez-nous ou appelez le {phone}. STOP pour vous désabonner.',

    mediaRefused:
      'Nous ne pouvons pas ouvrir ce fichier. Envoyez une photo, un message vocal, un PDF ou écrivez-nous.',
  },
  es: {
    welcome: 'Mensaje recibido, le responderemos. ¿Peligro? Llame al {number}',
    welcomeNoNumber: 'Mensaje recibido, le responderemos. ¿Peligro? Llame a la policía.',
    stop: 'No recibirá más mensajes. Escriba START para volver a empezar.',
    start: 'Bienvenido de nuevo. Escríbanos cuando quiera. Es gratis.',
    help: 'Ayuda gratuita y confidencial. Escriba su mensaje. STOP para terminar.',
    helpCall: 'Ayuda gratuita y confidencial. Escriba o llame al {phone}. STOP para terminar.',

    mediaRefused: 'No podemos abrir el archivo. Envíe foto, audio o PDF, o escriba.',
  },
  ar: {
    welcome: 'وصلتنا رسالتك وسيرد مستشار قريبًا. في خطر؟ اتصل بـ {number}',
    welcomeNoNumber: 'وصلتنا رسالتك وسيرد عليك مستشار قريبًا. في خطر الآن؟ اتصل بالشرطة',
    stop: 'لن تصلك رسائل منا بعد الآن. أرسل START للعودة.',
    start: 'أهلًا بعودتك. راسلنا في أي وقت. الخدمة مجانية وسرية.',
    help: 'مساعدة مجانية وسرية. اكتب رسالتك. أرسل STOP للإيقاف.',
    helpCall: 'مساعدة مجانية وسرية. اتصل بنا: {phone}. STOP للإيقاف',

    mediaRefused: 'لا يمكننا فتح الملف. أرسل صورة أو رسالة صوتية أو PDF أو اكتب لنا',
  },
  ru: {
    welcome: 'Сообщение получено, скоро ответим. Опасность? Звоните {number}',
    welcomeNoNumber: 'Сообщение получено, скоро ответим. Опасность? Звоните в полицию',
    stop: 'Вы больше не будете получать сообщения. START — чтобы возобновить.',
    start: 'С возвращением! Пишите в любое время. Бесплатно и конфиденциально.',
    help: 'Бесплатная конфиденциальная помощь. Пишите нам. STOP — отписаться.',
    helpCall: 'Помощь бесплатно. Звоните: {phone}. STOP — отписаться',

    mediaRefused: 'Файл не открывается. Пришлите фото, голосовое или PDF, или напишите.',
  },
  zh: {
    welcome: '已收到您的信息，顾问会尽快回复。如有危险，请立即拨打 {number}。',
    welcomeNoNumber: '已收到您的信息，顾问会尽快回复。如有危险，请立即报警。',
    stop: '您将不再收到我们的信息。发送 START 可重新开始。',
    start: '欢迎回来。随时给我们发信息，免费且保密。',
    help: '免费、保密的帮助。请发送您的信息。发送 STOP 停止。',
    helpCall: '免费保密帮助。请来信或致电 {phone}。发送 STOP 停止。',

    mediaRefused: '无法打开此文件。请发送照片、语音或PDF，或直接给我们写信。',
  },
  bn: {
    welcome: 'বার্তা পেয়েছি, শীঘ্রই উত্তর দেব। বিপদে? {number} নম্বরে ফোন করুন।',
    welcomeNoNumber: 'বার্তা পেয়েছি, শীঘ্রই উত্তর দেব। বিপদে? পুলিশে ফোন করুন।',
    stop: 'আর কোনো বার্তা পাবেন না। আবার শুরু করতে START লিখুন।',
    start: 'আবার স্বাগতম। যেকোনো সময় লিখুন। বিনামূল্যে ও গোপনীয়।',
    help: 'বিনামূল্যে গোপনীয় সাহায্য। আপনার বার্তা লিখুন। বন্ধ করতে STOP।',
    helpCall: 'বিনামূল্যে গোপনীয় সাহায্য। ফোন: {phone}। বন্ধ: STOP',

    mediaRefused: 'ফাইলটি খোলা যাচ্ছে না। ছবি, ভয়েস বার্তা বা PDF পাঠান, অথবা লিখুন।',
  },
  ne: {
    welcome: 'सन्देश पायौं, छिट्टै जवाफ दिन्छौं। खतरामा? {number} मा फोन गर्नुस्।',
    welcomeNoNumber: 'सन्देश पायौं, छिट्टै जवाफ दिन्छौं। खतरामा? प्रहरीलाई फोन गर्नुस्।',
    stop: 'अब तपाईंलाई सन्देश आउने छैन। फेरि सुरु गर्न START लेख्नुहोस्।',
    start: 'फेरि स्वागत छ। जुनसुकै बेला लेख्नुहोस्। निःशुल्क र गोप्य।',
    help: 'निःशुल्क, गोप्य सहायता। आफ्नो सन्देश लेख्नुहोस्। रोक्न STOP।',
    helpCall: 'निःशुल्क, गोप्य सहायता। फोन: {phone}। रोक्न STOP',

    mediaRefused: 'फाइल खुलेन। फोटो, भ्वाइस सन्देश वा PDF पठाउनुहोस् वा लेख्नुहोस्।',
  },
  vi: {
    welcome: 'Đã nhận tin nhắn, sẽ sớm trả lời. Nguy hiểm? Gọi ngay {number}',
    welcomeNoNumber: 'Đã nhận tin nhắn, sẽ sớm trả lời. Nguy hiểm? Gọi ngay công an.',
    stop: 'Bạn sẽ không nhận tin nhắn nữa. Gửi START để bắt đầu lại.',
    start: 'Chào mừng trở lại. Nhắn bất cứ lúc nào. Miễn phí, bảo mật.',
    help: 'Hỗ trợ miễn phí, bảo mật. Hãy nhắn cho chúng tôi. STOP để dừng.',
    helpCall: 'Hỗ trợ miễn phí, bảo mật. Gọi {phone}. STOP để dừng',

    mediaRefused: 'Không mở được tệp. Hãy gửi ảnh, ghi âm, PDF hoặc nhắn chữ.',
  },
  tl: {
    welcome:
      'Natanggap namin ang mensahe mo. Sasagot agad ang isang tagapayo. Nasa panganib ngayon? Tumawag sa {number}.',
    welcomeNoNumber:
      'Natanggap namin ang mensahe mo. Sasagot agad ang isang tagapayo. Nasa panganib ngayon? Tumawag sa pulis.',
    stop: 'Wala ka nang matatanggap na mensahe mula sa amin. I-text ang START para magsimula ulit.',
    start: 'Maligayang pagbabalik. Sumulat anumang oras. Libre at kumpidensyal.',
    help: 'Libre at kumpidensyal na tulong tungkol sa trafficking at hindi ligtas na trabaho. Isulat ang mensahe mo. STOP para tumigil.',
    helpCall: 'Libre at kumpidensyal na tulong. Sumulat o tumawag sa {phone}. STOP para tumigil.',

    mediaRefused: 'Hindi namin mabuksan ang file. Magpadala ng larawan, voice message o PDF, o sumulat.',
  },
  id: {
    welcome: 'Pesan Anda sudah kami terima. Konselor akan segera membalas. Dalam bahaya? Telepon {number}.',
    welcomeNoNumber:
      'Pesan Anda sudah kami terima. Konselor akan segera membalas. Dalam bahaya? Telepon polisi.',
    stop: 'Anda tidak akan menerima pesan lagi dari kami. Kirim START untuk mulai lagi.',
    start: 'Selamat datang kembali. Kirim pesan kapan saja. Gratis dan rahasia.',
    help: 'Bantuan gratis dan rahasia soal perdagangan orang dan kerja tidak aman. Tulis pesan Anda. STOP untuk berhenti.',
    helpCall: 'Bantuan gratis dan rahasia. Tulis pesan Anda atau telepon {phone}. STOP untuk berhenti.',

    mediaRefused: 'Kami tidak bisa membuka file itu. Kirim foto, pesan suara atau PDF, atau tulis pesan.',
  },
  ro: {
    welcome: 'Mesaj primit, vă răspundem curând. În pericol? Sunați la {number}',
    welcomeNoNumber: 'Mesaj primit, vă răspundem curând. În pericol? Sunați la poliție.',
    stop: 'Nu veți mai primi mesaje. Trimiteți START pentru a relua.',
    start: 'Bine ați revenit. Scrieți-ne oricând. Gratuit și confidențial.',
    help: 'Ajutor gratuit și confidențial. Scrieți-ne. STOP pentru oprire.',
    helpCall: 'Ajutor gratuit. Sunați: {phone}. STOP pentru oprire',

    mediaRefused: 'Nu putem deschide fișierul. Trimiteți foto, mesaj vocal sau PDF.',
  },
};

export function fillTemplate(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => vars[name] ?? m);
}

/** The reply to HELP: with the hotline's phone when there is one and the reply stays one segment. */
export function helpReply(locale: Locale, hotlinePhone: string | undefined): string {
  const templates = SMS_TEMPLATES[locale];
  if (!hotlinePhone) return templates.help;
  const withPhone = fillTemplate(templates.helpCall, { phone: hotlinePhone });
  return countSegments(withPhone).segments === 1 ? withPhone : templates.help;
}

/** Ready-made operator replies, in the texter's language; operators may edit before sending. */
export const OPERATOR_TEMPLATES: Record<
  Locale,
  { safeToTalk: string; whereAreYou: string; callEmergency: string }
> = {
  en: {
    safeToTalk: 'Are you safe to text now?',
    whereAreYou: 'Can you tell us where you are now?',
    callEmergency: 'If you are in danger now, call the emergency number.',
  },
  fr: {
    safeToTalk: 'Pouvez-vous écrire sans danger maintenant ?',
    whereAreYou: 'Pouvez-vous nous dire où vous êtes ?',
    callEmergency: 'Si vous êtes en danger, appelez les secours.',
  },
  es: {
    safeToTalk: '¿Puede escribir de forma segura ahora?',
    whereAreYou: '¿Puede decirnos dónde está ahora?',
    callEmergency: 'Si está en peligro ahora, llame a emergencias.',
  },
  ar: {
    safeToTalk: 'هل يمكنك المراسلة بأمان الآن؟',
    whereAreYou: 'هل يمكنك إخبارنا أين أنت الآن؟',
    callEmergency: 'إذا كنت في خطر الآن، اتصل برقم الطوارئ.',
  },
  ru: {
    safeToTalk: 'Вам сейчас безопасно переписываться?',
    whereAreYou: 'Где вы сейчас находитесь?',
    callEmergency: 'Если вам грозит опасность, звоните в экстренную службу.',
  },
  zh: {
    safeToTalk: '您现在发信息安全吗？',
    whereAreYou: '您能告诉我们您现在在哪里吗？',
    callEmergency: '如果您现在有危险，请拨打紧急电话。',
  },
  bn: {
    safeToTalk: 'আপনি কি এখন নিরাপদে লিখতে পারবেন?',
    whereAreYou: 'আপনি এখন কোথায় আছেন বলতে পারবেন?',
    callEmergency: 'এখন বিপদে থাকলে জরুরি নম্বরে ফোন করুন।',
  },
  ne: {
    safeToTalk: 'के तपाईं अहिले सुरक्षित रूपमा लेख्न सक्नुहुन्छ?',
    whereAreYou: 'तपाईं अहिले कहाँ हुनुहुन्छ?',
    callEmergency: 'अहिले खतरामा हुनुहुन्छ भने आपतकालीन नम्बरमा फोन गर्नुहोस्।',
  },
  vi: {
    safeToTalk: 'Bây giờ bạn nhắn tin có an toàn không?',
    whereAreYou: 'Bạn có thể cho biết bạn đang ở đâu không?',
    callEmergency: 'Nếu đang gặp nguy hiểm, hãy gọi số khẩn cấp.',
  },
  tl: {
    safeToTalk: 'Ligtas ka bang mag-text ngayon?',
    whereAreYou: 'Masasabi mo ba kung nasaan ka ngayon?',
    callEmergency: 'Kung nasa panganib ka ngayon, tumawag sa emergency number.',
  },
  id: {
    safeToTalk: 'Apakah Anda aman untuk mengirim pesan sekarang?',
    whereAreYou: 'Bisakah Anda memberi tahu di mana Anda sekarang?',
    callEmergency: 'Jika Anda dalam bahaya, telepon nomor darurat.',
  },
  ro: {
    safeToTalk: 'Puteți scrie în siguranță acum?',
    whereAreYou: 'Ne puteți spune unde sunteți acum?',
    callEmergency: 'Dacă sunteți în pericol acum, sunați la urgențe.',
  },
};
