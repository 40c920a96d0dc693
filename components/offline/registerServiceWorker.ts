/**
 * Registers the site's one service worker (/sw.js, generated at build time by
 * scripts/service-worker/build.mjs) and watches for a new deploy. Browser-only; called from
 * ServiceWorkerRegistration in production exports (in development it unregisters any worker a
 * previous production run left on this origin, so `next dev` is never served stale files).
 *
 * Update policy (no mix of versions): a new worker installs beside the old one and waits;
 * `onUpdate(apply)` tells the page, and `apply()` asks the waiting worker to take over and reloads
 * this tab once it has. A tab whose worker was replaced from another tab is told too (its
 * `apply` just reloads). The first install claims the page without a reload.
 */

const SW_URL = '/sw.js';

/** Inside an iframe (an embedded cell on a course page) the site does not install itself: the
 *  host page did not ask for ~40 MB of offline copies. */
const framed = (): boolean => {
  try {
    return window.self !== window.top;
  } catch {
    return true;
  }
};

export function registerServiceWorker(production: boolean, onUpdate: (apply: () => void) => void): () => void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return () => {};
  const sw = navigator.serviceWorker;
  if (!production) {
    sw.getRegistrations().then((regs) => regs.forEach((r) => r.unregister())).catch(() => {});
    return () => {};
  }
  if (framed()) return () => {};
  let hadController = Boolean(sw.controller);
  let reloadOnChange = false;
  const onControllerChange = () => {
    if (reloadOnChange) window.location.reload();
    else if (hadController) onUpdate(() => window.location.reload()); // replaced from another tab
    hadController = true;
  };
  sw.addEventListener('controllerchange', onControllerChange);
  const offer = (waiting: ServiceWorker) => onUpdate(() => {
    reloadOnChange = true;
    waiting.postMessage({ type: 'SKIP_WAITING' });
  });
  sw.register(SW_URL, { scope: '/' }).then((reg) => {
    // Some environments (a test browser that blocks workers) resolve without a registration.
    if (!reg) return;
    if (reg.waiting && sw.controller) offer(reg.waiting);
    reg.addEventListener('updatefound', () => {
      const installing = reg.installing;
      installing?.addEventListener('statechange', () => {
        if (installing.state === 'installed' && sw.controller) offer(installing);
      });
    });
  }).catch(() => {
    // No worker (private mode, storage full, insecure origin): the site still works online.
  });
  return () => sw.removeEventListener('controllerchange', onControllerChange);
}
