import { APP_HOST, APP_SCHEME } from './appProtocol';

/**
 * Whether an IPC message comes from our own renderer: a frame whose URL is on the app:// origin, or (development
 * only) on the electron-vite dev server's origin. The Electron glue additionally requires that the frame is the
 * main frame of our window (no iframes, no other windows).
 */
export function isTrustedSenderUrl(raw: string, options: { devServerUrl?: string | undefined } = {}): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST) return true;
  if (options.devServerUrl) {
    try {
      return url.origin === new URL(options.devServerUrl).origin;
    } catch {
      return false;
    }
  }
  return false;
}
