import { protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from '../security/appProtocol';
import { SECURITY_HEADERS } from '../security/csp';
import { readStaticFile } from '../security/staticFiles';

/** Must run before `app.whenReady()`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard + secure: a real origin (CSP 'self', same-origin workers and module scripts), treated like https.
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** Serves the built renderer from `rendererRoot` on app://app/, with the CSP and security headers. */
export function handleAppProtocol(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
    }
    const file = await readStaticFile(rendererRoot, url.pathname);
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.body), {
      status: file.status,
      headers: { 'Content-Type': file.contentType, ...SECURITY_HEADERS },
    });
  });
}
