import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../functions/triage/detect-language.ts';

describe('detectLanguage', () => {
  it.each([
    ['قفلوا علينا الباب', 'ar', 'native'],
    ['ওরা আমাদের তালা দিয়ে রেখেছে', 'bn', 'native'],
    ['हामीलाई ताला लगाएर राखेका छन्', 'ne', 'native'],
    ['他们把我锁在房间里', 'zh', 'native'],
    ['нас заперли в подвале', 'ru', 'native'],
    ['they locked us in the basement and took our phones', 'en', 'latin'],
    ['el patrón se quedó con mis documentos', 'es', 'latin'],
    ['ils nous gardent enfermés dans la cave', 'fr', 'latin'],
    ['ne țin încuiați în casă', 'ro', 'latin'],
    ['ne tin inchisi in casa si nu ne platesc', 'ro', 'latin'],
    ['cứu tôi với, họ khóa cửa', 'vi', 'latin'],
    ['cuu toi voi, ho khoa cua nhot toi', 'vi', 'latin'],
    ['binugbog ako ng amo ko at ayaw akong palabasin', 'tl', 'latin'],
    ['saya dikunci di kamar dan dipukuli', 'id', 'latin'],
    ['sa3dooni, 7abasoona fi el bait', 'ar', 'latin'],
    ['akhadu el passport w ma fi akl', 'ar', 'latin'],
    ['amake bachan, passport niye geche', 'bn', 'latin'],
    ['ami bipode nai, shudhu jante chai', 'bn', 'latin'],
  ])('%s → %s (%s)', (text, lang, script) => {
    const detected = detectLanguage(text);
    expect(detected.lang).toBe(lang);
    expect(detected.script).toBe(script);
  });

  it('prefers a native script over a few English words mixed in', () => {
    expect(detectLanguage('please help আমাকে বাঁচান').lang).toBe('bn');
  });

  it('falls back to English with no confidence when nothing is recognisable', () => {
    const detected = detectLanguage('zzzq xkcd 123');
    expect(detected).toMatchObject({ lang: 'en', confidence: 0 });
  });

  it('is confident on a clear message and unsure on a lone ambiguous word', () => {
    expect(detectLanguage('je ne suis pas en danger, merci pour votre aide').confidence).toBeGreaterThan(0.5);
    expect(detectLanguage('ok').confidence).toBeLessThan(0.3);
  });
});
