import { emptyDesign, type Design } from '../../../shared/model/document';
import { addFargateService, addInfrastructure, DesignBuilder } from '../../../shared/rules/testing/designs';

/** A clean design of about `n` nodes (Fargate services of 14 nodes each), laid out on a grid of cards. */
export function benchDesign(n: number): Design {
  if (n <= 0) return emptyDesign('bench');
  const b = new DesignBuilder('bench');
  const infra = addInfrastructure(b);
  for (let i = 0; b.nodes.length < n; i++) addFargateService(b, infra, i);
  const design = b.build();
  const top = design.nodes.filter((x) => x.parentId === undefined);
  const cols = Math.ceil(Math.sqrt(top.length * 1.5));
  const slot = new Map<string, number>();
  const nodes = design.nodes.map((x) => {
    if (x.parentId !== undefined) {
      const i = slot.get(x.parentId) ?? 0;
      slot.set(x.parentId, i + 1);
      return { ...x, position: { x: 16, y: 84 + i * 86 } };
    }
    const i = top.indexOf(x);
    return { ...x, position: { x: (i % cols) * 320, y: Math.floor(i / cols) * 340 } };
  });
  return { ...design, nodes };
}
