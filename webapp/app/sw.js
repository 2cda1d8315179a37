// The staff app's service worker: keeps the app shell (the page and the
// files under /app/<version>/) so the app opens at once, and still opens when
// the hub is briefly unreachable (the banner then says so). It never keeps an
// answer of the API or anything else: patient data lives on the hub only.
//
// Served at the stable URL /sw.js (scope /, no-cache), not under the versioned
// /app/<version>/: a worker's script URL must not change between versions. The
// hub writes its current version into the '/app/' strings below as it serves
// this file (docs/webapp.md, "The service worker"), so each new version of the
// app is a new script, which the browser installs in place of the old one.
const SHELL = '/app/';                    // '/app/<version>/' as served
const CACHE = `clinic-hub-shell ${SHELL}`;

// Only the page and the versioned shell files; everything else goes to the network untouched.
const isShell = (url) => url.origin === self.location.origin && (url.pathname === '/' || url.pathname.startsWith(SHELL));

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.add('/')).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  // An older version's shell is no use: its files are 404s on this hub.
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

async function pageFirstFromNetwork(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put('/', response.clone());
    return response;
  } catch (e) {
    const kept = await cache.match('/');
    if (kept) return kept;
    throw e;
  }
}

async function fileFromCache(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  // Immutable under its version: kept until the next version's worker replaces the cache.
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (!isShell(url)) return;
  event.respondWith(url.pathname === '/' ? pageFirstFromNetwork(request) : fileFromCache(request));
});
