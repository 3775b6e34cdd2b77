/**
 * The report form, enhanced: one step at a time, checks before moving on, emergency numbers the
 * moment someone says a person is in danger, and a proof of work solved while the reporter writes.
 * It works on the server-rendered form (src/components/report/ReportForm.astro) and never replaces
 * it: the fields stay where they are, keep what was typed, and the form still posts natively
 * (multipart) so the server shows the receipt. If this script fails, the plain form still works.
 */
import { render } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { controlOf, fieldValue, focusHeading, readValues, showProblem } from './form-fields.ts';
import { proofOfWork } from './proof-of-work.ts';
import {
  chosenFirst,
  clampStep,
  FIELD_STEP,
  FIELDS,
  type Field,
  fieldsOf,
  messageKey,
  problems,
  STEPS,
  uuid,
} from './validate.ts';

export interface EmergencyEntry {
  country: string;
  /** Country name in the page's language. */
  name: string;
  number: string;
  /** `tel:` link. */
  href: string;
}

/** One of the organisation's own hotline links (text, call, WhatsApp), labelled in the page's language. */
export interface HotlineEntry {
  label: string;
  number: string;
  href: string;
}

/** What the page passes in its JSON data block (see IslandData.astro). */
export interface IslandData {
  /** Translated UI strings, keyed by their full key (`report.next`, …). */
  strings: Record<string, string>;
  emergency: EmergencyEntry[];
  hotline: HotlineEntry[];
}

export interface ReportStepsProps extends IslandData {
  form: HTMLFormElement;
  /** The five `section[data-step]`, in STEPS order. */
  sections: HTMLElement[];
  /** Where Back / Next go: an element after the last step. */
  nav: HTMLElement;
}

/** Longest wait for the proof of work on submit; after that the report goes without it. */
const WAIT_MS = 20_000;

function Emergency({
  entries,
  hotline,
  country,
  t,
}: {
  entries: EmergencyEntry[];
  hotline: HotlineEntry[];
  country: string;
  t: (k: string) => string;
}) {
  return (
    <div class="notice report-emergency">
      <div role="alert">
        <h2 id="report-emergency-title">{t('report.dangerNowTitle')}</h2>
        <p>{t('help.dangerNow')}</p>
      </div>
      <ul aria-labelledby="report-emergency-title">
        {chosenFirst(entries, country).map((e) => (
          <li key={e.country} class={e.country === country ? 'report-chosen' : undefined}>
            {e.name}:{' '}
            <a href={e.href} dir="ltr">
              {e.number}
            </a>
          </li>
        ))}
      </ul>
      {hotline.length > 0 && (
        <>
          <h3 id="report-emergency-hotline">{t('hotline.title')}</h3>
          <ul aria-labelledby="report-emergency-hotline" class="hotline-links">
            {hotline.map((h) => (
              <li key={h.href}>
                <a href={h.href}>
                  {h.label}: <span dir="ltr">{h.number}</span>
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function ReportSteps({ strings, emergency, hotline, form, sections, nav }: ReportStepsProps) {
  const t = (key: string, vars: Record<string, string | number> = {}) =>
    (strings[key] ?? key).replace(/\{(\w+)\}/g, (m, name: string) => String(vars[name] ?? m));
  const last = STEPS.length - 1;
  // After a problem the server shows the form again: start at the first step with one.
  const [step, setStep] = useState(() =>
    Math.max(
      0,
      sections.findIndex((s) => s.querySelector('.field-error')),
    ),
  );
  const [danger, setDanger] = useState(() => fieldValue(form, 'inDanger') === 'yes');
  const [country, setCountry] = useState(() => fieldValue(form, 'country'));
  const [preparing, setPreparing] = useState(false);
  const focusAfter = useRef<HTMLElement | 'heading' | null>(null);
  const pow = useRef(proofOfWork()).current;
  const sending = useRef(false);

  const submitButtons = () =>
    form.querySelectorAll<HTMLButtonElement>('button[type="submit"], button:not([type])');

  const goTo = (index: number, focus: HTMLElement | 'heading') => {
    if (index === step) {
      if (focus === 'heading') focusHeading(sections[index]!);
      else focus.focus();
      return;
    }
    focusAfter.current = focus;
    setStep(index);
  };

  /** Checks `fields`, shows or clears their problems; returns the first problem's field. */
  const check = (fields: readonly Field[]): Field | undefined => {
    const bad = problems(readValues(form), fields);
    for (const field of fields) showProblem(form, field, bad.includes(field) ? t(messageKey(field)) : null);
    return bad[0];
  };

  const focusProblem = (field: Field) => {
    const control = controlOf(form, field);
    if (control) goTo(STEPS.indexOf(FIELD_STEP[field]), control);
  };

  const next = () => {
    pow.start();
    const bad = check(fieldsOf(STEPS[step]!));
    if (bad) focusProblem(bad);
    else goTo(clampStep(step + 1), 'heading');
  };

  // Show only the current step; move focus when it changes.
  useLayoutEffect(() => {
    sections.forEach((section, i) => {
      section.hidden = i !== step;
    });
    const target = focusAfter.current;
    focusAfter.current = null;
    if (target === 'heading') focusHeading(sections[step]!);
    else target?.focus();
  }, [step]);

  // Back / Next, and the "Preparing to send…" status, go after the steps (a second small tree).
  useLayoutEffect(() => {
    render(
      <div class="report-nav-row">
        {step > 0 && (
          <button type="button" class="secondary" onClick={() => goTo(clampStep(step - 1), 'heading')}>
            {t('report.back')}
          </button>
        )}
        {step < last && (
          <button type="button" class="report-next" onClick={next}>
            {t('report.next')}
          </button>
        )}
        <p role="status" class="report-status">
          {preparing ? t('report.preparing') : ''}
        </p>
      </div>,
      nav,
    );
  });

  // Emergency numbers, at once, when someone is in danger: the chosen country first.
  const host = form.querySelector<HTMLElement>('[data-emergency-numbers]');
  useLayoutEffect(() => {
    if (!host) return;
    render(danger ? <Emergency entries={emergency} hotline={hotline} country={country} t={t} /> : null, host);
    host.hidden = !danger;
  }, [danger, country]);

  // Once per page load: the idempotency key, made here so no two reporters ever share one.
  useEffect(() => {
    const key = document.createElement('input');
    key.type = 'hidden';
    key.name = 'idempotencyKey';
    key.value = uuid(crypto);
    form.append(key);
    return () => {
      key.remove();
      render(null, nav);
      if (host) render(null, host);
      for (const section of sections) section.hidden = false;
    };
  }, []);

  useEffect(() => {
    const onChange = (event: Event) => {
      const name = (event.target as HTMLInputElement | null)?.name ?? '';
      // The proof of work starts when the person starts answering; it never blocks typing.
      if (name !== 'website') pow.start();
      if (name === 'inDanger') setDanger(fieldValue(form, 'inDanger') === 'yes');
      if (name === 'country') setCountry(fieldValue(form, 'country'));
      // A problem already shown is re-checked as the person fixes it (new ones wait for Next).
      const field = (name === 'contactMethod' ? 'contactValue' : name) as Field;
      if (FIELDS.includes(field) && document.getElementById(`${field}-error`)) check([field]);
    };

    const onSubmit = async (event: SubmitEvent) => {
      if (sending.current) return event.preventDefault();
      // Enter in a text box on an earlier step: go on, do not send half a report.
      if (step < last) {
        event.preventDefault();
        return next();
      }
      const bad = check(FIELDS);
      if (bad) {
        event.preventDefault();
        return focusProblem(bad);
      }
      sending.current = true;
      for (const button of submitButtons()) button.disabled = true;
      const ready = pow.ready();
      if (ready) return addSolution(ready); // and let the browser send the form now
      event.preventDefault();
      setPreparing(true);
      const solution = await Promise.race([
        pow.start(),
        new Promise<null>((resolve) => setTimeout(resolve, WAIT_MS, null)),
      ]);
      if (solution) addSolution(solution);
      form.submit();
    };

    const addSolution = (solution: string) => {
      let field = controlOf(form, 'altcha') as HTMLInputElement | null;
      if (!field) {
        field = document.createElement('input');
        field.type = 'hidden';
        field.name = 'altcha';
        form.append(field);
      }
      field.value = solution;
    };

    // Back from the next page (back/forward cache): the form may be sent again, with a new proof.
    const onShow = (event: PageTransitionEvent) => {
      if (!event.persisted) return;
      sending.current = false;
      pow.reset();
      controlOf(form, 'altcha')?.remove();
      for (const button of submitButtons()) button.disabled = false;
      setPreparing(false);
    };

    // Links to a field on another step (the server's list of problems): open that step first.
    const onClick = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.('a[href^="#"]');
      const target = link && document.getElementById(decodeURIComponent(link.getAttribute('href')!.slice(1)));
      const index = target ? sections.findIndex((s) => s.contains(target)) : -1;
      if (index < 0 || index === step || !target) return;
      event.preventDefault();
      goTo(
        index,
        target.matches('input, select, textarea')
          ? target
          : (target.querySelector('input, select, textarea') ?? target),
      );
    };

    form.addEventListener('input', onChange);
    form.addEventListener('change', onChange);
    form.addEventListener('submit', onSubmit);
    form.addEventListener('click', onClick);
    window.addEventListener('pageshow', onShow);
    return () => {
      form.removeEventListener('input', onChange);
      form.removeEventListener('change', onChange);
      form.removeEventListener('submit', onSubmit);
      form.removeEventListener('click', onClick);
      window.removeEventListener('pageshow', onShow);
    };
  }, [step]);

  return (
    <div class="report-steps">
      <p class="report-progress" aria-live="polite">
        {t('report.stepOf', {
          current: step + 1,
          total: STEPS.length,
          title: t(`report.step.${STEPS[step]}`),
        })}
      </p>
      <ol class="report-bar" aria-hidden="true">
        {STEPS.map((name, i) => (
          <li key={name} class={i <= step ? 'report-done' : undefined} />
        ))}
      </ol>
    </div>
  );
}
