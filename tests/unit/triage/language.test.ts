import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../../functions/triage/corpus.ts';
import { partition, readSplit } from '../../../functions/triage/corpus-split.ts';
import { triage } from '../../../functions/triage/triage.ts';

const { test } = partition(loadCorpus().rows, readSplit());
const MENU_CONFIDENCE = 0.3;

describe('language detection by the model', () => {
  it('names the language and script of held-out authors’ messages', () => {
    let right = 0;
    for (const row of test) {
      const result = triage({ text: row.text });
      const script =
        row.script === 'latn' || !['ar', 'ru', 'zh', 'bn', 'ne'].includes(row.lang) ? 'latin' : 'native';
      if (result.lang === row.lang && result.script === script) right++;
    }
    expect(right / test.length).toBeGreaterThanOrEqual(0.95);
  });

  it('tells Nepali in Latin letters from Bengali and Arabic in Latin letters', () => {
    expect(triage({ text: 'malai sahu le kotha ma thunera rakheko chha, bhagna sakdina' })).toMatchObject({
      lang: 'ne',
      script: 'latin',
    });
    expect(triage({ text: 'amake ekta ghore atke rekheche, ami ber hote parchi na' })).toMatchObject({
      lang: 'bn',
      script: 'latin',
    });
  });

  it('is unsure of a language it was not trained on, so the hotline sends its language menu', () => {
    for (const text of [
      'Guten Tag, ich brauche Hilfe mit meinem Arbeitsvertrag',
      'Habari, naomba msaada tafadhali, bosi amechukua pasipoti yangu',
      'Merhaba, patronum pasaportumu aldı ve maaşımı ödemiyor',
    ]) {
      expect(triage({ text }).langConfidence, text).toBeLessThan(MENU_CONFIDENCE);
    }
  });
});
