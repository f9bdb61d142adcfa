import type { Session, WebContents } from 'electron';
import { isAllowedExternalUrl } from '../security/externalUrl';

/** Denies every permission request and check (camera, notifications, geolocation, HID, serial, USB…). */
export function denyAllPermissions(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

/**
 * No navigation, no new windows, no <webview>. A link to AWS documentation (https, allow-listed host) opens in
 * the user's browser instead.
 */
export function lockDownWebContents(contents: WebContents, openExternal: (url: string) => void): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
  const refuseNavigation = (event: { preventDefault(): void }, url: string) => {
    event.preventDefault();
    if (isAllowedExternalUrl(url)) openExternal(url);
  };
  contents.on('will-navigate', (event) => refuseNavigation(event, event.url));
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
