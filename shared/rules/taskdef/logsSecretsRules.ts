import type { ContainerDefinition } from '../../aws/ecsModel.generated';
import { parseEcrRegistry, parseImageRef } from '../../taskdef/imageRef';
import { DOC } from '../docs';
import type { Segment, TaskDefReport, TaskDefRule } from '../types';
import { containerLabel, type TaskDefFacts } from './facts';

const FARGATE_LOG_DRIVERS = new Set(['awslogs', 'splunk', 'awsfirelens']);
const AWSLOGS_OPTIONS = new Set([
  'awslogs-create-group',
  'awslogs-datetime-format',
  'awslogs-group',
  'awslogs-multiline-pattern',
  'awslogs-region',
  'awslogs-stream-prefix',
  'max-buffer-size',
  'mode',
]);

export const fargateLogDriverRule: TaskDefRule = {
  id: 'logs/fargate-log-driver',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'Fargate log drivers are awslogs, splunk and awsfirelens',
  description: 'Fargate supports only the awslogs, splunk and awsfirelens log drivers; EC2 also supports fluentd, gelf, json-file, journald and syslog.',
  docUrl: DOC.logDriver,
  check(t, report) {
    if (!t.fargate) return;
    t.containers.forEach((c, i) => {
      const d = c.logConfiguration?.logDriver;
      if (d !== undefined && !FARGATE_LOG_DRIVERS.has(d)) {
        report(['containerDefinitions', i, 'logConfiguration', 'logDriver'], `${containerLabel(c, i)}: log driver "${d}" is not supported on Fargate. Use awslogs, splunk or awsfirelens (FireLens can forward to fluentd/gelf destinations).`);
      }
    });
  },
};

function awslogs(c: ContainerDefinition): Record<string, string> | undefined {
  const lc = c.logConfiguration;
  return lc?.logDriver === 'awslogs' ? (lc.options ?? {}) : undefined;
}

export const awslogsGroupRegionRule: TaskDefRule = {
  id: 'logs/awslogs-group-region',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'awslogs sets awslogs-group and awslogs-region',
  description: 'The awslogs driver needs the `awslogs-group` and `awslogs-region` options; without them the container cannot start.',
  docUrl: DOC.awslogs,
  check(t, report) {
    t.containers.forEach((c, i) => {
      const opts = awslogs(c);
      if (!opts) return;
      const base: Segment[] = ['containerDefinitions', i, 'logConfiguration', 'options'];
      if (opts['awslogs-group'] === undefined || opts['awslogs-group'] === '') {
        report([...base, 'awslogs-group'], `${containerLabel(c, i)}: the awslogs driver has no awslogs-group. Connect a log group to the container or set the awslogs-group option.`);
      }
      if ((opts['awslogs-region'] === undefined || opts['awslogs-region'] === '') && !t.regionFromDeployment) {
        report([...base, 'awslogs-region'], `${containerLabel(c, i)}: the awslogs driver has no awslogs-region. Set it to the region of the log group (in a design: set the design region).`);
      }
    });
  },
};

export const awslogsStreamPrefixRule: TaskDefRule = {
  id: 'logs/awslogs-stream-prefix',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'awslogs on Fargate sets awslogs-stream-prefix',
  description: 'On Fargate the awslogs driver requires `awslogs-stream-prefix`; the stream name becomes prefix/container/task-id.',
  docUrl: DOC.awslogs,
  fixes: ['logs/add-stream-prefix'],
  check(t, report) {
    if (!t.fargate) return;
    t.containers.forEach((c, i) => {
      const opts = awslogs(c);
      if (!opts) return;
      if (opts['awslogs-stream-prefix'] === undefined || opts['awslogs-stream-prefix'] === '') {
        report(['containerDefinitions', i, 'logConfiguration', 'options', 'awslogs-stream-prefix'], `${containerLabel(c, i)}: awslogs on Fargate requires awslogs-stream-prefix (streams are named prefix/container/task-id). Add it, e.g. "${c.name ?? 'ecs'}".`);
      }
    });
  },
};

export const awslogsOptionRule: TaskDefRule = {
  id: 'logs/awslogs-option',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'awslogs options are known names with valid values',
  description:
    'The awslogs driver accepts awslogs-create-group, awslogs-datetime-format, awslogs-group, awslogs-multiline-pattern, awslogs-region, awslogs-stream-prefix, max-buffer-size and mode (blocking|non-blocking); Docker refuses to start a container with any other option.',
  docUrl: DOC.awslogs,
  check(t, report) {
    t.containers.forEach((c, i) => {
      const opts = awslogs(c);
      if (!opts) return;
      const base: Segment[] = ['containerDefinitions', i, 'logConfiguration', 'options'];
      for (const k in opts) {
        const v = opts[k] ?? '';
        if (!AWSLOGS_OPTIONS.has(k)) report([...base, k], `${containerLabel(c, i)}: "${k}" is not an awslogs option, so the container will not start. Valid options: ${[...AWSLOGS_OPTIONS].join(', ')}.`);
        else if (k === 'mode' && v !== 'blocking' && v !== 'non-blocking') report([...base, k], `${containerLabel(c, i)}: awslogs mode "${v}" must be blocking or non-blocking.`);
        else if (k === 'awslogs-create-group' && !/^(true|false)$/i.test(v)) report([...base, k], `${containerLabel(c, i)}: awslogs-create-group "${v}" must be true or false.`);
      }
    });
  },
};

export const firelensRouterRule: TaskDefRule = {
  id: 'logs/firelens-router',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'awsfirelens needs exactly one log router container',
  description: 'Containers using the awsfirelens driver need one container with `firelensConfiguration` (fluentbit or fluentd) in the same task; a task may have only one.',
  docUrl: DOC.firelens,
  check(t, report) {
    const routers: number[] = [];
    t.containers.forEach((c, i) => {
      if (c.firelensConfiguration !== undefined) routers.push(i);
    });
    if (routers.length > 1) {
      const i = routers[1]!;
      report(['containerDefinitions', i, 'firelensConfiguration'], `more than one container has firelensConfiguration (${routers.map((k) => containerLabel(t.containers[k]!, k)).join(', ')}): a task may have only one log router.`);
    }
    if (routers.length > 0) return;
    t.containers.forEach((c, i) => {
      if (c.logConfiguration?.logDriver === 'awsfirelens') {
        report(['containerDefinitions', i, 'logConfiguration', 'logDriver'], `${containerLabel(c, i)} logs through awsfirelens, but no container of the task has firelensConfiguration: add a Fluent Bit log router container (firelensConfiguration type fluentbit).`);
      }
    });
  },
};

const SM_ARN = /^arn:[a-z-]+:secretsmanager:[^:]*:[^:]*:secret:.+/;
const SSM_ARN = /^arn:[a-z-]+:ssm:[^:]*:[^:]*:parameter\/?.+/;
const SSM_NAME = /^[A-Za-z0-9_.\-/]{1,2048}$/;

/** Why a secret reference is not one AWS can resolve, or undefined when it is fine. */
export function secretRefProblem(valueFrom: string, t: TaskDefFacts, allowSsm = true): string | undefined {
  if (t.unresolved(valueFrom)) return undefined;
  if (valueFrom === '') return 'is empty';
  if (SM_ARN.test(valueFrom)) return undefined;
  if (allowSsm && SSM_ARN.test(valueFrom)) return undefined;
  if (valueFrom.startsWith('arn:')) {
    return allowSsm ? 'is an ARN but not of a Secrets Manager secret or an SSM parameter' : 'is not the ARN of a Secrets Manager secret';
  }
  if (!allowSsm) return 'is not the ARN of a Secrets Manager secret';
  if (!SSM_NAME.test(valueFrom)) return 'is neither an ARN nor an SSM parameter name (letters, digits and _ . - /)';
  return undefined;
}

function checkSecretList(t: TaskDefFacts, c: ContainerDefinition, i: number, list: readonly { valueFrom: string; name: string }[], base: Segment[], report: TaskDefReport): void {
  for (let j = 0; j < list.length; j++) {
    const s = list[j]!;
    const problem = secretRefProblem(s.valueFrom, t);
    if (problem) report([...base, j, 'valueFrom'], `${containerLabel(c, i)}: secret "${s.name}" valueFrom "${s.valueFrom}" ${problem}. Use arn:aws:secretsmanager:region:account:secret:name, arn:aws:ssm:region:account:parameter/name, or a parameter name.`);
  }
}

export const secretValueFromRule: TaskDefRule = {
  id: 'secrets/value-from',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'Secrets reference a Secrets Manager secret or an SSM parameter',
  description:
    '`secrets[].valueFrom` and `secretOptions[].valueFrom` are a Secrets Manager ARN (optionally with `:json-key:version-stage:version-id`), an SSM parameter ARN, or the name of a parameter in the same region; `repositoryCredentials.credentialsParameter` is a Secrets Manager ARN.',
  docUrl: DOC.secrets,
  check(t, report) {
    t.containers.forEach((c, i) => {
      if (c.secrets) checkSecretList(t, c, i, c.secrets, ['containerDefinitions', i, 'secrets'], report);
      const so = c.logConfiguration?.secretOptions;
      if (so) checkSecretList(t, c, i, so, ['containerDefinitions', i, 'logConfiguration', 'secretOptions'], report);
      const cred = c.repositoryCredentials?.credentialsParameter;
      if (cred !== undefined) {
        const problem = secretRefProblem(cred, t, false);
        if (problem) report(['containerDefinitions', i, 'repositoryCredentials', 'credentialsParameter'], `${containerLabel(c, i)}: repository credentials "${cred}" ${problem}. Store the registry username/password in Secrets Manager and reference its ARN.`);
      }
    });
  },
};

const ECR_CACHE = new Map<string, boolean>();

/** Whether an image reference is in a private ECR registry (memoized: designs repeat the same images). */
export function isPrivateEcrImage(image: string | undefined): boolean {
  if (image === undefined || !image.includes('.dkr.ecr')) return false;
  const cached = ECR_CACHE.get(image);
  if (cached !== undefined) return cached;
  const registry = parseImageRef(image).registry;
  const result = registry !== undefined && (parseEcrRegistry(registry) !== undefined || /\.dkr\.ecr(-fips)?\.[^.]+\.amazonaws\.com(\.cn)?$/.test(registry));
  if (ECR_CACHE.size > 10_000) ECR_CACHE.clear();
  ECR_CACHE.set(image, result);
  return result;
}

/** What the execution role is needed for in this task definition, each with where it is. */
export function executionRoleNeeds(t: TaskDefFacts): { what: string; path: Segment[]; always: boolean }[] {
  const needs: { what: string; path: Segment[]; always: boolean }[] = [];
  t.containers.forEach((c, i) => {
    const l = containerLabel(c, i);
    if ((c.secrets ?? []).length > 0) needs.push({ what: `${l} reads secrets`, path: ['containerDefinitions', i, 'secrets'], always: true });
    if ((c.logConfiguration?.secretOptions ?? []).length > 0) needs.push({ what: `${l} passes secrets to its log driver`, path: ['containerDefinitions', i, 'logConfiguration', 'secretOptions'], always: true });
    if (c.repositoryCredentials !== undefined) needs.push({ what: `${l} pulls with repository credentials`, path: ['containerDefinitions', i, 'repositoryCredentials'], always: true });
    if (isPrivateEcrImage(c.image)) needs.push({ what: `${l} pulls a private ECR image`, path: ['containerDefinitions', i, 'image'], always: false });
    if (c.logConfiguration?.logDriver === 'awslogs') needs.push({ what: `${l} sends logs with awslogs`, path: ['containerDefinitions', i, 'logConfiguration', 'logDriver'], always: false });
  });
  return needs;
}

export const executionRoleMissingRule: TaskDefRule = {
  id: 'role/execution-role-missing',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'A task execution role is set when the task needs one',
  description:
    'ECS uses the task execution role to read secrets, fetch repository credentials and — on Fargate — pull private ECR images and write awslogs. On EC2 the container instance role covers ECR pulls and awslogs.',
  docUrl: DOC.executionRole,
  fixes: ['role/add-execution-role'],
  check(t, report) {
    if (t.td.executionRoleArn !== undefined && t.td.executionRoleArn !== '') return;
    const needs = executionRoleNeeds(t).filter((n) => n.always || t.fargate);
    if (needs.length === 0) return;
    const list = needs.map((n) => n.what);
    const shown = list.length > 3 ? [...list.slice(0, 3), `${list.length - 3} more`] : list;
    report(['executionRoleArn'], `the task has no execution role, but ${shown.join('; ')}: ECS cannot start it. Add a task execution role (trust ecs-tasks.amazonaws.com, policy AmazonECSTaskExecutionRolePolicy).`);
  },
};

export const taskRoleIsExecutionRoleRule: TaskDefRule = {
  id: 'role/task-role-equals-execution-role',
  scope: 'taskDefinition',
  severity: 'warning',
  title: 'The task role is not the execution role',
  description: 'The execution role starts the task (image pulls, logs, secrets); the task role is what the application uses. One role for both gives the application every startup permission.',
  docUrl: DOC.taskRole,
  check(t, report) {
    const { taskRoleArn, executionRoleArn } = t.td;
    if (taskRoleArn !== undefined && taskRoleArn !== '' && taskRoleArn === executionRoleArn) {
      report(['taskRoleArn'], `the task role and the execution role are the same role (${taskRoleArn}): the application gets the permissions meant for starting the task. Give the task its own task role with only what the application needs.`);
    }
  },
};

const SECRET_NAME = /(PASSWORD|PASSWD|PWD|SECRET|TOKEN|API_?KEY|APIKEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|AUTH_?KEY|CLIENT_?KEY)/i;
const NOT_A_SECRET = /(_ARN|_NAME|_ID|_PATH|_FILE|_URL|_URI|_ENDPOINT|_REGION|_HEADER|_TYPE|_LENGTH|_TTL|_EXPIRY|_EXPIRATION|_ENABLED)$/i;

export const secretInEnvironmentRule: TaskDefRule = {
  id: 'security/secret-in-environment',
  scope: 'taskDefinition',
  severity: 'warning',
  title: 'Secrets are not passed as plain environment variables',
  description: 'Environment variables whose names look secret (PASSWORD, SECRET, TOKEN, API_KEY, PRIVATE_KEY…) are stored in clear text in the task definition; use `secrets` with Secrets Manager or SSM.',
  docUrl: DOC.secrets,
  check(t, report) {
    t.containers.forEach((c, i) => {
      (c.environment ?? []).forEach((e, j) => {
        if (e.name === undefined || e.value === undefined || e.value === '' || e.value.startsWith('arn:')) return;
        if (SECRET_NAME.test(e.name) && !NOT_A_SECRET.test(e.name)) {
          report(['containerDefinitions', i, 'environment', j, 'value'], `${containerLabel(c, i)}: environment variable ${e.name} looks like a secret and is stored in clear text in the task definition. Move it to secrets (Secrets Manager or SSM Parameter Store).`);
        }
      });
    });
  },
};

export const LOG_SECRET_ROLE_RULES = [
  fargateLogDriverRule,
  awslogsGroupRegionRule,
  awslogsStreamPrefixRule,
  awslogsOptionRule,
  firelensRouterRule,
  secretValueFromRule,
  executionRoleMissingRule,
  taskRoleIsExecutionRoleRule,
  secretInEnvironmentRule,
];
