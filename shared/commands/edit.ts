import { jsonPointer } from '../jsonPointer';
import { KIND_INFO, makeNode } from '../model/catalog';
import { DesignIndex, type Design } from '../model/document';
import { EDGE_KINDS, checkConnection, type DesignEdge, type EdgeKind, type EdgeProps } from '../model/edges';
import { randomId, type IdGenerator } from '../model/ids';
import { NODE_PROPERTY_SCHEMAS, type DesignNode, type NodeKind, type NodeOf, type NodePropsInput } from '../model/nodes';

/*
 * Edits of a design: pure functions Design → Design (the history records the diff). The canvas, the inspector,
 * quick fixes and the CLI all go through these, so an edit means the same thing everywhere.
 */

export type EditResult = { ok: true; design: Design } | { ok: false; reason: string };

type Position = { x: number; y: number };

export function addNode<K extends NodeKind>(
  design: Design,
  kind: K,
  opts: { id?: string; ids?: IdGenerator; props?: NodePropsInput<K>; position?: Position; parentId?: string } = {},
): { design: Design; node: NodeOf<K> } {
  const id = opts.id ?? freshIds(opts.ids ?? randomId, usedIds(design))(kind);
  const node = makeNode(kind, id, opts.props ?? KIND_INFO[kind].defaults(), {
    position: opts.position ?? { x: 0, y: 0 },
    ...(opts.parentId === undefined ? {} : { parentId: opts.parentId }),
  });
  return { design: { ...design, nodes: [...design.nodes, node] }, node };
}

/** Replaces a node's properties after checking them against the kind's schema (defaults filled in). */
export function setNodeProperties(design: Design, nodeId: string, props: unknown): EditResult {
  const i = design.nodes.findIndex((n) => n.id === nodeId);
  const node = design.nodes[i];
  if (!node) return { ok: false, reason: `no node "${nodeId}"` };
  const parsed = NODE_PROPERTY_SCHEMAS[node.kind].safeParse(props);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${jsonPointer((issue?.path ?? []) as (string | number)[]) || '/'}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, design: replaceNode(design, i, { ...node, properties: parsed.data } as DesignNode) };
}

/** Moves nodes (canvas drag): positions only, no validation needed. */
export function moveNodes(design: Design, moves: readonly { id: string; position: Position }[]): Design {
  const byId = new Map(moves.map((m) => [m.id, m.position]));
  let changed = false;
  const nodes = design.nodes.map((n) => {
    const p = byId.get(n.id);
    if (!p || (p.x === n.position.x && p.y === n.position.y)) return n;
    changed = true;
    return { ...n, position: { x: p.x, y: p.y } };
  });
  return changed ? { ...design, nodes } : design;
}

/** Removes nodes with their containers (children) and every edge that touches them. */
export function removeNodes(design: Design, ids: readonly string[]): Design {
  const gone = new Set(ids);
  for (const n of design.nodes) if (n.parentId !== undefined && gone.has(n.parentId)) gone.add(n.id);
  if (![...gone].some((id) => design.nodes.some((n) => n.id === id))) return design;
  return {
    ...design,
    nodes: design.nodes.filter((n) => !gone.has(n.id)),
    edges: design.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)),
  };
}

export function removeEdges(design: Design, ids: readonly string[]): Design {
  const gone = new Set(ids);
  const edges = design.edges.filter((e) => !gone.has(e.id));
  return edges.length === design.edges.length ? design : { ...design, edges };
}

export function setEdgeProperties(design: Design, edgeId: string, props: unknown): EditResult {
  const i = design.edges.findIndex((e) => e.id === edgeId);
  const edge = design.edges[i];
  if (!edge) return { ok: false, reason: `no edge "${edgeId}"` };
  const parsed = EDGE_KINDS[edge.kind].props.safeParse(props);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues[0]?.message ?? 'invalid edge properties' };
  const edges = [...design.edges];
  edges[i] = { ...edge, properties: parsed.data } as DesignEdge;
  return { ok: true, design: { ...design, edges } };
}

export type ConnectResult = { ok: true; design: Design; edge: DesignEdge; replaced: DesignEdge[] } | { ok: false; reason: string };

/**
 * Draws a connection between two nodes. The edge kind comes from the connection table (either direction);
 * a refused pair says why and changes nothing. A kind allowed once per source replaces the previous edge.
 * Connecting also sets what the connection means on the nodes: a secret → the container's `secrets`,
 * a log group → awslogs options, an EFS file system → a task definition volume, and so on.
 */
export function connect(design: Design, a: string, b: string, opts: { ids?: IdGenerator } = {}): ConnectResult {
  const ids = freshIds(opts.ids ?? randomId, usedIds(design));
  const index = new DesignIndex(design);
  const na = index.node(a);
  const nb = index.node(b);
  if (!na || !nb) return { ok: false, reason: 'both ends of a connection must be nodes of the design' };
  if (a === b) return { ok: false, reason: 'a node cannot be connected to itself' };
  const check = checkConnection(na.kind, nb.kind);
  if (!check.ok) return check;
  const [source, target] = check.source === 'as-drawn' ? [na, nb] : [nb, na];
  if (design.edges.some((e) => e.kind === check.kind && e.source === source.id && e.target === target.id)) {
    return { ok: false, reason: 'these nodes are already connected' };
  }
  const spec = EDGE_KINDS[check.kind];
  const replaced: DesignEdge[] = 'maxPerSource' in spec ? (index.outgoing(source.id, check.kind) as DesignEdge[]) : [];
  let next = replaced.length > 0 ? removeEdges(design, replaced.map((e) => e.id)) : design;
  const meaning = applyConnectionMeaning(next, check.kind, source, target);
  next = meaning.design;
  const edge = { id: ids('edge'), kind: check.kind, source: source.id, target: target.id, ...(meaning.props === undefined ? {} : { properties: meaning.props }) } as DesignEdge;
  return { ok: true, design: { ...next, edges: [...next.edges, edge] }, edge, replaced };
}

function applyConnectionMeaning(design: Design, kind: EdgeKind, source: DesignNode, target: DesignNode): { design: Design; props?: EdgeProps<EdgeKind> } {
  const index = new DesignIndex(design);
  switch (kind) {
    case 'container-secret': {
      const s = target as NodeOf<'secret'>;
      const base = (s.properties.name ?? s.properties.arn ?? 'SECRET').split(/[/:]/).filter(Boolean).pop() ?? 'SECRET';
      const used = new Set(index.outgoing(source.id, 'container-secret').map((e) => e.properties?.name));
      let name = envName(base);
      for (let n = 2; used.has(name); n++) name = `${envName(base)}_${n}`;
      return { design, props: { name } };
    }
    case 'container-log-group': {
      const c = source as NodeOf<'container'>;
      const current = c.properties.logConfiguration;
      if (current !== undefined && current.logDriver !== 'awslogs') return { design };
      const options = { ...current?.options };
      delete options['awslogs-group'];
      if (design.settings.region !== undefined && options['awslogs-region'] === undefined) options['awslogs-region'] = design.settings.region;
      if (options['awslogs-stream-prefix'] === undefined) options['awslogs-stream-prefix'] = c.properties.name ?? 'ecs';
      return { design: withProps(design, c, { ...c.properties, logConfiguration: { ...current, logDriver: 'awslogs', options } }) };
    }
    case 'container-image': {
      const c = source as NodeOf<'container'>;
      const { image: _image, ...rest } = c.properties;
      return { design: withProps(design, c, { ...rest, imageTag: c.properties.imageTag ?? 'latest' }) };
    }
    case 'volume-efs':
    case 'volume-access-point': {
      const td = source as NodeOf<'taskDefinition'>;
      const fs = kind === 'volume-efs' ? target : index.targetOf(target.id, 'access-point-file-system');
      // An access point joins the volume of its file system when there is one.
      const existing = fs ? index.outgoing(td.id, 'volume-efs').find((e) => e.target === fs.id)?.properties?.volume : undefined;
      const volumes = td.properties.volumes ?? [];
      const volume = existing ?? uniqueName(volumes.map((v) => v.name ?? ''), slug(kind === 'volume-efs' ? (target as NodeOf<'efsFileSystem'>).properties.name ?? 'efs' : 'efs'));
      if (volumes.some((v) => v.name === volume)) {
        const next = volumes.map((v) =>
          v.name === volume
            ? { ...v, efsVolumeConfiguration: { ...v.efsVolumeConfiguration, transitEncryption: 'ENABLED' as const, ...(kind === 'volume-access-point' ? { authorizationConfig: { ...v.efsVolumeConfiguration?.authorizationConfig, iam: 'ENABLED' as const } } : {}) } }
            : v,
        );
        return { design: withProps(design, td, { ...td.properties, volumes: next }), props: { volume } };
      }
      const efsVolumeConfiguration = kind === 'volume-access-point' ? { transitEncryption: 'ENABLED' as const, authorizationConfig: { iam: 'ENABLED' as const } } : { transitEncryption: 'ENABLED' as const };
      return { design: withProps(design, td, { ...td.properties, volumes: [...volumes, { name: volume, efsVolumeConfiguration }] }), props: { volume } };
    }
    case 'service-target-group': {
      const td = index.targetOf(source.id, 'service-task-definition');
      for (const c of td ? index.containersOf(td.id) : []) {
        const port = c.properties.portMappings?.find((p) => p.containerPort !== undefined)?.containerPort;
        if (port !== undefined) return { design, props: { containerName: c.properties.name ?? c.id, containerPort: port } };
      }
      const tg = target as NodeOf<'targetGroup'>;
      return { design, props: { containerName: 'app', containerPort: tg.properties.port } };
    }
    case 'service-capacity-provider':
      return { design, props: { weight: 1 } };
    case 'task-role-s3':
      return { design, props: { access: 'read' } };
    default:
      return { design };
  }
}

function withProps(design: Design, node: DesignNode, properties: unknown): Design {
  const i = design.nodes.findIndex((n) => n.id === node.id);
  return replaceNode(design, i, { ...node, properties } as DesignNode);
}

function replaceNode(design: Design, i: number, node: DesignNode): Design {
  const nodes = [...design.nodes];
  nodes[i] = node;
  return { ...design, nodes };
}

function usedIds(design: Design): Set<string> {
  return new Set([...design.nodes.map((n) => n.id), ...design.edges.map((e) => e.id)]);
}

/** An id generator that never returns an id already used in the design. */
function freshIds(gen: IdGenerator, used: Set<string>): IdGenerator {
  return (prefix) => {
    let id = gen(prefix);
    while (used.has(id)) id = gen(prefix);
    used.add(id);
    return id;
  };
}

function envName(s: string): string {
  const n = s.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase();
  return /^[A-Z_]/.test(n) ? n : `S_${n}`;
}

function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'volume';
}

function uniqueName(used: readonly string[], base: string): string {
  let name = base;
  for (let n = 2; used.includes(name); n++) name = `${base}-${n}`;
  return name;
}

/**
 * Copies nodes (with their containers) and the edges between copied nodes, with new ids, offset on the canvas.
 * Used by duplicate and paste.
 */
export function duplicateNodes(design: Design, ids: readonly string[], opts: { ids?: IdGenerator; offset?: Position } = {}): { design: Design; created: string[] } {
  const gen = freshIds(opts.ids ?? randomId, usedIds(design));
  const offset = opts.offset ?? { x: 40, y: 40 };
  const chosen = new Set(ids);
  for (const n of design.nodes) if (n.parentId !== undefined && chosen.has(n.parentId)) chosen.add(n.id);
  const mapping = new Map<string, string>();
  const copies: DesignNode[] = [];
  for (const n of design.nodes) {
    if (!chosen.has(n.id)) continue;
    const id = gen(n.kind);
    mapping.set(n.id, id);
    copies.push({ ...n, id, position: n.parentId !== undefined && chosen.has(n.parentId) ? n.position : { x: n.position.x + offset.x, y: n.position.y + offset.y } } as DesignNode);
  }
  for (const c of copies) if (c.parentId !== undefined) c.parentId = mapping.get(c.parentId) ?? c.parentId;
  // A copied container whose task definition was not copied stays in the same task definition.
  const edgeCopies = design.edges
    .filter((e) => mapping.has(e.source) && mapping.has(e.target))
    .map((e) => ({ ...e, id: gen('edge'), source: mapping.get(e.source)!, target: mapping.get(e.target)! }) as DesignEdge);
  return { design: { ...design, nodes: [...design.nodes, ...copies], edges: [...design.edges, ...edgeCopies] }, created: copies.map((c) => c.id) };
}
