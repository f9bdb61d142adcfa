import { describe, expect, it } from 'vitest';
import { DeployEventSchema, DeployApplyRequestSchema, DeployTargetSchema } from './deploy';
import { isDeployEvent } from './deployEvents';

describe('deploy event gate of the preload', () => {
  const valid = [
    { runId: 'apply-1', kind: 'progress', progress: { step: 'create', resource: 'ApiService', nodeId: 'service-1', status: 'succeeded', message: 'arn:…' } },
    { runId: 'stack-1', kind: 'stack-event', event: { at: '2026-01-01T00:00:00Z', logicalId: 'ApiService', type: 'AWS::ECS::Service', status: 'CREATE_FAILED', reason: 'boom' } },
    { runId: 'plan-1', kind: 'mfa', requestId: 'plan-1-mfa-1', mfaSerial: 'arn:aws:iam::123456789012:mfa/alice' },
  ];

  it('lets through every event the schema accepts', () => {
    for (const e of valid) {
      expect(DeployEventSchema.safeParse(e).success).toBe(true);
      expect(isDeployEvent(e)).toBe(true);
    }
  });

  it('refuses what is not a framed deploy event', () => {
    for (const bad of [null, 'x', [], {}, { runId: 'a' }, { runId: 'a b', kind: 'progress' }, { runId: 'a', kind: 'shell' }, { runId: 7, kind: 'mfa' }]) {
      expect(isDeployEvent(bad)).toBe(false);
      expect(DeployEventSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('the target and requests refuse credential-looking fields', () => {
    expect(DeployTargetSchema.safeParse({ region: 'eu-west-1', secretAccessKey: 'x' }).success).toBe(false);
    expect(DeployTargetSchema.safeParse({ region: 'eu-west-1', sessionToken: 'x' }).success).toBe(false);
    expect(DeployApplyRequestSchema.safeParse({ target: { region: 'eu-west-1' }, design: '{}', runId: 'r', accessKeyId: 'AKID' }).success).toBe(false);
    expect(DeployApplyRequestSchema.safeParse({ target: { region: 'eu-west-1' }, design: '{}', runId: 'r' }).success).toBe(true);
  });
});
