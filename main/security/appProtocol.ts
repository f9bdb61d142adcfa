/**
 * The renderer is served from `app://app/…` (a privileged, standard, secure custom scheme) rather than file://:
 * it gets a real origin for CSP 'self' and same-origin checks, and cannot read arbitrary local files.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
