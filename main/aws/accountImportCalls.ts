import { AwsTargetError, type AwsTarget } from './clientConfig';

/**
 * Error handling and call accounting for the live-account import: every AWS call goes through `AwsCalls.call`,
 * which counts it and turns SDK failures into an `AccountImportError` that names the API call and says what to do.
 * Messages carry the region, profile name, endpoint URL and API names — never credential values.
 */

export type AccountImportErrorCode = 'target' | 'credentials' | 'endpoint' | 'access-denied' | 'cluster-not-found' | 'aws';

export class AccountImportError extends Error {
  override name = 'AccountImportError';
  constructor(
    readonly code: AccountImportErrorCode,
    message: string,
  ) {
    super(message);
  }
}

interface SdkErrorLike {
  name?: string;
  message?: string;
  code?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'UnauthorizedException', 'AuthorizationError']);
const BAD_CREDENTIALS = new Set(['UnrecognizedClientException', 'InvalidClientTokenId', 'InvalidSignatureException', 'SignatureDoesNotMatch', 'ExpiredToken', 'ExpiredTokenException']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

function networkCode(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur !== undefined && cur !== null && depth < 5; depth++) {
    const err = cur as SdkErrorLike & { errors?: unknown[] };
    if (typeof err.code === 'string' && NETWORK_CODES.has(err.code)) return err.code;
    if (Array.isArray(err.errors)) for (const inner of err.errors) {
      const c = networkCode(inner);
      if (c) return c;
    }
    cur = err.cause;
  }
  return undefined;
}

/** Where the calls go, for messages: "region eu-west-1 (profile dev, endpoint http://127.0.0.1:5000)". */
export function describeTarget(target: AwsTarget): string {
  const extras = [target.profile !== undefined ? `profile ${target.profile}` : undefined, target.endpointUrl !== undefined ? `endpoint ${target.endpointUrl}` : undefined].filter(Boolean);
  return `region ${target.region}${extras.length ? ` (${extras.join(', ')})` : ''}`;
}

/** The AccountImportError for a failed call of `api` (e.g. "ecs:DescribeServices"). */
export function classifyAwsError(e: unknown, api: string, target: AwsTarget): AccountImportError {
  if (e instanceof AccountImportError) return e;
  if (e instanceof AwsTargetError) return new AccountImportError('target', e.message);
  const err = (e ?? {}) as SdkErrorLike;
  const name = err.name ?? err.Code ?? 'Error';
  const message = (err.message ?? String(e)).trim();
  const where = describeTarget(target);
  if (name === 'CredentialsProviderError' || /could not load credentials|profile .* could not be found/i.test(message)) {
    return new AccountImportError(
      'credentials',
      `cannot get AWS credentials${target.profile !== undefined ? ` for profile "${target.profile}"` : ''}: ${message}`,
    );
  }
  if (BAD_CREDENTIALS.has(name)) {
    return new AccountImportError('credentials', `${api} rejected the credentials in ${where}: ${name} (check the profile, or sign in again)`);
  }
  if (ACCESS_DENIED.has(name) || /not authorized to perform/i.test(message)) {
    return new AccountImportError('access-denied', `access denied: ${api} in ${where}: ${message} — the identity needs permission for ${api}`);
  }
  if (err.$metadata?.httpStatusCode === 403) {
    // A 403 whose body is not the service's own error shape (a proxy, or an emulator answering in XML).
    return new AccountImportError('access-denied', `access denied: ${api} in ${where} (HTTP 403) — the identity needs permission for ${api}`);
  }
  if (name === 'ClusterNotFoundException') {
    return new AccountImportError('cluster-not-found', `cluster not found in ${where} (${api}): ${message}`);
  }
  const net = networkCode(e);
  if (net !== undefined) {
    const endpoint = target.endpointUrl ?? `the AWS endpoint of region ${target.region}`;
    return new AccountImportError('endpoint', `cannot reach ${endpoint} (${net}) calling ${api}: check the region and the endpoint URL`);
  }
  const status = err.$metadata?.httpStatusCode;
  return new AccountImportError('aws', `${api} failed in ${where}: ${name}${status !== undefined ? ` (HTTP ${status})` : ''}: ${message}`);
}

export class AwsCalls {
  /** Number of API calls made (pages count one each). */
  count = 0;
  constructor(private readonly target: AwsTarget) {}

  async call<T>(api: string, fn: () => Promise<T>): Promise<T> {
    this.count++;
    try {
      return await fn();
    } catch (e) {
      throw classifyAwsError(e, api, this.target);
    }
  }

  /** Like `call`, but a "not found" answer (the named error) is `undefined` instead of a failure. */
  async optional<T>(api: string, notFound: readonly string[], fn: () => Promise<T>): Promise<T | undefined> {
    this.count++;
    try {
      return await fn();
    } catch (e) {
      const name = (e as SdkErrorLike | undefined)?.name ?? '';
      if (notFound.includes(name)) return undefined;
      throw classifyAwsError(e, api, this.target);
    }
  }

  /** Every item of a paginated API: `page(token)` returns the items of one page and the next token. */
  async all<T>(api: string, page: (token: string | undefined) => Promise<{ items: readonly T[] | undefined; next: string | undefined }>): Promise<T[]> {
    const out: T[] = [];
    let token: string | undefined;
    const seen = new Set<string>();
    do {
      const r = await this.call(api, () => page(token));
      out.push(...(r.items ?? []));
      token = r.next;
      if (token !== undefined) {
        if (seen.has(token)) throw new AccountImportError('aws', `${api} returned the same page token twice; stopping`);
        seen.add(token);
      }
    } while (token !== undefined && token !== '');
    return out;
  }
}

/** Splits `list` into chunks of `size` (the APIs that take at most 10 or 20 names per call). */
export function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** `fn` over `items` with at most `limit` calls in flight; results in the order of `items`. The first failure rejects. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
