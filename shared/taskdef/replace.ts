import type { SchemaFinding } from '../aws/taskDefinition';
import { checkIntegrity, DesignIndex, emptyDesign, type Design } from '../model/document';
import type { DesignEdge, EdgeKind } from '../model/edges';
import { randomId, type IdGenerator } from '../model/ids';
import type { DesignNode, NodeOf } from '../model/nodes';
import { exportTaskDefinition } from './export';
import { importTaskDefinition } from './import';

export type ReplaceTaskDefinitionResult =
  | { ok: true; design: Design }
  | { ok: false; message: string; findings: SchemaFinding[] };

/** Edge kinds a task definition and its containers get from their JSON (everything import creates). */
const FROM_JSON: ReadonlySet<EdgeKind> = new Set<EdgeKind>(['task-role', 'execution-role', 'volume-efs', 'volume-access-point', 'container-image', 'container-secret', 'container-log-group']);

type Json = Record<string, unknown>;

/**
 * Replaces a task definition of a design (and its containers) with the one described by task-definition JSON
 * (RegisterTaskDefinition input or describe-task-definition output, e.g. pasted from the AWS console), as the
 * inspector's JSON tab does:
 * - the task definition keeps its node id, position, ignore list and incoming edges (services);
 * - a container with the same name keeps its node id and position; then the other containers pair up in order
 *   (a renamed container keeps its node); containers no longer in the JSON go, with their edges; containers
 *   follow the JSON order;
 * - a referenced resource (role, image, secret, log group, EFS) that resolves to the same value as before keeps
 *   the node it was connected to; a new one reuses an equal node of the design, or becomes a new node.
 * Pure: the input design is not modified. Pasting exactly what exportTaskDefinition(…, { lenient: true }) wrote
 * gives back an equivalent design.
 */
export function replaceTaskDefinition(design: Design, taskDefinitionId: string, raw: unknown, opts: { ids?: IdGenerator } = {}): ReplaceTaskDefinitionResult {
  const index = new DesignIndex(design);
  const oldTd = index.node(taskDefinitionId);
  if (!oldTd || oldTd.kind !== 'taskDefinition') return { ok: false, message: `no task definition "${taskDefinitionId}" in the design`, findings: [] };
  const oldContainers = index.containersOf(oldTd.id);
  const oldJson = exportJson(design, oldTd.id, index);

  const used = new Set<string>([...design.nodes.map((n) => n.id), ...design.edges.map((e) => e.id)]);
  const gen = opts.ids ?? randomId;
  const ids: IdGenerator = (prefix) => {
    let id = gen(prefix);
    while (used.has(id)) id = gen(prefix);
    used.add(id);
    return id;
  };
  const imported = importTaskDefinition(raw, { into: emptyDesign('replace'), ids, origin: oldTd.position });
  if (!imported.ok) return { ok: false, message: imported.message ?? imported.findings[0]?.message ?? 'not a valid task definition', findings: imported.findings };
  const next = imported.design;
  const nextIndex = new DesignIndex(next);
  const newTd = nextIndex.node(imported.taskDefinitionId) as NodeOf<'taskDefinition'>;
  const newContainers = nextIndex.containersOf(newTd.id);
  const newJson = exportJson(next, newTd.id, nextIndex);

  // Node id mapping: imported id → id in the result.
  const finalId = new Map<string, string>([[newTd.id, oldTd.id]]);
  const oldByNewContainer = new Map<string, NodeOf<'container'>>();
  const freeOld = [...oldContainers];
  for (const c of newContainers) {
    const i = freeOld.findIndex((o) => o.properties.name === c.properties.name);
    if (i < 0) continue;
    const old = freeOld.splice(i, 1)[0]!;
    finalId.set(c.id, old.id);
    oldByNewContainer.set(c.id, old);
  }
  // A container renamed in the JSON (typing a new name goes through many) keeps its node: the containers left
  // on both sides pair up in order.
  for (const c of newContainers) {
    if (oldByNewContainer.has(c.id)) continue;
    const old = freeOld.shift();
    if (!old) break;
    finalId.set(c.id, old.id);
    oldByNewContainer.set(c.id, old);
  }

  // Referenced resources that resolve to the same value as before keep the node they were connected to.
  const oldEdgesFrom = (id: string) => design.edges.filter((e) => e.source === id && FROM_JSON.has(e.kind));
  const matchedEdge = new Map<string, DesignEdge>();
  const sameImage = new Set<string>();
  const dropped = new Set<string>();
  for (const e of next.edges) {
    if (!FROM_JSON.has(e.kind)) continue;
    const oldSource = finalId.get(e.source);
    if (oldSource === undefined || (e.source !== newTd.id && !oldByNewContainer.has(e.source))) continue;
    const newKey = edgeKey(newJson, e, containerName(nextIndex, e.source));
    if (newKey === undefined) continue;
    const oldSourceName = oldSource === oldTd.id ? undefined : (index.node(oldSource) as NodeOf<'container'>).properties.name;
    const match = oldEdgesFrom(oldSource).find((o) => o.kind === e.kind && edgeKey(oldJson, o, oldSourceName) === newKey);
    if (!match) {
      // An image written on the container itself (no image node) that did not change stays that way.
      const old = oldByNewContainer.get(e.source);
      if (e.kind === 'container-image' && old?.properties.image !== undefined && !oldEdgesFrom(old.id).some((o) => o.kind === 'container-image') && edgeKey(oldJson, e, oldSourceName) === newKey) {
        sameImage.add(e.source);
        dropped.add(e.id);
      }
      continue;
    }
    if (e.kind === 'container-image') sameImage.add(e.source);
    matchedEdge.set(e.id, match);
    if (!finalId.has(e.target)) finalId.set(e.target, match.target);
  }

  // Other imported resources: an equal node of the design, or a new node.
  const resources = next.nodes.filter((n) => n.id !== newTd.id && n.parentId !== newTd.id);
  for (const r of resources) {
    if (finalId.has(r.id)) continue;
    const same = design.nodes.find((n) => n.kind === r.kind && sameResource(n, r));
    if (same) finalId.set(r.id, same.id);
  }
  const isNew = (id: string) => !design.nodes.some((n) => n.id === (finalId.get(id) ?? id));

  // Edges: the old ones from the task definition and its containers go; the imported ones come (mapped).
  const oldSources = new Set([oldTd.id, ...oldContainers.map((c) => c.id)]);
  const removedContainers = new Set(freeOld.map((c) => c.id));
  const kept = design.edges.filter((e) => !(oldSources.has(e.source) && FROM_JSON.has(e.kind)) && !removedContainers.has(e.source) && !removedContainers.has(e.target));
  const added: DesignEdge[] = [];
  const seen = new Set(kept.map((e) => `${e.kind}\u0000${e.source}\u0000${e.target}`));
  for (const e of next.edges) {
    if (dropped.has(e.id)) continue;
    // Edges between resources (image credentials, access point → file system) come only with a new resource.
    if (!FROM_JSON.has(e.kind) && !isNew(e.source)) continue;
    const source = finalId.get(e.source) ?? e.source;
    const target = finalId.get(e.target) ?? e.target;
    const key = `${e.kind}\u0000${source}\u0000${target}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const previous = matchedEdge.get(e.id) ?? design.edges.find((o) => o.kind === e.kind && o.source === source && o.target === target);
    added.push({ ...e, id: previous?.id ?? e.id, source, target } as DesignEdge);
  }
  const edges = [...kept, ...added];

  // Nodes: the task definition in place, its containers in JSON order where the first one was, new resources last.
  const td = { ...oldTd, properties: newTd.properties } as DesignNode;
  const containers = newContainers.map((c): DesignNode => {
    const old = oldByNewContainer.get(c.id);
    if (!old) return { ...c, parentId: oldTd.id };
    let properties = c.properties;
    if (sameImage.has(c.id)) {
      // Same image as before: keep how the container spelled it (tag on the container, repository on the node).
      const { image: _image, imageTag: _tag, ...rest } = properties;
      properties = { ...rest, ...(old.properties.image === undefined ? {} : { image: old.properties.image }), ...(old.properties.imageTag === undefined ? {} : { imageTag: old.properties.imageTag }) };
    }
    return { ...old, properties } as DesignNode;
  });
  const referenced = new Set(edges.flatMap((e) => [e.source, e.target]));
  const newResources = resources.filter((r) => !finalId.has(r.id) && referenced.has(r.id));
  const oldContainerIds = new Set(oldContainers.map((c) => c.id));
  const nodes: DesignNode[] = [];
  let placed = false;
  for (const n of design.nodes) {
    if (n.id === oldTd.id) {
      nodes.push(td);
      if (oldContainers.length === 0) {
        nodes.push(...containers);
        placed = true;
      }
    } else if (oldContainerIds.has(n.id)) {
      if (!placed) nodes.push(...containers);
      placed = true;
    } else nodes.push(n);
  }
  nodes.push(...newResources);

  const result: Design = { ...design, nodes, edges };
  const problems = checkIntegrity(result);
  if (problems.length > 0) {
    const first = problems[0]!;
    return { ok: false, message: `the task definition cannot replace the node: ${first.message}`, findings: problems.map((p) => ({ rule: 'schema/invalid-value', severity: 'error', message: p.message, path: p.path })) };
  }
  return { ok: true, design: result };
}

function exportJson(design: Design, tdId: string, index: DesignIndex): Json {
  const out = exportTaskDefinition(design, tdId, index, { lenient: true });
  return out.ok ? (out.input as unknown as Json) : {};
}

function containerName(index: DesignIndex, id: string): string | undefined {
  const n = index.node(id);
  return n?.kind === 'container' ? n.properties.name : undefined;
}

function obj(v: unknown): Json | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

/** What an edge from the task definition or a container resolves to in the exported JSON. */
function edgeKey(json: Json, edge: DesignEdge, container: string | undefined): string | undefined {
  const props = (edge.properties ?? {}) as Json;
  const volume = () => (Array.isArray(json['volumes']) ? (json['volumes'] as Json[]).find((v) => v['name'] === props['volume']) : undefined);
  const def = () => (Array.isArray(json['containerDefinitions']) ? (json['containerDefinitions'] as Json[]).find((c) => c['name'] === container) : undefined);
  switch (edge.kind) {
    case 'task-role':
      return str(json['taskRoleArn']);
    case 'execution-role':
      return str(json['executionRoleArn']);
    case 'volume-efs':
      return join(props['volume'], obj(volume()?.['efsVolumeConfiguration'])?.['fileSystemId']);
    case 'volume-access-point':
      return join(props['volume'], obj(obj(volume()?.['efsVolumeConfiguration'])?.['authorizationConfig'])?.['accessPointId']);
    case 'container-image': {
      const c = def();
      return c ? join(c['image'], obj(c['repositoryCredentials'])?.['credentialsParameter'] ?? '') : undefined;
    }
    case 'container-secret': {
      const c = def();
      const s = Array.isArray(c?.['secrets']) ? (c['secrets'] as Json[]).find((x) => x['name'] === props['name']) : undefined;
      return s ? join(s['name'], s['valueFrom']) : undefined;
    }
    case 'container-log-group':
      return str(obj(obj(def()?.['logConfiguration'])?.['options'])?.['awslogs-group']);
    default:
      return undefined;
  }
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function join(a: unknown, b: unknown): string | undefined {
  return typeof a === 'string' && typeof b === 'string' ? `${a}\u0000${b}` : undefined;
}

/** An existing node describes the same resource as an imported one: every imported property but `existing` equal. */
function sameResource(existing: DesignNode, imported: DesignNode): boolean {
  const a = existing.properties as Json;
  return Object.entries(imported.properties as Json).every(([k, v]) => k === 'existing' || JSON.stringify(a[k]) === JSON.stringify(v));
}
