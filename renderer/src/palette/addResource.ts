import { addNode } from '../../../shared/commands/edit';
import { KIND_INFO } from '../../../shared/model/catalog';
import type { Design } from '../../../shared/model/document';
import type { IdGenerator } from '../../../shared/model/ids';
import type { NodeKind, NodePropsInput } from '../../../shared/model/nodes';
import { NAME_FIELD } from '../canvas/facts';
import { containerSlot } from '../canvas/flowModel';

export type AddResult = { ok: true; design: Design; nodeId: string } | { ok: false; reason: string };

/**
 * Adds a resource from the palette with the catalog defaults, named so it does not clash with a node of the same
 * kind. A task definition comes with one essential container; a container goes into a task definition (the one
 * it was dropped on, else the only one of the design).
 */
export function addResource(
  design: Design,
  kind: NodeKind,
  at: { x: number; y: number },
  opts: { taskDefinitionId?: string; ids?: IdGenerator } = {},
): AddResult {
  const position = { x: Math.round(at.x), y: Math.round(at.y) };
  const idOpts = opts.ids === undefined ? {} : { ids: opts.ids };
  if (kind === 'container') {
    const tds = design.nodes.filter((n) => n.kind === 'taskDefinition');
    const td = opts.taskDefinitionId !== undefined ? tds.find((n) => n.id === opts.taskDefinitionId) : tds.length === 1 ? tds[0] : undefined;
    if (!td) return { ok: false, reason: 'A container belongs to a task definition: drop it onto one (or add a task definition, which comes with a container).' };
    const siblings = design.nodes.filter((n) => n.parentId === td.id).length;
    const r = addNode(design, 'container', { ...idOpts, props: uniqueProps(design, 'container', td.id), parentId: td.id, position: containerSlot(siblings) });
    return { ok: true, design: r.design, nodeId: r.node.id };
  }
  const r = addNode(design, kind, { ...idOpts, props: uniqueProps(design, kind), position });
  if (kind !== 'taskDefinition') return { ok: true, design: r.design, nodeId: r.node.id };
  const c = addNode(r.design, 'container', { ...idOpts, props: KIND_INFO.container.defaults(), parentId: r.node.id, position: containerSlot(0) });
  return { ok: true, design: c.design, nodeId: r.node.id };
}

/** Catalog defaults with the name made unique among nodes of the same kind (containers: within their task definition). */
function uniqueProps<K extends NodeKind>(design: Design, kind: K, parentId?: string): NodePropsInput<K> {
  const props = KIND_INFO[kind].defaults() as Record<string, unknown>;
  const field = NAME_FIELD[kind];
  const base = field === undefined ? undefined : props[field];
  if (field === undefined || typeof base !== 'string') return props as NodePropsInput<K>;
  const used = new Set(
    design.nodes
      .filter((n) => n.kind === kind && (parentId === undefined || n.parentId === parentId))
      .map((n) => (n.properties as Record<string, unknown>)[field]),
  );
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base}-${i}`;
  return { ...props, [field]: name } as NodePropsInput<K>;
}
