/** Task-definition JSON fixtures for the rule tests (pure data builders). */

export type Json = Record<string, unknown>;

/** A clean Fargate task definition: no finding at all. */
export function fargateTaskDef(): Json {
  return {
    family: 'web',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    taskRoleArn: 'arn:aws:iam::123456789012:role/web-task',
    executionRoleArn: 'arn:aws:iam::123456789012:role/web-exec',
    containerDefinitions: [
      {
        name: 'app',
        image: 'public.ecr.aws/nginx/nginx:1.27',
        essential: true,
        readonlyRootFilesystem: true,
        portMappings: [{ containerPort: 80, protocol: 'tcp' }],
        logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web', 'awslogs-region': 'eu-central-1', 'awslogs-stream-prefix': 'web' } },
      },
    ],
  };
}

/** A clean EC2 (bridge) task definition. */
export function ec2TaskDef(): Json {
  return {
    family: 'web-ec2',
    networkMode: 'bridge',
    requiresCompatibilities: ['EC2'],
    containerDefinitions: [{ name: 'app', image: 'nginx:1.27', essential: true, memory: 256, readonlyRootFilesystem: true, portMappings: [{ containerPort: 80 }] }],
  };
}

/** A deep copy of `base` changed by `f` (which may mutate it). */
export function variant(base: Json, f: (td: Json & { containerDefinitions: Json[] }) => void): Json {
  const copy = JSON.parse(JSON.stringify(base)) as Json & { containerDefinitions: Json[] };
  f(copy);
  return copy;
}

/** The first container of a task-definition JSON (for edits in `variant`). */
export function c0(td: { containerDefinitions: Json[] }): Json {
  return td.containerDefinitions[0]!;
}

export function sidecar(extra: Json = {}): Json {
  return { name: 'sidecar', image: 'public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0', essential: false, readonlyRootFilesystem: true, ...extra };
}
