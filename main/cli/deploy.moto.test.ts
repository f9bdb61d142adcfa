import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { serializeDesign } from '../../shared/model/document';
import { loadBalancedWebService } from '../../shared/patterns/patterns';
import { motoClientConfig } from '../aws/testing/moto';
import { cli, lines, tempDir } from './testkit';
import { useMoto } from '../aws/testing/useMoto';

const moto = useMoto();
let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  // The CLI takes credentials from the SDK chain: dummy keys in the environment, no shared files of this machine.
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'testing');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'testing-secret-value');
  vi.stubEnv('AWS_CONFIG_FILE', path.join(dir, 'no-config'));
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', path.join(dir, 'no-credentials'));
}, 60_000);
afterEach(async () => {
  vi.unstubAllEnvs();
  await cleanup();
});

async function designFile(name: string, edit: (d: ReturnType<typeof loadBalancedWebService>) => ReturnType<typeof loadBalancedWebService> = (d) => d): Promise<string> {
  await writeFile(path.join(dir, name), serializeDesign(edit(loadBalancedWebService())));
  return name;
}

describe('ecs-designer deploy / destroy', { timeout: 90_000 }, () => {
  it('needs exactly one of --plan or --apply (usage error, exit 2)', async () => {
    const file = await designFile('web.ecsd.json');
    const r = await cli(['deploy', file, '--region', 'us-east-1'], { cwd: dir });
    expect(r).toMatchObject({ code: 2, stderr: 'error: choose one of --plan or --apply\n' });
    expect((await cli(['deploy', file, '--plan', '--region', 'nowhere'], { cwd: dir })).code).toBe(2);
    expect((await cli(['deploy', file, '--plan', '--region', 'us-east-1', '--param', 'novalue'], { cwd: dir })).stderr).toBe('error: --param novalue: expected Key=Value\n');
  });

  it('refuses a design with validation errors, listing them, before any AWS call', async () => {
    const file = await designFile('broken.ecsd.json', (d) => ({ ...d, edges: [] }));
    const r = await cli(['deploy', file, '--apply', '--yes', '--region', 'us-east-1', '--endpoint-url', moto.endpoint], { cwd: dir });
    expect(r.code).toBe(1);
    const err = lines(r.stderr);
    expect(err.at(-1)).toMatch(/^error: broken\.ecsd\.json has \d+ validation error\(s\): fix them before deploying$/);
    expect(err.some((l) => /^broken\.ecsd\.json:.* error service\/cluster: /.test(l))).toBe(true);
  });

  it('plans a pattern design against moto (JSON), and refuses to apply what the engine cannot deploy yet, changing nothing', async () => {
    const file = await designFile('web.ecsd.json');
    const planned = await cli(['deploy', file, '--plan', '--region', 'us-east-1', '--endpoint-url', moto.endpoint, '--format', 'json'], { cwd: dir });
    expect(planned.code).toBe(0);
    const out = JSON.parse(planned.stdout) as { plan: { steps: { logicalId: string; action: string; type: string }[]; nothingToDo: boolean } };
    expect(out.plan.nothingToDo).toBe(false);
    const byAction = (a: string) => out.plan.steps.filter((s) => s.action === a).map((s) => s.type);
    expect(byAction('create')).toEqual(expect.arrayContaining(['AWS::Logs::LogGroup', 'AWS::IAM::Role', 'AWS::ECR::Repository', 'AWS::ECS::Cluster', 'AWS::ECS::TaskDefinition', 'AWS::ECS::Service']));
    expect(byAction('unsupported')).toEqual(expect.arrayContaining(['AWS::EC2::VPC', 'AWS::ElasticLoadBalancingV2::LoadBalancer']));

    const applied = await cli(['deploy', file, '--apply', '--yes', '--region', 'us-east-1', '--endpoint-url', moto.endpoint], { cwd: dir });
    expect(applied.code).toBe(1);
    expect(applied.stdout).toMatch(/^deploy refused: nothing was changed: AppVpc: the deploy engine does not deploy AWS::EC2::VPC yet;/m);
    expect(applied.stdout).toContain(`report: ${path.join(dir, 'web.deploy-report.json')}`);
    const ecs = new ECSClient(motoClientConfig(moto.endpoint));
    expect((await ecs.send(new ListClustersCommand({}))).clusterArns).toEqual([]);
    const written = await readFile(path.join(dir, 'web.deploy-report.json'), 'utf8');
    expect(JSON.parse(written)).toMatchObject({ kind: 'deploy', status: 'refused', apiCalls: { mutating: 0 } });
    for (const text of [applied.stdout, applied.stderr, planned.stdout, planned.stderr, written]) expect(text).not.toContain('testing-secret-value');
  });

  it('destroy with nothing deployed says so and exits 0', async () => {
    const file = await designFile('web.ecsd.json');
    const r = await cli(['destroy', file, '--region', 'us-east-1', '--endpoint-url', moto.endpoint], { cwd: dir });
    expect(r.code).toBe(0);
    expect(lines(r.stdout)[0]).toBe('destroy succeeded: nothing to do: no resource carries this design id');
  });
});
