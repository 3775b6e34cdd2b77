import { describe, expect, it } from 'vitest';
import { decideWithModel, type Thresholds } from '../../../functions/triage/decide-with-model.ts';
import { analyseRules } from '../../../functions/triage/rule-analysis.ts';

const THRESHOLDS: Thresholds = { emergency: 0.3, unsure: 0.5, minor: 0.4, language: 0.5, noise: 1 };

/** The safety rules applied to what the rules find in `text` and a model reading given here. */
function decide(text: string, priority: [number, number, number, number], minor = 0) {
  const rules = analyseRules(text);
  return decideWithModel(
    rules.evidence,
    { priority: Float64Array.from(priority), minor },
    THRESHOLDS,
    rules.shape,
  );
}

describe('the safety rules around the model', () => {
  it('takes the model’s answer when nothing contradicts it', () => {
    expect(decide('how do I renew my visa?', [0.02, 0.03, 0.9, 0.05]).priority).toBe('standard');
    expect(decide('they took my passport', [0.1, 0.8, 0.05, 0.05]).priority).toBe('urgent');
  });

  it('calls a bare plea for help an emergency, whatever the model says', () => {
    for (const text of ['help', 'HELP ME PLS', 'please help us']) {
      expect(decide(text, [0.05, 0.05, 0.1, 0.8]).priority, text).toBe('emergency');
    }
  });

  it('chooses emergency as soon as its probability reaches the threshold', () => {
    expect(decide('he is outside the door', [0.31, 0.6, 0.05, 0.04]).priority).toBe('emergency');
  });

  it('keeps a message with a cue of distress at urgent or above unless it is explained away', () => {
    // The rules see confinement; the model's "standard" has no question to stand on.
    const locked = decide('they locked the gate and the guard stays there all night', [0.1, 0.15, 0.7, 0.05]);
    expect(locked.priority).toBe('urgent');
    // Asked as a question, the same words may stay standard.
    expect(decide('what should I do if a boss locks workers in?', [0.05, 0.05, 0.85, 0.05]).priority).toBe(
      'standard',
    );
  });

  it('marks an unsure reading of possible danger as unsure, above standard', () => {
    const d = decide('the man from the office came back again today', [0.2, 0.2, 0.35, 0.25]);
    expect(d.priority).toBe('urgent');
    expect(d.reasons).toContain('unsure');
  });

  it('lets spam and plain thanks stay noise', () => {
    const spam = 'WIN $500 now!!! click www.prize-now.com or call +44 7451 222333';
    expect(decide(spam, [0.1, 0.1, 0.05, 0.75]).priority).toBe('noise');
    expect(decide('ok thank you so much', [0.02, 0.03, 0.05, 0.9]).priority).toBe('noise');
  });

  it('does not let an unsure, unexplained long message fall to noise', () => {
    const d = decide('мы 8 человек в подвале, хозяин закрывает нас ночью', [0.2, 0.15, 0.2, 0.45]);
    expect(['urgent', 'emergency']).toContain(d.priority);
  });

  it('sorts a message that says it is safe and asks something as standard', () => {
    expect(decide('hindi naman po ako sinasaktan, may tanong lang po', [0.05, 0.8, 0.1, 0.05]).priority).toBe(
      'standard',
    );
  });

  it('keeps thanks for past help as noise unless the model is sure of an emergency', () => {
    expect(decide('Salamat po sa tulong ninyo kahapon', [0.6, 0.0, 0.0, 0.4]).priority).toBe('noise');
  });

  it('calls a child exploited now an emergency, whatever the model says', () => {
    expect(decide('১৫ বছরের মেয়েকে জোর করে কাজ করাচ্ছে', [0.1, 0.85, 0.03, 0.02]).priority).toBe('emergency');
  });

  it('flags a child from the rules or from the model’s minor head', () => {
    expect(decide('my sister is 14 and they took her passport', [0.1, 0.8, 0.05, 0.05]).minor).toBe(true);
    expect(decide('they took her passport', [0.1, 0.8, 0.05, 0.05], 0.9).minor).toBe(true);
    expect(decide('they took her passport', [0.1, 0.8, 0.05, 0.05], 0.1).minor).toBe(false);
  });
});
