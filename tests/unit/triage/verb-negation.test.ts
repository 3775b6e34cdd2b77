import { describe, expect, it } from 'vitest';
import { analyseRules } from '../../../functions/triage/rule-analysis.ts';

// A beating denied in the verb's own negative form is not a sign of violence; the same verb said
// plainly still is (rules alone, before the model).
const violence = (text: string) => analyseRules(text).evidence.found.has('violence');

describe('violence denied in the verb itself', () => {
  it.each([
    'Il ne me frappe pas mais il garde mon passeport',
    'il me frappe pas mais il a mes papiers',
    'je suis pas enfermé, personne me frappe, mais le chef me paie pas',
    'साहुले कुट्दैन, तर पासपोर्ट दिदैन',
    'मेडम राम्रै छ, पिट्दैनन्, तर तलब दिँदैनन्',
    'उहाँले मलाई कुट्नु हुन्न तर पैसा पनि दिनु हुन्न',
    'कुटपिट गर्दैन तर घर आउन दिँदैन',
    'الكفيل واخد الباسبور، مفيش ضرب بس مش عارف امشي',
    'محدش بيضربني بس ماسك الجواز',
  ])('%s', (text) => {
    expect(violence(text)).toBe(false);
  });

  it.each([
    'le patron me frappe tous les jours',
    'il nous frappe quand on demande notre salaire',
    'साहुले हरेक दिन कुट्छ',
    'मालिकले पिट्यो',
    'الكفيل بيضربني كل يوم',
    // Romanian "ne" is "us", not a negation: "seful ne bate" is the boss beating them.
    'seful ne bate in fiecare seara',
  ])('%s', (text) => {
    expect(violence(text)).toBe(true);
  });
});
