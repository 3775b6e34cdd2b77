/**
 * The one script every public page loads (kept under 2 KB compressed):
 * - Quick exit: blank the page at once (so a glance over the reader's shoulder shows nothing),
 *   then replace the current history entry with a neutral site. Esc does the same.
 * - Offline reading and discreet mode: off until the reader turns them on (offline page), because
 *   each stores something on the phone.
 * - Without a connection: notes marked `data-when-offline` appear (the report form says it cannot
 *   be sent and how to reach the hotline instead), and a report form is not sent into the void.
 */
const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector);

function quickExit(url: string): void {
  document.title = '';
  document.body.replaceChildren();
  window.location.replace(url);
}

const exit = $<HTMLAnchorElement>('[data-quick-exit]');
if (exit) {
  exit.addEventListener('click', (event) => {
    event.preventDefault();
    quickExit(exit.href);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !event.defaultPrevented) quickExit(exit.href);
  });
}

const offlineNotes = document.querySelectorAll<HTMLElement>('[data-when-offline]');
if (offlineNotes.length > 0) {
  const show = () => {
    for (const note of offlineNotes) note.hidden = navigator.onLine;
  };
  show();
  addEventListener('online', show);
  addEventListener('offline', show);
  // Sending offline would replace the page with the browser's error and lose what was typed.
  $('form[data-report-form]')?.addEventListener(
    'submit',
    (event) => {
      if (navigator.onLine) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      show();
      offlineNotes[0]!.scrollIntoView();
    },
    { capture: true },
  );
}

// Discreet mode lasts for this tab only (sessionStorage), and only once the reader asked for it.
const DISCREET = 'discreet';
const discreet = () => sessionStorage.getItem(DISCREET) === '1';
if (discreet()) document.title = 'Notes';

const discreetBox = $('#discreet-controls');
if (discreetBox) {
  const status = $('#discreet-status')!;
  const show = () => {
    status.textContent = (discreet() ? discreetBox.dataset.on : discreetBox.dataset.off) ?? '';
  };
  discreetBox.hidden = false;
  show();
  $('#discreet-toggle')!.addEventListener('click', () => {
    if (discreet()) sessionStorage.removeItem(DISCREET);
    else sessionStorage.setItem(DISCREET, '1');
    show();
    if (discreet()) document.title = 'Notes';
  });
}

const offlineBox = $('#offline-controls');
if (offlineBox && 'serviceWorker' in navigator) {
  const status = $('#offline-status')!;
  const say = (key: 'saved' | 'failed' | 'off', count = 0) => {
    status.textContent = (offlineBox.dataset[key] ?? '').replace('{count}', String(count));
  };
  offlineBox.hidden = false;
  $('#offline-nojs')?.setAttribute('hidden', '');
  navigator.serviceWorker.addEventListener('message', (event) => {
    say(event.data?.type === 'saved' ? 'saved' : 'failed', event.data?.count);
  });
  $('#offline-on')!.addEventListener('click', async () => {
    const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    const worker = registration.active ?? (await navigator.serviceWorker.ready).active;
    worker?.postMessage({ type: 'save', urls: JSON.parse(offlineBox.dataset.pages ?? '[]') });
  });
  $('#offline-off')!.addEventListener('click', async () => {
    for (const registration of await navigator.serviceWorker.getRegistrations())
      await registration.unregister();
    for (const key of await caches.keys()) await caches.delete(key);
    say('off');
  });
}
