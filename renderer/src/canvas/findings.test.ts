import { describe, expect, it } from 'vitest';
import { setNodeProperties } from '../../../shared/commands/edit';
import { findPattern } from '../../../shared/patterns/index';
import { validateDesign } from '../../../shared/rules/index';
import { currentDesign, DesignStore } from '../store/designStore';
import { FindingsStore } from './findings';

describe('FindingsStore.findingsFor (findings reused by the Export dialog)', () => {
  it("gives the validator's findings of the open design object only, and follows edits", () => {
    const designs = new DesignStore();
    designs.open(findPattern('web-service')!.build(), undefined);
    const store = new FindingsStore(designs);
    const open = currentDesign(designs.getState())!;
    // Not started: nothing validated yet, so nothing to give.
    expect(store.findingsFor(open)).toBeUndefined();
    const stop = store.start();
    expect(store.findingsFor(open)).toEqual(validateDesign(open));
    // A copy is another design as far as the store knows.
    expect(store.findingsFor({ ...open })).toBeUndefined();

    // An edit that makes an error: the old design's findings are no longer the store's, the new one's are.
    // 512 CPU units with 8 GiB is not a Fargate task size.
    const td = open.nodes.find((n) => n.kind === 'taskDefinition')!;
    designs.edit({ kind: 'record', label: 'edit' }, (d) => {
      const r = setNodeProperties(d, td.id, { ...(td.properties as object), cpu: '512', memory: '8192' });
      if (!r.ok) throw new Error(r.reason);
      return r.design;
    });
    const edited = currentDesign(designs.getState())!;
    expect(store.findingsFor(open)).toBeUndefined();
    const findings = store.findingsFor(edited);
    expect(findings).toEqual(validateDesign(edited));
    expect(findings?.some((f) => f.rule === 'fargate/task-size' && f.nodeId === td.id)).toBe(true);
    stop();
  });
});
