import type { ContainerDefinition, RegisterTaskDefinitionRequest } from '../../aws/ecsModel.generated';

/** A task-level cpu or memory value: absent, understood (in CPU units / MiB), or not a form AWS accepts. */
export type Size = { state: 'absent' } | { state: 'ok'; value: number; raw: string } | { state: 'invalid'; raw: string };

/** The effective network mode: `default` is Windows' NAT mode when networkMode is omitted. */
export type EffectiveNetworkMode = 'bridge' | 'host' | 'awsvpc' | 'none' | 'default';

/** Everything task-definition rules need, computed once per task definition. */
export type TaskDefFacts = {
  td: RegisterTaskDefinitionRequest;
  containers: readonly ContainerDefinition[];
  /** A raw task-definition file, or the resolved JSON of a task-definition node of a design. */
  source: 'file' | 'design';
  /** requiresCompatibilities contains FARGATE (also when EC2 is listed too): the Fargate rule set applies. */
  fargate: boolean;
  /** EC2 validation applies: EC2 listed, or requiresCompatibilities absent/empty (AWS then validates for EC2). */
  ec2: boolean;
  /** EXTERNAL (ECS Anywhere) listed. */
  external: boolean;
  /** Fargate is the only capacity the task definition is valid for. */
  fargateOnly: boolean;
  networkMode: EffectiveNetworkMode;
  /** runtimePlatform.operatingSystemFamily, when set. */
  os: string | undefined;
  windows: boolean;
  cpu: Size;
  memory: Size;
  /** Index of the first container with each name. */
  containerIndex: ReadonlyMap<string, number>;
  /**
   * True for values a design resolves only at deployment (`<account>`, `<created-file-system>`…, written by the
   * lenient export): rules treat them as valid.
   */
  unresolved: (value: string) => boolean;
  /** In a design without a region, awslogs-region is filled in with the deployment region by the generators. */
  regionFromDeployment: boolean;
};

const DESIGN_PLACEHOLDER = /<(account|region|created-file-system|created-access-point|unresolved)>/;

function isDesignPlaceholder(value: string): boolean {
  return value.includes('<') && DESIGN_PLACEHOLDER.test(value);
}

function never(): boolean {
  return false;
}

export function taskDefFacts(
  td: RegisterTaskDefinitionRequest,
  source: 'file' | 'design',
  opts: { regionFromDeployment?: boolean } = {},
): TaskDefFacts {
  const compat = td.requiresCompatibilities ?? [];
  const fargate = compat.includes('FARGATE');
  const ec2 = compat.length === 0 || compat.includes('EC2');
  const external = compat.includes('EXTERNAL');
  const os = td.runtimePlatform?.operatingSystemFamily;
  const windows = os !== undefined && os.startsWith('WINDOWS');
  const containers = td.containerDefinitions;
  const containerIndex = new Map<string, number>();
  containers.forEach((c, i) => {
    if (c.name !== undefined && !containerIndex.has(c.name)) containerIndex.set(c.name, i);
  });
  return {
    td,
    containers,
    source,
    fargate,
    ec2,
    external,
    fargateOnly: fargate && compat.every((c) => c === 'FARGATE'),
    networkMode: td.networkMode ?? (windows ? 'default' : 'bridge'),
    os,
    windows,
    cpu: parseCpu(td.cpu),
    memory: parseMemory(td.memory),
    containerIndex,
    unresolved: source === 'design' ? isDesignPlaceholder : never,
    regionFromDeployment: opts.regionFromDeployment === true,
  };
}

/** `"256"`, `"0.25 vCPU"`, `"1 vcpu"` → CPU units. */
export function parseCpu(raw: string | undefined): Size {
  if (raw === undefined) return { state: 'absent' };
  const m = /^\s*(\d+(?:\.\d+)?)\s*(vcpus?)?\s*$/i.exec(raw);
  if (!m) return { state: 'invalid', raw };
  const n = Number(m[1]);
  const value = m[2] === undefined ? n : Math.round(n * 1024);
  if (!Number.isInteger(value) || value <= 0) return { state: 'invalid', raw };
  return { state: 'ok', value, raw };
}

/** `"512"`, `"1 GB"`, `"2 gb"`, `"512 MiB"` → MiB. */
export function parseMemory(raw: string | undefined): Size {
  if (raw === undefined) return { state: 'absent' };
  const m = /^\s*(\d+(?:\.\d+)?)\s*(gb|gib|mb|mib)?\s*$/i.exec(raw);
  if (!m) return { state: 'invalid', raw };
  const n = Number(m[1]);
  const unit = m[2]?.toLowerCase();
  const value = unit === 'gb' || unit === 'gib' ? Math.round(n * 1024) : n;
  if (!Number.isInteger(value) || value <= 0) return { state: 'invalid', raw };
  return { state: 'ok', value, raw };
}

/** The Fargate task sizes: for each cpu, the allowed memory values in MiB. */
export type FargateSize = { cpu: number; memory: readonly number[]; linuxOnly: boolean; windows: boolean };

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}

export const FARGATE_SIZES: readonly FargateSize[] = [
  { cpu: 256, memory: [512, 1024, 2048], linuxOnly: true, windows: false },
  { cpu: 512, memory: range(1024, 4096, 1024), linuxOnly: true, windows: false },
  { cpu: 1024, memory: range(2048, 8192, 1024), linuxOnly: false, windows: true },
  { cpu: 2048, memory: range(4096, 16384, 1024), linuxOnly: false, windows: true },
  { cpu: 4096, memory: range(8192, 30720, 1024), linuxOnly: false, windows: true },
  { cpu: 8192, memory: range(16384, 61440, 4096), linuxOnly: true, windows: false },
  { cpu: 16384, memory: range(32768, 122880, 8192), linuxOnly: true, windows: false },
];

export function fargateSizeFor(cpu: number): FargateSize | undefined {
  return FARGATE_SIZES.find((s) => s.cpu === cpu);
}

/** "512, 1024 or 2048" / "1024 – 4096 in steps of 1024". */
export function describeMemories(size: FargateSize): string {
  const m = size.memory;
  if (m.length <= 3) return `${m.slice(0, -1).join(', ')} or ${m[m.length - 1] ?? ''}`;
  const step = (m[1] ?? 0) - (m[0] ?? 0);
  return `${m[0] ?? ''}–${m[m.length - 1] ?? ''} in steps of ${step}`;
}

/**
 * The nearest valid Fargate pair at or above the given values: cpu up first (to the smallest size that allows the
 * memory), then memory up (to the smallest allowed value at or above it). Windows starts at 1024 cpu. Values above
 * the largest size give the largest size.
 */
export function snapFargateSize(cpu: number | undefined, memory: number | undefined, windows = false): { cpu: number; memory: number } {
  const sizes = FARGATE_SIZES.filter((s) => (windows ? s.windows : true));
  const wantCpu = cpu ?? 0;
  const wantMemory = memory ?? 0;
  for (const s of sizes) {
    if (s.cpu < wantCpu) continue;
    const top = s.memory[s.memory.length - 1] ?? 0;
    if (top < wantMemory) continue;
    const m = s.memory.find((v) => v >= wantMemory) ?? s.memory[0] ?? 0;
    return { cpu: s.cpu, memory: m };
  }
  const last = sizes[sizes.length - 1] ?? FARGATE_SIZES[FARGATE_SIZES.length - 1]!;
  return { cpu: last.cpu, memory: last.memory.find((v) => v >= wantMemory) ?? last.memory[last.memory.length - 1] ?? 0 };
}

/** The container's name for messages: `container "web"` or `container 2`. */
export function containerLabel(c: ContainerDefinition, index: number): string {
  return c.name !== undefined && c.name !== '' ? `container "${c.name}"` : `container ${index + 1}`;
}
