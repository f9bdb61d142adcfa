import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';

/**
 * The one way the main process and the CLI reach AWS: every SDK v3 client (deploy, live import, pricing) is built
 * from `awsClientConfig(target)`.
 *
 * - Credentials come from the SDK's own provider chain for the chosen profile (environment, static keys,
 *   assume-role with an MFA code asked through `mfaCodeProvider`, SSO, credential_process, web identity,
 *   container/instance metadata). We never read, store or log the values; they stay inside the SDK.
 * - `endpointUrl` points every client at a local emulator (moto in tests). Only http(s) URLs are accepted.
 */
export interface AwsTarget {
  /** Profile of the shared config/credentials files; undefined = the SDK's default chain (AWS_PROFILE, env keys…). */
  readonly profile?: string;
  readonly region: string;
  /** Endpoint override for a local emulator, e.g. http://127.0.0.1:5000. */
  readonly endpointUrl?: string;
  /** Asked for the one-time code when an assume-role profile has mfa_serial. */
  readonly mfaCodeProvider?: (mfaSerial: string) => Promise<string>;
  /** Test seam: a credential provider to use instead of the profile chain (moto accepts any keys). */
  readonly credentials?: AwsCredentialIdentityProvider;
  /** Total attempts per call, including the first (SDK standard retry with backoff). Default 5. */
  readonly maxAttempts?: number;
}

export interface AwsClientConfig {
  readonly region: string;
  readonly credentials: AwsCredentialIdentityProvider;
  readonly endpoint?: string;
  readonly maxAttempts: number;
  readonly retryMode: 'standard' | 'adaptive';
}

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

export class AwsTargetError extends Error {
  override name = 'AwsTargetError';
}

/** Checks a target before any client is built; the message names the field that is wrong. */
export function checkAwsTarget(target: AwsTarget): void {
  if (!REGION_PATTERN.test(target.region)) {
    throw new AwsTargetError(`region: "${target.region}" is not an AWS region name (e.g. eu-west-1)`);
  }
  if (target.profile !== undefined && !/^[\w.+@/-]{1,128}$/.test(target.profile)) {
    throw new AwsTargetError(`profile: "${target.profile}" is not a valid profile name`);
  }
  if (target.endpointUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(target.endpointUrl);
    } catch {
      throw new AwsTargetError(`endpoint-url: "${target.endpointUrl}" is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new AwsTargetError(`endpoint-url: "${target.endpointUrl}" must be an http:// or https:// URL`);
    }
  }
  if (target.maxAttempts !== undefined && (!Number.isInteger(target.maxAttempts) || target.maxAttempts < 1 || target.maxAttempts > 20)) {
    throw new AwsTargetError(`maxAttempts: ${target.maxAttempts} must be an integer from 1 to 20`);
  }
}

export function awsClientConfig(target: AwsTarget): AwsClientConfig {
  checkAwsTarget(target);
  const credentials =
    target.credentials ??
    fromNodeProviderChain({
      ...(target.profile !== undefined ? { profile: target.profile } : {}),
      ...(target.mfaCodeProvider ? { mfaCodeProvider: target.mfaCodeProvider } : {}),
    });
  return {
    region: target.region,
    credentials,
    ...(target.endpointUrl !== undefined ? { endpoint: target.endpointUrl } : {}),
    maxAttempts: target.maxAttempts ?? 5,
    retryMode: 'standard',
  };
}
