/**
 * The report form's browser entry. Data (strings, emergency numbers) comes from a JSON block, which
 * is not executable, so the CSP allows it. The island only enhances the server-rendered form: if
 * anything here fails, the plain form is still there and still works.
 */
import { h, render } from 'preact';
import { type IslandData, ReportSteps } from './ReportSteps.tsx';
import { STEPS } from './validate.ts';

const form = document.querySelector<HTMLFormElement>('form[data-report-form]');
const root = form?.querySelector<HTMLElement>('[data-report-steps]');
const data = document.getElementById('report-island-data');
const sections = STEPS.map((step) => form?.querySelector<HTMLElement>(`section[data-step="${step}"]`));

if (form && root && data?.textContent && sections.every(Boolean)) {
  try {
    const props = JSON.parse(data.textContent) as IslandData;
    const steps = sections as HTMLElement[];
    const nav = document.createElement('div');
    nav.className = 'report-nav';
    steps[steps.length - 1]!.after(nav);
    render(h(ReportSteps, { ...props, form, sections: steps, nav }), root);
  } catch {
    // Leave the plain form as it is.
    for (const section of sections) section?.removeAttribute('hidden');
  }
}
