/** Hosts whose https pages we open in the user's browser. Everything else is refused. */
export const EXTERNAL_URL_ALLOWED_HOSTS: ReadonlySet<string> = new Set(['docs.aws.amazon.com']);

/**
 * Whether `shell.openExternal` may open this URL: https only, on an allowed host, default port, no credentials.
 * (openExternal with an attacker-controlled URL can launch arbitrary protocol handlers; hence the allow-list.)
 */
export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    EXTERNAL_URL_ALLOWED_HOSTS.has(url.hostname) &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}
