// Installable app: registers the service worker (sw.js, served at /sw.js so
// its scope is the whole app). Without one (an old browser, a page not served
// over HTTPS) the app works the same, only without the instant start.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js', { scope: '/', updateViaCache: 'none' }).catch(() => {
    // Not fatal: the hub still serves every file.
  });
}
