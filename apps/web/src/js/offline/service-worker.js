// Registers the service worker (sw.js, written by the build) that keeps the app's shell on the
// device, so that once visited the app opens with no signal. Browsers without service workers, or
// pages served where they are not allowed (plain HTTP on a host other than localhost), simply work
// online as before.

/**
 * @returns {Promise<ServiceWorkerRegistration | null>}
 */
export async function registerServiceWorker() {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return null;
  try {
    return await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  } catch {
    // Not allowed here (an insecure origin, a blocked storage): the app still works online.
    return null;
  }
}
