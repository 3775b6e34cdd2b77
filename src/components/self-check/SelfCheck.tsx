/**
 * The job-offer self-check in the browser: all questions on one page, a result computed here by
 * `assess`, announced politely to screen readers. Nothing is sent anywhere and nothing is stored:
 * the answers live in component state and are gone when the page is closed.
 */
import { useRef, useState } from 'preact/hooks';
import { type Answers, adviceKey, assess, OTHER_COUNTRY, QUESTIONS } from './questions.ts';

export interface HelpCountry {
  country: string;
  name: string;
  emergency: string;
  hotlines: { name: string; channels: { kind: string; value: string; href: string }[] }[];
  helpHref: string;
}

export interface SelfCheckProps {
  /** Translated UI strings, keyed by their full `selfCheck.…` key. */
  strings: Record<string, string>;
  help: HelpCountry[];
  links: { checkRecruiter: string; beforeYouGo: string };
}

export function SelfCheck({ strings, help, links }: SelfCheckProps) {
  const [answers, setAnswers] = useState<Answers>({});
  const [shown, setShown] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const t = (key: string, vars: Record<string, string> = {}) =>
    (strings[`selfCheck.${key}`] ?? key).replace(/\{(\w+)\}/g, (m, name: string) => vars[name] ?? m);
  const answer = (id: keyof Answers, value: string | undefined) => setAnswers((a) => ({ ...a, [id]: value }));
  const restart = () => {
    setAnswers({});
    setShown(false);
    form.current?.querySelector('input')?.focus();
  };

  const result = shown ? assess(answers) : null;
  const place = help.find((c) => c.country === answers.destination);

  return (
    <form
      ref={form}
      class="self-check"
      onSubmit={(e) => {
        e.preventDefault();
        setShown(true);
      }}
    >
      {QUESTIONS.map((q) => (
        <fieldset key={q.id} aria-describedby={q.hint ? `sc-hint-${q.id}` : undefined}>
          <legend>{t(`q.${q.id}`)}</legend>
          {q.hint && (
            <p class="sc-hint" id={`sc-hint-${q.id}`}>
              {t(`hint.${q.id}`)}
            </p>
          )}
          {q.options.map((o) => (
            <label key={o} class="sc-option">
              <input
                type="radio"
                name={`sc-${q.id}`}
                value={o}
                checked={answers[q.id] === o}
                onChange={() => answer(q.id, o)}
              />{' '}
              {t(`answer.${o}`)}
            </label>
          ))}
        </fieldset>
      ))}
      <fieldset>
        <legend id="sc-destination">{t('q.destination')}</legend>
        <select
          aria-labelledby="sc-destination"
          value={answers.destination ?? ''}
          onChange={(e) => answer('destination', e.currentTarget.value || undefined)}
        >
          <option value="">{t('chooseCountry')}</option>
          {help.map((c) => (
            <option key={c.country} value={c.country}>
              {c.name}
            </option>
          ))}
          <option value={OTHER_COUNTRY}>{t('otherCountry')}</option>
        </select>
      </fieldset>
      <p>
        <button type="submit" class="big-link">
          {t('submit')}
        </button>
      </p>

      <div aria-live="polite" class={result ? `sc-result sc-${result.level}` : undefined}>
        {result && (
          <>
            <h2>{t(`result.${result.level}`)}</h2>
            <p>{t(`result.${result.level}Text`)}</p>
            {QUESTIONS.some((q) => !answers[q.id]) && <p>{t('result.skipped')}</p>}
          </>
        )}
      </div>

      {result && (
        <>
          {result.flags.length > 0 && (
            <>
              <h3>{t('result.adviceTitle')}</h3>
              <ul class="sc-flags">
                {result.flags.map((f) => (
                  <li key={f.question} class={`sc-${f.level}`}>
                    <strong>{t(`level.${f.level}`)}</strong> {t(adviceKey(f.question, f.answer))}
                  </li>
                ))}
              </ul>
            </>
          )}
          <p>{t('result.keepSafe')}</p>

          {place ? (
            <>
              <h3>{t('result.helpIn', { country: place.name })}</h3>
              <p>
                {t('emergency')}:{' '}
                <a class="emergency" href={`tel:${place.emergency.replace(/[^0-9+]/g, '')}`} dir="ltr">
                  {place.emergency}
                </a>
              </p>
              {place.hotlines.length > 0 && (
                <ul>
                  {place.hotlines.map((h) => (
                    <li key={h.name}>
                      {h.name}
                      {h.channels.map((c) => (
                        <span key={c.href}>
                          {' · '}
                          {t(`channel.${c.kind}`)}:{' '}
                          <a href={c.href} dir="ltr" rel="noreferrer noopener">
                            {c.value}
                          </a>
                        </span>
                      ))}
                    </li>
                  ))}
                </ul>
              )}
              <p>
                <a href={place.helpHref}>{t('result.allHelpIn', { country: place.name })}</a>
              </p>
            </>
          ) : (
            <p>{t('result.noCountry')}</p>
          )}

          <h3>{t('readMore')}</h3>
          <ul>
            <li>
              <a href={links.checkRecruiter}>{t('guide.checkRecruiter')}</a>
            </li>
            <li>
              <a href={links.beforeYouGo}>{t('guide.beforeYouGo')}</a>
            </li>
          </ul>
          <p>
            <button type="button" onClick={restart}>
              {t('restart')}
            </button>
          </p>
        </>
      )}
    </form>
  );
}
