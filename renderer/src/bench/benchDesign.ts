import { emptyDesign, type Design } from '../../../shared/model/document';
import { addFargateService, addInfrastructure, DesignBuilder } from '../../../shared/rules/testing/designs';

/**
 * A clean design of about `n` nodes (Fargate services of 14 nodes each), laid out on a grid of cards. The services
 * all run in one cluster: they are stacked inside it, left of the grid, where the canvas draws them.
 */
export function benchDesign(n: number): Design {
  if (n <= 0) return emptyDesign('bench');
  const b = new DesignBuilder('bench');
  const infra = addInfrastructure(b);
  for (let i = 0; b.nodes.length < n; i++) addFargateService(b, infra, i);
  const design = b.build();
  const clusterOf = new Map(design.edges.filter((e) => e.kind === 'service-cluster').map((e) => [e.source, e.target]));
  const clusters = new Set(clusterOf.values());
  const top = design.nodes.filter((x) => x.parentId === undefined && !clusterOf.has(x.id) && !clusters.has(x.id));
  const cols = Math.ceil(Math.sqrt(top.length * 1.5));
  const slot = new Map<string, number>();
  const nodes = design.nodes.map((x) => {
    const parent = x.parentId ?? clusterOf.get(x.id);
    if (parent !== undefined) {
      const i = slot.get(parent) ?? 0;
      slot.set(parent, i + 1);
      // Containers are placed relative to their task definition, services absolutely (inside their cluster).
      const base = x.parentId === undefined ? { x: -360, y: 0 } : { x: 0, y: 0 };
      return { ...x, position: { x: base.x + 16, y: base.y + 84 + i * 86 } };
    }
    if (clusters.has(x.id)) return { ...x, position: { x: -360, y: 0 } };
    const i = top.indexOf(x);
    return { ...x, position: { x: (i % cols) * 320, y: Math.floor(i / cols) * 340 } };
  });
  return { ...design, nodes };
}
