import { CreateClusterCommand, CreateServiceCommand, ECSClient, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIntegrity, parseDesignValue, serializeDesign, type Design } from '../../shared/model/document';
import { sequentialIds } from '../../shared/model/ids';
import type { DesignNode, NodeKind, NodeOf } from '../../shared/model/nodes';
import { exportTaskDefinitions } from '../../shared/taskdef/export';
import { AccountImportError, importFromAccount } from './accountImport';
import { SEED_ACCOUNT, SEED_REGION, seedAccount } from './testing/accountImportSeed';
import { freePort, motoClientConfig, motoTarget, startMoto, type MotoServer } from './testing/moto';
import { useMoto } from './testing/useMoto';

const moto = useMoto();

const ofKind = <K extends NodeKind>(design: Design, kind: K) => design.nodes.filter((n): n is NodeOf<K> => n.kind === kind);
const edgesOf = (design: Design, kind: string) => design.edges.filter((e) => e.kind === kind);
const byId = (design: Design, id: string): DesignNode | undefined => design.nodes.find((n) => n.id === id);

describe('import a live account (moto)', () => {
  it('imports the seeded cluster; its task definitions export back to exactly what was registered', async () => {
    const seed = await seedAccount(moto.endpoint);
    const { design, report } = await importFromAccount(motoTarget(moto.endpoint, SEED_REGION), seed.cluster, { ids: sequentialIds() });

    // A valid design file.
    expect(parseDesignValue(JSON.parse(serializeDesign(design))).ok).toBe(true);
    expect(checkIntegrity(design)).toEqual([]);
    expect(design.settings).toEqual({ region: SEED_REGION, accountId: SEED_ACCOUNT });

    // Round trip: RegisterTaskDefinition input → moto → import → export = the same input.
    const exported = exportTaskDefinitions(design);
    expect(exported.every((e) => e.ok)).toBe(true);
    const byFamily = Object.fromEntries(exported.map((e) => [e.family, e.ok ? e.input : undefined]));
    expect(Object.keys(byFamily).sort()).toEqual(Object.keys(seed.taskDefinitions).sort());
    for (const [family, input] of Object.entries(seed.taskDefinitions)) expect(byFamily[family], family).toEqual(input);

    // Shared resources are one node each: the execution role of all three, the log group of web and worker.
    expect(ofKind(design, 'executionRole')).toHaveLength(1);
    expect(ofKind(design, 'logGroup')).toHaveLength(1);
    expect(edgesOf(design, 'execution-role')).toHaveLength(3);

    // IAM details from GetRole / ListAttachedRolePolicies / GetRolePolicy.
    expect(ofKind(design, 'executionRole')[0]!.properties).toMatchObject({
      roleName: 'shop-execution',
      managedPolicyArns: [`arn:aws:iam::${SEED_ACCOUNT}:policy/shop-pull-and-log`],
    });
    expect(ofKind(design, 'taskRole')[0]!.properties.inlinePolicies).toEqual([
      { policyName: 'read-assets', statements: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::assets/*' }] },
    ]);
    expect(ofKind(design, 'logGroup')[0]!.properties.retentionInDays).toBe(14);
    expect(ofKind(design, 'ecrRepository')[0]!.properties).toMatchObject({ repositoryName: 'shop/web', imageTagMutability: 'IMMUTABLE', scanOnPush: true });

    // Cluster, its capacity providers and default strategy.
    const [cluster] = ofKind(design, 'cluster');
    expect(cluster!.properties).toMatchObject({ clusterName: 'shop', containerInsights: 'enabled' });
    const providers = edgesOf(design, 'capacity-provider-cluster').map((e) => {
      const node = byId(design, e.source);
      return [node?.kind === 'fargateCapacityProvider' ? node.properties.provider : node?.kind === 'asgCapacityProvider' ? node.properties.name : '?', e.properties];
    });
    expect(providers.sort()).toEqual([
      ['FARGATE', { defaultWeight: 1, defaultBase: 1 }],
      ['FARGATE_SPOT', {}],
      ['shop-ec2', {}],
    ]);
    // The EC2 provider with what its Auto Scaling group and launch template say.
    const [asg] = ofKind(design, 'asgCapacityProvider');
    expect(asg!.properties).toMatchObject({
      name: 'shop-ec2',
      instanceType: 'm7g.large',
      architecture: 'arm64',
      minSize: 0,
      maxSize: 6,
      managedScaling: { status: 'ENABLED', targetCapacity: 90, minimumScalingStepSize: 1, maximumScalingStepSize: 4 },
      managedTerminationProtection: 'DISABLED',
      ecsConfig: { ECS_CLUSTER: 'shop', ECS_ENABLE_CONTAINER_METADATA: 'true' },
    });
    const asgSubnets = edgesOf(design, 'asg-subnet').filter((e) => e.source === asg!.id).map((e) => (byId(design, e.target) as NodeOf<'subnet'>).properties.subnetId);
    expect(asgSubnets.sort()).toEqual([...seed.ids.subnets].sort());
    expect(edgesOf(design, 'asg-security-group').map((e) => (byId(design, e.target) as NodeOf<'securityGroup'>).properties.groupId)).toEqual([seed.ids.securityGroup]);

    // Services, each in the cluster, running its own task definition, in the seeded subnets and security group.
    const services = ofKind(design, 'service');
    expect(services.map((s) => s.properties.serviceName).sort()).toEqual(['admin', 'web', 'worker']);
    const web = services.find((s) => s.properties.serviceName === 'web')!;
    expect(web.properties).toMatchObject({ desiredCount: 2, launchType: 'FARGATE', assignPublicIp: 'DISABLED' });
    for (const s of services) {
      expect(edgesOf(design, 'service-cluster').filter((e) => e.source === s.id).map((e) => e.target)).toEqual([cluster!.id]);
      const td = edgesOf(design, 'service-task-definition').find((e) => e.source === s.id);
      expect((byId(design, td!.target) as NodeOf<'taskDefinition'>).properties.family).toBe(`shop-${s.properties.serviceName}`);
      const subnetIds = edgesOf(design, 'service-subnet')
        .filter((e) => e.source === s.id)
        .map((e) => (byId(design, e.target) as NodeOf<'subnet'>).properties.subnetId);
      expect(subnetIds.sort()).toEqual([...seed.ids.subnets].sort());
    }
    const subnetVpcs = edgesOf(design, 'subnet-vpc').map((e) => (byId(design, e.target) as NodeOf<'vpc'>).properties.vpcId);
    expect(new Set(subnetVpcs)).toEqual(new Set([seed.ids.vpc]));
    expect(ofKind(design, 'vpc').map((v) => v.properties)).toEqual([{ vpcId: seed.ids.vpc, cidrBlock: '10.20.0.0/16' }]);

    // Load balancing: service → target group (container and port) ← listener → load balancer.
    const [tg] = ofKind(design, 'targetGroup');
    expect(tg!.properties).toMatchObject({ name: 'shop-web', arn: seed.ids.targetGroupArn, targetType: 'ip', port: 8080, healthCheck: { path: '/healthz', matcher: '200-399' } });
    expect(edgesOf(design, 'service-target-group')).toEqual([expect.objectContaining({ source: web.id, target: tg!.id, properties: { containerName: 'web', containerPort: 8080 } })]);
    const [listener] = ofKind(design, 'listener');
    expect(listener!.properties).toMatchObject({ port: 80, protocol: 'HTTP' });
    expect(edgesOf(design, 'listener-target-group').map((e) => [e.source, e.target])).toEqual([[listener!.id, tg!.id]]);
    const [lb] = ofKind(design, 'loadBalancer');
    expect(lb!.properties).toMatchObject({ name: 'shop-alb', arn: seed.ids.loadBalancerArn, type: 'application', scheme: 'internet-facing' });
    expect(edgesOf(design, 'listener-load-balancer').map((e) => [e.source, e.target])).toEqual([[listener!.id, lb!.id]]);

    // Service auto scaling of web.
    const [target] = ofKind(design, 'scalableTarget');
    expect(target!.properties).toEqual({ minCapacity: 2, maxCapacity: 10 });
    expect(edgesOf(design, 'scalable-target-service').map((e) => [e.source, e.target])).toEqual([[target!.id, web.id]]);
    expect(ofKind(design, 'targetTrackingPolicy').map((p) => p.properties)).toEqual([
      { policyName: 'web-cpu', metric: 'ECSServiceAverageCPUUtilization', targetValue: 60, scaleInCooldown: 120, scaleOutCooldown: 60 },
    ]);
    expect(ofKind(design, 'scheduledAction').map((a) => a.properties)).toEqual([
      { scheduledActionName: 'night', schedule: 'cron(0 22 * * ? *)', timezone: 'Europe/Budapest', minCapacity: 1, maxCapacity: 2 },
    ]);
    expect(edgesOf(design, 'scaling-policy-target').every((e) => e.target === target!.id)).toBe(true);
    expect(edgesOf(design, 'scaling-policy-target')).toHaveLength(2);

    // Everything read was carried over but the AMI; the report says what was created and how many calls it took.
    expect(report.warnings).toEqual([{ resource: 'capacity provider shop-ec2', message: 'the AMI (ami-12c6146b) is not mapped to an AMI family; the design default (al2023) is kept' }]);
    expect(report.cluster).toBe('shop');
    expect(report.created).toContain('service: web');
    expect(report.created).toContain('taskDefinition: shop-web:1');
    expect(report.apiCalls).toBeGreaterThan(10);

    // Laid out: no two top-level nodes share a position.
    const positions = design.nodes.filter((n) => n.parentId === undefined).map((n) => `${n.position.x},${n.position.y}`);
    expect(new Set(positions).size).toBe(positions.length);
  }, 90_000);

  it('never puts credential values into the design or the report', async () => {
    await seedAccount(moto.endpoint, 'small');
    const target = { ...motoTarget(moto.endpoint, SEED_REGION), credentials: async () => ({ accessKeyId: 'AKIDLEAKCHECK0000001', secretAccessKey: 'leak-check-secret-value/xyz' }) };
    const { design, report } = await importFromAccount(target, 'shop');
    const text = serializeDesign(design) + JSON.stringify(report);
    expect(text).not.toContain('AKIDLEAKCHECK0000001');
    expect(text).not.toContain('leak-check-secret-value');
  });

  it('a cluster with 23 services imports all of them (DescribeServices takes 10 at a time), the same way every time', async () => {
    const ecs = new ECSClient(motoClientConfig(moto.endpoint, SEED_REGION));
    await ecs.send(new CreateClusterCommand({ clusterName: 'many' }));
    const td = await ecs.send(new RegisterTaskDefinitionCommand({ family: 'tiny', containerDefinitions: [{ name: 'app', image: 'nginx:1.27', memory: 128 }] }));
    const names = Array.from({ length: 23 }, (_, i) => `svc-${String(i).padStart(2, '0')}`);
    for (const serviceName of names) await ecs.send(new CreateServiceCommand({ cluster: 'many', serviceName, taskDefinition: td.taskDefinition!.taskDefinitionArn!, desiredCount: 1 }));
    ecs.destroy();
    const { design } = await importFromAccount(motoTarget(moto.endpoint, SEED_REGION), 'many', { ids: sequentialIds() });
    expect(ofKind(design, 'service').map((s) => s.properties.serviceName)).toEqual(names);
    // Reads run in parallel, the design does not depend on their timing: the same account gives the same file.
    const again = await importFromAccount(motoTarget(moto.endpoint, SEED_REGION), 'many', { ids: sequentialIds() });
    expect(serializeDesign(again.design)).toBe(serializeDesign(design));
    // One task definition shared by all of them.
    expect(ofKind(design, 'taskDefinition')).toHaveLength(1);
    expect(edgesOf(design, 'service-task-definition')).toHaveLength(23);
  });
});

describe('import a live account: errors', () => {
  it('an unknown cluster is a clear error naming the cluster and region', async () => {
    await seedAccount(moto.endpoint, 'small');
    const error = await importFromAccount(motoTarget(moto.endpoint, SEED_REGION), 'nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccountImportError);
    expect((error as AccountImportError).code).toBe('cluster-not-found');
    expect((error as Error).message).toContain('cluster "nope" was not found in region us-east-1');
  });

  it('after a reset the seeded cluster is gone', async () => {
    await seedAccount(moto.endpoint, 'small');
    await moto.reset();
    const error = await importFromAccount(motoTarget(moto.endpoint, SEED_REGION), 'shop').catch((e: unknown) => e);
    expect((error as AccountImportError).code).toBe('cluster-not-found');
  });

  it('an endpoint nobody answers on is an endpoint error naming the URL', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const error = await importFromAccount({ ...motoTarget(url, SEED_REGION), maxAttempts: 1 }, 'shop').catch((e: unknown) => e);
    expect((error as AccountImportError).code).toBe('endpoint');
    expect((error as Error).message).toContain(`cannot reach ${url}`);
    expect((error as Error).message).toContain('ecs:DescribeClusters');
  });

  it('a bad region, endpoint or cluster name is refused before any call', async () => {
    const bad = [
      [{ ...motoTarget(moto.endpoint), region: 'moon-1' }, 'shop', 'region: "moon-1"'],
      [{ ...motoTarget(moto.endpoint), endpointUrl: 'ftp://127.0.0.1' }, 'shop', 'endpoint-url'],
      [motoTarget(moto.endpoint), 'bad name!', 'cluster: "bad name!"'],
    ] as const;
    for (const [target, cluster, text] of bad) {
      const error = await importFromAccount(target, cluster).catch((e: unknown) => e);
      expect((error as AccountImportError).code).toBe('target');
      expect((error as Error).message).toContain(text);
    }
  });
});

describe('import a live account: permissions (moto with IAM authorization)', () => {
  let authMoto: MotoServer;
  beforeAll(async () => {
    // The first 4 calls (seeding) are unauthenticated; every later call is checked against the caller's policies.
    authMoto = await startMoto({ env: { INITIAL_NO_AUTH_ACTION_COUNT: '4' } });
  }, 90_000);
  afterAll(async () => {
    await authMoto?.stop();
  });

  it('access denied names the API call that was refused', async () => {
    const iam = new IAMClient(motoClientConfig(authMoto.endpoint, SEED_REGION));
    await iam.send(new CreateUserCommand({ UserName: 'reader' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'reader',
        PolicyName: 'describe-clusters-only',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['ecs:DescribeClusters'], Resource: '*' }] }),
      }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'reader' }))).AccessKey!;
    const ecs = new ECSClient(motoClientConfig(authMoto.endpoint, SEED_REGION));
    await ecs.send(new CreateClusterCommand({ clusterName: 'shop' }));
    iam.destroy();
    ecs.destroy();

    const target = { region: SEED_REGION, endpointUrl: authMoto.endpoint, maxAttempts: 1, credentials: async () => ({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }) };
    const error = await importFromAccount(target, 'shop').catch((e: unknown) => e);
    expect((error as AccountImportError).code).toBe('access-denied');
    expect((error as Error).message).toContain('access denied: ecs:ListServices in region us-east-1');
    expect((error as Error).message).not.toContain(key.SecretAccessKey!);
  });
});
