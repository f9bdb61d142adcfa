import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DesignIndex, emptyDesign, type Design } from './document';
import type { DesignEdge, EdgeKind } from './edges';
import type { DesignNode, NodeKind } from './nodes';

/**
 * DesignIndex answers every query as a plain scan of the design's lists would, on any design, including ones a
 * design file could not hold (repeated node ids, edges to missing nodes): the exports and the validator build
 * an index of whatever design they are handed.
 */

const IDS = ['a', 'b', 'c', 'd', 'e', 'f'];
const NODE_KINDS: NodeKind[] = ['taskDefinition', 'container', 'service', 'cluster', 'logGroup'];
const EDGE_KINDS: EdgeKind[] = ['service-cluster', 'service-task-definition', 'container-log-group', 'task-role'];

const nodeArb = fc.record({ id: fc.constantFrom(...IDS), kind: fc.constantFrom(...NODE_KINDS), parentId: fc.option(fc.constantFrom(...IDS, 'gone'), { nil: undefined }) });
const edgeArb = fc.record({ kind: fc.constantFrom(...EDGE_KINDS), source: fc.constantFrom(...IDS, 'gone'), target: fc.constantFrom(...IDS, 'gone') });

const designArb = fc.record({ nodes: fc.array(nodeArb, { maxLength: 12 }), edges: fc.array(edgeArb, { maxLength: 25 }) }).map(({ nodes, edges }): Design => {
  const d = emptyDesign('d');
  // Only what the index reads: ids, kinds, parents (properties are not its business).
  d.nodes = nodes.map((n, i) => ({ id: n.id, kind: n.kind, position: { x: i, y: 0 }, ...(n.parentId === undefined ? {} : { parentId: n.parentId }), properties: { seq: i } }) as unknown as DesignNode);
  d.edges = edges.map((e, i) => ({ id: `e${i}`, ...e }) as DesignEdge);
  return d;
});

/** The answers by scanning the design: the last node of an id, edges in design order. */
function byScan(d: Design) {
  const node = (id: string) => d.nodes.filter((n) => n.id === id).at(-1);
  const outgoing = (id: string, kind: EdgeKind) => d.edges.filter((e) => e.source === id && e.kind === kind);
  const incoming = (id: string, kind: EdgeKind) => d.edges.filter((e) => e.target === id && e.kind === kind);
  return {
    node,
    outgoing,
    incoming,
    targetOf: (id: string, kind: EdgeKind) => {
      const e = outgoing(id, kind)[0];
      return e === undefined ? undefined : node(e.target);
    },
    targetsOf: (id: string, kind: EdgeKind) => outgoing(id, kind).flatMap((e) => node(e.target) ?? []),
    sourcesOf: (id: string, kind: EdgeKind) => incoming(id, kind).flatMap((e) => node(e.source) ?? []),
    containersOf: (id: string) => d.nodes.filter((n) => n.parentId === id && n.kind === 'container'),
    repeatedNodeIds: new Set(d.nodes.map((n) => n.id)).size !== d.nodes.length,
  };
}

describe('DesignIndex', () => {
  it('answers as a scan of the design does, for every id and edge kind', () => {
    fc.assert(
      fc.property(designArb, (d) => {
        const index = new DesignIndex(d);
        const scan = byScan(d);
        expect(index.repeatedNodeIds).toBe(scan.repeatedNodeIds);
        for (const id of [...IDS, 'gone']) {
          expect(index.node(id)).toBe(scan.node(id));
          expect(index.containersOf(id)).toEqual(scan.containersOf(id));
          for (const kind of EDGE_KINDS) {
            expect(index.outgoing(id, kind)).toEqual(scan.outgoing(id, kind));
            expect(index.incoming(id, kind)).toEqual(scan.incoming(id, kind));
            expect(index.targetOf(id, kind)).toBe(scan.targetOf(id, kind));
            expect(index.targetsOf(id, kind)).toEqual(scan.targetsOf(id, kind));
            expect(index.sourcesOf(id, kind)).toEqual(scan.sourcesOf(id, kind));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same node objects and edges the design holds (no copies)', () => {
    const d = emptyDesign('d');
    d.nodes = [
      { id: 'svc', kind: 'service', position: { x: 0, y: 0 }, properties: {} } as unknown as DesignNode,
      { id: 'cl', kind: 'cluster', position: { x: 0, y: 0 }, properties: {} } as unknown as DesignNode,
    ];
    d.edges = [{ id: 'e1', kind: 'service-cluster', source: 'svc', target: 'cl' } as DesignEdge];
    const index = new DesignIndex(d);
    expect(index.targetOf('svc', 'service-cluster')).toBe(d.nodes[1]);
    expect(index.outgoing('svc', 'service-cluster')[0]).toBe(d.edges[0]);
    expect(index.sourcesOf('cl', 'service-cluster')).toEqual([d.nodes[0]]);
    expect(index.pointer('cl', 'properties')).toBe('/nodes/1/properties');
  });
});
