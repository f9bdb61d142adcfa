import { describe, expect, it } from 'vitest';
import { moveNodes, setNodeProperties } from '../../../shared/commands/edit';
import { KIND_INFO, makeNode } from '../../../shared/model/catalog';
import { emptyDesign, type Design } from '../../../shared/model/document';
import { loadBalancedWebService } from '../../../shared/patterns/index';
import { matchesShortcut } from '../commands/keys';
import { autoLayout } from './autoLayout';
import { nodeFacts } from './facts';
import { FlowNodeCache, frameSize, reselectCanvasEdges, toCanvasEdges } from './flowModel';
import { miniMapShapes, sameShapes } from './LightMiniMap';

const NO_SELECTION = { nodeIds: [], edgeIds: [] };

describe('node card facts', () => {
  it('say the key facts of each kind', () => {
    expect(nodeFacts(makeNode('taskDefinition', 't', KIND_INFO.taskDefinition.defaults()))).toBe('0.25 vCPU · 512 MiB · awsvpc');
    expect(nodeFacts(makeNode('taskDefinition', 't', { family: 'x', cpu: '1024', memory: '2048', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'] }))).toBe('1 vCPU · 2 GB · awsvpc');
    expect(nodeFacts(makeNode('service', 's', KIND_INFO.service.defaults()))).toBe('2 tasks · FARGATE');
    expect(nodeFacts(makeNode('scalableTarget', 's', KIND_INFO.scalableTarget.defaults()))).toBe('2–10 tasks');
    expect(nodeFacts(makeNode('container', 'c', { name: 'app', image: 'nginx:1.27', portMappings: [{ containerPort: 80 }, { containerPort: 443 }] }))).toBe('nginx:1.27 · port 80, 443');
    expect(nodeFacts(makeNode('container', 'c', KIND_INFO.container.defaults()))).toBe('no image · port 80');
  });
});

describe('flow nodes', () => {
  it('keep the identity of unchanged nodes, so editing one node re-renders that card only', () => {
    const design = loadBalancedWebService();
    const cache = new FlowNodeCache();
    const first = cache.nodes(design, NO_SELECTION);
    const td = design.nodes.find((n) => n.kind === 'taskDefinition')!;
    const r = setNodeProperties(design, td.id, { ...td.properties, cpu: '1024', memory: '2048' });
    if (!r.ok) throw new Error(r.reason);
    const second = cache.nodes(r.design, NO_SELECTION);
    const changed = second.filter((n, i) => n !== first[i]).map((n) => n.id);
    expect(changed).toEqual([td.id]);
    // Selecting one node changes that node only.
    const third = cache.nodes(r.design, { nodeIds: [td.id], edgeIds: [] });
    expect(third.filter((n, i) => n !== second[i]).map((n) => n.id)).toEqual([td.id]);
  });

  it('derive the same nodes after a change of selection alone as from scratch, new objects for the (de)selected ones only', () => {
    const design = loadBalancedWebService();
    const service = design.nodes.find((n) => n.kind === 'service')!;
    const container = design.nodes.find((n) => n.kind === 'container')!;
    const cache = new FlowNodeCache();
    cache.measure(service.id, { width: 232, height: 100 });
    const first = cache.nodes(design, { nodeIds: [service.id], edgeIds: [] });
    const second = cache.nodes(design, { nodeIds: [container.id], edgeIds: [] });
    const fresh = new FlowNodeCache();
    fresh.measure(service.id, { width: 232, height: 100 });
    expect(second).toEqual(fresh.nodes(design, { nodeIds: [container.id], edgeIds: [] }));
    expect(second.filter((n, i) => n !== first[i]).map((n) => n.id).sort()).toEqual([service.id, container.id].sort());
    // A size measured meanwhile is not missed: the next derivation is a full one.
    cache.measure(container.id, { width: 200, height: 50 });
    expect(cache.nodes(design, { nodeIds: [container.id], edgeIds: [] }).find((n) => n.id === container.id)!.measured).toEqual({ width: 200, height: 50 });
  });

  it('tell React Flow the size and handles of a card it has not measured, so it need not render it to find out', () => {
    const design = loadBalancedWebService();
    const cache = new FlowNodeCache();
    const service = design.nodes.find((n) => n.kind === 'service')!;
    const first = cache.nodes(design, NO_SELECTION).find((n) => n.id === service.id)!;
    expect(first.measured).toEqual({ width: 232, height: 94 });
    // Handles in the middle of the left (3px) and right (1px) borders, 9px wide, as canvas.css draws them.
    expect(first.handles).toEqual([
      { id: null, type: 'target', position: 'left', x: -1.5, y: 42.5, width: 9, height: 9 },
      { id: null, type: 'source', position: 'right', x: 226.5, y: 42.5, width: 9, height: 9 },
    ]);
    // Once measured at another size, React Flow's own measurement (size and handles) is what counts.
    expect(cache.measure(service.id, { width: 232, height: 100 })).toBe(true);
    const second = cache.nodes(design, NO_SELECTION).find((n) => n.id === service.id)!;
    expect(second.measured).toEqual({ width: 232, height: 100 });
    expect(second.handles).toBeUndefined();
  });

  it('list parents before their children and size task definitions around their containers', () => {
    const d: Design = emptyDesign('d');
    d.nodes.push(makeNode('container', 'c', { name: 'a' }, { parentId: 'td', position: { x: 16, y: 300 } }));
    d.nodes.push(makeNode('taskDefinition', 'td', { family: 'f' }));
    const nodes = new FlowNodeCache().nodes(d, NO_SELECTION);
    expect(nodes.map((n) => n.id)).toEqual(['td', 'c']);
    expect(nodes[0]!.style).toEqual(frameSize([d.nodes[0]!]));
    expect(nodes[1]).toMatchObject({ parentId: 'td', extent: 'parent', type: 'container' });
  });
});

describe('auto layout (elkjs)', () => {
  it('moves every top-level node to a free spot and keeps containers stacked inside their task definition', async () => {
    const design = loadBalancedWebService();
    const moves = await autoLayout(design, new Map());
    const at = new Map(design.nodes.map((n) => [n.id, n.position]));
    for (const m of moves) at.set(m.id, m.position);
    const boxes = design.nodes
      .filter((n) => n.parentId === undefined)
      .map((n) => ({ id: n.id, ...at.get(n.id)!, ...(n.kind === 'taskDefinition' ? frameSize(design.nodes.filter((c) => c.parentId === n.id).map((c) => ({ ...c, position: at.get(c.id)! }))) : { width: 232, height: 72 }) }));
    for (const a of boxes)
      for (const b of boxes) {
        if (a.id >= b.id) continue;
        const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
      }
    const container = design.nodes.find((n) => n.kind === 'container')!;
    expect(at.get(container.id)).toEqual({ x: 16, y: 84 });
  });
});

describe('shortcuts', () => {
  const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });
  it('match Mod (Ctrl here), Shift and the key, nothing more', () => {
    expect(matchesShortcut(key('z', { ctrlKey: true }), 'Mod+Z')).toBe(true);
    expect(matchesShortcut(key('Z', { ctrlKey: true, shiftKey: true }), 'Mod+Z')).toBe(false);
    expect(matchesShortcut(key('Z', { ctrlKey: true, shiftKey: true }), 'Mod+Shift+Z')).toBe(true);
    expect(matchesShortcut(key('P', { ctrlKey: true, shiftKey: true }), 'Mod+Shift+P')).toBe(true);
    expect(matchesShortcut(key('z'), 'Mod+Z')).toBe(false);
    expect(matchesShortcut(key('+', { ctrlKey: true }), 'Mod+=')).toBe(true);
    expect(matchesShortcut(key('Delete'), 'Delete')).toBe(true);
  });
});

describe('diagram SVG export', () => {
  it('draws every node and labelled connection, escaped, with a viewBox around them', async () => {
    const { diagramSvg } = await import('./diagramSvg');
    const design = loadBalancedWebService();
    const svg = diagramSvg({ ...design, name: 'Web <&> "shop"' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<title>Web &lt;&amp;&gt; &quot;shop&quot;</title>');
    expect(svg.match(/<g data-id=/g)).toHaveLength(design.nodes.length);
    // Every connection but the service's cluster, which is drawn as the service inside the cluster frame.
    expect(svg.match(/<path /g)).toHaveLength(design.edges.filter((e) => e.kind !== 'service-cluster').length);
    const cluster = design.nodes.find((n) => n.kind === 'cluster')!;
    const service = design.nodes.find((n) => n.kind === 'service')!;
    const frame = svg.match(new RegExp(`<g data-id="${cluster.id}">\\n<rect x="(-?\\d+)" y="(-?\\d+)" width="(\\d+)" height="(\\d+)"`))!;
    const inner = svg.match(new RegExp(`<g data-id="${service.id}">\\n<rect x="(-?\\d+)" y="(-?\\d+)" width="(\\d+)" height="(\\d+)"`))!;
    const [fx, fy, fw, fh] = frame.slice(1).map(Number);
    const [sx, sy, sw, sh] = inner.slice(1).map(Number);
    expect(sx! >= fx! && sy! >= fy! + 84 && sx! + sw! <= fx! + fw! && sy! + sh! <= fy! + fh!).toBe(true);
    expect(svg).toContain('>logs to</text>');
    expect(svg).toContain('>0.5 vCPU · 1 GB · awsvpc</text>');
    const dark = diagramSvg(design, { theme: 'dark' });
    expect(dark).toContain('fill="#17191c"');
    expect(diagramSvg(emptyDesign('e'))).toMatch(/viewBox="-40 -40 80 80"/);
  });
});

describe('minimap', () => {
  it('is drawn again when a card moves, not when only the selection changed', () => {
    const design = loadBalancedWebService();
    const cache = new FlowNodeCache();
    const first = cache.nodes(design, NO_SELECTION);
    const service = design.nodes.find((n) => n.kind === 'service')!;
    const selected = cache.nodes(design, { nodeIds: [service.id], edgeIds: [] });
    expect(sameShapes(first, selected)).toBe(true);
    expect(miniMapShapes(selected)).toEqual(miniMapShapes(first));
    const lb = design.nodes.find((n) => n.kind === 'loadBalancer')!;
    const moved = cache.nodes(moveNodes(design, [{ id: lb.id, position: { x: lb.position.x + 40, y: lb.position.y } }]), NO_SELECTION);
    expect(sameShapes(selected, moved)).toBe(false);
    expect(miniMapShapes(moved)).not.toEqual(miniMapShapes(first));
  });
});

describe('canvas connections', () => {
  it('name both ends for screen readers and keep the object of a connection that did not change', () => {
    const design = loadBalancedWebService();
    const first = toCanvasEdges(design, NO_SELECTION);
    // The service's cluster is shown by drawing the service inside it: no line.
    expect(first.some((e) => e.kind === 'service-cluster')).toBe(false);
    expect(first.length).toBe(design.edges.filter((e) => e.kind !== 'service-cluster').length);
    const logs = first.find((e) => e.kind === 'container-log-group')!;
    expect(logs.ariaLabel).toMatch(/^Container \S+ → Log group \S+: logs to$/);
    expect(logs.label).toBe('logs to');
    // Selecting one connection changes that one only.
    const second = toCanvasEdges(design, { nodeIds: [], edgeIds: [logs.id] }, first);
    expect(second.filter((e, i) => e !== first[i]).map((e) => e.id)).toEqual([logs.id]);
    expect(second.find((e) => e.id === logs.id)?.selected).toBe(true);
    // A card moved: no connection changed, the same array.
    const lb = design.nodes.find((n) => n.kind === 'loadBalancer')!;
    const moved = moveNodes(design, [{ id: lb.id, position: { x: lb.position.x + 40, y: lb.position.y } }]);
    expect(toCanvasEdges(moved, { nodeIds: [], edgeIds: [logs.id] }, second)).toBe(second);
  });

  it('give the same connections when only the selection changed as when derived again', () => {
    const design = loadBalancedWebService();
    const first = toCanvasEdges(design, { nodeIds: [], edgeIds: [design.edges[0]!.id] });
    const selection = { nodeIds: [], edgeIds: [design.edges[1]!.id, design.edges[2]!.id] };
    const reselected = reselectCanvasEdges(first, selection);
    expect(reselected).toEqual(toCanvasEdges(design, selection));
    // A card (de)selected, no connection: the same array.
    expect(reselectCanvasEdges(reselected, { nodeIds: [design.nodes[0]!.id], edgeIds: selection.edgeIds })).toBe(reselected);
    expect(reselected.filter((e, i) => e !== first[i]).map((e) => e.id).sort()).toEqual([design.edges[0]!.id, design.edges[1]!.id, design.edges[2]!.id].filter((id) => first.some((e) => e.id === id)).sort());
  });
});
