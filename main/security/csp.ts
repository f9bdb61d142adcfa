/**
 * The renderer's Content-Security-Policy, in one place: main sends it as a response header for every app://
 * response, the renderer build injects it as a <meta> tag (see electron.vite.config.ts), and the e2e static server
 * sends the same header, so the tests run under the policy the app ships with.
 *
 * - script-src 'self': bundled scripts only; no 'unsafe-eval', no 'unsafe-inline', no CDN.
 * - style-src 'self' 'unsafe-inline': React Flow positions nodes/edges with inline `style` attributes and Monaco
 *   injects <style> elements at runtime; neither works without it. Inline styles cannot execute script, so this is
 *   the accepted trade-off (Electron's checklist is about script execution).
 * - worker-src 'self' blob:: Monaco's language workers and the Export dialog's generator (bundled, served from
 *   'self'; some builds wrap workers in blob: URLs).
 * - img-src/font-src data:: small inlined assets from the bundler (icons, codicon font).
 * - connect-src 'self': the renderer talks to main over IPC, not HTTP; nothing leaves the machine.
 * - everything else 'none'.
 */

type Directives = Record<string, readonly string[]>;

const PRODUCTION_DIRECTIVES: Directives = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

/** Directives a <meta> CSP ignores (and warns about); sent only as a header. */
const HEADER_ONLY_DIRECTIVES: Directives = {
  'frame-ancestors': ["'none'"],
};

function serialize(directives: Directives): string {
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** The policy sent as the `Content-Security-Policy` response header. */
export const CONTENT_SECURITY_POLICY = serialize({ ...PRODUCTION_DIRECTIVES, ...HEADER_ONLY_DIRECTIVES });

/** The same policy for the <meta http-equiv> tag of the built index.html. */
export const CONTENT_SECURITY_POLICY_META = serialize(PRODUCTION_DIRECTIVES);

/**
 * Development only (`electron-vite dev`): Vite's dev server injects an inline React Refresh preamble, so inline
 * scripts are allowed; its HMR WebSocket is same-host, which 'self' covers. Never shipped.
 */
export const DEVELOPMENT_CONTENT_SECURITY_POLICY_META = serialize({
  ...PRODUCTION_DIRECTIVES,
  'script-src': ["'self'", "'unsafe-inline'"],
});

/** Other security headers for every response of the app protocol / e2e server. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};
