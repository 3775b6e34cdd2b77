/*
 * Offline reading. This worker exists only after the reader turns offline reading on (it is
 * registered from the offline page, never automatically). It keeps the pages the reader chose in
 * one cache and answers from the network first, so pages stay current while online. Offline, the
 * report pages are answered with the page that says reporting needs a connection and how to reach
 * the hotline instead: a form that cannot be sent is never shown.
 */
const CACHE = 'reader-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('message', (event) => {
  const { type, urls } = event.data || {};
  if (type !== 'save' || !Array.isArray(urls)) return;
  const sameOrigin = urls.filter((u) => new URL(u, self.location.origin).origin === self.location.origin);
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(sameOrigin))
      .then(() => event.source?.postMessage({ type: 'saved', count: sameOrigin.length }))
      .catch(() => event.source?.postMessage({ type: 'failed' })),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/'))
    return;
  if (url.pathname.startsWith('/_astro/')) {
    // Hashed assets never change: the cached copy is always right.
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
    return;
  }
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok && request.mode === 'navigate') {
          const copy = response.clone();
          caches
            .open(CACHE)
            .then((cache) => cache.match(request).then((had) => had && cache.put(request, copy)));
        }
        return response;
      })
      .catch(async () => {
        const locale = url.pathname.split('/')[1];
        const reportOffline = `/${locale}/report/offline/`;
        const isReport = url.pathname.startsWith(`/${locale}/report/`) && url.pathname !== reportOffline;
        const hit = isReport ? undefined : await caches.match(request, { ignoreSearch: true });
        if (hit) return hit;
        return (
          (isReport && (await caches.match(reportOffline))) ||
          (await caches.match(`/${locale}/offline/`)) ||
          new Response('Offline', { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } })
        );
      }),
  );
});
