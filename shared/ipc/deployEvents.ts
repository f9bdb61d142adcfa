/**
 * The one main → renderer event channel of Deploy (progress lines, CloudFormation stack events, MFA prompts).
 *
 * Import-free like ./channels.ts: the sandboxed preload bundles it. Main validates every event with
 * `DeployEventSchema` (./deploy.ts) before sending; `isDeployEvent` is the preload's structural gate (a test asserts
 * that everything the schema accepts passes it, and that it refuses what is not an event of one of the three kinds).
 */
export const DEPLOY_EVENT_CHANNEL = 'deploy:event';

export const DEPLOY_EVENT_KINDS = ['progress', 'stack-event', 'mfa'] as const;
export type DeployEventKind = (typeof DEPLOY_EVENT_KINDS)[number];

/** The common frame of a deploy event: which run it belongs to and its kind (the fields are in ./deploy.ts). */
export interface DeployEventFrame {
  readonly runId: string;
  readonly kind: DeployEventKind;
}

const RUN_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function isDeployEvent(value: unknown): value is DeployEventFrame {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record['runId'] === 'string' &&
    RUN_ID.test(record['runId']) &&
    typeof record['kind'] === 'string' &&
    (DEPLOY_EVENT_KINDS as readonly string[]).includes(record['kind'])
  );
}
