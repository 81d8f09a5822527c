// The field app's service worker: the shell (page, styles, modules) comes from the cache, so the
// app opens in a basement with no signal. The API is never cached here: the app keeps its data in
// IndexedDB and decides itself what is stale. The version is the digest of the shell's files,
// put in by the server, so a changed file replaces the whole cache at once.
const VERSION = "__SHELL_VERSION__";
const CACHE = `sweep-shell-${VERSION}`;
const SHELL = __SHELL_FILES__;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL.map((u) => new Request(u, { cache: "reload" })))).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith("sweep-shell-") && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/v1/")) return;
  if (event.request.mode === "navigate" && url.pathname.startsWith("/app")) {
    event.respondWith(caches.match("/app/", { cacheName: CACHE }).then((hit) => hit || fetch(event.request)));
    return;
  }
  event.respondWith(caches.match(event.request, { cacheName: CACHE, ignoreSearch: true }).then((hit) => hit || fetch(event.request)));
});
