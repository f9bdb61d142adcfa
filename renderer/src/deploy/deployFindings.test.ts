import { describe, expect, it } from 'vitest';
import { setNodeProperties } from '../../../shared/commands/edit';
import { findPattern } from '../../../shared/patterns/index';
import { currentDesign, DesignStore } from '../store/designStore';
import { DeployAwareFindingsStore } from './deployFindings';

function setup() {
  const designs = new DesignStore();
  designs.open(findPattern('queue-worker')!.build(), undefined);
  const store = new DeployAwareFindingsStore(designs);
  const stop = store.start();
  const design = currentDesign(designs.getState())!;
  const a = design.nodes.find((n) => n.kind === 'logGroup')!;
  const b = design.nodes.find((n) => n.kind === 'cluster')!;
  return { designs, store, stop, a, b };
}

describe('deploy findings in the app findings store', () => {
  it('adds deploy findings to the validator findings and the node counts, and notifies subscribers', () => {
    const { store, a, stop } = setup();
    const before = store.findings();
    const countsBefore = store.countsOf(a.id);
    let notified = 0;
    store.subscribe(() => void notified++);
    store.setDeployFindings([{ rule: 'deploy/log-group-missing', severity: 'error', message: 'missing', path: '/nodes/0', nodeId: a.id }]);
    expect(notified).toBe(1);
    expect(store.findings()).toHaveLength(before.length + 1);
    expect(store.findings()).toBe(store.findings());
    expect(store.countsOf(a.id)).toEqual({ errors: countsBefore.errors + 1, warnings: countsBefore.warnings });
    expect(store.countsOf(a.id)).toBe(store.countsOf(a.id));
    expect(store.deployFindings().map((f) => f.rule)).toEqual(['deploy/log-group-missing']);
    stop();
  });

  it('drops the finding of a node when that node changes, keeps the others; re-verify replaces the set', () => {
    const { designs, store, a, b, stop } = setup();
    store.setDeployFindings([
      { rule: 'deploy/x', severity: 'warning', message: 'a', path: '', nodeId: a.id },
      { rule: 'deploy/y', severity: 'error', message: 'b', path: '', nodeId: b.id },
    ]);
    designs.edit({ kind: 'record', label: 'edit' }, (d) => {
      const node = d.nodes.find((n) => n.id === a.id)!;
      const r = setNodeProperties(d, a.id, { ...(node.properties as object), retentionInDays: 7 });
      if (!r.ok) throw new Error(r.reason);
      return r.design;
    });
    expect(store.deployFindings().map((f) => f.nodeId)).toEqual([b.id]);
    store.setDeployFindings([{ rule: 'deploy/z', severity: 'warning', message: 'c', path: '', nodeId: a.id }]);
    expect(store.deployFindings().map((f) => f.rule)).toEqual(['deploy/z']);
    // A kept rule family survives when only another family is replaced.
    store.setDeployFindings([{ rule: 'deploy/apply-failed', severity: 'error', message: 'd', path: '', nodeId: b.id }], { replaceRules: (r) => r === 'deploy/apply-failed' });
    expect(store.deployFindings().map((f) => f.rule).sort()).toEqual(['deploy/apply-failed', 'deploy/z']);
    designs.open(findPattern('web-service')!.build(), undefined);
    expect(store.deployFindings()).toEqual([]);
    stop();
  });
});
