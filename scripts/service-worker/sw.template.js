/* The site's one service worker, written into out/sw.js by scripts/service-worker/build.mjs
 * (workbox-build injectManifest: __WB_MANIFEST becomes the list of every exported file with its
 * revision and SHA-256 integrity). Workbox's runtime is loaded from the site itself
 * (copyWorkboxLibraries), never from a CDN.
 *
 * - Precache: every page, RSC payload, chunk, stylesheet, font, wasm binary, data file and model.
 *   The query string is ignored when matching (cells keep their parameters in it).
 * - Cross-origin isolation: documents and worker scripts it serves get
 *   Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp, so
 *   a page opened under this worker is crossOriginIsolated (SharedArrayBuffer for threaded wasm).
 *   Every subresource is same-origin, so require-corp blocks nothing.
 * - Versions never mix: the first install activates at once and claims the open page (nothing
 *   older to mix with). A later deploy installs completely beside the old one and then WAITS; the
 *   old worker keeps serving the old files it precached until every tab of the site is closed, or
 *   until the reader presses "Reload" in the update notice (the page posts SKIP_WAITING and
 *   reloads when the new worker takes control). Only then are the old entries removed.
 */
/* global importScripts, workbox */
importScripts('/__WORKBOX_DIR__/workbox-sw.js');
workbox.setConfig({ modulePathPrefix: '/__WORKBOX_DIR__/', debug: false });

const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

function needsIsolation(request) {
  return Boolean(request) && (request.mode === 'navigate' || request.destination === 'worker' || request.destination === 'sharedworker');
}

function withIsolation(response) {
  if (!response || response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** Adds the isolation headers to what the precache answers with, from the cache or the network. */
const isolationPlugin = {
  cachedResponseWillBeUsed: async ({ cachedResponse, event }) =>
    (cachedResponse && event && needsIsolation(event.request) ? withIsolation(cachedResponse) : cachedResponse),
  fetchDidSucceed: async ({ response, event }) =>
    (event && event.type === 'fetch' && needsIsolation(event.request) ? withIsolation(response) : response),
};

self.addEventListener('install', () => {
  // First install: no older version is open anywhere, so take over at once.
  if (!self.registration.active) self.skipWaiting();
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

/** The precached response for a page or file URL (query ignored, `dir/` → `dir/index.html`), if any. */
function precachedFor(url) {
  const u = new URL(url);
  u.search = '';
  if (u.pathname.endsWith('/')) u.pathname += 'index.html';
  return workbox.precaching.matchPrecache(u.href);
}

// Next's router checks a link with a HEAD request before prefetching it; answer from the precache
// (offline too) with the headers and no body.
workbox.routing.registerRoute(({ request, url }) => request.method === 'HEAD' && url.origin === self.location.origin, async ({ request }) => {
  const cached = await precachedFor(request.url);
  if (!cached) return fetch(request);
  return new Response(null, { status: cached.status, statusText: cached.statusText, headers: cached.headers });
}, 'HEAD');

workbox.core.clientsClaim();
workbox.precaching.cleanupOutdatedCaches();
workbox.precaching.addPlugins([isolationPlugin]);
workbox.precaching.precacheAndRoute(self.__WB_MANIFEST, {
  directoryIndex: 'index.html',
  cleanURLs: false,
  ignoreURLParametersMatching: [/.*/],
});
