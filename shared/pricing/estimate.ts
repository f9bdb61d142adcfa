import { DesignIndex, type Design, type DesignSettings } from '../model/document';
import { nodeTitle } from '../model/catalog';
import type { DesignNode, NodeOf } from '../model/nodes';
import { FARGATE_SIZES, parseCpu, parseMemory } from '../rules/taskdef/facts';
import { DEFAULT_PRICING_REGION, SHIPPED_PRICE_TABLE, type FargateRates, type PriceTable, type RegionPrices } from './priceTable';

/**
 * The monthly cost of a design: one line item per priced dimension, each with the formula that produced it, the
 * things that could not be priced (with the reason), and the "what if" savings of ARM64 and Fargate Spot.
 * Pure: the same design, table and assumptions always give the same estimate.
 */

export type CostAssumptions = {
  /** Hours each resource runs per month. */
  readonly hoursPerMonth: number;
  /** Average Fargate Spot discount off the on-demand price (0.7 = 70% off). */
  readonly spotDiscount: number;
  /** CloudWatch Logs ingestion per service that logs, GB per month. */
  readonly logGbPerServiceMonth: number;
  /** Average LCU (ALB) or NLCU (NLB) each load balancer uses per hour. */
  readonly lcuPerLoadBalancer: number;
  /** Data stored on each EFS file system the design creates, GB. */
  readonly efsStorageGb: number;
};

export const DEFAULT_COST_ASSUMPTIONS: Omit<CostAssumptions, 'spotDiscount'> = {
  hoursPerMonth: 730,
  logGbPerServiceMonth: 5,
  lcuPerLoadBalancer: 1,
  efsStorageGb: 10,
};

export type DesignCostSettings = NonNullable<DesignSettings['cost']>;

/** The assumptions of a design: its own `settings.cost` values over the defaults (Spot discount: the table's). */
export function costAssumptions(design: Design, table: PriceTable = SHIPPED_PRICE_TABLE): CostAssumptions {
  const c = design.settings.cost ?? {};
  return {
    hoursPerMonth: c.hoursPerMonth ?? DEFAULT_COST_ASSUMPTIONS.hoursPerMonth,
    spotDiscount: c.spotDiscount ?? table.fargateSpotDiscount,
    logGbPerServiceMonth: c.logGbPerServiceMonth ?? DEFAULT_COST_ASSUMPTIONS.logGbPerServiceMonth,
    lcuPerLoadBalancer: c.lcuPerLoadBalancer ?? DEFAULT_COST_ASSUMPTIONS.lcuPerLoadBalancer,
    efsStorageGb: c.efsStorageGb ?? DEFAULT_COST_ASSUMPTIONS.efsStorageGb,
  };
}

export type CostCategory = 'fargate' | 'fargate-spot' | 'windows-license' | 'ephemeral-storage' | 'ec2' | 'load-balancer' | 'efs' | 'logs';

export type CostLine = {
  /** Stable within a design: node id + what is priced. */
  readonly id: string;
  /** The node the cost belongs to (service, Auto Scaling group, load balancer, file system). */
  readonly nodeId: string;
  readonly category: CostCategory;
  readonly label: string;
  /** How the figure was computed, e.g. "0.25 vCPU × $0.04048 × 730 h × 2 tasks". */
  readonly formula: string;
  /** USD per month at the desired count. */
  readonly monthly: number;
  /** USD per month at the auto-scaling minimum and maximum, when a scalable target (or ASG min/max) sets them. */
  readonly range?: { readonly min: number; readonly max: number };
};

/** Something that costs money but was not priced, and why. */
export type UnpricedItem = { readonly nodeId: string; readonly label: string; readonly reason: string };
/** Something the reader should know about how a figure was reached. */
export type CostNote = { readonly nodeId: string; readonly text: string };

export type WhatIfKind = 'arm64' | 'fargate-spot';
export type WhatIf = {
  readonly serviceId: string;
  readonly kind: WhatIfKind;
  readonly label: string;
  /** Monthly compute cost of the service now and after the change, at the desired count. */
  readonly monthlyNow: number;
  readonly monthlyAfter: number;
  readonly saving: number;
  /** What else the change implies (images must be built for ARM64; Spot tasks can be interrupted). */
  readonly caveat: string;
};

export type Money = { readonly monthly: number; readonly min: number; readonly max: number };

export type CostEstimate = {
  readonly region: string;
  /** Set when the design's region is missing or not in the table (then priced with DEFAULT_PRICING_REGION). */
  readonly regionNote?: string;
  readonly priceTable: { readonly asOf: string; readonly source: string };
  readonly assumptions: CostAssumptions;
  readonly lines: readonly CostLine[];
  readonly unpriced: readonly UnpricedItem[];
  readonly notes: readonly CostNote[];
  readonly whatIfs: readonly WhatIf[];
  /** Sum of the lines of each node that has any. */
  readonly byNode: Readonly<Record<string, Money>>;
  readonly total: Money;
};

// ── Formatting used in formulas ───────────────────────────────────────────────────────────────────────────

/** "$12.34" (two decimals; amounts under a cent keep more). */
export function formatUsd(n: number): string {
  const abs = Math.abs(n);
  const digits = abs !== 0 && abs < 0.01 ? 4 : 2;
  return `${n < 0 ? '−' : ''}$${abs.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}

/** A rate as it appears in the table: "$0.04048". */
function rate(n: number): string {
  return `$${String(n)}`;
}

function num(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

function tasks(n: number): string {
  return `${num(n)} ${n === 1 ? 'task' : 'tasks'}`;
}

// ── Capacity: which provider runs how many tasks ─────────────────────────────────────────────────────────────

type Placement =
  | { readonly kind: 'fargate'; readonly spot: boolean; readonly nodeId?: string; readonly weight: number; readonly base: number }
  | { readonly kind: 'asg'; readonly nodeId: string; readonly weight: number; readonly base: number };

type Capacity =
  | { readonly kind: 'strategy'; readonly entries: readonly Placement[]; readonly from: 'service' | 'cluster default' | 'launch type' }
  | { readonly kind: 'ec2-launch-type' }
  | { readonly kind: 'external' };

function capacityOf(index: DesignIndex, service: NodeOf<'service'>, td: NodeOf<'taskDefinition'> | undefined): Capacity {
  const toEntry = (target: DesignNode | undefined, weight: number, base: number): Placement | undefined => {
    if (target?.kind === 'fargateCapacityProvider') return { kind: 'fargate', spot: target.properties.provider === 'FARGATE_SPOT', nodeId: target.id, weight, base };
    if (target?.kind === 'asgCapacityProvider') return { kind: 'asg', nodeId: target.id, weight, base };
    return undefined;
  };
  const own = index
    .outgoing(service.id, 'service-capacity-provider')
    .map((e) => toEntry(index.node(e.target), e.properties?.weight ?? 1, e.properties?.base ?? 0))
    .filter((e): e is Placement => e !== undefined);
  if (own.length > 0) return { kind: 'strategy', entries: own, from: 'service' };
  const launchType = service.properties.launchType;
  if (launchType === 'FARGATE') return { kind: 'strategy', entries: [{ kind: 'fargate', spot: false, weight: 1, base: 0 }], from: 'launch type' };
  if (launchType === 'EC2') return { kind: 'ec2-launch-type' };
  if (launchType === 'EXTERNAL') return { kind: 'external' };
  const cluster = index.targetOf(service.id, 'service-cluster');
  if (cluster) {
    const defaults = index
      .incoming(cluster.id, 'capacity-provider-cluster')
      .filter((e) => e.properties?.defaultWeight !== undefined)
      .map((e) => toEntry(index.node(e.source), e.properties?.defaultWeight ?? 0, e.properties?.defaultBase ?? 0))
      .filter((e): e is Placement => e !== undefined);
    if (defaults.length > 0) return { kind: 'strategy', entries: defaults, from: 'cluster default' };
  }
  const compat = td?.properties.requiresCompatibilities ?? [];
  if (compat.includes('FARGATE') && !compat.includes('EC2')) return { kind: 'strategy', entries: [{ kind: 'fargate', spot: false, weight: 1, base: 0 }], from: 'launch type' };
  return { kind: 'ec2-launch-type' };
}

/**
 * Splits `count` tasks over a capacity provider strategy as ECS places them: each provider's base first (in
 * strategy order), then the rest in proportion to the weights. Whole tasks: the shares are rounded down and the
 * tasks left over go to the largest fractions (ties: the earlier provider).
 */
export function splitTasks(count: number, entries: readonly { weight: number; base: number }[]): number[] {
  const out = entries.map(() => 0);
  let left = count;
  entries.forEach((e, i) => {
    const b = Math.min(e.base, left);
    out[i] = b;
    left -= b;
  });
  if (left <= 0) return out;
  const totalWeight = entries.reduce((s, e) => s + e.weight, 0);
  if (totalWeight === 0) {
    out[0] = (out[0] ?? 0) + left;
    return out;
  }
  const exact = entries.map((e) => (left * e.weight) / totalWeight);
  const floors = exact.map(Math.floor);
  let rest = left - floors.reduce((s, n) => s + n, 0);
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (rest <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    rest--;
  }
  return out.map((b, i) => b + (floors[i] ?? 0));
}

// ── Task size ────────────────────────────────────────────────────────────────────────────────────────────────

type TaskShape = { vcpu: number; gb: number; os: 'linux' | 'windows'; arch: 'X86_64' | 'ARM64'; ephemeralGb: number };

function taskShape(td: NodeOf<'taskDefinition'>): { ok: true; shape: TaskShape } | { ok: false; reason: string } {
  const p = td.properties;
  const osFamily = p.runtimePlatform?.operatingSystemFamily ?? 'LINUX';
  const windows = osFamily.startsWith('WINDOWS');
  const arch = p.runtimePlatform?.cpuArchitecture === 'ARM64' ? 'ARM64' : 'X86_64';
  const cpu = parseCpu(p.cpu);
  const memory = parseMemory(p.memory);
  if (cpu.state !== 'ok' || memory.state !== 'ok') {
    const what = cpu.state !== 'ok' ? `cpu ${cpu.state === 'absent' ? 'is not set' : `"${cpu.raw}" is not a number of CPU units`}` : '';
    const mem = memory.state !== 'ok' ? `memory ${memory.state === 'absent' ? 'is not set' : `"${memory.raw}" is not a number of MiB`}` : '';
    return { ok: false, reason: `task size unknown: ${[what, mem].filter(Boolean).join(', ')} (Fargate needs task-level cpu and memory)` };
  }
  const size = FARGATE_SIZES.find((s) => s.cpu === cpu.value);
  if (!size || !size.memory.includes(memory.value)) {
    return { ok: false, reason: `cpu ${cpu.value} / memory ${memory.value} MiB is not a Fargate task size, so it has no Fargate price` };
  }
  if (windows && !size.windows) return { ok: false, reason: `cpu ${cpu.value} is not a Fargate size for Windows tasks (1, 2 or 4 vCPU)` };
  if (windows && arch === 'ARM64') return { ok: false, reason: 'Fargate runs Windows tasks on X86_64 only' };
  const ephemeral = p.ephemeralStorage?.sizeInGiB ?? 20;
  return { ok: true, shape: { vcpu: cpu.value / 1024, gb: memory.value / 1024, os: windows ? 'windows' : 'linux', arch, ephemeralGb: Math.max(0, ephemeral - 20) } };
}

// ── The estimate ─────────────────────────────────────────────────────────────────────────────────────────────

type Counts = { desired: number; min: number; max: number; scaled: boolean; note: string };

function serviceCounts(index: DesignIndex, service: NodeOf<'service'>): Counts {
  const target = index.incoming(service.id, 'scalable-target-service').map((e) => index.node(e.source)).find((n) => n?.kind === 'scalableTarget');
  const desiredSet = service.properties.desiredCount;
  if (target?.kind === 'scalableTarget') {
    const { minCapacity: min, maxCapacity: max } = target.properties;
    const desired = desiredSet ?? min;
    return { desired, min, max, scaled: true, note: desiredSet === undefined ? `desired count not set: auto scaling minimum ${min}` : '' };
  }
  return { desired: desiredSet ?? 1, min: desiredSet ?? 1, max: desiredSet ?? 1, scaled: false, note: desiredSet === undefined ? 'desired count not set: 1 task assumed' : '' };
}

type Builder = {
  lines: CostLine[];
  unpriced: UnpricedItem[];
  notes: CostNote[];
};

type ServiceOverride = { arch?: 'ARM64'; allSpot?: boolean };

/** The Fargate lines of one service (compute, license, ephemeral storage), optionally under a what-if override. */
function fargateLines(
  index: DesignIndex,
  service: NodeOf<'service'>,
  prices: RegionPrices,
  a: CostAssumptions,
  out: Builder,
  override: ServiceOverride = {},
): void {
  const name = service.properties.serviceName;
  if (service.properties.schedulingStrategy === 'DAEMON') {
    out.notes.push({ nodeId: service.id, text: `${name}: a DAEMON service runs on the cluster's EC2 instances; priced with their Auto Scaling group` });
    return;
  }
  const tdNode = index.targetOf(service.id, 'service-task-definition');
  const td = tdNode?.kind === 'taskDefinition' ? tdNode : undefined;
  const capacity = capacityOf(index, service, td);
  if (capacity.kind === 'external') {
    out.notes.push({ nodeId: service.id, text: `${name}: EXTERNAL launch type (ECS Anywhere) runs on your own servers; not priced` });
    return;
  }
  if (capacity.kind === 'ec2-launch-type') {
    out.notes.push({ nodeId: service.id, text: `${name}: runs on the cluster's EC2 instances; priced by their Auto Scaling group, not per task` });
    return;
  }
  let entries = capacity.entries;
  if (override.allSpot) entries = [{ kind: 'fargate', spot: true, weight: 1, base: 0 }];
  const counts = serviceCounts(index, service);
  if (counts.note) out.notes.push({ nodeId: service.id, text: `${name}: ${counts.note}` });
  const split = {
    desired: splitTasks(counts.desired, entries),
    min: splitTasks(counts.min, entries),
    max: splitTasks(counts.max, entries),
  };
  entries.forEach((entry, i) => {
    if (entry.kind === 'asg') {
      const n = split.desired[i] ?? 0;
      const asg = index.node(entry.nodeId);
      out.notes.push({ nodeId: service.id, text: `${name}: ${tasks(n)} on ${asg ? nodeTitle(asg) : entry.nodeId} (EC2), priced with its instances` });
    }
  });
  const fargateIdx = entries.map((e, i) => (e.kind === 'fargate' ? i : -1)).filter((i) => i >= 0);
  const anyFargate = fargateIdx.some((i) => (split.desired[i] ?? 0) > 0 || (split.max[i] ?? 0) > 0);
  if (!anyFargate) return;
  if (!td) {
    out.unpriced.push({ nodeId: service.id, label: `${name}: Fargate tasks`, reason: 'no task definition connected, so the task size is unknown' });
    return;
  }
  const shaped = taskShape(td);
  if (!shaped.ok) {
    out.unpriced.push({ nodeId: service.id, label: `${name}: Fargate tasks (${td.properties.family})`, reason: shaped.reason });
    return;
  }
  const shape: TaskShape = { ...shaped.shape, arch: override.arch ?? shaped.shape.arch };
  const h = a.hoursPerMonth;
  const osLabel = shape.os === 'windows' ? 'Windows/x86' : shape.arch === 'ARM64' ? 'Linux/ARM64' : 'Linux/x86';
  const rates: FargateRates = shape.os === 'windows' ? prices.fargate.windowsX86 : shape.arch === 'ARM64' ? prices.fargate.linuxArm : prices.fargate.linuxX86;
  for (const i of fargateIdx) {
    const entry = entries[i];
    if (entry?.kind !== 'fargate') continue;
    const nDesired = split.desired[i] ?? 0;
    const nMin = split.min[i] ?? 0;
    const nMax = split.max[i] ?? 0;
    if (nDesired === 0 && nMax === 0) continue;
    // Fargate Spot does not run Windows tasks: price those on-demand and say so.
    const spot = entry.spot && shape.os === 'linux';
    if (entry.spot && !spot) out.notes.push({ nodeId: service.id, text: `${name}: Fargate Spot does not run Windows tasks; priced as on-demand Fargate` });
    const factor = spot ? 1 - a.spotDiscount : 1;
    const spotText = spot ? ` × (1 − ${num(a.spotDiscount)} Spot discount)` : '';
    const provider = spot ? 'FARGATE_SPOT' : 'FARGATE';
    const category: CostCategory = spot ? 'fargate-spot' : 'fargate';
    const add = (what: string, label: string, cat: CostCategory, perTaskHour: number, formulaHead: string) => {
      const perTask = perTaskHour * h * factor;
      out.lines.push({
        id: `${service.id}:${provider}:${what}`,
        nodeId: service.id,
        category: cat,
        label: `${name} — ${label} (${provider}, ${osLabel})`,
        formula: `${formulaHead} × ${num(h)} h × ${tasks(nDesired)}${spotText}`,
        monthly: perTask * nDesired,
        ...(counts.scaled ? { range: { min: perTask * nMin, max: perTask * nMax } } : {}),
      });
    };
    add('vcpu', 'vCPU', category, shape.vcpu * rates.vcpuHour, `${num(shape.vcpu)} vCPU × ${rate(rates.vcpuHour)}`);
    add('memory', 'memory', category, shape.gb * rates.gbHour, `${num(shape.gb)} GB × ${rate(rates.gbHour)}`);
    if (shape.os === 'windows') {
      const license = prices.fargate.windowsX86.licenseVcpuHour;
      add('license', 'Windows OS license', 'windows-license', shape.vcpu * license, `${num(shape.vcpu)} vCPU × ${rate(license)} license`);
    }
    if (shape.ephemeralGb > 0) {
      const eph = prices.fargate.ephemeralGbHour;
      add('ephemeral', `ephemeral storage above 20 GB`, 'ephemeral-storage', shape.ephemeralGb * eph, `${num(shape.ephemeralGb)} GB × ${rate(eph)}`);
    }
  }
}

function serviceLogs(index: DesignIndex, service: NodeOf<'service'>, prices: RegionPrices, a: CostAssumptions, out: Builder): void {
  const td = index.targetOf(service.id, 'service-task-definition');
  if (td?.kind !== 'taskDefinition') return;
  const logs = index
    .containersOf(td.id)
    .some((c) => index.outgoing(c.id, 'container-log-group').length > 0 || c.properties.logConfiguration?.logDriver === 'awslogs');
  if (!logs || a.logGbPerServiceMonth === 0) return;
  const p = prices.logsIngestionGb;
  out.lines.push({
    id: `${service.id}:logs`,
    nodeId: service.id,
    category: 'logs',
    label: `${service.properties.serviceName} — CloudWatch Logs ingestion`,
    formula: `${num(a.logGbPerServiceMonth)} GB/month × ${rate(p)} per GB`,
    monthly: a.logGbPerServiceMonth * p,
  });
}

function asgLines(index: DesignIndex, asg: NodeOf<'asgCapacityProvider'>, prices: RegionPrices, region: string, a: CostAssumptions, out: Builder): void {
  const p = asg.properties;
  const type = p.instanceType;
  const hourly = prices.ec2[type];
  if (hourly === undefined) {
    out.unpriced.push({ nodeId: asg.id, label: `${p.name}: ${type} instances`, reason: `${type} is not in the price table for ${region}` });
    return;
  }
  const used = index.incoming(asg.id, 'service-capacity-provider').length > 0;
  const desired = p.desiredCapacity ?? (used ? Math.max(p.minSize, 1) : p.minSize);
  const perInstance = hourly * a.hoursPerMonth;
  const why = p.desiredCapacity !== undefined ? '' : used && p.minSize === 0 ? ' (desired not set: 1 instance for its services)' : ' (desired not set: minimum size)';
  out.lines.push({
    id: `${asg.id}:ec2`,
    nodeId: asg.id,
    category: 'ec2',
    label: `${p.name} — ${type} on-demand instances`,
    formula: `${num(desired)} × ${type} × ${rate(hourly)} × ${num(a.hoursPerMonth)} h${why}`,
    monthly: perInstance * desired,
    range: { min: perInstance * p.minSize, max: perInstance * Math.max(p.maxSize, desired) },
  });
}

function loadBalancerLines(lb: NodeOf<'loadBalancer'>, prices: RegionPrices, a: CostAssumptions, out: Builder): void {
  const p = lb.properties;
  if (p.arn !== undefined) {
    out.notes.push({ nodeId: lb.id, text: `${p.name}: an existing load balancer (ARN given); its cost is not part of this design` });
    return;
  }
  const alb = p.type === 'application';
  const hourly = alb ? prices.elb.albHour : prices.elb.nlbHour;
  const unit = alb ? prices.elb.albLcuHour : prices.elb.nlbNlcuHour;
  const unitName = alb ? 'LCU' : 'NLCU';
  const h = a.hoursPerMonth;
  out.lines.push({
    id: `${lb.id}:hours`,
    nodeId: lb.id,
    category: 'load-balancer',
    label: `${p.name} — ${alb ? 'Application' : 'Network'} Load Balancer hours`,
    formula: `${rate(hourly)} × ${num(h)} h`,
    monthly: hourly * h,
  });
  if (a.lcuPerLoadBalancer > 0) {
    out.lines.push({
      id: `${lb.id}:capacity-units`,
      nodeId: lb.id,
      category: 'load-balancer',
      label: `${p.name} — ${unitName}s (assumed traffic)`,
      formula: `${num(a.lcuPerLoadBalancer)} ${unitName} × ${rate(unit)} × ${num(h)} h`,
      monthly: a.lcuPerLoadBalancer * unit * h,
    });
  }
}

function efsLines(fs: NodeOf<'efsFileSystem'>, prices: RegionPrices, a: CostAssumptions, out: Builder): void {
  const title = fs.properties.name ?? fs.properties.fileSystemId ?? fs.id;
  if (fs.properties.fileSystemId !== undefined) {
    out.notes.push({ nodeId: fs.id, text: `${title}: an existing file system; its storage cost is not part of this design` });
    return;
  }
  const p = prices.efsStandardGbMonth;
  out.lines.push({
    id: `${fs.id}:storage`,
    nodeId: fs.id,
    category: 'efs',
    label: `${title} — EFS Standard storage (assumed size)`,
    formula: `${num(a.efsStorageGb)} GB × ${rate(p)} per GB-month`,
    monthly: a.efsStorageGb * p,
  });
}

function sumLines(lines: readonly CostLine[]): Money {
  let monthly = 0;
  let min = 0;
  let max = 0;
  for (const l of lines) {
    monthly += l.monthly;
    min += l.range?.min ?? l.monthly;
    max += l.range?.max ?? l.monthly;
  }
  return { monthly, min, max };
}

/** Prices of the design's region, or of DEFAULT_PRICING_REGION with a note saying why. */
export function regionPrices(design: Design, table: PriceTable): { region: string; prices: RegionPrices; note?: string } {
  const wanted = design.settings.region;
  const found = wanted === undefined ? undefined : table.regions[wanted];
  if (wanted !== undefined && found) return { region: wanted, prices: found };
  const fallback = table.regions[DEFAULT_PRICING_REGION] ?? Object.values(table.regions)[0];
  const fallbackRegion = table.regions[DEFAULT_PRICING_REGION] ? DEFAULT_PRICING_REGION : (Object.keys(table.regions)[0] ?? DEFAULT_PRICING_REGION);
  if (!fallback) throw new Error('the price table has no regions');
  const note =
    wanted === undefined
      ? `The design has no region: priced with ${fallbackRegion} prices.`
      : `The price table has no prices for ${wanted}: priced with ${fallbackRegion} prices.`;
  return { region: fallbackRegion, prices: fallback, note };
}

/** The estimate of a whole design. */
export function estimateDesign(design: Design, table: PriceTable = SHIPPED_PRICE_TABLE): CostEstimate {
  const index = new DesignIndex(design);
  const a = costAssumptions(design, table);
  const { region, prices, note } = regionPrices(design, table);
  const out: Builder = { lines: [], unpriced: [], notes: [] };
  const services = index.ofKind('service');
  for (const s of services) {
    fargateLines(index, s, prices, a, out);
    serviceLogs(index, s, prices, a, out);
  }
  for (const asg of index.ofKind('asgCapacityProvider')) asgLines(index, asg, prices, region, a, out);
  for (const lb of index.ofKind('loadBalancer')) loadBalancerLines(lb, prices, a, out);
  for (const fs of index.ofKind('efsFileSystem')) efsLines(fs, prices, a, out);

  const byNode: Record<string, Money> = {};
  const grouped = new Map<string, CostLine[]>();
  for (const l of out.lines) grouped.set(l.nodeId, [...(grouped.get(l.nodeId) ?? []), l]);
  for (const [id, lines] of grouped) byNode[id] = sumLines(lines);

  const whatIfs: WhatIf[] = [];
  for (const s of services) whatIfs.push(...serviceWhatIfs(index, s, prices, a));

  return {
    region,
    ...(note !== undefined ? { regionNote: note } : {}),
    priceTable: { asOf: table.asOf, source: table.source },
    assumptions: a,
    lines: out.lines,
    unpriced: out.unpriced,
    notes: out.notes,
    whatIfs,
    byNode,
    total: sumLines(out.lines),
  };
}

function computeMonthly(index: DesignIndex, s: NodeOf<'service'>, prices: RegionPrices, a: CostAssumptions, override: ServiceOverride = {}): { monthly: number; priced: boolean } {
  const out: Builder = { lines: [], unpriced: [], notes: [] };
  fargateLines(index, s, prices, a, out, override);
  return { monthly: out.lines.reduce((sum, l) => sum + l.monthly, 0), priced: out.lines.length > 0 && out.unpriced.length === 0 };
}

/** The savings of ARM64 and of Fargate Spot for one service, at its desired count (none under half a cent). */
function serviceWhatIfs(index: DesignIndex, s: NodeOf<'service'>, prices: RegionPrices, a: CostAssumptions): WhatIf[] {
  const now = computeMonthly(index, s, prices, a);
  if (!now.priced) return [];
  const td = index.targetOf(s.id, 'service-task-definition');
  if (td?.kind !== 'taskDefinition') return [];
  const shaped = taskShape(td);
  if (!shaped.ok || shaped.shape.os === 'windows') return [];
  const out: WhatIf[] = [];
  const name = s.properties.serviceName;
  if (shaped.shape.arch === 'X86_64') {
    const after = computeMonthly(index, s, prices, a, { arch: 'ARM64' }).monthly;
    if (now.monthly - after >= 0.005) {
      out.push({
        serviceId: s.id,
        kind: 'arm64',
        label: `${name}: run on ARM64 (Graviton)`,
        monthlyNow: now.monthly,
        monthlyAfter: after,
        saving: now.monthly - after,
        caveat: `Every container image of ${td.properties.family} must be built for linux/arm64.` + (index.incoming(td.id, 'service-task-definition').length > 1 ? ' The task definition is shared: other services change too.' : ''),
      });
    }
  }
  const after = computeMonthly(index, s, prices, a, { allSpot: true }).monthly;
  if (now.monthly - after >= 0.005) {
    out.push({
      serviceId: s.id,
      kind: 'fargate-spot',
      label: `${name}: run all tasks on Fargate Spot`,
      monthlyNow: now.monthly,
      monthlyAfter: after,
      saving: now.monthly - after,
      caveat: 'Spot tasks can be stopped with a two-minute warning when AWS needs the capacity back; keep an on-demand base for steady work.',
    });
  }
  return out;
}
