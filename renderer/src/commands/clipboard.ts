import type { Design } from '../../../shared/model/document';
import type { DesignEdge } from '../../../shared/model/edges';
import { randomId, type IdGenerator } from '../../../shared/model/ids';
import type { DesignNode } from '../../../shared/model/nodes';

/** What Copy keeps: the chosen nodes (with the containers of chosen task definitions) and the edges among them. */
export type Clip = { readonly nodes: readonly DesignNode[]; readonly edges: readonly DesignEdge[] };

/** Copies nodes: a task definition brings its containers; only edges with both ends copied are kept. */
export function copyNodes(design: Design, ids: readonly string[]): Clip | undefined {
  const chosen = new Set(ids);
  for (const n of design.nodes) if (n.parentId !== undefined && chosen.has(n.parentId)) chosen.add(n.id);
  const nodes = design.nodes.filter((n) => chosen.has(n.id));
  if (nodes.length === 0) return undefined;
  return { nodes, edges: design.edges.filter((e) => chosen.has(e.source) && chosen.has(e.target)) };
}

/**
 * Pastes a clip with new ids, offset from the originals. A container whose task definition was not copied goes
 * back into that task definition if it still exists, and is left out otherwise (a container needs one).
 */
export function pasteClip(design: Design, clip: Clip, opts: { offset?: { x: number; y: number }; ids?: IdGenerator } = {}): { design: Design; created: string[] } {
  const offset = opts.offset ?? { x: 40, y: 40 };
  const gen = opts.ids ?? randomId;
  const used = new Set([...design.nodes.map((n) => n.id), ...design.edges.map((e) => e.id)]);
  const fresh = (prefix: string) => {
    let id = gen(prefix);
    while (used.has(id)) id = gen(prefix);
    used.add(id);
    return id;
  };
  const existing = new Set(design.nodes.map((n) => n.id));
  const inClip = new Set(clip.nodes.map((n) => n.id));
  const mapping = new Map<string, string>();
  const kept = clip.nodes.filter((n) => n.parentId === undefined || inClip.has(n.parentId) || existing.has(n.parentId));
  for (const n of kept) mapping.set(n.id, fresh(n.kind));
  const copies = kept.map((n): DesignNode => {
    const parentInClip = n.parentId !== undefined && inClip.has(n.parentId);
    const copy = { ...n, id: mapping.get(n.id)!, position: parentInClip ? n.position : { x: n.position.x + offset.x, y: n.position.y + offset.y } } as DesignNode;
    if (n.parentId !== undefined) copy.parentId = parentInClip ? mapping.get(n.parentId)! : n.parentId;
    return copy;
  });
  const edges = clip.edges
    .filter((e) => mapping.has(e.source) && mapping.has(e.target))
    .map((e) => ({ ...e, id: fresh('edge'), source: mapping.get(e.source)!, target: mapping.get(e.target)! }) as DesignEdge);
  if (copies.length === 0) return { design, created: [] };
  return { design: { ...design, nodes: [...design.nodes, ...copies], edges: [...design.edges, ...edges] }, created: copies.map((c) => c.id) };
}

/** The in-memory clipboard of the window (design nodes are not put on the system clipboard). */
let clipboard: Clip | undefined;
let pastes = 0;

export const memoryClipboard = {
  get: (): Clip | undefined => clipboard,
  set(clip: Clip | undefined): void {
    clipboard = clip;
    pastes = 0;
  },
  /** Each paste of the same clip lands a little further away. */
  nextOffset(): { x: number; y: number } {
    pastes += 1;
    return { x: 40 * pastes, y: 40 * pastes };
  },
};
