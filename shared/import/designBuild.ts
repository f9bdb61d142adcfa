import type { Design } from '../model/document';
import type { DesignEdge } from '../model/edges';
import type { DesignNode } from '../model/nodes';

/** Kinds that stand for one external thing each: two nodes of such a kind with equal properties are one resource. */
const SHARED_KINDS = new Set<DesignNode['kind']>(['externalImage', 'ecrRepository', 'logGroup', 'secret', 'taskRole', 'executionRole', 'efsFileSystem', 'efsAccessPoint']);

/**
 * Importing several task definitions into one design creates one node per referenced resource per task definition
 * (importTaskDefinition dedupes within one call): the same image or log group then appears twice. This merges
 * nodes of a shared kind with identical properties into the first one, re-pointing their edges, and drops edges
 * that became exact duplicates.
 */
export function mergeDuplicateResources(design: Design): Design {
  const keep = new Map<string, string>();
  const replaced = new Map<string, string>();
  const nodes: DesignNode[] = [];
  for (const n of design.nodes) {
    if (!SHARED_KINDS.has(n.kind)) {
      nodes.push(n);
      continue;
    }
    const key = `${n.kind}\u0000${JSON.stringify(n.properties)}`;
    const first = keep.get(key);
    if (first === undefined) {
      keep.set(key, n.id);
      nodes.push(n);
    } else replaced.set(n.id, first);
  }
  const seen = new Set<string>();
  const edges: DesignEdge[] = [];
  for (const e of design.edges) {
    const moved = { ...e, source: replaced.get(e.source) ?? e.source, target: replaced.get(e.target) ?? e.target } as DesignEdge;
    const key = `${moved.kind}\u0000${moved.source}\u0000${moved.target}\u0000${JSON.stringify(moved.properties ?? null)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push(moved);
  }
  return { ...design, nodes, edges };
}

/** A name AWS accepts for clusters, services and families: letters, digits, hyphens, underscores; at most `max`. */
export function awsName(text: string, max = 255, fallback = 'imported'): string {
  const cleaned = text.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, max);
  return cleaned === '' ? fallback : cleaned;
}
