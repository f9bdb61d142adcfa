import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient, CreateLogGroupCommand, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateClusterCommand, DescribeServicesCommand, ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { serializeDesign, type Design } from '../../shared/model/document';
import { loadBalancedWebService } from '../../shared/patterns/patterns';
import { motoClientConfig } from '../aws/testing/moto';
import { cli, lines, tempDir } from './testkit';
import { useMoto } from '../aws/testing/useMoto';
import { referencingDesign, smallFargateDesign, type ReferencedIds } from '../deploy/testing/designs';

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
  it('needs exactly one of --verify, --plan or --apply, and --as-stack / --skip-verify only with --plan or --apply (usage error, exit 2)', async () => {
    const file = await designFile('web.ecsd.json');
    const r = await cli(['deploy', file, '--region', 'us-east-1'], { cwd: dir });
    expect(r).toMatchObject({ code: 2, stderr: 'error: choose one of --verify, --plan or --apply\n' });
    expect((await cli(['deploy', file, '--plan', '--apply', '--region', 'us-east-1'], { cwd: dir })).stderr).toBe('error: choose one of --verify, --plan or --apply\n');
    expect((await cli(['deploy', file, '--verify', '--as-stack', '--region', 'us-east-1'], { cwd: dir })).stderr).toBe('error: --as-stack goes with --plan or --apply\n');
    expect((await cli(['deploy', file, '--verify', '--skip-verify', '--region', 'us-east-1'], { cwd: dir })).stderr).toBe('error: --skip-verify goes with --plan or --apply\n');
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

  it('plans a pattern design against moto (JSON, with the verify findings), and verify and the engine both refuse a look-alike resource without our tag, changing nothing', async () => {
    const file = await designFile('web.ecsd.json');
    // A log group of the pattern's name that another tool made: the engine never takes it over.
    const logs = new CloudWatchLogsClient(motoClientConfig(moto.endpoint));
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/ecs/web' }));
    logs.destroy();
    const planned = await cli(['deploy', file, '--plan', '--region', 'us-east-1', '--endpoint-url', moto.endpoint, '--format', 'json'], { cwd: dir });
    // Verify finds the taken name (exit 1); the plan, which changes nothing, is still made and shows the conflict.
    expect(planned.code).toBe(1);
    const out = JSON.parse(planned.stdout) as { findings: { rule: string; severity: string }[]; plan: { steps: { logicalId: string; action: string; type: string }[]; nothingToDo: boolean } };
    // The pattern creates its ECR repository: no image can be there yet (a warning, not a blocker).
    expect(out.findings.map((f) => [f.rule, f.severity])).toEqual([
      ['deploy/name-taken', 'error'],
      ['deploy/image-not-pushed', 'warning'],
    ]);
    expect(out.plan.nothingToDo).toBe(false);
    const byAction = (a: string) => out.plan.steps.filter((s) => s.action === a).map((s) => s.type);
    expect(byAction('create')).toEqual(expect.arrayContaining(['AWS::IAM::Role', 'AWS::ECR::Repository', 'AWS::ECS::Cluster', 'AWS::ECS::TaskDefinition', 'AWS::ECS::Service', 'AWS::EC2::VPC']));
    expect(byAction('conflict')).toEqual(['AWS::Logs::LogGroup']);

    // Past verify (--skip-verify), the engine itself refuses to take the log group over.
    const applied = await cli(['deploy', file, '--apply', '--yes', '--skip-verify', '--region', 'us-east-1', '--endpoint-url', moto.endpoint], { cwd: dir });
    expect(applied.code).toBe(1);
    expect(applied.stdout).toMatch(/^deploy refused: nothing was changed: /m);
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

async function writeDesign(name: string, design: Design): Promise<string> {
  await writeFile(path.join(dir, name), serializeDesign(design));
  return name;
}

const MISSING: ReferencedIds = {
  vpcId: 'vpc-0000000000000000a',
  subnetIds: ['subnet-0000000000000000a', 'subnet-0000000000000000b'],
  securityGroupId: 'sg-0000000000000000a',
  clusterName: 'prod',
  executionRoleArn: 'arn:aws:iam::123456789012:role/prod-execution',
  taskRoleArn: 'arn:aws:iam::123456789012:role/prod-task',
  repositoryName: 'team/api',
  imageTag: '2.3.1',
  secretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf',
  parameterName: '/prod/api-key',
  logGroupName: '/ecs/prod-api',
  targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/prod-api/0123456789abcdef',
};

describe('ecs-designer deploy --verify / verify before apply', { timeout: 90_000 }, () => {
  it('--verify prints the findings like validate and exits 1 on errors; --format json gives them with node ids', async () => {
    const design = referencingDesign(MISSING);
    const file = await writeDesign('ref.ecsd.json', design);
    const r = await cli(['deploy', file, '--verify', '--region', 'us-east-1', '--endpoint-url', moto.endpoint], { cwd: dir });
    expect(r.code).toBe(1);
    const out = lines(r.stdout);
    const cluster = design.nodes.findIndex((n) => n.kind === 'cluster');
    expect(out).toContain(`ref.ecsd.json:/nodes/${cluster}/properties/clusterName: error deploy/cluster-missing: cluster "prod": the design uses an existing cluster "prod", but there is no active cluster of that name in us-east-1`);
    expect(out.at(-1)).toBe('verify: 12 errors, 0 warnings, 0 info in the live account');
    const j = await cli(['deploy', file, '--verify', '--region', 'us-east-1', '--endpoint-url', moto.endpoint, '--format', 'json'], { cwd: dir });
    expect(j.code).toBe(1);
    const parsed = JSON.parse(j.stdout) as { findings: { rule: string; nodeId: string }[] };
    expect(parsed.findings).toHaveLength(12);
    expect(parsed.findings).toContainEqual(expect.objectContaining({ rule: 'deploy/cluster-missing', nodeId: design.nodes[cluster]?.id }));
  });

  it('verify errors block --apply before anything changes; --skip-verify bypasses verify with a warning', async () => {
    // The design creates cluster "small-cluster"; one of that name exists without our tag.
    const ecs = new ECSClient(motoClientConfig(moto.endpoint));
    await ecs.send(new CreateClusterCommand({ clusterName: 'small-cluster' }));
    const file = await writeDesign('small.ecsd.json', smallFargateDesign());
    const r = await cli(['deploy', file, '--apply', '--yes', '--region', 'us-east-1', '--endpoint-url', moto.endpoint], { cwd: dir });
    expect(r.code).toBe(1);
    const err = lines(r.stderr);
    expect(err.some((l) => /^small\.ecsd\.json:\/nodes\/\d+\/properties\/clusterName: error deploy\/cluster-name-taken: /.test(l))).toBe(true);
    expect(err.at(-1)).toBe('error: verify found 1 error in the live account: nothing was changed; fix them, or pass --skip-verify to deploy anyway');
    const logs = new CloudWatchLogsClient(motoClientConfig(moto.endpoint));
    expect((await logs.send(new DescribeLogGroupsCommand({}))).logGroups ?? []).toEqual([]);
    logs.destroy();
    // --plan still plans (it changes nothing) but the exit status says verify found errors.
    const planned = await cli(['deploy', file, '--plan', '--region', 'us-east-1', '--endpoint-url', moto.endpoint], { cwd: dir });
    expect(planned.code).toBe(1);
    expect(planned.stdout).toMatch(/^plan: /m);
    const skipped = await cli(['deploy', file, '--plan', '--skip-verify', '--region', 'us-east-1', '--endpoint-url', moto.endpoint], { cwd: dir });
    expect(skipped.code).toBe(0);
    expect(lines(skipped.stderr)[0]).toBe('warning: --skip-verify: the live account was not verified; missing references show up as AWS errors during the apply');
    expect(skipped.stderr).not.toContain('deploy/cluster-name-taken');
    ecs.destroy();
  });
});

describe('ecs-designer deploy --as-stack and status', { timeout: 120_000 }, () => {
  it('--plan shows the change set and deletes it; --apply without --yes on no terminal executes nothing', async () => {
    const design = smallFargateDesign();
    const file = await writeDesign('small.ecsd.json', design);
    const planned = await cli(['deploy', file, '--as-stack', '--plan', '--region', 'us-east-1', '--endpoint-url', moto.endpoint], { cwd: dir });
    expect(planned.code).toBe(0);
    const out = lines(planned.stdout);
    const svc = design.nodes.find((n) => n.kind === 'service')?.id ?? '';
    expect(out).toContain(`+ Add     AWS::ECS::Service SmallWebService node ${svc}`);
    expect(out).toContainEqual(expect.stringMatching(/^change set ecs-designer-\d+ \(CREATE of stack Small-Fargate\): \d+ to add, 0 to modify, 0 to remove$/));
    expect(out.at(-1)).toBe('the change set was deleted: --apply creates it again and executes it after confirmation');
    const cfn = new CloudFormationClient(motoClientConfig(moto.endpoint));
    await expect(cfn.send(new DescribeStacksCommand({ StackName: 'Small-Fargate' }))).rejects.toThrow(/does not exist/);

    const refused = await cli(['deploy', file, '--as-stack', '--apply', '--region', 'us-east-1', '--endpoint-url', moto.endpoint], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('not confirmed: rerun with --yes to execute the change set');
    expect(lines(refused.stdout).at(-1)).toBe('not executed: the change set was deleted; stack Small-Fargate is unchanged');
    await expect(cfn.send(new DescribeStacksCommand({ StackName: 'Small-Fargate' }))).rejects.toThrow(/does not exist/);
    cfn.destroy();
  });

  it('--apply --yes executes the change set streaming stack events, writes the report; status shows the service; a second apply has nothing to do; a removed node is listed before any execution', async () => {
    const design = smallFargateDesign();
    const file = await writeDesign('small.ecsd.json', design);
    const args = ['--region', 'us-east-1', '--endpoint-url', moto.endpoint];
    const applied = await cli(['deploy', file, '--as-stack', '--apply', '--yes', ...args], { cwd: dir });
    expect(applied.code).toBe(0);
    const svc = design.nodes.find((n) => n.kind === 'service')?.id ?? '';
    expect(lines(applied.stderr)).toContain(`[stack] Small-Fargate AWS::CloudFormation::Stack CREATE_COMPLETE`);
    const out = lines(applied.stdout);
    expect(out).toContain('stack succeeded: stack Small-Fargate: CREATE_COMPLETE');
    expect(out.at(-1)).toBe(`report: ${path.join(dir, 'small.stack-report.json')}`);
    const report = JSON.parse(await readFile(path.join(dir, 'small.stack-report.json'), 'utf8')) as { status: string; stackStatus: string; apiCalls: { mutating: number } };
    expect(report).toMatchObject({ status: 'succeeded', stackStatus: 'CREATE_COMPLETE', apiCalls: { mutating: 1 } });

    const status = await cli(['status', file, ...args], { cwd: dir });
    expect(status.code).toBe(0);
    expect(lines(status.stdout)[0]).toBe(`small-web (node ${svc}) in small-cluster: ACTIVE — desired 1, running 0, pending 1; task definition small-web:1`);
    const statusJson = await cli(['status', file, ...args, '--format', 'json'], { cwd: dir });
    const parsed = JSON.parse(statusJson.stdout) as { services: { nodeId: string; status: string; deployments: unknown[] }[] };
    expect(parsed.services).toEqual([expect.objectContaining({ nodeId: svc, status: 'ACTIVE' })]);

    const again = await cli(['deploy', file, '--as-stack', '--apply', '--yes', ...args], { cwd: dir });
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(lines(again.stdout)).toEqual(['nothing to do: stack Small-Fargate already matches the design']);
    for (const text of [applied.stdout, applied.stderr, status.stdout, again.stdout]) expect(text).not.toContain('testing-secret-value');

    // The service node removed: the change set removes its resource; without --yes (no terminal) the removal is
    // listed exactly and nothing is executed.
    const without = { ...design, nodes: design.nodes.filter((n) => n.id !== svc), edges: design.edges.filter((e) => e.source !== svc && e.target !== svc) };
    const removedFile = await writeDesign('small.ecsd.json', without);
    const removal = await cli(['deploy', removedFile, '--as-stack', '--apply', ...args], { cwd: dir });
    expect(removal.code).toBe(1);
    const err = lines(removal.stderr);
    expect(err).toContain('Executing the change set deletes these resources:');
    // (The node is gone from the design, so the line has no node id; CloudFormation adds the physical id where it reports one.)
    expect(err.filter((l) => l.startsWith('  - '))).toEqual([expect.stringMatching(/^ {2}- AWS::ECS::Service SmallWebService( \(.+\))?$/)]);
    expect(err).toContain('not confirmed: rerun with --yes to execute the change set');
    const ecs = new ECSClient(motoClientConfig(moto.endpoint));
    expect((await ecs.send(new DescribeServicesCommand({ cluster: 'small-cluster', services: ['small-web'] }))).services?.map((s) => s.status)).toEqual(['ACTIVE']);
    ecs.destroy();
  });

  it('status of a design that is not deployed says so per service and exits 0', async () => {
    const file = await writeDesign('small.ecsd.json', smallFargateDesign());
    const r = await cli(['status', file, '--region', 'us-east-1', '--endpoint-url', moto.endpoint], { cwd: dir });
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual([expect.stringMatching(/^small-web \(node [\w-]+\) in small-cluster: MISSING — cluster small-cluster does not exist$/)]);
  });
});
