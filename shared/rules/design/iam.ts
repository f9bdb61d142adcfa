import type { NodeOf } from '../../model/nodes';

type RoleNode = NodeOf<'taskRole'> | NodeOf<'executionRole'> | NodeOf<'instanceRole'>;

export const EXECUTION_ROLE_POLICY = 'AmazonECSTaskExecutionRolePolicy';
export const EXECUTION_ROLE_POLICY_ARN = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';
export const INSTANCE_ROLE_POLICY = 'AmazonEC2ContainerServiceforEC2Role';

const ECR_PULL = ['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'];
const LOGS_WRITE = ['logs:CreateLogStream', 'logs:PutLogEvents'];

/** Actions granted by the AWS managed policies the rules know (by policy name, any partition). */
const MANAGED_POLICY_ACTIONS: Record<string, readonly string[]> = {
  AmazonECSTaskExecutionRolePolicy: [...ECR_PULL, ...LOGS_WRITE],
  AmazonEC2ContainerServiceforEC2Role: [
    'ec2:DescribeTags',
    'ecs:CreateCluster',
    'ecs:DeregisterContainerInstance',
    'ecs:DiscoverPollEndpoint',
    'ecs:Poll',
    'ecs:RegisterContainerInstance',
    'ecs:StartTelemetrySession',
    'ecs:UpdateContainerInstancesState',
    'ecs:Submit*',
    'ecs:TagResource',
    ...ECR_PULL,
    ...LOGS_WRITE,
  ],
  AmazonEC2ContainerRegistryReadOnly: [...ECR_PULL, 'ecr:DescribeRepositories', 'ecr:ListImages', 'ecr:DescribeImages', 'ecr:GetRepositoryPolicy'],
  AmazonEC2ContainerRegistryPullOnly: ECR_PULL,
  CloudWatchLogsFullAccess: ['logs:*'],
  CloudWatchAgentServerPolicy: ['logs:PutLogEvents', 'logs:DescribeLogStreams', 'logs:DescribeLogGroups', 'logs:CreateLogStream', 'logs:CreateLogGroup', 'ssm:GetParameter'],
  SecretsManagerReadWrite: ['secretsmanager:*', 'kms:DescribeKey', 'kms:ListAliases', 'kms:ListKeys'],
  AmazonSSMReadOnlyAccess: ['ssm:Describe*', 'ssm:Get*', 'ssm:List*'],
  AmazonSSMManagedInstanceCore: ['ssm:GetParameter', 'ssm:GetParameters', 'ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel', 'ec2messages:*'],
  AdministratorAccess: ['*'],
  PowerUserAccess: ['*'],
};

export function managedPolicyName(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

function isAwsManaged(arn: string): boolean {
  return /^arn:[a-z-]+:iam::aws:policy\//.test(arn);
}

export type RolePermissions =
  /** The role's permissions are not visible in the design (an existing role, or a customer managed policy). */
  | { known: false }
  | { known: true; allows: (action: string) => boolean };

/** What a role may do, as far as the design shows it: managed policies the rules know plus inline Allow statements. */
export function rolePermissions(role: RoleNode): RolePermissions {
  const cached = PERMISSIONS.get(role.properties);
  if (cached) return cached;
  const result = computePermissions(role);
  PERMISSIONS.set(role.properties, result);
  return result;
}

/** Permissions by properties object: the model is immutable, so an unchanged role keeps its entry. */
const PERMISSIONS = new WeakMap<object, RolePermissions>();

function computePermissions(role: RoleNode): RolePermissions {
  const p = role.properties;
  const managed = p.managedPolicyArns ?? [];
  const inline = p.inlinePolicies ?? [];
  if (p.arn !== undefined && managed.length === 0 && inline.length === 0) return { known: false };
  const patterns: string[] = [];
  for (const arn of managed) {
    const actions = isAwsManaged(arn) ? MANAGED_POLICY_ACTIONS[managedPolicyName(arn)] : undefined;
    if (actions === undefined) return { known: false };
    patterns.push(...actions);
  }
  for (const policy of inline) {
    for (const st of policy.statements) {
      if (st.Effect !== 'Allow') continue;
      patterns.push(...(Array.isArray(st.Action) ? st.Action : [st.Action]));
    }
  }
  const regexes = patterns.map(globToRegex);
  const answers = new Map<string, boolean>();
  return {
    known: true,
    allows: (action) => {
      let a = answers.get(action);
      if (a === undefined) {
        a = regexes.some((re) => re.test(action));
        answers.set(action, a);
      }
      return a;
    },
  };
}

function globToRegex(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

export const ACTIONS = {
  ecrPull: ECR_PULL,
  logsWrite: LOGS_WRITE,
  createLogGroup: 'logs:CreateLogGroup',
  secretsManager: 'secretsmanager:GetSecretValue',
  ssm: 'ssm:GetParameters',
  kms: 'kms:Decrypt',
  execCommand: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'],
  ecsAgent: ['ecs:RegisterContainerInstance', 'ecs:DiscoverPollEndpoint', 'ecs:Poll'],
} as const;
