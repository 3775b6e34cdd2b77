/**
 * The console's only script: live SLA countdowns, queue refresh on server-sent events (no page
 * reload), and a live SMS segment counter on the reply box. Everything still works without it.
 */
import { countSegments } from '../../functions/sms/segments.ts';

const $$ = <T extends Element>(selector: string, root: ParentNode = document) => [
  ...root.querySelectorAll<T>(selector),
];

function tickCountdowns() {
  const now = Date.now();
  for (const el of $$<HTMLElement>('[data-due]')) {
    const left = Math.round((Date.parse(el.dataset.due!) - now) / 1000);
    const abs = Math.abs(left);
    const text =
      abs >= 3600
        ? `${Math.floor(abs / 3600)} h ${Math.floor((abs % 3600) / 60)} min`
        : `${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
    el.textContent = left >= 0 ? text : `−${text}`;
    el.classList.toggle('overdue', left < 0);
    // Only a first response that is late marks the whole row: a clock that stopped is not rendered
    // as a countdown at all, so an answered item never turns "overdue".
    if (el.dataset.clock === 'first') el.closest('tr, .item-header')?.classList.toggle('breached', left < 0);
  }
}

const queue = document.querySelector<HTMLElement>('[data-live-queue]');
if (queue) {
  const events = new EventSource('/api/console/events');
  // The session ended (signed out, expired, revoked): reloading shows the sign-in page.
  events.addEventListener('ended', () => {
    events.close();
    window.location.reload();
  });
  let first = true;
  events.addEventListener('queue', async () => {
    // The first event describes the state this page was rendered from.
    if (first) {
      first = false;
      return;
    }
    const response = await fetch(window.location.pathname, { headers: { accept: 'text/html' } });
    if (!response.ok) return;
    const next = new DOMParser()
      .parseFromString(await response.text(), 'text/html')
      .querySelector('[data-live-queue]');
    if (next) queue.replaceChildren(...next.childNodes);
    tickCountdowns();
  });
}

const reply = document.querySelector<HTMLTextAreaElement>('[data-segment-counter]');
const counter = document.querySelector<HTMLElement>('[data-segments]');
if (reply && counter) {
  const show = () => {
    const c = countSegments(reply.value);
    counter.textContent = (counter.dataset.template ?? '{segments} · {units}')
      .replace('{segments}', String(c.segments))
      .replace('{units}', `${c.units} ${c.encoding}`);
  };
  reply.addEventListener('input', show);
  for (const button of $$<HTMLButtonElement>('[data-template-text]')) {
    button.addEventListener('click', () => {
      reply.value = button.dataset.templateText ?? '';
      reply.focus();
      show();
    });
  }
  show();
}

// Times are shown in the operator's own zone: the server reads it from this cookie (an IANA name,
// nothing else) from the next page on; until then they are in UTC and say so.
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
if (zone && /^[A-Za-z0-9_+\-/]+$/.test(zone) && !document.cookie.split('; ').includes(`waymark-tz=${zone}`)) {
  const secure = window.location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = `waymark-tz=${zone}; Path=/console; Max-Age=31536000; SameSite=Strict${secure}`;
}

tickCountdowns();
setInterval(tickCountdowns, 1000);
