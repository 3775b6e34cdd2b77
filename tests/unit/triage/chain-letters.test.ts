import { describe, expect, it } from 'vitest';
import { analyseRules } from '../../../functions/triage/rule-analysis.ts';

const spam = (text: string) => analyseRules(text).evidence.spam;

describe('chain letters are spam by themselves', () => {
  it.each([
    'Forward this message to 12 people before midnight or bad luck will follow you',
    'Envoyez ce message à 15 amis et votre vœu sera exaucé',
    'Comparte esta oración con 12 amigos y la Virgen te protegerá',
    'Trimite acest mesaj la 20 de prieteni',
    'Kirim pesan ini ke 7 teman maka doamu terkabul',
    'I-share mo ito sa 12 na kaibigan para swertehin',
    'Hãy gửi tin này cho 12 người bạn để gặp may',
    'Перешлите это сообщение 15 друзьям до полуночи',
    'انشرها لعشرين شخص وسترى العجب',
    'এই বার্তাটি ১২ জনকে পাঠান, ভালো খবর আসবে',
    'yo सन्देश १५ जनालाई पठाउनुहोस्',
    'ei message ta 12 jon ke pathan',
    '把这条消息转发给15个朋友，好运就会来',
  ])('%s', (text) => {
    expect(spam(text)).toBe(true);
  });

  it('a plea that names how many people are held is not a chain letter', () => {
    expect(spam('please help, they moved 12 people to another house tonight')).toBe(false);
  });
});

describe('Arabic in Latin letters', () => {
  // "w" (and) once counted as "www", an advertising word, so two of them made a message spam.
  it('is not spam for its "w"', () => {
    expect(spam('el bab 7adid w 3leh 2fel, w fi wa7ad 3am ye7res barra. ma fini etla3 abadan')).toBe(false);
  });
});
