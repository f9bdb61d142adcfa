import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeNode } from '../model/catalog';
import { emptyDesign, type Design } from '../model/document';
import type { DesignNode } from '../model/nodes';
import { applyDiff, diffDesigns, invertDiff } from './diff';
import { commit, createHistory, redo, seal, undo } from './history';

const node = (id: string, x = 0): DesignNode => makeNode('logGroup', id, { logGroupName: `/ecs/${id}` }, { position: { x, y: 0 } });

function withNodes(nodes: DesignNode[]): Design {
  return { ...emptyDesign('d'), nodes };
}

describe('design diffs', () => {
  it('replay and revert any change of node lists, including reorders (property)', () => {
    const pool = Array.from({ length: 8 }, (_, i) => node(`n${i}`));
    const variant = (n: DesignNode) => ({ ...n, position: { x: n.position.x + 1, y: 0 } });
    const list = fc
      .uniqueArray(fc.integer({ min: 0, max: 7 }), { maxLength: 8 })
      .chain((ids) => fc.tuple(fc.constant(ids), fc.array(fc.boolean(), { minLength: ids.length, maxLength: ids.length })))
      .map(([ids, changed]) => ids.map((i, k) => (changed[k] ? variant(pool[i]!) : pool[i]!)));
    fc.assert(
      fc.property(list, list, (a, b) => {
        const da = withNodes(a);
        const db = withNodes(b);
        const diff = diffDesigns(da, db);
        expect(applyDiff(da, diff).nodes).toEqual(db.nodes);
        expect(applyDiff(db, invertDiff(diff)).nodes).toEqual(da.nodes);
      }),
      { numRuns: 300 },
    );
  });

  it('record design name and settings changes', () => {
    const a = withNodes([]);
    const b = { ...a, name: 'Renamed', settings: { region: 'eu-west-1' } };
    const diff = diffDesigns(a, b);
    expect(applyDiff(a, diff)).toEqual(b);
    expect(applyDiff(b, invertDiff(diff))).toEqual(a);
  });
});

describe('undo history', () => {
  it('undoes and redoes recorded steps', () => {
    let h = createHistory(withNodes([]));
    h = commit(h, withNodes([node('a')]), { kind: 'record', label: 'Add a' });
    h = commit(h, withNodes([node('a'), node('b')]), { kind: 'record', label: 'Add b' });
    h = undo(h);
    expect(h.design.nodes.map((n) => n.id)).toEqual(['a']);
    h = undo(h);
    expect(h.design.nodes).toEqual([]);
    h = redo(redo(h));
    expect(h.design.nodes.map((n) => n.id)).toEqual(['a', 'b']);
  });

  it('makes a drag one step however many moves it has', () => {
    let h = createHistory(withNodes([node('a', 0)]));
    for (let x = 1; x <= 20; x++) h = commit(h, withNodes([node('a', x)]), { kind: 'merge', label: 'Move', key: 'drag:a' });
    h = seal(h);
    h = commit(h, withNodes([node('a', 99)]), { kind: 'merge', label: 'Move', key: 'drag:a' });
    expect(h.undoStack).toHaveLength(2);
    h = undo(h);
    expect(h.design.nodes[0]?.position.x).toBe(20);
    h = undo(h);
    expect(h.design.nodes[0]?.position.x).toBe(0);
  });

  it('does not make loading undoable, and a new edit clears redo', () => {
    let h = createHistory(withNodes([]));
    h = commit(h, withNodes([node('a')]), { kind: 'record', label: 'Add a' });
    h = commit(h, withNodes([node('z')]), { kind: 'skip' });
    expect(h.undoStack).toHaveLength(0);
    h = commit(h, withNodes([node('z'), node('b')]), { kind: 'record', label: 'Add b' });
    h = undo(h);
    h = commit(h, withNodes([node('z'), node('c')]), { kind: 'record', label: 'Add c' });
    expect(h.redoStack).toHaveLength(0);
  });
});
