/**
 * The report form's fields as the enhanced form reads and marks them: values read from the
 * server-rendered controls, problems shown under a field the way the server renders them, and
 * focus moved to a step's heading.
 */
import type { Field, ReportValues } from './validate.ts';

export const controlOf = (form: HTMLFormElement, name: string) =>
  form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | null;

/** Text value of a field; for radio groups the checked one ('' if none). */
export const fieldValue = (form: HTMLFormElement, name: string): string =>
  (form.elements.namedItem(name) as { value?: string } | null)?.value ?? '';

export function readValues(form: HTMLFormElement): ReportValues {
  const people = controlOf(form, 'peopleCount') as HTMLInputElement | null;
  const files = (controlOf(form, 'attachments') as HTMLInputElement | null)?.files;
  return {
    description: fieldValue(form, 'description'),
    peopleCount: fieldValue(form, 'peopleCount'),
    peopleCountUnreadable: people?.validity?.badInput === true,
    contactMethod: fieldValue(form, 'contactMethod'),
    contactValue: fieldValue(form, 'contactValue'),
    attachments: files ? Array.from(files) : [],
  };
}

/**
 * Shows (or removes) a field's problem under it, the way the server renders one: a
 * `<p class="field-error" id="<field>-error">` named by the control's aria-describedby.
 */
export function showProblem(form: HTMLFormElement, field: Field, message: string | null): void {
  const control = controlOf(form, field);
  if (!control) return;
  const id = `${field}-error`;
  let note = document.getElementById(id);
  const describedBy = (control.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter((x) => x && x !== id);
  if (message) {
    if (!note) {
      note = document.createElement('p');
      note.id = id;
      note.className = 'field-error';
      (control.closest('.field') ?? control.parentElement)?.append(note);
    }
    note.textContent = message;
    control.setAttribute('aria-invalid', 'true');
    describedBy.push(id);
  } else {
    note?.remove();
    control.removeAttribute('aria-invalid');
  }
  if (describedBy.length > 0) control.setAttribute('aria-describedby', describedBy.join(' '));
  else control.removeAttribute('aria-describedby');
}

/** Moves focus to a step's first heading or legend (or label), made focusable for this. */
export function focusHeading(section: HTMLElement): void {
  const heading = section.querySelector<HTMLElement>('h1, h2, h3, h4, h5, h6, legend, label');
  if (!heading) return;
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  heading.focus();
}
