/**
 * The hotline's triage engine: reads one incoming message (and optionally the earlier messages of
 * the conversation) and says how fast a case worker must answer, why, whether a child is involved
 * and which language to answer in. Pure and deterministic: no network, no clock, no randomness.
 */
import { decide, type Evidence } from './decide.ts';
import { decideWithModel } from './decide-with-model.ts';
import { type DetectedLanguage, detectLanguage } from './detect-language.ts';
import { priorityFeatures } from './features.ts';
import { activeModel, readLanguage, readMessage, strongestWords } from './model.ts';
import type { TriageModel } from './model-file.ts';
import { PRIORITIES, type Priority, REASON_CODES } from './reason-codes.ts';
import { analyseRules } from './rule-analysis.ts';
import type { TriageInput, TriageResult } from './schema.ts';

export type { TriageInput, TriageResult };
export { REASON_CODES };

interface Analysis {
  readonly language: DetectedLanguage;
  readonly evidence: Evidence;
  readonly priority: Priority;
  readonly score: number;
  readonly minor: boolean;
  readonly reasons: string[];
}

// Older messages say less about now; a conversation is judged on its last few turns.
const HISTORY_LIMIT = 10;
/**
 * The longest text the engine reads, in UTF-16 units (a report's description may be this long);
 * the rest of a longer text is ignored, so no input costs more than this much work.
 */
export const MAX_TEXT_LENGTH = 10_000;

/** The first MAX_TEXT_LENGTH units, not cutting a character in two. */
export function capText(text: string): string {
  if (text.length <= MAX_TEXT_LENGTH) return text;
  const end = /[\uD800-\uDBFF]/.test(text[MAX_TEXT_LENGTH - 1]!) ? MAX_TEXT_LENGTH - 1 : MAX_TEXT_LENGTH;
  return text.slice(0, end);
}
// The SMS hotline offers a language menu below this confidence (functions/sms/receive-message.ts).
const MENU_CONFIDENCE = 0.3;

function analyse(text: string, model: TriageModel | null, fallbackLanguage?: DetectedLanguage): Analysis {
  const rules = analyseRules(text, fallbackLanguage);
  const base = { language: rules.language, evidence: rules.evidence };
  if (!model)
    return {
      ...base,
      priority: rules.priority,
      score: rules.score,
      minor: rules.evidence.minor,
      reasons: rules.reasons,
    };
  const x = priorityFeatures(rules);
  const reading = readMessage(model, x);
  const d = decideWithModel(rules.evidence, reading, model.header.thresholds, rules.shape);
  const terms = strongestWords(model, x, rules.normalised, d.towards, d.against);
  const explained = terms.length > 0 ? `model:${terms.map((t) => `'${t}'`).join('+')}→${d.towards}` : 'model';
  return {
    ...base,
    evidence: { ...rules.evidence, minor: d.minor },
    priority: d.priority,
    score: d.score,
    minor: d.minor,
    reasons: d.reasons.map((r) => (r === 'model' ? explained : r)),
  };
}

/** The model's language, its probability rescaled so the hotline's menu cut-off is its threshold. */
function modelLanguage(
  model: TriageModel,
  text: string,
): Pick<TriageResult, 'lang' | 'script' | 'langConfidence'> {
  const { variety, probability } = readLanguage(model, text);
  const threshold = model.header.thresholds.language;
  const confidence =
    probability >= threshold
      ? MENU_CONFIDENCE + ((1 - MENU_CONFIDENCE) * (probability - threshold)) / (1 - threshold || 1)
      : (MENU_CONFIDENCE * probability) / (threshold || 1);
  const [lang, latn] = variety.split('-') as [TriageResult['lang'], string | undefined];
  const nativeScript = ['ar', 'ru', 'zh', 'bn', 'ne'].includes(lang) && !latn;
  return {
    lang,
    script: nativeScript ? 'native' : 'latin',
    langConfidence: Math.round(confidence * 100) / 100,
  };
}

const rank = (p: Priority) => PRIORITIES.length - PRIORITIES.indexOf(p);

/** What earlier turns add: a child mentioned before, and a floor one level below their worst. */
function applyHistory(current: Analysis, history: readonly string[], model: TriageModel | null): Analysis {
  const earlier = history.slice(-HISTORY_LIMIT).map((h) => analyse(h, model));
  if (earlier.length === 0 || current.priority === 'noise') return current;
  const reasons = new Set(current.reasons);
  let priority: Priority = current.priority;
  let score = current.score;
  const childBefore = earlier.some((a) => a.minor);
  if (childBefore && !current.minor) {
    // The child of an earlier message is the subject of this one: re-judge with that knowledge.
    const rejudged = decide({ ...current.evidence, minor: true });
    if (rank(rejudged.priority) > rank(priority)) ({ priority, score } = rejudged);
    reasons.add('child');
    reasons.add('history');
  }
  const saysSafeNow = current.evidence.found.has('negated-danger');
  const worst = earlier.reduce((p, a) => (rank(a.priority) > rank(p) ? a.priority : p), 'noise' as Priority);
  const floor: Priority | null = worst === 'emergency' ? 'urgent' : worst === 'urgent' ? 'standard' : null;
  if (floor && !saysSafeNow && rank(floor) > rank(priority)) {
    priority = floor;
    score = floor === 'urgent' ? 45 : 20;
    reasons.add('history');
  }
  const ordered = [
    ...REASON_CODES.filter((c) => reasons.has(c)),
    ...[...reasons].filter((r) => r.startsWith('model:')),
  ];
  return { ...current, minor: current.minor || childBefore, priority, score, reasons: ordered };
}

export function triage(input: TriageInput): TriageResult {
  const model = activeModel();
  const history = (input.history ?? []).map(capText);
  const text = capText(input.text);
  const previous = history.length > 0 ? detectLanguage(history.join('\n')) : undefined;
  const current = applyHistory(analyse(text, model, previous), history, model);
  // A native script names its language by itself; the model's language head reads Latin letters.
  const native = current.language.script === 'native';
  const language =
    model && !native
      ? modelLanguage(model, history.length > 0 ? [...history.slice(-2), text].join('\n') : text)
      : {
          lang: current.language.lang,
          script: current.language.script,
          langConfidence: current.language.confidence,
        };
  return {
    priority: current.priority,
    score: current.score,
    minor: current.minor,
    ...language,
    reasons: current.reasons,
    model: model?.version ?? null,
  };
}

/**
 * Reasons as they are stored beside a queue item: the model's words come from the message, whose
 * text is stored only encrypted, so they are reduced to the bare `model` code.
 */
export function storedReasons(reasons: readonly string[]): string[] {
  return [...new Set(reasons.map((r) => (r.startsWith('model:') ? 'model' : r)))];
}
