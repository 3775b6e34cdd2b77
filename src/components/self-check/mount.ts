/**
 * The self-check's browser entry. Props come from a JSON data block (not executable, so the CSP
 * allows it). The island replaces the static checklist on screen; the checklist stays in the page
 * for printing. If anything fails, the checklist simply stays visible.
 */
import { h, render } from 'preact';
import { SelfCheck, type SelfCheckProps } from './SelfCheck.tsx';

const root = document.getElementById('self-check-root');
const data = document.getElementById('self-check-data');

if (root && data?.textContent) {
  const props = JSON.parse(data.textContent) as SelfCheckProps;
  render(h(SelfCheck, props), root);
  const checklist = document.getElementById('self-check-static');
  if (checklist) {
    checklist.hidden = true;
    checklist.classList.add('sc-print-only');
  }
  root.classList.add('sc-island');
}
