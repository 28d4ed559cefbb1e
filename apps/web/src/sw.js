// The service worker: keeps the app shell (HTML, the fingerprinted bundle and stylesheet, manifest,
// icon) so the app opens with no signal. The API is never cached here: the app keeps what it needs
// offline (drafts, the family's last view) in IndexedDB, under its own rules. The build fills in the
// shell's file list and a version, so each new build installs a fresh cache and drops the old one.
const SHELL = '__SHELL__';
const CACHE = 'qollqa-shell-__VERSION__';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname === '/health') return;
  if (event.request.mode === 'navigate') {
    // The shell: fresh from the network when there is one, the cached copy when not.
    event.respondWith(fetch(event.request).catch(() => caches.match('/')));
    return;
  }
  event.respondWith(caches.match(event.request).then((hit) => hit ?? fetch(event.request)));
});
