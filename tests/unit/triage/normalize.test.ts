import { describe, expect, it } from 'vitest';
import { normalize, normalizePattern } from '../../../functions/triage/normalize.ts';

describe('normalize', () => {
  it('lower-cases and strips accents from Latin scripts', () => {
    expect(normalize('Ajutor, ne țin ÎNCUIAȚI')).toBe('ajutor, ne tin incuiati');
    expect(normalize('cứu tôi với, đánh')).toBe('cu toi voi, danh');
  });

  it('collapses stretched and doubled letters but not digits', () => {
    expect(normalize('heeeelp pleeease')).toBe('help please');
    expect(normalize('passport 11 years')).toBe('pasport 11 years');
  });

  it('keeps English contractions as one word and splits French elisions', () => {
    expect(normalize("they won't let me, I'm scared")).toBe('they wont let me, im scared');
    expect(normalize("l'agence m'a pris")).toBe('l agence m a pris');
  });

  it('unifies Arabic letter variants and removes tatweel and vowel marks', () => {
    expect(normalize('أخذوا جوازي')).toBe('اخذوا جوازي');
    expect(normalize('إقامة')).toBe('اقامه');
    expect(normalize('أكـــل')).toBe('اكل');
    expect(normalize('مُحْتَجَزَة')).toBe('محتجزه');
  });

  it('converts Arabic-Indic, Bengali and Devanagari digits', () => {
    expect(normalize('١٨ ساعة')).toBe('18 ساعه');
    expect(normalize('১৪ বছরের')).toBe('14 বছরের');
    expect(normalize('१४ वर्षकी')).toBe('14 वर्षकी');
  });

  it('keeps Bengali and Devanagari vowel signs', () => {
    expect(normalize('খাবার দিচ্ছে না')).toBe('খাবার দিচ্ছে না');
  });

  it('simplifies traditional Chinese and maps full-width punctuation', () => {
    expect(normalize('救命，他們把我鎖在裡面')).toBe('救命,他们把我锁在里面');
  });

  it('normalises patterns without breaking regex escapes', () => {
    expect(normalizePattern('\\bbeat|kill\\w*')).toBe('\\bbeat|kil\\w*');
    expect(normalizePattern('enfermée')).toBe('enferme');
  });
});
