import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDesignText, serializeDesign, type Design, type DesignSettings } from '../model/document';
import { PatternBuilder, containerAt } from '../patterns/builder';
import { loadBalancedWebService, spotQueueWorker } from '../patterns/patterns';
import { applyWhatIf, setCostAssumption, whatIfApplicability } from './edits';
import { estimateDesign, formatUsd, splitTasks, type CostEstimate, type CostLine } from './estimate';
import { PriceTableSchema, SHIPPED_PRICE_TABLE } from './priceTable';

/*
 * Expected figures are computed here by hand from the shipped table's published rates, written out as literals:
 *   us-east-1 Fargate Linux/x86 $0.04048 per vCPU-h, $0.004445 per GB-h; Linux/ARM $0.03238, $0.00356;
 *   Windows/x86 $0.09148, $0.01005 + license $0.046 per vCPU-h; ephemeral $0.000111 per GB-h; Spot 70% off;
 *   eu-central-1 Fargate Linux/ARM $0.03725, $0.00409; EC2 t3.medium $0.0416 per h; ALB $0.0225 per h + $0.008 per LCU-h;
 *   EFS $0.30 per GB-month; CloudWatch Logs $0.50 per GB.
 */

it('the shipped table holds the published us-east-1 rates the expectations below use', () => {
  const us = SHIPPED_PRICE_TABLE.regions['us-east-1']!;
  expect(us.fargate.linuxX86).toEqual({ vcpuHour: 0.04048, gbHour: 0.004445 });
  expect(us.fargate.linuxArm).toEqual({ vcpuHour: 0.03238, gbHour: 0.00356 });
  expect(us.fargate.windowsX86).toEqual({ vcpuHour: 0.09148, gbHour: 0.01005, licenseVcpuHour: 0.046 });
  expect(us.fargate.ephemeralGbHour).toBe(0.000111);
  expect(us.ec2['t3.medium']).toBe(0.0416);
  expect(us.elb).toEqual({ albHour: 0.0225, albLcuHour: 0.008, nlbHour: 0.0225, nlbNlcuHour: 0.006 });
  expect(us.efsStandardGbMonth).toBe(0.3);
  expect(us.logsIngestionGb).toBe(0.5);
  expect(SHIPPED_PRICE_TABLE.fargateSpotDiscount).toBe(0.7);
  expect(SHIPPED_PRICE_TABLE.regions['eu-central-1']!.fargate.linuxArm).toEqual({ vcpuHour: 0.03725, gbHour: 0.00409 });
  // Windows outside us-east-1 is derived (stated in the table header): Linux/x86 × 0.09148 / 0.04048.
  expect(SHIPPED_PRICE_TABLE.regions['eu-central-1']!.fargate.windowsX86.vcpuHour).toBeCloseTo((0.04656 * 0.09148) / 0.04048, 6);
  for (const r of ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-central-1', 'eu-west-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1']) {
    expect(SHIPPED_PRICE_TABLE.regions[r], r).toBeDefined();
  }
});

type Svc = {
  cpu?: string;
  memory?: string;
  os?: 'LINUX' | 'WINDOWS_SERVER_2022_CORE';
  arch?: 'X86_64' | 'ARM64';
  ephemeralGiB?: number;
  desired?: number;
  launchType?: 'FARGATE' | 'EC2';
  scale?: { min: number; max: number };
  strategy?: { provider: 'FARGATE' | 'FARGATE_SPOT'; weight: number; base?: number }[];
  logs?: boolean;
};

/** One cluster with one service and its task definition. */
function serviceDesign(svc: Svc, settings: DesignSettings = { region: 'us-east-1' }): { design: Design; service: string; td: string } {
  const b = new PatternBuilder('design-test', 'test', '', settings);
  const cluster = b.node('cluster', { clusterName: 'c' });
  const td = b.node('taskDefinition', {
    family: 'app',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    ...(svc.cpu === undefined ? {} : { cpu: svc.cpu }),
    ...(svc.memory === undefined ? {} : { memory: svc.memory }),
    runtimePlatform: { cpuArchitecture: svc.arch ?? 'X86_64', operatingSystemFamily: svc.os ?? 'LINUX' },
    ...(svc.ephemeralGiB === undefined ? {} : { ephemeralStorage: { sizeInGiB: svc.ephemeralGiB } }),
  });
  const c = b.node('container', { name: 'app', essential: true, image: 'nginx' }, containerAt(td));
  if (svc.logs) b.connect(c, b.node('logGroup', { logGroupName: '/ecs/app' }));
  const service = b.node('service', {
    serviceName: 'app',
    ...(svc.desired === undefined ? {} : { desiredCount: svc.desired }),
    ...(svc.launchType === undefined ? {} : { launchType: svc.launchType }),
  });
  b.connect(service, cluster);
  b.connect(service, td);
  for (const s of svc.strategy ?? []) {
    const cp = b.node('fargateCapacityProvider', { provider: s.provider });
    b.connect(cp, cluster, {});
    b.connect(service, cp, { weight: s.weight, ...(s.base === undefined ? {} : { base: s.base }) });
  }
  if (svc.scale) {
    const t = b.node('scalableTarget', { minCapacity: svc.scale.min, maxCapacity: svc.scale.max });
    b.connect(t, service);
  }
  return { design: b.design, service, td };
}

function line(e: CostEstimate, id: string): CostLine {
  const l = e.lines.find((x) => x.id === id);
  if (!l) throw new Error(`no line ${id}; lines: ${e.lines.map((x) => x.id).join(', ')}`);
  return l;
}

describe('Fargate services', () => {
  it('prices vCPU and memory of a Linux/x86 service: size × rate × hours × tasks, with the formula as text', () => {
    const { design, service } = serviceDesign({ cpu: '256', memory: '512', desired: 2, launchType: 'FARGATE' });
    const e = estimateDesign(design);
    const vcpu = line(e, `${service}:FARGATE:vcpu`);
    expect(vcpu.formula).toBe('0.25 vCPU × $0.04048 × 730 h × 2 tasks');
    expect(vcpu.monthly).toBeCloseTo(0.25 * 0.04048 * 730 * 2, 10); // 14.7752
    const mem = line(e, `${service}:FARGATE:memory`);
    expect(mem.formula).toBe('0.5 GB × $0.004445 × 730 h × 2 tasks');
    expect(mem.monthly).toBeCloseTo(0.5 * 0.004445 * 730 * 2, 10); // 3.24485
    expect(e.byNode[service]!.monthly).toBeCloseTo(14.7752 + 3.24485, 8);
    expect(e.total.monthly).toBeCloseTo(18.02005, 8);
    expect(vcpu.range).toBeUndefined();
  });

  it('prices ARM64 at the Linux/ARM rates of the design region', () => {
    const { design, service } = serviceDesign({ cpu: '1024', memory: '2048', arch: 'ARM64', desired: 3, launchType: 'FARGATE' }, { region: 'eu-central-1' });
    const e = estimateDesign(design);
    expect(e.region).toBe('eu-central-1');
    expect(line(e, `${service}:FARGATE:vcpu`).formula).toBe('1 vCPU × $0.03725 × 730 h × 3 tasks');
    expect(e.byNode[service]!.monthly).toBeCloseTo(1 * 0.03725 * 730 * 3 + 2 * 0.00409 * 730 * 3, 8); // 81.5775 + 17.9142
  });

  it('prices Windows with its vCPU and memory rates plus the OS license per vCPU-hour', () => {
    const { design, service } = serviceDesign({ cpu: '1024', memory: '2048', os: 'WINDOWS_SERVER_2022_CORE', desired: 1, launchType: 'FARGATE' });
    const e = estimateDesign(design);
    const license = line(e, `${service}:FARGATE:license`);
    expect(license.category).toBe('windows-license');
    expect(license.formula).toBe('1 vCPU × $0.046 license × 730 h × 1 task');
    expect(license.monthly).toBeCloseTo(33.58, 8); // 1 × 0.046 × 730
    expect(e.byNode[service]!.monthly).toBeCloseTo(1 * 0.09148 * 730 + 2 * 0.01005 * 730 + 1 * 0.046 * 730, 8); // 66.7804 + 14.673 + 33.58
  });

  it('prices ephemeral storage above the free 20 GiB', () => {
    const { design, service } = serviceDesign({ cpu: '256', memory: '512', ephemeralGiB: 50, desired: 2, launchType: 'FARGATE' });
    const eph = line(estimateDesign(design), `${service}:FARGATE:ephemeral`);
    expect(eph.formula).toBe('30 GB × $0.000111 × 730 h × 2 tasks');
    expect(eph.monthly).toBeCloseTo(30 * 0.000111 * 730 * 2, 10); // 4.8618
    const free = serviceDesign({ cpu: '256', memory: '512', ephemeralGiB: 20, desired: 2, launchType: 'FARGATE' });
    expect(estimateDesign(free.design).lines.some((l) => l.category === 'ephemeral-storage')).toBe(false);
  });

  it('splits a capacity provider strategy: base first, the rest by weight, Spot at the stated discount', () => {
    // 11 tasks: FARGATE base 1 weight 1, FARGATE_SPOT weight 4 → FARGATE 1 + 10×1/5 = 3, SPOT 10×4/5 = 8.
    const { design, service } = serviceDesign({
      cpu: '256',
      memory: '512',
      desired: 11,
      strategy: [
        { provider: 'FARGATE', weight: 1, base: 1 },
        { provider: 'FARGATE_SPOT', weight: 4 },
      ],
    });
    const e = estimateDesign(design);
    expect(line(e, `${service}:FARGATE:vcpu`).monthly).toBeCloseTo(0.25 * 0.04048 * 730 * 3, 10);
    const spot = line(e, `${service}:FARGATE_SPOT:vcpu`);
    expect(spot.category).toBe('fargate-spot');
    expect(spot.formula).toBe('0.25 vCPU × $0.04048 × 730 h × 8 tasks × (1 − 0.7 Spot discount)');
    expect(spot.monthly).toBeCloseTo(0.25 * 0.04048 * 730 * 8 * 0.3, 10);
    const onDemand = 0.25 * 0.04048 * 730 * 3 + 0.5 * 0.004445 * 730 * 3;
    const spotTotal = (0.25 * 0.04048 * 730 * 8 + 0.5 * 0.004445 * 730 * 8) * 0.3;
    expect(e.byNode[service]!.monthly).toBeCloseTo(onDemand + spotTotal, 8);

    // The Spot discount is an assumption of the design: 60% instead of the table's 70%.
    const edited = setCostAssumption(design, 'spotDiscount', 0.6);
    if (!edited.ok) throw new Error(edited.reason);
    const e2 = estimateDesign(edited.design);
    expect(line(e2, `${service}:FARGATE_SPOT:vcpu`).monthly).toBeCloseTo(0.25 * 0.04048 * 730 * 8 * 0.4, 10);
  });

  it('uses the cluster default strategy when the service has neither a strategy nor a launch type', () => {
    const { design, service } = spotFromPattern();
    const e = estimateDesign(design);
    expect(e.lines.some((l) => l.id === `${service}:FARGATE_SPOT:vcpu`)).toBe(true);
  });

  it('gives the auto-scaling range min–max from the scalable target, splitting each count over the strategy', () => {
    // min 2 → FARGATE base 1, remaining 1 → weights 1:4 → SPOT 1 (0.8 > 0.2); max 10 → FARGATE 1 + 9: 1.8→1, 7.2→7, left 1 to FARGATE (0.8) → 3 / 7.
    const { design, service } = serviceDesign({
      cpu: '512',
      memory: '1024',
      desired: 2,
      scale: { min: 2, max: 10 },
      strategy: [
        { provider: 'FARGATE', weight: 1, base: 1 },
        { provider: 'FARGATE_SPOT', weight: 4 },
      ],
    });
    const e = estimateDesign(design);
    const perTask = 0.5 * 0.04048 * 730 + 1 * 0.004445 * 730; // 14.7752 + 3.24485 = 18.02005
    expect(e.byNode[service]!.min).toBeCloseTo(perTask * 1 + perTask * 1 * 0.3, 8);
    expect(e.byNode[service]!.max).toBeCloseTo(perTask * 3 + perTask * 7 * 0.3, 8);
    expect(e.byNode[service]!.monthly).toBeCloseTo(e.byNode[service]!.min, 8);
  });

  it('takes the scalable target minimum when the service sets no desired count', () => {
    const { design, service } = serviceDesign({ cpu: '256', memory: '512', launchType: 'FARGATE', scale: { min: 3, max: 6 } });
    const e = estimateDesign(design);
    const vcpu = line(e, `${service}:FARGATE:vcpu`);
    expect(vcpu.monthly).toBeCloseTo(0.25 * 0.04048 * 730 * 3, 10);
    expect(vcpu.range).toEqual({ min: expect.closeTo(0.25 * 0.04048 * 730 * 3, 8), max: expect.closeTo(0.25 * 0.04048 * 730 * 6, 8) });
    expect(e.notes.some((n) => n.text.includes('auto scaling minimum 3'))).toBe(true);
  });

  it('reports a task size that is not a Fargate size as unpriced, with the reason, and prices nothing for it', () => {
    const { design, service } = serviceDesign({ cpu: '256', memory: '4096', desired: 2, launchType: 'FARGATE', logs: true });
    const e = estimateDesign(design);
    expect(e.unpriced).toEqual([
      { nodeId: service, label: 'app: Fargate tasks (app)', reason: 'cpu 256 / memory 4096 MiB is not a Fargate task size, so it has no Fargate price' },
    ]);
    expect(e.lines.filter((l) => l.nodeId === service).map((l) => l.category)).toEqual(['logs']);
    const missing = serviceDesign({ memory: '512', desired: 1, launchType: 'FARGATE' });
    expect(estimateDesign(missing.design).unpriced[0]?.reason).toMatch(/cpu is not set/);
  });
});

describe('EC2, load balancers, EFS, logs', () => {
  it('prices an EC2 cluster by its Auto Scaling group instances, not by tasks', () => {
    const b = new PatternBuilder('design-ec2', 'ec2', '', { region: 'us-east-1' });
    const cluster = b.node('cluster', { clusterName: 'c' });
    const asg = b.node('asgCapacityProvider', { name: 'cap', instanceType: 't3.medium', minSize: 1, maxSize: 6 });
    b.connect(asg, cluster, { defaultWeight: 1 });
    const td = b.node('taskDefinition', { family: 'api', requiresCompatibilities: ['EC2'], cpu: '512', memory: '1024' });
    b.node('container', { name: 'api', essential: true, image: 'nginx' }, containerAt(td));
    const service = b.node('service', { serviceName: 'api', desiredCount: 4 });
    b.connect(service, cluster);
    b.connect(service, td);
    b.connect(service, asg, { weight: 1 });
    const e = estimateDesign(b.design);
    expect(e.lines.filter((l) => l.nodeId === service)).toEqual([]);
    const ec2 = line(e, `${asg}:ec2`);
    expect(ec2.formula).toBe('1 × t3.medium × $0.0416 × 730 h (desired not set: minimum size)');
    expect(ec2.monthly).toBeCloseTo(1 * 0.0416 * 730, 10); // 30.368
    expect(ec2.range).toEqual({ min: expect.closeTo(30.368, 8), max: expect.closeTo(6 * 0.0416 * 730, 8) }); // 182.208
    expect(e.notes.some((n) => n.nodeId === service && n.text.includes('4 tasks on cap (EC2), priced with its instances'))).toBe(true);
  });

  it('reports an instance type missing from the table', () => {
    const b = new PatternBuilder('design-ec2', 'ec2', '', { region: 'us-east-1' });
    const asg = b.node('asgCapacityProvider', { name: 'cap', instanceType: 'x2iedn.32xlarge', minSize: 1, maxSize: 2 });
    expect(estimateDesign(b.design).unpriced).toEqual([{ nodeId: asg, label: 'cap: x2iedn.32xlarge instances', reason: 'x2iedn.32xlarge is not in the price table for us-east-1' }]);
  });

  it('prices the web pattern: Fargate tasks, ALB hours + assumed LCU, and log ingestion', () => {
    const design = loadBalancedWebService({ settings: { region: 'us-east-1' } });
    const e = estimateDesign(design);
    const alb = design.nodes.find((n) => n.kind === 'loadBalancer')!;
    expect(line(e, `${alb.id}:hours`).monthly).toBeCloseTo(0.0225 * 730, 10); // 16.425
    expect(line(e, `${alb.id}:capacity-units`).formula).toBe('1 LCU × $0.008 × 730 h');
    const service = design.nodes.find((n) => n.kind === 'service')!;
    expect(line(e, `${service.id}:logs`).monthly).toBeCloseTo(5 * 0.5, 10);
    const compute = 0.5 * 0.04048 * 730 * 2 + 1 * 0.004445 * 730 * 2; // 29.5504 + 6.4897
    expect(e.total.monthly).toBeCloseTo(compute + 16.425 + 0.008 * 730 + 2.5, 8); // 60.8051
    // Auto scaling 2–10 tasks: only the task lines scale.
    expect(e.total.max).toBeCloseTo(compute * 5 + 16.425 + 5.84 + 2.5, 8);
    expect(formatUsd(e.total.monthly)).toBe('$60.81');
  });

  it('prices EFS storage at the assumed size and skips existing resources with a note', () => {
    const b = new PatternBuilder('design-efs', 'efs', '', { region: 'us-east-1', cost: { efsStorageGb: 50 } });
    const fs = b.node('efsFileSystem', { name: 'data' });
    const existing = b.node('efsFileSystem', { fileSystemId: 'fs-12345678' });
    const lb = b.node('loadBalancer', { name: 'old', type: 'network', arn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/old/abc' });
    const e = estimateDesign(b.design);
    expect(line(e, `${fs}:storage`).monthly).toBeCloseTo(50 * 0.3, 10);
    expect(e.lines.some((l) => l.nodeId === existing || l.nodeId === lb)).toBe(false);
    expect(e.notes.map((n) => n.nodeId).sort()).toEqual([existing, lb].sort());
  });

  it('falls back to us-east-1 prices, saying so, for a design without a region or with one the table lacks', () => {
    const none = serviceDesign({ cpu: '256', memory: '512', desired: 1, launchType: 'FARGATE' }, {});
    expect(estimateDesign(none.design).regionNote).toBe('The design has no region: priced with us-east-1 prices.');
    const other = serviceDesign({ cpu: '256', memory: '512', desired: 1, launchType: 'FARGATE' }, { region: 'sa-east-1' });
    const e = estimateDesign(other.design);
    expect(e.region).toBe('us-east-1');
    expect(e.regionNote).toBe('The price table has no prices for sa-east-1: priced with us-east-1 prices.');
  });

  it('uses the hours-per-month assumption of the design', () => {
    const { design, service } = serviceDesign({ cpu: '256', memory: '512', desired: 1, launchType: 'FARGATE' }, { region: 'us-east-1', cost: { hoursPerMonth: 200 } });
    expect(line(estimateDesign(design), `${service}:FARGATE:vcpu`).formula).toBe('0.25 vCPU × $0.04048 × 200 h × 1 task');
  });
});

function spotFromPattern(): { design: Design; service: string } {
  // The queue-worker pattern, with the service's own strategy removed: the cluster default (SPOT 4, FARGATE base 1) applies.
  const design = spotQueueWorker({ settings: { region: 'us-east-1' } });
  const service = design.nodes.find((n) => n.kind === 'service')!.id;
  return { design: { ...design, edges: design.edges.filter((e) => !(e.kind === 'service-capacity-provider' && e.source === service)) }, service };
}

describe('what if', () => {
  it('computes the ARM64 saving and applies it as an edit of the task definition', () => {
    const { design, service, td } = serviceDesign({ cpu: '1024', memory: '2048', desired: 2, launchType: 'FARGATE' });
    const e = estimateDesign(design);
    const arm = e.whatIfs.find((w) => w.kind === 'arm64')!;
    const x86 = (1 * 0.04048 + 2 * 0.004445) * 730 * 2; // 72.0096
    const graviton = (1 * 0.03238 + 2 * 0.00356) * 730 * 2; // 57.6408
    expect(arm.serviceId).toBe(service);
    expect(arm.monthlyNow).toBeCloseTo(x86, 8);
    expect(arm.monthlyAfter).toBeCloseTo(graviton, 8);
    expect(arm.saving).toBeCloseTo(x86 - graviton, 8);
    const applied = applyWhatIf(design, arm);
    if (!applied.ok) throw new Error(applied.reason);
    const node = applied.design.nodes.find((n) => n.id === td);
    expect(node?.kind === 'taskDefinition' && node.properties.runtimePlatform?.cpuArchitecture).toBe('ARM64');
    expect(estimateDesign(applied.design).byNode[service]!.monthly).toBeCloseTo(graviton, 8);
    expect(estimateDesign(applied.design).whatIfs.some((w) => w.kind === 'arm64')).toBe(false);
  });

  it('computes the Fargate Spot saving; applying it needs a FARGATE_SPOT provider on the cluster', () => {
    const { design, service } = serviceDesign({ cpu: '256', memory: '512', desired: 4, launchType: 'FARGATE' });
    const spot = estimateDesign(design).whatIfs.find((w) => w.kind === 'fargate-spot')!;
    const now = (0.25 * 0.04048 + 0.5 * 0.004445) * 730 * 4;
    expect(spot.monthlyAfter).toBeCloseTo(now * 0.3, 8);
    expect(spot.saving).toBeCloseTo(now * 0.7, 8);
    expect(whatIfApplicability(design, spot)).toEqual({ ok: false, reason: 'add a FARGATE_SPOT capacity provider to the cluster first' });

    const worker = spotQueueWorker({ settings: { region: 'us-east-1' } });
    const workerService = worker.nodes.find((n) => n.kind === 'service')!.id;
    const w = estimateDesign(worker).whatIfs.find((x) => x.kind === 'fargate-spot' && x.serviceId === workerService)!;
    const applied = applyWhatIf(worker, w);
    if (!applied.ok) throw new Error(applied.reason);
    const after = estimateDesign(applied.design);
    expect(after.lines.filter((l) => l.nodeId === workerService && l.category === 'fargate')).toEqual([]);
    expect(after.byNode[workerService]!.monthly).toBeCloseTo(w.monthlyAfter + 5 * 0.5, 8);
    expect(service).toBeDefined();
  });

  it('offers no what-if that saves nothing (a service scaled to zero)', () => {
    const { design } = serviceDesign({ cpu: '256', memory: '512', desired: 0, launchType: 'FARGATE', scale: { min: 0, max: 1 } });
    expect(estimateDesign(design).whatIfs).toEqual([]);
  });

  it('offers no what-if for Windows or for a service that cannot be priced', () => {
    const win = serviceDesign({ cpu: '1024', memory: '2048', os: 'WINDOWS_SERVER_2022_CORE', desired: 1, launchType: 'FARGATE' });
    expect(estimateDesign(win.design).whatIfs).toEqual([]);
    const bad = serviceDesign({ cpu: '300', memory: '512', desired: 1, launchType: 'FARGATE' });
    expect(estimateDesign(bad.design).whatIfs).toEqual([]);
  });
});

describe('splitTasks', () => {
  it('places bases first, then the remainder by weight, leftovers to the largest fractions', () => {
    expect(splitTasks(11, [{ weight: 1, base: 1 }, { weight: 4, base: 0 }])).toEqual([3, 8]);
    expect(splitTasks(1, [{ weight: 1, base: 1 }, { weight: 4, base: 0 }])).toEqual([1, 0]);
    expect(splitTasks(3, [{ weight: 1, base: 0 }, { weight: 1, base: 0 }])).toEqual([2, 1]);
    expect(splitTasks(0, [{ weight: 1, base: 2 }])).toEqual([0]);
    expect(splitTasks(7, [{ weight: 0, base: 0 }, { weight: 2, base: 0 }, { weight: 1, base: 0 }])).toEqual([0, 5, 2]);
  });
});

describe('splitTasks properties', () => {
  it('places every task, honours the bases first, and keeps each share within one task of its weight share', () => {
    const entry = fc.record({ weight: fc.integer({ min: 0, max: 10 }), base: fc.integer({ min: 0, max: 5 }) });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.array(entry, { minLength: 1, maxLength: 4 }), (count, entries) => {
        const out = splitTasks(count, entries);
        expect(out.reduce((a, b) => a + b, 0)).toBe(count);
        let left = count;
        const bases = entries.map((e) => {
          const b = Math.min(e.base, left);
          left -= b;
          return b;
        });
        const totalWeight = entries.reduce((a, e) => a + e.weight, 0);
        out.forEach((n, i) => {
          expect(n).toBeGreaterThanOrEqual(bases[i]!);
          if (totalWeight > 0) expect(Math.abs(n - bases[i]! - (left * entries[i]!.weight) / totalWeight)).toBeLessThan(1);
        });
      }),
    );
  });
});

describe('assumptions in the design', () => {
  it('are optional: a design file without them loads, and one with them round-trips', () => {
    const { design } = serviceDesign({ cpu: '256', memory: '512', desired: 1 });
    expect(parseDesignText(serializeDesign(design)).ok).toBe(true);
    const edited = setCostAssumption(design, 'hoursPerMonth', 360);
    if (!edited.ok) throw new Error(edited.reason);
    const again = parseDesignText(serializeDesign(edited.design));
    expect(again.ok && again.design.settings.cost).toEqual({ hoursPerMonth: 360 });
    const cleared = setCostAssumption(edited.design, 'hoursPerMonth', undefined);
    expect(cleared.ok && cleared.design.settings.cost).toBeUndefined();
  });

  it('refuses values outside their range, naming the assumption', () => {
    const { design } = serviceDesign({ cpu: '256', memory: '512', desired: 1 });
    const r = setCostAssumption(design, 'hoursPerMonth', 800);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/^hoursPerMonth: /);
    expect(setCostAssumption(design, 'spotDiscount', 1).ok).toBe(false);
    const text = serializeDesign({ ...design, settings: { cost: { lcuPerLoadBalancer: -1 } } } as Design);
    const parsed = parseDesignText(text);
    expect(parsed.ok ? [] : parsed.errors.map((x) => x.path)).toEqual(['/settings/cost/lcuPerLoadBalancer']);
  });
});

describe('price table schema', () => {
  it('rejects a table with a negative price or a bad date, naming where', () => {
    const broken = structuredClone(SHIPPED_PRICE_TABLE) as unknown as { asOf: string; regions: Record<string, { fargate: { linuxX86: { vcpuHour: number } } }> };
    broken.regions['us-east-1']!.fargate.linuxX86.vcpuHour = -1;
    broken.asOf = 'March 2026';
    const r = PriceTableSchema.safeParse(broken);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('/')).sort()).toEqual(['asOf', 'regions/us-east-1/fargate/linuxX86/vcpuHour']);
  });
});
