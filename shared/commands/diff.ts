import type { Design } from '../model/document';
import type { DesignEdge } from '../model/edges';
import type { DesignNode } from '../model/nodes';

/**
 * The difference between two versions of a design, by id. Undo applies it backwards, redo forwards.
 * The model is immutable with structural sharing, so unchanged nodes are the same objects and diffing is cheap.
 */
export type Change<T> = { id: string; before?: T; after?: T; beforeIndex?: number; afterIndex?: number };

export type DesignDiff = {
  nodes: Change<DesignNode>[];
  edges: Change<DesignEdge>[];
  meta?: { before: DesignMeta; after: DesignMeta };
};

type DesignMeta = Pick<Design, 'name' | 'description' | 'settings'>;

export function isEmptyDiff(diff: DesignDiff): boolean {
  return diff.nodes.length === 0 && diff.edges.length === 0 && diff.meta === undefined;
}

export function diffDesigns(a: Design, b: Design): DesignDiff {
  const diff: DesignDiff = { nodes: diffList(a.nodes, b.nodes), edges: diffList(a.edges, b.edges) };
  if (a.name !== b.name || a.description !== b.description || a.settings !== b.settings) {
    diff.meta = { before: meta(a), after: meta(b) };
  }
  return diff;
}

function meta(d: Design): DesignMeta {
  const m: DesignMeta = { name: d.name, settings: d.settings };
  if (d.description !== undefined) m.description = d.description;
  return m;
}

function diffList<T extends { id: string }>(a: readonly T[], b: readonly T[]): Change<T>[] {
  if (a === b) return [];
  const changes: Change<T>[] = [];
  const bIndex = new Map<string, number>();
  b.forEach((x, i) => bIndex.set(x.id, i));
  const aIndex = new Map<string, number>();
  a.forEach((x, i) => {
    aIndex.set(x.id, i);
    const j = bIndex.get(x.id);
    if (j === undefined) changes.push({ id: x.id, before: x, beforeIndex: i });
    else if (b[j] !== x || i !== j) {
      // Same object at another index: a pure reorder is recorded only when relative order changed.
      if (b[j] !== x) changes.push({ id: x.id, before: x, after: b[j]!, beforeIndex: i, afterIndex: j });
    }
  });
  b.forEach((x, j) => {
    if (!aIndex.has(x.id)) changes.push({ id: x.id, after: x, afterIndex: j });
  });
  if (!sameOrder(a, b, aIndex)) {
    // Order matters (containers' order is containerDefinitions order): record every moved element.
    for (const [j, x] of b.entries()) {
      const i = aIndex.get(x.id);
      if (i !== undefined && !changes.some((c) => c.id === x.id)) changes.push({ id: x.id, before: a[i]!, after: x, beforeIndex: i, afterIndex: j });
    }
  }
  return changes;
}

/** Whether the elements present in both lists keep their relative order. */
function sameOrder<T extends { id: string }>(a: readonly T[], b: readonly T[], aIndex: Map<string, number>): boolean {
  let last = -1;
  for (const x of b) {
    const i = aIndex.get(x.id);
    if (i === undefined) continue;
    if (i < last) return false;
    last = i;
  }
  return true;
}

export function invertDiff(diff: DesignDiff): DesignDiff {
  const flip = <T>(c: Change<T>): Change<T> => {
    const r: Change<T> = { id: c.id };
    if (c.after !== undefined) r.before = c.after;
    if (c.before !== undefined) r.after = c.before;
    if (c.afterIndex !== undefined) r.beforeIndex = c.afterIndex;
    if (c.beforeIndex !== undefined) r.afterIndex = c.beforeIndex;
    return r;
  };
  const inv: DesignDiff = { nodes: diff.nodes.map(flip), edges: diff.edges.map(flip) };
  if (diff.meta) inv.meta = { before: diff.meta.after, after: diff.meta.before };
  return inv;
}

export function applyDiff(design: Design, diff: DesignDiff): Design {
  let next: Design = design;
  if (diff.nodes.length > 0) next = { ...next, nodes: applyList(design.nodes, diff.nodes) };
  if (diff.edges.length > 0) next = { ...next, edges: applyList(design.edges, diff.edges) };
  if (diff.meta) {
    const { description, ...rest } = diff.meta.after;
    next = { ...next, ...rest };
    if (description === undefined) delete (next as { description?: string }).description;
    else next.description = description;
  }
  return next;
}

function applyList<T extends { id: string }>(list: readonly T[], changes: readonly Change<T>[]): T[] {
  const touched = new Set(changes.map((c) => c.id));
  const kept = list.filter((x) => !touched.has(x.id));
  const placed = changes.filter((c): c is Change<T> & { after: T } => c.after !== undefined).sort((x, y) => (x.afterIndex ?? Infinity) - (y.afterIndex ?? Infinity));
  const out = [...kept];
  for (const c of placed) {
    const at = c.afterIndex === undefined ? out.length : Math.min(c.afterIndex, out.length);
    out.splice(at, 0, c.after);
  }
  return out;
}
