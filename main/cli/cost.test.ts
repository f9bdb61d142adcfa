import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeDesign } from '../../shared/model/document';
import { ec2Cluster, loadBalancedWebService } from '../../shared/patterns/patterns';
import { SHIPPED_PRICE_TABLE } from '../../shared/pricing/priceTable';
import { cli, lines, useTempDir } from './testkit';

let dir: string;
useTempDir((d) => (dir = d));

async function webDesign(settings: Record<string, unknown> = { region: 'us-east-1' }): Promise<string> {
  const design = loadBalancedWebService({ settings: settings as never });
  await writeFile(path.join(dir, 'web.ecsd.json'), serializeDesign(design));
  return 'web.ecsd.json';
}

// Web pattern in us-east-1: 2 tasks of 0.5 vCPU / 1 GB on Fargate Linux/x86 (2–10 with auto scaling), one ALB, one
// logging service. From the table's rates: vCPU 0.5 × 0.04048 × 730 × 2 = 29.5504; memory 1 × 0.004445 × 730 × 2 =
// 6.4897; ALB 0.0225 × 730 = 16.425; 1 LCU × 0.008 × 730 = 5.84; logs 5 GB × 0.50 = 2.50. Total 60.8051.
// At 10 tasks: (29.5504 + 6.4897) × 5 + 16.425 + 5.84 + 2.5 = 180.2005 + 24.765 = 204.9655.

describe('ecs-designer cost', () => {
  it('prints every line item with its formula, the what-ifs and the total (text)', async () => {
    const file = await webDesign();
    const r = await cli(['cost', file], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out[0]).toBe(`Cost estimate of "Load-balanced web service on Fargate" in us-east-1 (USD per month, on-demand list prices as of ${SHIPPED_PRICE_TABLE.asOf})`);
    expect(out).toContain('$29.55  web — vCPU (FARGATE, Linux/x86): 0.5 vCPU × $0.04048 × 730 h × 2 tasks  [auto scaling $29.55–$147.75]');
    expect(out).toContain('$16.43  web-alb — Application Load Balancer hours: $0.0225 × 730 h');
    expect(out).toContain(' $2.50  web — CloudWatch Logs ingestion: 5 GB/month × $0.5 per GB');
    expect(out.some((l) => l.startsWith('  web: run on ARM64 (Graviton): saves $7.21/month'))).toBe(true); // (0.04048−0.03238)×0.5 + (0.004445−0.00356)×1, ×730×2
    expect(out).toContain('Total: $60.81 (auto scaling $60.81–$204.97) per month');
  });

  it('writes the estimate as JSON', async () => {
    const file = await webDesign();
    const r = await cli(['cost', file, '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { design: string; estimate: { region: string; total: { monthly: number; max: number }; lines: { formula: string }[] } };
    expect(json.design).toBe('Load-balanced web service on Fargate');
    expect(json.estimate.region).toBe('us-east-1');
    expect(json.estimate.total.monthly).toBeCloseTo(60.8051, 8);
    expect(json.estimate.total.max).toBeCloseTo(204.9655, 8);
    expect(json.estimate.lines).toHaveLength(5);
  });

  it('reads the assumptions from the design settings', async () => {
    const file = await webDesign({ region: 'us-east-1', cost: { hoursPerMonth: 100, logGbPerServiceMonth: 0, lcuPerLoadBalancer: 0 } });
    const r = await cli(['cost', file, '--format', 'json'], { cwd: dir });
    const json = JSON.parse(r.stdout) as { estimate: { total: { monthly: number } } };
    // (0.5 × 0.04048 + 1 × 0.004445) × 100 × 2 + 0.0225 × 100
    expect(json.estimate.total.monthly).toBeCloseTo((0.5 * 0.04048 + 0.004445) * 100 * 2 + 0.0225 * 100, 8);
  });

  it('uses a price table given with --prices, and refuses an invalid one naming the field', async () => {
    const file = await webDesign();
    const table = structuredClone(SHIPPED_PRICE_TABLE);
    table.asOf = '2027-01-15';
    table.regions['us-east-1']!.fargate.linuxX86.vcpuHour = 0.05;
    await writeFile(path.join(dir, 'prices.json'), JSON.stringify(table));
    const r = await cli(['cost', file, '--prices', 'prices.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('as of 2027-01-15');
    expect(r.stdout).toContain('0.5 vCPU × $0.05 × 730 h × 2 tasks');

    (table as { currency: string }).currency = 'EUR';
    await writeFile(path.join(dir, 'bad.json'), JSON.stringify(table));
    const bad = await cli(['cost', file, '--prices', 'bad.json'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: --prices bad\.json: \/currency: /);
  });

  it('prices an EC2 cluster by its instances and lists what it could not price, with the reason (exit 0)', async () => {
    const design = ec2Cluster({ settings: { region: 'us-east-1' } });
    // Make the task definition a Fargate one with an invalid size, served by Fargate instead of the ASG.
    const td = design.nodes.find((n) => n.kind === 'taskDefinition')!;
    const svc = design.nodes.find((n) => n.kind === 'service')!;
    const broken = {
      ...design,
      nodes: design.nodes.map((n) =>
        n.id === td.id ? { ...n, properties: { ...n.properties, requiresCompatibilities: ['FARGATE'], cpu: '512', memory: '8192' } } : n.id === svc.id ? { ...n, properties: { ...n.properties, launchType: 'FARGATE' } } : n,
      ),
      edges: design.edges.filter((e) => !(e.kind === 'service-capacity-provider' && e.source === svc.id)),
    } as typeof design;
    await writeFile(path.join(dir, 'ec2.ecsd.json'), serializeDesign(broken));
    const r = await cli(['cost', 'ec2.ecsd.json'], { cwd: dir });
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    // t3.medium: 1 × 0.0416 × 730 = 30.368 (min size 1, max 6 → 182.208)
    expect(out).toContain('$30.37  ec2-capacity — t3.medium on-demand instances: 1 × t3.medium × $0.0416 × 730 h (desired not set: minimum size)  [auto scaling $30.37–$182.21]');
    expect(out).toContain('Not priced:');
    expect(out).toContain('  api: Fargate tasks (api): cpu 512 / memory 8192 MiB is not a Fargate task size, so it has no Fargate price');
    expect(out).toContain('Total: $32.87 (auto scaling $32.87–$184.71) per month'); // + logs 5 × 0.50
  });

  it('fails with exit 1 on a file that is not a valid design', async () => {
    await writeFile(path.join(dir, 'broken.ecsd.json'), '{"schemaVersion": 1, "nodes": 3}');
    const r = await cli(['cost', 'broken.ecsd.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('design/invalid-file');
  });

  it('fails with exit 2 on a missing file', async () => {
    const r = await cli(['cost', 'nope.ecsd.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read nope\.ecsd\.json/);
  });
});
