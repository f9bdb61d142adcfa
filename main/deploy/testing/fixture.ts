import { ir, type IrResource, type IrTemplate } from '../../../shared/iac/ir';

/**
 * A pattern-like resource IR written by hand (log group, execution and task roles, ECR repository, cluster,
 * and per service a task definition and a Fargate service behind nothing), for the deploy tests and the bench.
 */
export interface SampleOptions {
  readonly services?: number;
  /** Image of service i (0-based). */
  readonly image?: (i: number) => string;
  /** Drop these logical ids (a node removed from the design). */
  readonly without?: readonly string[];
  readonly prefix?: string;
}

export function serviceId(i: number): string {
  return `Svc${i}Service`;
}
export function taskDefId(i: number): string {
  return `Svc${i}TaskDefinition`;
}

export function sampleTemplate(opts: SampleOptions = {}): IrTemplate {
  const n = opts.services ?? 2;
  const prefix = opts.prefix ?? 'shop';
  const image = opts.image ?? ((i: number) => `public.ecr.aws/nginx/nginx:1.27-svc${i}`);
  const resources: IrResource[] = [
    { id: 'AppLogGroup', type: 'AWS::Logs::LogGroup', nodeId: 'logs', properties: { LogGroupName: `/ecs/${prefix}`, RetentionInDays: 30 } },
    {
      id: 'ExecutionRole',
      type: 'AWS::IAM::Role',
      nodeId: 'exec-role',
      properties: {
        RoleName: `${prefix}-execution`,
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        ManagedPolicyArns: [ir.concat('arn:', ir.pseudo('AWS::Partition'), ':iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy')],
      },
    },
    {
      id: 'TaskRole',
      type: 'AWS::IAM::Role',
      nodeId: 'task-role',
      properties: {
        RoleName: `${prefix}-task`,
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        Policies: [{ PolicyName: 'read-bucket', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::shop-assets/*' }] } }],
      },
    },
    { id: 'AppRepository', type: 'AWS::ECR::Repository', nodeId: 'repo', properties: { RepositoryName: `${prefix}/app`, ImageScanningConfiguration: { ScanOnPush: true } } },
    { id: 'Cluster', type: 'AWS::ECS::Cluster', nodeId: 'cluster', properties: { ClusterName: `${prefix}-cluster`, ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }] } },
  ];
  for (let i = 0; i < n; i++) {
    resources.push({
      id: taskDefId(i),
      type: 'AWS::ECS::TaskDefinition',
      nodeId: `svc${i}`,
      properties: {
        Family: `${prefix}-svc${i}`,
        Cpu: '256',
        Memory: '512',
        NetworkMode: 'awsvpc',
        RequiresCompatibilities: ['FARGATE'],
        ExecutionRoleArn: ir.getAtt('ExecutionRole', 'Arn'),
        TaskRoleArn: ir.getAtt('TaskRole', 'Arn'),
        ContainerDefinitions: [
          {
            Name: 'app',
            Image: image(i),
            Essential: true,
            PortMappings: [{ ContainerPort: 8080, Protocol: 'tcp' }],
            Environment: [{ Name: 'SERVICE', Value: `svc${i}` }],
            LogConfiguration: { LogDriver: 'awslogs', Options: { 'awslogs-group': ir.ref('AppLogGroup'), 'awslogs-region': ir.pseudo('AWS::Region'), 'awslogs-stream-prefix': `svc${i}` } },
          },
        ],
      },
    });
    resources.push({
      id: serviceId(i),
      type: 'AWS::ECS::Service',
      nodeId: `svc${i}`,
      properties: {
        ServiceName: `svc${i}`,
        Cluster: ir.ref('Cluster'),
        TaskDefinition: ir.ref(taskDefId(i)),
        DesiredCount: 1,
        LaunchType: 'FARGATE',
        NetworkConfiguration: { AwsvpcConfiguration: { Subnets: ir.ref('Subnets'), SecurityGroups: ir.ref('SecurityGroups'), AssignPublicIp: 'DISABLED' } },
      },
    });
  }
  const without = new Set(opts.without ?? []);
  return {
    description: `${prefix} sample`,
    parameters: [
      { id: 'Subnets', type: 'List<AWS::EC2::Subnet::Id>', description: 'Private subnets of the services' },
      { id: 'SecurityGroups', type: 'List<AWS::EC2::SecurityGroup::Id>', description: 'Security groups of the services' },
    ],
    resources: resources.filter((r) => !without.has(r.id)),
    outputs: [],
  };
}
