/**
 * The console's only script: live SLA countdowns, the queue and an open item refreshed on
 * server-sent events (no page reload), new emergencies announced (tab title and badge, an optional
 * sound, a browser notification that carries no content), the operator's time zone, and a live SMS
 * segment counter on the reply box. Everything still works without it.
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

/** Replaces a live region with the same region of a fresh copy of this page. */
async function refresh(selector: string) {
  const here = document.querySelector<HTMLElement>(selector);
  if (!here) return;
  const response = await fetch(window.location.pathname + window.location.search, {
    headers: { accept: 'text/html' },
  });
  if (!response.ok) return;
  const next = new DOMParser().parseFromString(await response.text(), 'text/html').querySelector(selector);
  // Keep what the operator is typing: only regions without a form being filled are replaced.
  if (next && !here.contains(document.activeElement)) here.replaceChildren(...next.childNodes);
  tickCountdowns();
}

const body = document.body;
const title = document.title;
const badge = document.querySelector<HTMLElement>('[data-emergency-badge]');
const soundToggle = document.querySelector<HTMLInputElement>('[data-alert-sound]');
const notifyButton = document.querySelector<HTMLButtonElement>('[data-alert-notify]');

function beep() {
  const audio = new AudioContext();
  const tone = audio.createOscillator();
  const gain = audio.createGain();
  tone.frequency.value = 880;
  gain.gain.value = 0.2;
  tone.connect(gain).connect(audio.destination);
  tone.start();
  tone.stop(audio.currentTime + 0.25);
  tone.addEventListener('ended', () => void audio.close());
}

/** Waiting emergencies in the tab's title and badge; a new one also rings and notifies, without content. */
function announce(emergencies: number, before: number | null) {
  document.title = emergencies > 0 ? `(${emergencies}) ${title}` : title;
  if (badge) {
    badge.hidden = emergencies === 0;
    badge.textContent = String(emergencies);
    badge.setAttribute(
      'aria-label',
      (badge.dataset.label ?? '{count}').replace('{count}', String(emergencies)),
    );
  }
  if (before === null || emergencies <= before) return;
  if (soundToggle?.checked) beep();
  if ('Notification' in window && Notification.permission === 'granted')
    new Notification(body.dataset.newEmergency ?? 'Waymark', { tag: 'waymark-emergency', silent: true });
}

if (body.dataset.live === 'true') {
  const controls = document.querySelector<HTMLElement>('[data-alert-controls]');
  if (controls) controls.hidden = false;
  if (soundToggle) {
    soundToggle.checked = localStorage.getItem('waymark-sound') === 'on';
    soundToggle.addEventListener('change', () =>
      localStorage.setItem('waymark-sound', soundToggle.checked ? 'on' : 'off'),
    );
  }
  if (notifyButton) {
    notifyButton.hidden = !('Notification' in window) || Notification.permission !== 'default';
    notifyButton.addEventListener('click', async () => {
      await Notification.requestPermission();
      notifyButton.hidden = Notification.permission !== 'default';
    });
  }
  const item = document.querySelector<HTMLElement>('[data-live-item]')?.dataset.liveItem;
  const events = new EventSource(`/api/console/events${item ? `?item=${encodeURIComponent(item)}` : ''}`);
  // The session ended (signed out, expired, revoked): reloading shows the sign-in page.
  events.addEventListener('ended', () => {
    events.close();
    window.location.reload();
  });
  let first = true;
  let emergencies: number | null = null;
  let itemVersion: string | null = null;
  events.addEventListener('queue', async (event) => {
    const data = JSON.parse((event as MessageEvent<string>).data) as {
      emergencies?: number;
      item?: string | null;
    };
    announce(data.emergencies ?? 0, emergencies);
    emergencies = data.emergencies ?? 0;
    // The first event describes the state this page was rendered from.
    if (first) {
      first = false;
      itemVersion = data.item ?? null;
      return;
    }
    await refresh('[data-live-queue]');
    if (item && (data.item ?? null) !== itemVersion) {
      itemVersion = data.item ?? null;
      await refresh('[data-live-item]');
    }
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
  // biome-ignore lint/suspicious/noDocumentCookie: Cookie Store is missing from the older browsers staff use; the value is a checked zone name
  document.cookie = `waymark-tz=${zone}; Path=/console; Max-Age=31536000; SameSite=Strict${secure}`;
}

tickCountdowns();
setInterval(tickCountdowns, 1000);
