import { z } from 'zod';
import type { ContainerDefinition, HealthCheck, PortMapping, RegisterTaskDefinitionRequest } from '../aws/ecsModel.generated';
import { isPlainObject } from '../json';
import { makeNode } from '../model/catalog';
import { emptyDesign, type Design } from '../model/document';
import type { DesignEdge, EdgeKind, EdgeProps } from '../model/edges';
import { randomId, type IdGenerator } from '../model/ids';
import type { DesignNode, NodeKind, NodePropsInput } from '../model/nodes';
import { snapFargateSize } from '../rules/taskdef/facts';
import { importTaskDefinition } from '../taskdef/import';
import { parseImageRef } from '../taskdef/imageRef';
import {
  bytesToMiB,
  formatPortSpec,
  interpolate,
  parseBytes,
  parseCpus,
  parseDuration,
  parseEnvFile,
  parsePortSpec,
  shellSplit,
  type Parsed,
} from './composeUnits';
import { awsName, mergeDuplicateResources } from './designBuild';
import { keyPath, ReportBuilder, type ImportFailure, type ImportReportEntry } from './report';
import { parseYaml } from './yamlText';

export type ComposeImportOptions = {
  ids?: IdGenerator;
  /** Project name when the file has no top-level `name` (e.g. the folder of the compose file). */
  projectName?: string;
  designName?: string;
  /** One task definition with every container (and one service) instead of one per compose service. */
  singleTask?: boolean;
  /** Variables for `${VAR}` interpolation (the caller decides: the CLI passes none, so defaults are used). */
  env?: Readonly<Record<string, string>>;
  /** Contents of env_file files by the path written in the compose file; files not given are reported, not read. */
  envFiles?: Readonly<Record<string, string>>;
};

export type ComposeImportResult = { ok: true; design: Design; report: ImportReportEntry[] } | ImportFailure;

// ── Shape of a compose file (only the keys that are carried over; every other key is reported) ─────────────────

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const IntLike = z.union([z.number().int(), z.string().regex(/^\s*\d+\s*$/).transform(Number)]);
const StringOrNumber = z.union([z.string(), z.number()]);
const Command = z.union([z.string(), z.array(StringOrNumber.transform(String)), z.null()]);
const KeyValues = z.union([z.array(z.string()), z.record(z.string(), Scalar)]);
const Resources = z.looseObject({ cpus: StringOrNumber.optional(), memory: StringOrNumber.optional() });

const ServiceSchema = z.looseObject({
  image: z.string().optional(),
  build: z.union([z.string(), z.looseObject({ context: z.string().optional(), dockerfile: z.string().optional(), target: z.string().optional() })]).optional(),
  platform: z.string().optional(),
  ports: z
    .array(
      z.union([
        StringOrNumber,
        z.looseObject({
          target: IntLike,
          published: StringOrNumber.optional(),
          host_ip: z.string().optional(),
          protocol: z.string().optional(),
          app_protocol: z.string().optional(),
          name: z.string().optional(),
          mode: z.string().optional(),
        }),
      ]),
    )
    .optional(),
  expose: z.array(StringOrNumber).optional(),
  environment: KeyValues.optional(),
  env_file: z.union([z.string(), z.array(z.union([z.string(), z.looseObject({ path: z.string(), required: z.boolean().optional() })]))]).optional(),
  secrets: z.array(z.union([z.string(), z.looseObject({ source: z.string(), target: z.string().optional() })])).optional(),
  volumes: z
    .array(
      z.union([
        z.string(),
        z.looseObject({ type: z.string(), source: z.string().optional(), target: z.string(), read_only: z.boolean().optional() }),
      ]),
    )
    .optional(),
  depends_on: z
    .union([
      z.array(z.string()),
      z.record(
        z.string(),
        z
          .looseObject({
            condition: z.enum(['service_started', 'service_healthy', 'service_completed_successfully']).optional(),
            required: z.boolean().optional(),
            restart: z.boolean().optional(),
          })
          .nullable(),
      ),
    ])
    .optional(),
  healthcheck: z
    .looseObject({
      test: z.union([z.string(), z.array(z.string())]).optional(),
      interval: StringOrNumber.optional(),
      timeout: StringOrNumber.optional(),
      retries: IntLike.optional(),
      start_period: StringOrNumber.optional(),
      start_interval: StringOrNumber.optional(),
      disable: z.boolean().optional(),
    })
    .optional(),
  deploy: z
    .looseObject({
      replicas: IntLike.optional(),
      mode: z.string().optional(),
      resources: z.looseObject({ limits: Resources.optional(), reservations: Resources.optional() }).optional(),
    })
    .optional(),
  mem_limit: StringOrNumber.optional(),
  mem_reservation: StringOrNumber.optional(),
  cpus: StringOrNumber.optional(),
  command: Command.optional(),
  entrypoint: Command.optional(),
  user: StringOrNumber.optional(),
  working_dir: z.string().optional(),
  logging: z.looseObject({ driver: z.string().optional(), options: z.record(z.string(), Scalar).optional() }).optional(),
  labels: KeyValues.optional(),
  tty: z.boolean().optional(),
  stdin_open: z.boolean().optional(),
  read_only: z.boolean().optional(),
  init: z.boolean().optional(),
  stop_grace_period: StringOrNumber.optional(),
  restart: z.string().optional(),
});
type ComposeService = z.output<typeof ServiceSchema>;

const ComposeFileSchema = z.looseObject({
  name: z.string().optional(),
  services: z.record(z.string(), ServiceSchema.nullable().transform((s) => s ?? {})),
  volumes: z.record(z.string(), z.looseObject({ name: z.string().optional(), external: z.union([z.boolean(), z.looseObject({})]).optional(), driver: z.string().optional() }).nullable()).optional(),
  secrets: z.record(z.string(), z.looseObject({ name: z.string().optional(), file: z.string().optional(), environment: z.string().optional(), external: z.union([z.boolean(), z.looseObject({})]).optional() })).optional(),
});
type ComposeFile = z.output<typeof ComposeFileSchema>;

/** Service keys handled by the mapping below (everything else goes to the report). */
const HANDLED_SERVICE_KEYS = new Set([
  'image', 'build', 'platform', 'ports', 'expose', 'environment', 'env_file', 'secrets', 'volumes', 'depends_on', 'healthcheck',
  'deploy', 'mem_limit', 'mem_reservation', 'cpus', 'command', 'entrypoint', 'user', 'working_dir', 'logging', 'labels', 'tty',
  'stdin_open', 'read_only', 'init', 'stop_grace_period', 'restart',
]);

/** Why a compose key has no ECS/Fargate equivalent, for the report. */
const UNCARRIED_SERVICE_KEYS: Record<string, string> = {
  networks: 'not carried over: in awsvpc mode each task has its own network interface; services reach each other through service discovery or Service Connect',
  network_mode: 'not carried over: Fargate tasks use awsvpc networking',
  container_name: 'not carried over: the container is named after the compose service',
  hostname: 'not carried over: awsvpc tasks do not support a custom hostname',
  extra_hosts: 'not carried over: awsvpc tasks do not support extra hosts entries',
  dns: 'not carried over: awsvpc tasks use the VPC resolver',
  dns_search: 'not carried over: awsvpc tasks use the VPC resolver',
  profiles: 'not carried over: every service is imported regardless of its profiles',
  privileged: 'not carried over: Fargate does not run privileged containers',
  cap_add: 'not carried over: Fargate allows adding only SYS_PTRACE (set linuxParameters.capabilities by hand)',
  cap_drop: 'not carried over: set linuxParameters.capabilities.drop by hand',
  devices: 'not carried over: Fargate does not expose host devices',
  configs: 'not carried over: ECS has no configs; bake the file into the image or read it from S3/SSM at start',
  links: 'not carried over: use service discovery or Service Connect',
  external_links: 'not carried over: use service discovery or Service Connect',
  ulimits: 'not carried over: set ulimits on the container by hand',
  sysctls: 'not carried over: set systemControls on the task by hand',
  shm_size: 'not carried over: Fargate does not support sharedMemorySize',
  tmpfs: 'not carried over: Fargate does not support tmpfs mounts',
  pid: 'not carried over: set pidMode on the task by hand',
  ipc: 'not carried over: set ipcMode on the task by hand (not on Fargate)',
  security_opt: 'not carried over: set dockerSecurityOptions by hand (not on Fargate)',
  stop_signal: 'not carried over: ECS sends SIGTERM then SIGKILL after stopTimeout',
  pull_policy: 'not carried over: ECS pulls the image on every task start (or uses the cached image on EC2)',
};

const EXECUTION_ROLE_POLICY = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';
const DEFAULT_SIZE = { cpu: 256, memory: 512 };
/** ECS limits for health check values (seconds / count). */
const HEALTH_LIMITS = { interval: [5, 300], timeout: [2, 60], startPeriod: [0, 300], retries: [1, 10] } as const;

/**
 * A docker-compose file (compose specification) → a design: a cluster, and per compose service a Fargate task
 * definition with one container and an ECS service (or, with `singleTask`, one task definition holding every
 * container). Images, log groups, secrets and named volumes become nodes. Every key that is not carried over, and
 * every value that was changed to fit ECS (durations rounded, task sizes snapped), is listed in the report.
 */
export function importCompose(text: string, opts: ComposeImportOptions = {}): ComposeImportResult {
  const parsed = parseYaml(text);
  if (!parsed.ok) return { ok: false, format: 'compose', message: `not valid YAML: ${parsed.message}`, line: parsed.line, column: parsed.column };
  const raw = parsed.value;
  if (!isPlainObject(raw) || !isPlainObject(raw['services'])) {
    return { ok: false, format: 'compose', message: 'not a docker-compose file: it has no top-level "services" map' };
  }
  const report = new ReportBuilder();
  const interpolated = interpolateAll(raw, opts.env ?? {}, report);
  const checked = ComposeFileSchema.safeParse(interpolated);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const at = keyPath(...((issue?.path ?? []) as (string | number)[]));
    return { ok: false, format: 'compose', path: at, message: `${at}: ${issue?.message ?? 'invalid value'}` };
  }
  const file = checked.data;
  if (Object.keys(file.services).length === 0) return { ok: false, format: 'compose', message: 'the compose file defines no services' };
  try {
    const design = new ComposeMapper(file, interpolated as Record<string, unknown>, opts, report).build();
    return { ok: true, design, report: report.entries };
  } catch (e) {
    if (e instanceof ComposeValueError) return { ok: false, format: 'compose', path: e.path, message: `${e.path}: ${e.message}` };
    throw e;
  }
}

/** The env_file paths a compose file names (so a caller with file access can pass their contents as `envFiles`). */
export function composeEnvFilePaths(text: string): string[] {
  const parsed = parseYaml(text);
  if (!parsed.ok || !isPlainObject(parsed.value) || !isPlainObject(parsed.value['services'])) return [];
  const paths = new Set<string>();
  for (const svc of Object.values(parsed.value['services'])) {
    const v = isPlainObject(svc) ? svc['env_file'] : undefined;
    for (const item of typeof v === 'string' ? [v] : Array.isArray(v) ? v : []) {
      if (typeof item === 'string') paths.add(item);
      else if (isPlainObject(item) && typeof item['path'] === 'string') paths.add(item['path']);
    }
  }
  return [...paths];
}

class ComposeValueError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

function must<T>(p: Parsed<T>, path: string): T {
  if (!p.ok) throw new ComposeValueError(path, p.message);
  return p.value;
}

/** Applies `${VAR}` interpolation to every string value (not keys), reporting unset variables once each. */
function interpolateAll(raw: Record<string, unknown>, env: Readonly<Record<string, string>>, report: ReportBuilder): unknown {
  const missing = new Map<string, string>();
  const walk = (v: unknown, path: (string | number)[]): unknown => {
    if (typeof v === 'string') {
      if (!v.includes('$')) return v;
      const r = interpolate(v, env);
      for (const name of r.missing) if (!missing.has(name)) missing.set(name, keyPath(...path));
      for (const e of r.errors) report.warn(keyPath(...path), `${e}; the value is used without it`);
      return r.value;
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, [...path, i]));
    if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, [...path, k])]));
    return v;
  };
  const out = walk(raw, []);
  for (const [name, at] of missing) report.warn(at, `variable ${name} is not set and has no default; it was replaced by an empty string`);
  return out;
}

type Wants = { cpu?: number; memory?: number; memoryReservation?: number };

type PreparedContainer = {
  service: string;
  def: ContainerDefinition;
  wants: Wants;
  build?: { repositoryName: string; tag: string };
  secrets: { secret: string; env: string }[];
  /** Named compose volume → mount. */
  efsMounts: { volume: string; containerPath: string; readOnly: boolean }[];
  /** Task-local (anonymous) volumes. */
  scratch: string[];
  awslogsGroup?: string;
  dependsOn: { service: string; condition: 'START' | 'HEALTHY' | 'SUCCESS'; path: string }[];
  replicas?: number;
  platform?: { cpuArchitecture: 'X86_64' | 'ARM64' };
};

class ComposeMapper {
  private readonly ids: IdGenerator;
  private design: Design;
  private readonly project: string;
  private readonly efsNodes = new Map<string, string>();
  private readonly secretNodes = new Map<string, string>();
  private readonly ecrNodes = new Map<string, string>();
  private network: { subnets: string[]; securityGroup: string } = { subnets: [], securityGroup: '' };
  private executionRoleId = '';

  constructor(
    private readonly file: ComposeFile,
    private readonly raw: Record<string, unknown>,
    private readonly opts: ComposeImportOptions,
    private readonly report: ReportBuilder,
  ) {
    this.ids = opts.ids ?? randomId;
    this.project = awsName((file.name ?? opts.projectName ?? 'compose').toLowerCase(), 200, 'compose');
    this.design = emptyDesign(this.ids('design'), opts.designName ?? this.project);
  }

  build(): Design {
    this.reportTopLevel();
    const prepared = Object.entries(this.file.services).map(([name, svc]) => this.prepare(name, svc));
    const clusterId = this.addNode('cluster', { clusterName: this.project }, { x: -420, y: 0 });
    this.network = this.addNetwork();
    this.executionRoleId = this.addExecutionRole(prepared);
    const groups = this.opts.singleTask ? [{ name: this.project, containers: prepared }] : prepared.map((p) => ({ name: p.service, containers: [p] }));
    if (!this.opts.singleTask) this.reportCrossServiceDependencies(prepared);
    groups.forEach((g, i) => this.addTask(g.name, g.containers, clusterId, { x: 0, y: i * 420 }));
    return mergeDuplicateResources(this.design);
  }

  /** awsvpc defaults: a VPC with two private subnets and one security group that every service uses. */
  private addNetwork(): { subnets: string[]; securityGroup: string } {
    const vpc = this.addNode('vpc', { name: this.project, cidrBlock: '10.0.0.0/16' }, { x: -840, y: 0 });
    const subnets = ['a', 'b'].map((az, i) => {
      const id = this.addNode('subnet', { name: `${this.project}-private-${az}`, cidrBlock: `10.0.${i + 1}.0/24`, public: false }, { x: -840, y: 120 + i * 110 });
      this.connect('subnet-vpc', id, vpc);
      return id;
    });
    const securityGroup = this.addNode('securityGroup', { groupName: `${this.project}-services`, description: `Tasks of ${this.project}` }, { x: -840, y: 360 });
    this.connect('security-group-vpc', securityGroup, vpc);
    this.report.note(
      '',
      `networking: compose has no VPC; created VPC ${this.project} (10.0.0.0/16) with two private subnets and the security group ${this.project}-services, used by every service — adjust them to your network`,
    );
    return { subnets, securityGroup };
  }

  /** One created execution role for every task definition: AmazonECSTaskExecutionRolePolicy, plus reading the secrets used. */
  private addExecutionRole(prepared: PreparedContainer[]): string {
    const roleName = awsName(`${this.project}-task-execution`, 64);
    const secrets = [...new Set(prepared.flatMap((p) => p.secrets.map((s) => this.secretName(s.secret))))];
    const props: NodePropsInput<'executionRole'> = { roleName, managedPolicyArns: [EXECUTION_ROLE_POLICY] };
    if (secrets.length > 0) {
      props.inlinePolicies = [
        {
          policyName: 'read-secrets',
          statements: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secrets.map((n) => `arn:aws:secretsmanager:*:*:secret:${n}-*`) }],
        },
      ];
    }
    this.report.note('', `created the task execution role "${roleName}" (AmazonECSTaskExecutionRolePolicy${secrets.length > 0 ? ', reading the secrets' : ''}) for every task definition`);
    return this.addNode('executionRole', props, { x: 560, y: -330 });
  }

  private secretName(secret: string): string {
    return this.file.secrets?.[secret]?.name ?? `${this.project}/${secret}`;
  }

  private reportTopLevel(): void {
    for (const key of Object.keys(this.raw)) {
      if (key === 'services' || key === 'volumes' || key === 'secrets' || key === 'name') continue;
      if (key === 'version') this.report.note(key, 'obsolete in the compose specification; ignored');
      else if (key === 'networks') this.report.note(key, 'not carried over: Fargate tasks use awsvpc networking (one network interface per task in the service subnets)');
      else if (key.startsWith('x-')) this.report.note(key, 'extension field: used only where the file references it (YAML anchors)');
      else if (key === 'configs') this.report.warn(key, 'not carried over: ECS has no configs; bake the files into the images or read them from S3/SSM');
      else this.report.warn(key, 'not carried over: unknown top-level key');
    }
  }

  private prepare(name: string, svc: ComposeService): PreparedContainer {
    const at = (...p: (string | number)[]) => keyPath('services', name, ...p);
    const def: ContainerDefinition = { name: awsName(name), essential: true };
    if (def.name !== name) this.report.note(at(), `the container is named "${def.name}" (ECS container names use letters, digits, hyphens and underscores)`);
    const p: PreparedContainer = { service: name, def, wants: {}, secrets: [], efsMounts: [], scratch: [], dependsOn: [] };

    for (const key of Object.keys(svc)) {
      if (HANDLED_SERVICE_KEYS.has(key)) continue;
      const why = UNCARRIED_SERVICE_KEYS[key];
      if (why !== undefined) {
        if (key === 'networks' || key === 'container_name' || key === 'profiles') this.report.note(at(key), why);
        else this.report.warn(at(key), why);
      } else this.report.warn(at(key), 'not carried over: no ECS equivalent in this importer');
    }

    // Image or build.
    if (svc.build !== undefined) {
      const ctx = typeof svc.build === 'string' ? svc.build : (svc.build.context ?? '.');
      const ref = svc.image === undefined ? undefined : parseImageRef(svc.image);
      const repositoryName = repoName(ref?.path ?? `${this.project}/${name}`);
      const tag = ref?.tag ?? 'latest';
      p.build = { repositoryName, tag };
      const extra = typeof svc.build === 'string' ? '' : [svc.build.dockerfile && `dockerfile ${svc.build.dockerfile}`, svc.build.target && `target ${svc.build.target}`].filter(Boolean).join(', ');
      this.report.warn(at('build'), `built from ${ctx}${extra ? ` (${extra})` : ''}: build the image and push it to the ECR repository "${repositoryName}" (tag ${tag}); ECS does not build images`);
      def.image = `build-${name}`;
    } else if (svc.image !== undefined) def.image = svc.image;
    else throw new ComposeValueError(at(), 'a service needs an image or a build');

    if (svc.platform !== undefined) {
      const arch = /arm64|aarch64/.test(svc.platform) ? 'ARM64' : /amd64|x86_64/.test(svc.platform) ? 'X86_64' : undefined;
      if (arch !== undefined && svc.platform.startsWith('linux')) p.platform = { cpuArchitecture: arch };
      else this.report.warn(at('platform'), `not carried over: Fargate runs linux/amd64 and linux/arm64, not ${svc.platform}`);
    }

    // Ports.
    const mappings: PortMapping[] = [];
    (svc.ports ?? []).forEach((port, i) => mappings.push(...this.portMappings(port, at('ports', i))));
    (svc.expose ?? []).forEach((port, i) => {
      const spec = must(parsePortSpec(port), at('expose', i));
      mappings.push(rangeMapping(spec.container, spec.containerEnd, spec.protocol));
    });
    const unique = dedupeMappings(mappings);
    if (unique.length > 0) def.portMappings = unique;

    // Environment.
    const env = new Map<string, string>();
    this.envFiles(svc.env_file, at('env_file'), env);
    for (const [k, v] of keyValues(svc.environment)) {
      if (v === undefined) {
        const fromEnv = this.opts.env?.[k];
        if (fromEnv === undefined) this.report.warn(at('environment', k), `takes its value from the environment of "docker compose"; not set here, so not carried over`);
        else env.set(k, fromEnv);
      } else env.set(k, v);
    }
    if (env.size > 0) def.environment = [...env].map(([n, value]) => ({ name: n, value }));

    // Secrets.
    (svc.secrets ?? []).forEach((s, i) => {
      const source = typeof s === 'string' ? s : s.source;
      const target = typeof s === 'string' ? s : (s.target ?? s.source);
      const envName = target.replace(/^.*\//, '').replace(/[^A-Za-z0-9_]/g, '_').toUpperCase();
      if (this.file.secrets?.[source] === undefined) throw new ComposeValueError(at('secrets', i), `secret "${source}" is not defined in the top-level secrets`);
      p.secrets.push({ secret: source, env: envName });
      this.report.note(at('secrets', i), `compose mounts "${source}" as /run/secrets/${target}; ECS injects it as the environment variable ${envName}`);
    });

    // Volumes.
    (svc.volumes ?? []).forEach((v, i) => this.volume(v, at('volumes', i), p));

    // depends_on.
    if (svc.depends_on !== undefined) {
      const entries = Array.isArray(svc.depends_on) ? svc.depends_on.map((d) => [d, null] as const) : Object.entries(svc.depends_on);
      for (const [dep, spec] of entries) {
        if (this.file.services[dep] === undefined) throw new ComposeValueError(at('depends_on', dep), `depends on "${dep}", which is not a service of this file`);
        const cond = spec?.condition ?? 'service_started';
        p.dependsOn.push({ service: dep, condition: cond === 'service_healthy' ? 'HEALTHY' : cond === 'service_completed_successfully' ? 'SUCCESS' : 'START', path: at('depends_on', dep) });
        if (spec?.restart !== undefined) this.report.note(at('depends_on', dep, 'restart'), 'not carried over: ECS does not restart dependents');
      }
    }

    // Health check.
    if (svc.healthcheck !== undefined) {
      const hc = this.healthCheck(svc.healthcheck, at('healthcheck'));
      if (hc !== undefined) def.healthCheck = hc;
    }

    // Resources.
    const limits = svc.deploy?.resources?.limits;
    const reservations = svc.deploy?.resources?.reservations;
    const cpus = limits?.cpus ?? reservations?.cpus ?? svc.cpus;
    if (cpus !== undefined) {
      const path = limits?.cpus !== undefined ? at('deploy', 'resources', 'limits', 'cpus') : reservations?.cpus !== undefined ? at('deploy', 'resources', 'reservations', 'cpus') : at('cpus');
      const units = must(parseCpus(cpus), path);
      if (units > 0) def.cpu = p.wants.cpu = units;
    }
    const memLimit = limits?.memory ?? svc.mem_limit;
    if (memLimit !== undefined) def.memory = p.wants.memory = bytesToMiB(must(parseBytes(memLimit), limits?.memory !== undefined ? at('deploy', 'resources', 'limits', 'memory') : at('mem_limit')));
    const memRes = reservations?.memory ?? svc.mem_reservation;
    if (memRes !== undefined) {
      const mib = bytesToMiB(must(parseBytes(memRes), reservations?.memory !== undefined ? at('deploy', 'resources', 'reservations', 'memory') : at('mem_reservation')));
      if (def.memory === undefined || mib < def.memory) def.memoryReservation = p.wants.memoryReservation = mib;
      else this.report.warn(at('deploy', 'resources', 'reservations', 'memory'), `not carried over: the reservation (${mib} MiB) is not below the limit (${def.memory} MiB)`);
    }
    if (svc.deploy !== undefined) {
      if (svc.deploy.replicas !== undefined) p.replicas = svc.deploy.replicas;
      for (const key of Object.keys(svc.deploy)) {
        if (key === 'replicas' || key === 'resources') continue;
        if (key === 'mode' && svc.deploy.mode === 'replicated') continue;
        const why =
          key === 'mode'
            ? `not carried over: mode "${String(svc.deploy.mode)}" — Fargate services are REPLICA services (DAEMON needs EC2 capacity)`
            : key === 'restart_policy'
              ? 'not carried over: an ECS service replaces stopped tasks itself'
              : key === 'update_config' || key === 'rollback_config'
                ? 'not carried over: set the service deployment configuration (minimum healthy / maximum percent, circuit breaker) by hand'
                : key === 'placement'
                  ? 'not carried over: Fargate places tasks itself (placement constraints apply to EC2 only)'
                  : 'not carried over: no ECS equivalent in this importer';
        this.report.warn(at('deploy', key), why);
      }
      for (const [k, r] of [['limits', limits], ['reservations', reservations]] as const) {
        for (const key of Object.keys(r ?? {})) if (key !== 'cpus' && key !== 'memory') this.report.warn(at('deploy', 'resources', k, key), 'not carried over: Fargate tasks get CPU and memory only (no GPUs, devices or pids limits)');
      }
      if (reservations?.cpus !== undefined && limits?.cpus !== undefined) this.report.note(at('deploy', 'resources', 'reservations', 'cpus'), 'the CPU limit is used as the container cpu; ECS has one cpu value per container');
    }

    // Command, user, misc.
    if (svc.command !== undefined && svc.command !== null) def.command = this.words(svc.command, at('command'));
    if (svc.entrypoint !== undefined && svc.entrypoint !== null) def.entryPoint = this.words(svc.entrypoint, at('entrypoint'));
    if (svc.user !== undefined) def.user = String(svc.user);
    if (svc.working_dir !== undefined) def.workingDirectory = svc.working_dir;
    const labels = keyValues(svc.labels);
    if (labels.length > 0) def.dockerLabels = Object.fromEntries(labels.map(([k, v]) => [k, v ?? '']));
    if (svc.tty !== undefined) def.pseudoTerminal = svc.tty;
    if (svc.stdin_open !== undefined) def.interactive = svc.stdin_open;
    if (svc.read_only !== undefined) def.readonlyRootFilesystem = svc.read_only;
    if (svc.init !== undefined) def.linuxParameters = { initProcessEnabled: svc.init };
    if (svc.stop_grace_period !== undefined) {
      const ms = must(parseDuration(svc.stop_grace_period), at('stop_grace_period'));
      def.stopTimeout = this.seconds(ms, [2, 120], at('stop_grace_period'), 'stopTimeout');
    }
    if (svc.restart !== undefined) {
      if (svc.restart === 'no') this.report.warn(at('restart'), 'restart "no": an ECS service restarts stopped tasks; run one-shot jobs as standalone or scheduled tasks instead');
      else this.report.note(at('restart'), `restart "${svc.restart}": an ECS service replaces stopped tasks itself`);
    }

    // Logging.
    if (svc.logging !== undefined) {
      const driver = svc.logging.driver ?? 'json-file';
      const options = Object.fromEntries(Object.entries(svc.logging.options ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)]));
      if (driver === 'awslogs') {
        def.logConfiguration = { logDriver: 'awslogs', options };
        p.awslogsGroup = options['awslogs-group'];
      } else this.report.warn(at('logging'), `log driver "${driver}" not carried over: Fargate supports awslogs, splunk and awsfirelens; connect a log group to send logs to CloudWatch`);
    }
    return p;
  }

  private words(cmd: string | string[], path: string): string[] {
    return typeof cmd === 'string' ? must(shellSplit(cmd), path) : cmd;
  }

  private envFiles(value: ComposeService['env_file'], path: string, env: Map<string, string>): void {
    if (value === undefined) return;
    const list = typeof value === 'string' ? [{ path: value, required: true }] : value.map((v) => (typeof v === 'string' ? { path: v, required: true } : { path: v.path, required: v.required ?? true }));
    list.forEach((f, i) => {
      const at = typeof value === 'string' ? path : `${path}[${i}]`;
      const text = this.opts.envFiles?.[f.path];
      if (text === undefined) {
        this.report.warn(at, `${f.path} was not read: add its variables to the container environment, or keep them in Secrets Manager and connect the secret`);
        return;
      }
      const vars = parseEnvFile(text);
      for (const [k, v] of Object.entries(vars)) env.set(k, v);
      this.report.note(at, `${Object.keys(vars).length} variables read from ${f.path} into the container environment`);
    });
  }

  private portMappings(port: string | number | { target: number; published?: string | number | undefined; host_ip?: string | undefined; protocol?: string | undefined; app_protocol?: string | undefined; name?: string | undefined; mode?: string | undefined }, path: string): PortMapping[] {
    if (typeof port === 'string' || typeof port === 'number') {
      const spec = must(parsePortSpec(port), path);
      this.hostSide(spec.host, spec.hostEnd, spec.container, spec.containerEnd, spec.hostIp, path, formatPortSpec(spec));
      return [rangeMapping(spec.container, spec.containerEnd, spec.protocol)];
    }
    if (port.protocol !== undefined && port.protocol !== 'tcp' && port.protocol !== 'udp') throw new ComposeValueError(`${path}.protocol`, `ECS port mappings support tcp and udp, not ${port.protocol}`);
    const published = port.published === undefined ? undefined : must(parsePortSpec(port.published), `${path}.published`);
    this.hostSide(published?.container, published?.containerEnd, port.target, undefined, port.host_ip, path, `published ${String(port.published ?? '')}`);
    const mapping: PortMapping = { containerPort: port.target, protocol: port.protocol === 'udp' ? 'udp' : 'tcp' };
    if (port.name !== undefined) mapping.name = port.name;
    if (port.app_protocol !== undefined) {
      const ap = port.app_protocol.toLowerCase();
      if (ap === 'http' || ap === 'http2' || ap === 'grpc') mapping.appProtocol = ap;
      else this.report.warn(`${path}.app_protocol`, `not carried over: ECS knows http, http2 and grpc, not ${port.app_protocol}`);
    }
    if (port.mode === 'host') this.report.note(`${path}.mode`, 'host mode publishing has no meaning in awsvpc; the container port is mapped');
    return [mapping];
  }

  private hostSide(host: number | undefined, hostEnd: number | undefined, container: number, containerEnd: number | undefined, hostIp: string | undefined, path: string, shown: string): void {
    if (hostIp !== undefined) this.report.warn(path, `"${shown}": binding to host address ${hostIp} is not carried over; restrict access with the service security group instead`);
    if (host !== undefined && (host !== container || (hostEnd ?? host) !== (containerEnd ?? container))) {
      this.report.warn(path, `"${shown}": host port ${hostEnd === undefined ? host : `${host}-${hostEnd}`} is not carried over; awsvpc tasks listen on the container port (${containerEnd === undefined ? container : `${container}-${containerEnd}`}) — put a load balancer listener in front to expose another port`);
    }
  }

  private volume(v: string | { type: string; source?: string | undefined; target: string; read_only?: boolean | undefined }, path: string, p: PreparedContainer): void {
    let type: string;
    let source: string | undefined;
    let target: string;
    let readOnly = false;
    if (typeof v === 'string') {
      const parts = v.split(':');
      if (parts.length === 1) {
        type = 'volume';
        target = parts[0]!;
      } else {
        source = parts[0]!;
        target = parts[1] ?? '';
        readOnly = (parts[2] ?? '').split(',').includes('ro');
        type = /^[./~]/.test(source) || source.includes('/') || source.includes('\\') ? 'bind' : 'volume';
      }
    } else {
      type = v.type;
      source = v.source;
      target = v.target;
      readOnly = v.read_only ?? false;
    }
    if (type === 'bind') {
      this.report.warn(path, `bind mount of ${source ?? '?'} at ${target} not carried over: Fargate has no host files; bake the files into the image or use an EFS volume`);
      return;
    }
    if (type !== 'volume') {
      this.report.warn(path, `${type} mount at ${target} not carried over: Fargate supports EFS and task-local volumes only`);
      return;
    }
    if (source === undefined || source === '') {
      const name = `${p.service}-scratch-${p.scratch.length + 1}`;
      p.scratch.push(name);
      p.def.mountPoints = [...(p.def.mountPoints ?? []), { sourceVolume: name, containerPath: target, readOnly }];
      this.report.note(path, `anonymous volume at ${target}: a task-local volume "${name}" (lost when the task stops)`);
      return;
    }
    if (this.file.volumes?.[source] === undefined) throw new ComposeValueError(path, `volume "${source}" is not defined in the top-level volumes`);
    p.efsMounts.push({ volume: source, containerPath: target, readOnly });
    p.def.mountPoints = [...(p.def.mountPoints ?? []), { sourceVolume: source, containerPath: target, readOnly }];
  }

  private healthCheck(hc: NonNullable<ComposeService['healthcheck']>, path: string): HealthCheck | undefined {
    const test = hc.test;
    if (hc.disable === true || (Array.isArray(test) && test[0] === 'NONE')) {
      this.report.note(path, 'the health check is disabled; the container has none');
      return undefined;
    }
    if (test === undefined) {
      this.report.warn(path, 'not carried over: no test (compose would use the image HEALTHCHECK, which ECS ignores)');
      return undefined;
    }
    let command: string[];
    if (typeof test === 'string') command = ['CMD-SHELL', test];
    else if (test[0] === 'CMD' || test[0] === 'CMD-SHELL') command = test;
    else throw new ComposeValueError(`${path}.test`, 'a test list starts with NONE, CMD or CMD-SHELL');
    const out: HealthCheck = { command };
    const dur = (v: string | number | undefined, key: string, limits: readonly [number, number], field: string): number | undefined =>
      v === undefined ? undefined : this.seconds(must(parseDuration(v), `${path}.${key}`), limits, `${path}.${key}`, field);
    const interval = dur(hc.interval, 'interval', HEALTH_LIMITS.interval, 'healthCheck.interval');
    const timeout = dur(hc.timeout, 'timeout', HEALTH_LIMITS.timeout, 'healthCheck.timeout');
    const startPeriod = dur(hc.start_period, 'start_period', HEALTH_LIMITS.startPeriod, 'healthCheck.startPeriod');
    if (interval !== undefined) out.interval = interval;
    if (timeout !== undefined) out.timeout = timeout;
    if (startPeriod !== undefined) out.startPeriod = startPeriod;
    if (hc.retries !== undefined) {
      const [lo, hi] = HEALTH_LIMITS.retries;
      out.retries = Math.min(hi, Math.max(lo, hc.retries));
      if (out.retries !== hc.retries) this.report.warn(`${path}.retries`, `${hc.retries} retries changed to ${out.retries} (ECS allows ${lo}–${hi})`);
    }
    if (hc.start_interval !== undefined) this.report.warn(`${path}.start_interval`, 'not carried over: ECS health checks have no start interval');
    return out;
  }

  /** Milliseconds → whole seconds within ECS limits; rounding and clamping are reported. */
  private seconds(ms: number, [lo, hi]: readonly [number, number], path: string, field: string): number {
    const s = Math.ceil(ms / 1000);
    const v = Math.min(hi, Math.max(lo, s));
    if (v !== s) this.report.warn(path, `${formatSeconds(ms)} changed to ${v} s: ECS allows ${field} ${lo}–${hi} s`);
    else if (s * 1000 !== ms) this.report.note(path, `${formatSeconds(ms)} rounded up to ${v} s (${field} is whole seconds)`);
    return v;
  }

  private reportCrossServiceDependencies(prepared: PreparedContainer[]): void {
    for (const p of prepared) {
      for (const d of p.dependsOn) {
        this.report.warn(
          d.path,
          `${d.condition === 'START' ? 'start order' : `condition ${d.condition}`} not carried over: "${d.service}" runs as its own ECS service and ECS orders containers only within one task (import with the single-task option to keep depends_on as container dependencies)`,
        );
      }
    }
  }

  private addNode<K extends NodeKind>(kind: K, props: NodePropsInput<K>, position: { x: number; y: number }, parentId?: string): string {
    const id = this.ids(kind);
    this.design = { ...this.design, nodes: [...this.design.nodes, makeNode(kind, id, props, parentId === undefined ? { position } : { position, parentId })] };
    return id;
  }

  private connect<K extends EdgeKind>(kind: K, source: string, target: string, properties?: EdgeProps<K>): void {
    const edge = { id: this.ids('edge'), kind, source, target, ...(properties === undefined ? {} : { properties }) } as DesignEdge;
    this.design = { ...this.design, edges: [...this.design.edges, edge] };
  }

  private addTask(family: string, containers: PreparedContainer[], clusterId: string, origin: { x: number; y: number }): void {
    const names = new Set(containers.map((c) => c.service));
    const withHealth = new Set(containers.filter((c) => c.def.healthCheck !== undefined).map((c) => c.service));
    const completes = new Set(containers.flatMap((c) => c.dependsOn.filter((d) => d.condition === 'SUCCESS').map((d) => d.service)));
    const defs = containers.map((c) => {
      const def: ContainerDefinition = { ...c.def };
      if (completes.has(c.service)) def.essential = false;
      const deps = c.dependsOn.filter((d) => names.has(d.service));
      if (deps.length > 0) {
        def.dependsOn = deps.map((d) => {
          if (d.condition === 'HEALTHY' && !withHealth.has(d.service)) {
            this.report.warn(d.path, `condition HEALTHY changed to START: "${d.service}" has no health check ECS can wait for`);
            return { containerName: awsName(d.service), condition: 'START' as const };
          }
          return { containerName: awsName(d.service), condition: d.condition };
        });
      }
      return def;
    });
    const portOwners = new Map<string, string>();
    for (const c of containers) {
      for (const m of c.def.portMappings ?? []) {
        const key = `${m.containerPort ?? m.containerPortRange ?? ''}/${m.protocol ?? 'tcp'}`;
        const owner = portOwners.get(key);
        if (owner === undefined) portOwners.set(key, c.service);
        else this.report.warn(keyPath('services', c.service, 'ports'), `port ${key} is also used by "${owner}": in one task all containers share one network interface, so one of them must move to another port`);
      }
    }
    const size = this.taskSize(family, containers);
    const arch = new Set(containers.flatMap((c) => (c.platform ? [c.platform.cpuArchitecture] : [])));
    const td: RegisterTaskDefinitionRequest = {
      family: awsName(family),
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: String(size.cpu),
      memory: String(size.memory),
      containerDefinitions: defs,
    };
    if (arch.size === 1) td.runtimePlatform = { cpuArchitecture: [...arch][0]!, operatingSystemFamily: 'LINUX' };
    const imported = importTaskDefinition(td, { into: this.design, ids: this.ids, origin });
    if (!imported.ok) {
      const f = imported.findings[0];
      throw new ComposeValueError(keyPath('services', containers[0]?.service ?? family), `cannot be expressed as a task definition: ${f?.path ?? ''} ${f?.message ?? imported.message ?? ''}`.trim());
    }
    this.design = imported.design;
    const tdId = imported.taskDefinitionId;
    this.connect('execution-role', tdId, this.executionRoleId);
    const containerIds = new Map(this.design.nodes.filter((n) => n.kind === 'container' && n.parentId === tdId).map((n) => [(n.properties as { name?: string }).name ?? '', n.id]));

    // Task-level volumes: named → EFS, anonymous → task-local.
    const volumes = new Map<string, { name: string; efsVolumeConfiguration?: { transitEncryption: 'ENABLED' } }>();
    for (const c of containers) {
      for (const m of c.efsMounts) volumes.set(m.volume, { name: m.volume, efsVolumeConfiguration: { transitEncryption: 'ENABLED' } });
      for (const s of c.scratch) volumes.set(s, { name: s });
    }
    if (volumes.size > 0) {
      this.updateNode(tdId, (props) => ({ ...props, volumes: [...volumes.values()] }));
      for (const v of volumes.values()) if (v.efsVolumeConfiguration) this.connect('volume-efs', tdId, this.efsFor(v.name), { volume: v.name });
    }

    for (const c of containers) {
      const cId = containerIds.get(awsName(c.service));
      if (cId === undefined) continue;
      if (c.build) this.useEcrImage(cId, c.build);
      for (const s of c.secrets) this.connect('container-secret', cId, this.secretFor(s.secret), { name: s.env });
    }

    const replicas = containers.map((c) => c.replicas).filter((r): r is number => r !== undefined);
    const desiredCount = replicas.length === 0 ? 1 : Math.max(...replicas);
    if (new Set(replicas).size > 1) this.report.warn(keyPath('services'), `replicas differ between services in one task; the service runs ${desiredCount} tasks`);
    const serviceId = this.addNode('service', { serviceName: awsName(family), desiredCount, launchType: 'FARGATE' }, { x: origin.x - 420, y: origin.y + 120 });
    this.connect('service-cluster', serviceId, clusterId);
    this.connect('service-task-definition', serviceId, tdId);
    for (const subnet of this.network.subnets) this.connect('service-subnet', serviceId, subnet);
    this.connect('service-security-group', serviceId, this.network.securityGroup);
  }

  private taskSize(family: string, containers: PreparedContainer[]): { cpu: number; memory: number } {
    const cpu = containers.reduce((s, c) => s + (c.wants.cpu ?? 0), 0);
    const memory = containers.reduce((s, c) => s + (c.wants.memory ?? c.wants.memoryReservation ?? 0), 0);
    const at = keyPath('services', ...(containers.length === 1 ? [containers[0]!.service] : []));
    if (cpu === 0 && memory === 0) {
      this.report.note(at, `no resource limits: the task "${family}" gets the smallest Fargate size (${DEFAULT_SIZE.cpu} CPU units, ${DEFAULT_SIZE.memory} MiB)`);
      return DEFAULT_SIZE;
    }
    const snapped = snapFargateSize(cpu || undefined, memory || undefined);
    if (snapped.cpu < cpu || snapped.memory < memory) this.report.warn(at, `the containers ask for ${cpu} CPU units and ${memory} MiB, more than the largest Fargate size; the task gets ${snapped.cpu}/${snapped.memory}`);
    else if (snapped.cpu !== cpu || snapped.memory !== memory) this.report.note(at, `task size: the containers ask for ${cpu} CPU units and ${memory} MiB; the nearest valid Fargate size is ${snapped.cpu} CPU units and ${snapped.memory} MiB`);
    return snapped;
  }

  private updateNode(id: string, f: (props: Record<string, unknown>) => Record<string, unknown>): void {
    this.design = {
      ...this.design,
      nodes: this.design.nodes.map((n) => (n.id === id ? ({ ...n, properties: f(n.properties as Record<string, unknown>) } as DesignNode) : n)),
    };
  }

  private useEcrImage(containerId: string, build: { repositoryName: string; tag: string }): void {
    const edge = this.design.edges.find((e) => e.kind === 'container-image' && e.source === containerId);
    let repo = this.ecrNodes.get(build.repositoryName);
    if (repo === undefined) {
      repo = this.addNode('ecrRepository', { repositoryName: build.repositoryName }, { x: 560, y: this.ecrNodes.size * 110 - 220 });
      this.ecrNodes.set(build.repositoryName, repo);
    }
    const placeholder = edge?.target;
    this.design = {
      ...this.design,
      nodes: this.design.nodes.filter((n) => n.id !== placeholder),
      edges: this.design.edges.map((e) => (e === edge ? { ...e, target: repo } : e)),
    };
    this.updateNode(containerId, (props) => {
      const { image: _image, ...rest } = props;
      return { ...rest, imageTag: build.tag };
    });
  }

  private efsFor(volume: string): string {
    const existing = this.efsNodes.get(volume);
    if (existing !== undefined) return existing;
    const spec = this.file.volumes?.[volume] ?? null;
    const name = spec?.name ?? `${this.project}-${volume}`;
    if (spec?.external !== undefined && spec.external !== false) this.report.warn(keyPath('volumes', volume), `external volume "${name}": set the fileSystemId of the EFS file system it stands for`);
    if (spec?.driver !== undefined && spec.driver !== 'local') this.report.warn(keyPath('volumes', volume, 'driver'), `volume driver "${spec.driver}" not carried over: the volume becomes an EFS file system`);
    else this.report.note(keyPath('volumes', volume), `named volume → EFS file system "${name}" (Fargate tasks keep data across restarts only on EFS)`);
    const id = this.addNode('efsFileSystem', { name }, { x: 560, y: -110 - this.efsNodes.size * 110 });
    for (const subnet of this.network.subnets) this.connect('efs-subnet', id, subnet);
    this.connect('efs-security-group', id, this.network.securityGroup);
    this.efsNodes.set(volume, id);
    return id;
  }

  private secretFor(secret: string): string {
    const existing = this.secretNodes.get(secret);
    if (existing !== undefined) return existing;
    const spec = this.file.secrets?.[secret];
    const name = this.secretName(secret);
    if (spec?.file !== undefined) this.report.warn(keyPath('secrets', secret, 'file'), `the value in ${spec.file} was not read: store it in the Secrets Manager secret "${name}"`);
    if (spec?.environment !== undefined) this.report.warn(keyPath('secrets', secret, 'environment'), `the value of $${spec.environment} was not read: store it in the Secrets Manager secret "${name}"`);
    const id = this.addNode('secret', { store: 'secretsmanager', name }, { x: 560, y: 400 + this.secretNodes.size * 110 });
    this.secretNodes.set(secret, id);
    return id;
  }
}

function repoName(path: string): string {
  const cleaned = path.toLowerCase().replace(/[^a-z0-9._/-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return cleaned.length >= 2 ? cleaned.slice(0, 256) : `${cleaned}-image`.replace(/^-/, 'image');
}

function rangeMapping(start: number, end: number | undefined, protocol: 'tcp' | 'udp'): PortMapping {
  return end === undefined || end === start ? { containerPort: start, protocol } : { containerPortRange: `${start}-${end}`, protocol };
}

function dedupeMappings(mappings: PortMapping[]): PortMapping[] {
  const seen = new Set<string>();
  return mappings.filter((m) => {
    const key = `${m.containerPort ?? m.containerPortRange ?? ''}/${m.protocol ?? 'tcp'}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** environment / labels in list (`KEY=value`, `KEY`) or map form → pairs; `undefined` value = taken from the environment. */
function keyValues(v: string[] | Record<string, string | number | boolean | null> | undefined): [string, string | undefined][] {
  if (v === undefined) return [];
  if (Array.isArray(v)) {
    return v.map((item) => {
      const eq = item.indexOf('=');
      return eq < 0 ? [item, undefined] : [item.slice(0, eq), item.slice(eq + 1)];
    });
  }
  return Object.entries(v).map(([k, x]) => [k, x === null ? undefined : String(x)]);
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
