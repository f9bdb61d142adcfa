import { describe, expect, it } from 'vitest';
import { EDGE_KINDS, EDGE_KIND_IDS, checkConnection, edgeKindFor } from './edges';
import { NODE_KINDS } from './nodes';

describe('the connection table', () => {
  it('names at most one edge kind for each ordered pair of node kinds', () => {
    for (const a of NODE_KINDS)
      for (const b of NODE_KINDS) {
        const kinds = EDGE_KIND_IDS.filter((k) => (EDGE_KINDS[k].from as readonly string[]).includes(a) && (EDGE_KINDS[k].to as readonly string[]).includes(b));
        expect(kinds.length, `${a} → ${b}: ${kinds.join(', ')}`).toBeLessThanOrEqual(1);
      }
  });

  it('only mentions real node kinds and explains every edge kind', () => {
    for (const k of EDGE_KIND_IDS) {
      for (const n of [...EDGE_KINDS[k].from, ...EDGE_KINDS[k].to]) expect(NODE_KINDS).toContain(n);
      expect(EDGE_KINDS[k].why.length).toBeGreaterThan(20);
    }
  });

  it('refuses mounting S3 with the reason, in both directions', () => {
    for (const [a, b] of [
      ['s3Bucket', 'taskDefinition'],
      ['taskDefinition', 's3Bucket'],
      ['container', 's3Bucket'],
    ] as const) {
      const r = checkConnection(a, b);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.reason).toMatch(/cannot mount S3.*use EFS.*task role/i);
    }
  });

  it('accepts a connection drawn backwards and reports its direction', () => {
    expect(checkConnection('taskDefinition', 'efsFileSystem')).toMatchObject({ ok: true, kind: 'volume-efs', source: 'as-drawn' });
    expect(checkConnection('efsFileSystem', 'taskDefinition')).toMatchObject({ ok: true, kind: 'volume-efs', source: 'reversed' });
    expect(checkConnection('taskRole', 's3Bucket')).toMatchObject({ ok: true, kind: 'task-role-s3' });
  });

  it('refuses using an instance profile role as a task role, and unrelated pairs', () => {
    expect(checkConnection('taskDefinition', 'instanceRole')).toMatchObject({ ok: false, reason: expect.stringMatching(/container instance/) });
    expect(checkConnection('logGroup', 'vpc')).toEqual({ ok: false, reason: 'A log group cannot be connected to a vpc: no AWS relationship joins them.' });
    expect(edgeKindFor('service', 'cluster')).toBe('service-cluster');
  });
});
