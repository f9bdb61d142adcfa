import { describe, expect, it } from 'vitest';
import { addNode, connect, moveNodes } from '../../../shared/commands/edit';
import { makeNode } from '../../../shared/model/catalog';
import { emptyDesign, type Design } from '../../../shared/model/document';
import { validateDesign } from '../../../shared/rules/index';
import { PATTERNS, loadBalancedWebService } from '../../../shared/patterns/index';
import { autoLayout } from './autoLayout';
import { CLUSTER_HEADER, CLUSTER_PADDING, clusterFrameSize, memberOffset, placeInCluster, SERVICE_SIZE, toDesignMoves } from './clusters';
import { cardEstimate, FlowNodeCache, frameSize, toCanvasEdges } from './flowModel';
import { nameProblem, renamableSelection, renameNode } from './rename';
import { joinCluster } from './useCanvasState';

const NO_SELECTION = { nodeIds: [], edgeIds: [] };

/** A cluster at (400, 300) with two services connected to it, and a third service on its own. */
function design(): Design {
  const d = emptyDesign('d');
  d.nodes.push(makeNode('cluster', 'cl', { clusterName: 'shop' }, { position: { x: 400, y: 300 } }));
  d.nodes.push(makeNode('service', 'a', { serviceName: 'a' }, { position: { x: 460, y: 400 } }));
  d.nodes.push(makeNode('service', 'b', { serviceName: 'b' }, { position: { x: 420, y: 500 } }));
  d.nodes.push(makeNode('service', 'c', { serviceName: 'c' }, { position: { x: 0, y: 0 } }));
  d.edges.push({ id: 'e1', kind: 'service-cluster', source: 'a', target: 'cl' });
  d.edges.push({ id: 'e2', kind: 'service-cluster', source: 'b', target: 'cl' });
  return d;
}

describe('services drawn inside their cluster', () => {
  it('are children of the cluster frame at their offset; the frame grows around them; the service-cluster line is not drawn', () => {
    const d = design();
    const nodes = new FlowNodeCache().nodes(d, NO_SELECTION);
    expect(nodes.map((n) => n.id)).toEqual(['cl', 'c', 'a', 'b']);
    const cluster = nodes[0]!;
    expect(cluster.type).toBe('cluster');
    // Before React Flow measured them, services count with the height they are drawn at (a card with a cost line).
    expect(cardEstimate(d.nodes[1]!)).toEqual({ width: SERVICE_SIZE.width, height: 94 });
    expect(cluster.style).toEqual({ width: 60 + SERVICE_SIZE.width + CLUSTER_PADDING, height: 200 + 94 + CLUSTER_PADDING });
    expect(nodes.find((n) => n.id === 'a')).toMatchObject({ parentId: 'cl', position: { x: 60, y: 100 } });
    expect(nodes.find((n) => n.id === 'c')?.parentId).toBeUndefined();
    expect(nodes.find((n) => n.id === 'c')?.position).toEqual({ x: 0, y: 0 });
    expect(toCanvasEdges(d, NO_SELECTION)).toEqual([]);
    // A cluster without services is a plain card.
    const alone = new FlowNodeCache().nodes({ ...d, edges: [] }, NO_SELECTION);
    expect(alone[0]).toMatchObject({ id: 'cl', type: 'resource' });
    expect(alone[0]!.style).toBeUndefined();
  });

  it('keep a service above or left of its cluster inside the content area', () => {
    const d = design();
    const cl = d.nodes[0]!;
    expect(memberOffset({ ...d.nodes[1]!, position: { x: 100, y: 100 } }, cl)).toEqual({ x: CLUSTER_PADDING, y: CLUSTER_HEADER });
  });

  it('moving the cluster moves its services by as much (one edit); a moved service reports its offset', () => {
    const d = design();
    const moves = toDesignMoves(d, [{ id: 'cl', position: { x: 500, y: 340 } }]);
    expect(moves).toEqual([
      { id: 'cl', position: { x: 500, y: 340 } },
      { id: 'a', position: { x: 560, y: 440 } },
      { id: 'b', position: { x: 520, y: 540 } },
    ]);
    // React Flow reports a service's position relative to its cluster.
    expect(toDesignMoves(d, [{ id: 'a', position: { x: 40, y: 120 } }])).toEqual([{ id: 'a', position: { x: 440, y: 420 } }]);
    // Both in one batch: the service is placed relative to where its cluster goes, and not moved twice.
    expect(toDesignMoves(d, [{ id: 'cl', position: { x: 0, y: 0 } }, { id: 'a', position: { x: 16, y: 84 } }])).toEqual([
      { id: 'cl', position: { x: 0, y: 0 } },
      { id: 'a', position: { x: 16, y: 84 } },
      { id: 'b', position: { x: 20, y: 200 } },
    ]);
    // A service on its own is not affected; nothing else moves.
    expect(toDesignMoves(d, [{ id: 'c', position: { x: 5, y: 6 } }])).toEqual([{ id: 'c', position: { x: 5, y: 6 } }]);
  });

  it('a service connected to a cluster moves into the next free row of it', () => {
    const d = design();
    const r = connect(d, 'c', 'cl');
    if (!r.ok) throw new Error(r.reason);
    const joined = joinCluster(r.design, r.edge);
    const c = joined.nodes.find((n) => n.id === 'c')!;
    expect(c.position).toEqual({ x: 400 + CLUSTER_PADDING, y: 300 + 200 + SERVICE_SIZE.height + 12 });
    expect(placeInCluster(d, 'c', 'nope')).toBeUndefined();
    // Other connections change no position.
    const td = addNode(d, 'taskDefinition', { id: 'td' }).design;
    const other = connect(td, 'c', 'td');
    if (!other.ok) throw new Error(other.reason);
    expect(joinCluster(other.design, other.edge)).toBe(other.design);
  });

  it('auto layout puts each cluster around its services and overlaps no top-level boxes', async () => {
    for (const pattern of PATTERNS) {
      const d = pattern.build();
      const moves = await autoLayout(d, new Map());
      const after = moveNodes(d, moves);
      const flow = new FlowNodeCache().nodes(after, NO_SELECTION);
      const boxes = flow
        .filter((n) => n.parentId === undefined)
        .map((n) => ({ id: n.id, ...n.position, width: (n.style?.width as number | undefined) ?? 232, height: (n.style?.height as number | undefined) ?? 72 }));
      for (const a of boxes)
        for (const b of boxes) {
          if (a.id >= b.id) continue;
          const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
          expect(overlap, `${pattern.id}: ${a.id} overlaps ${b.id}`).toBe(false);
        }
      const services = flow.filter((n) => n.data.node.kind === 'service');
      expect(services.length).toBeGreaterThan(0);
      for (const s of services) {
        const cluster = after.nodes.find((n) => n.id === s.parentId)!;
        expect(cluster.kind, `${pattern.id}: ${s.id} is drawn in a cluster`).toBe('cluster');
        // ELK's place is the drawn place: inside the content area, not clamped.
        const stored = after.nodes.find((n) => n.id === s.id)!.position;
        expect(s.position).toEqual({ x: stored.x - cluster.position.x, y: stored.y - cluster.position.y });
        expect(s.position.y).toBeGreaterThanOrEqual(CLUSTER_HEADER);
      }
    }
  });

  it('patterns are built with their services inside the cluster frame', () => {
    for (const pattern of PATTERNS) {
      const d = pattern.build();
      for (const s of new FlowNodeCache().nodes(d, NO_SELECTION).filter((n) => n.data.node.kind === 'service')) {
        const cluster = d.nodes.find((n) => n.id === s.parentId)!;
        const stored = d.nodes.find((n) => n.id === s.id)!.position;
        expect(s.position, `${pattern.id} ${s.id}`).toEqual({ x: stored.x - cluster.position.x, y: stored.y - cluster.position.y });
      }
    }
    expect(clusterFrameSize([])).toEqual({ width: 272, height: 112 });
    expect(frameSize([])).toEqual({ width: 272, height: 112 });
  });
});

describe('rename in place', () => {
  it('sets the name property of the kind, and says why a name is refused', () => {
    const d = loadBalancedWebService();
    const cluster = d.nodes.find((n) => n.kind === 'cluster')!;
    const r = renameNode(d, cluster.id, 'shop-floor');
    if (!r.ok) throw new Error(r.reason);
    const renamed = r.design.nodes.find((n) => n.id === cluster.id)!;
    expect(renamed.kind === 'cluster' && renamed.properties.clusterName).toBe('shop-floor');
    expect(renameNode(d, cluster.id, 'web-cluster')).toEqual({ ok: true, design: d });
    expect(renameNode(d, cluster.id, '')).toEqual({ ok: false, reason: expect.stringMatching(/at least 1|>=1|too small/i) });
    expect(renameNode(d, 'nope', 'x')).toEqual({ ok: false, reason: 'no node "nope"' });
    const scalable = d.nodes.find((n) => n.kind === 'scalableTarget')!;
    expect(renameNode(d, scalable.id, 'x').ok).toBe(false);
  });

  it('reports the validator error on the name: a family with a space', () => {
    const d = loadBalancedWebService();
    const td = d.nodes.find((n) => n.kind === 'taskDefinition')!;
    const r = renameNode(d, td.id, 'my app');
    if (!r.ok) throw new Error(r.reason);
    expect(nameProblem(r.design, td.id, validateDesign)).toMatch(/family "my app" is not accepted/);
    const fine = renameNode(d, td.id, 'my-app');
    if (!fine.ok) throw new Error(fine.reason);
    expect(nameProblem(fine.design, td.id, validateDesign)).toBeUndefined();
  });

  it('acts on exactly one selected node that has a name', () => {
    const d = design();
    expect(renamableSelection(d, ['a'])?.id).toBe('a');
    expect(renamableSelection(d, ['a', 'b'])).toBeUndefined();
    expect(renamableSelection(d, [])).toBeUndefined();
    expect(renamableSelection(undefined, ['a'])).toBeUndefined();
  });
});

describe('light minimap', () => {
  it('draws every card once, at its absolute place, in one path per kind group', async () => {
    const { miniMapShapes } = await import('./LightMiniMap');
    const d = design();
    const { paths, bounds } = miniMapShapes(new FlowNodeCache().nodes(d, NO_SELECTION));
    // The cluster frame first (drawn lighter, under its services), then the cards: the service on its own and the
    // two services inside the frame (absolute: frame + offset).
    expect(paths.map(([g]) => g)).toEqual(['frame group-compute', 'group-compute']);
    const rects = paths.map(([, d]) => d.match(/M-?\d+ -?\d+h\d+v\d+/g));
    // Not measured yet (no DOM here): services at the size they are drawn at, 232 × 94.
    expect(rects).toEqual([['M400 300h308v310'], ['M0 0h232v94', 'M460 400h232v94', 'M420 500h232v94']]);
    expect(bounds).toEqual({ x: 0, y: 0, width: 708, height: 610 });
    expect(miniMapShapes([])).toEqual({ paths: [], bounds: undefined });
  });
});
