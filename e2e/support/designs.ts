import { makeNode } from '../../shared/model/catalog';
import { emptyDesign, serializeDesign } from '../../shared/model/document';

/**
 * A small real design file: a Fargate task definition with one container logging to a log group. Canonical text,
 * so saving it unchanged writes the same bytes.
 */
export const CHECKOUT_DESIGN = (() => {
  const design = emptyDesign('design-checkout', 'Checkout service');
  design.nodes.push(makeNode('taskDefinition', 'td-checkout', { family: 'checkout', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512' }, { position: { x: 80, y: 80 } }));
  design.nodes.push(makeNode('container', 'c-app', { name: 'app', image: 'public.ecr.aws/nginx/nginx:1.27' }, { parentId: 'td-checkout', position: { x: 20, y: 60 } }));
  design.nodes.push(makeNode('logGroup', 'lg', { logGroupName: '/ecs/checkout' }, { position: { x: 480, y: 80 } }));
  design.edges.push({ id: 'e-logs', kind: 'container-log-group', source: 'c-app', target: 'lg' });
  return serializeDesign(design);
})();
