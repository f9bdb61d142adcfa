/**
 * Benchmark of the live-account import against moto: a cluster of N services (each with its own task definition,
 * one shared execution role and log group, every fifth behind its own ALB target group, every service with a
 * scalable target and a target tracking policy), imported R times.
 * Prints wall time per import and the number of AWS API calls. No ECR repositories are created, so every import
 * reports one missing repository per service (a real finding of the import, not an error of the bench).
 *
 *   npx tsx main/aws/testing/benchAccountImport.ts [services=20] [runs=3]
 */
import { ApplicationAutoScalingClient, PutScalingPolicyCommand, RegisterScalableTargetCommand } from '@aws-sdk/client-application-auto-scaling';
import { CreateLogGroupCommand, CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateClusterCommand, CreateServiceCommand, ECSClient, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { CreateListenerCommand, CreateLoadBalancerCommand, CreateTargetGroupCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { importFromAccount } from '../accountImport';
import { motoClientConfig, motoTarget, startMoto } from './moto';

const services = Number(process.argv[2] ?? 20);
const runs = Number(process.argv[3] ?? 3);

const moto = await startMoto();
try {
  const config = motoClientConfig(moto.endpoint);
  const ecs = new ECSClient(config);
  const iam = new IAMClient(config);
  const ec2 = new EC2Client(config);
  const elb = new ElasticLoadBalancingV2Client(config);
  const aas = new ApplicationAutoScalingClient(config);
  const logs = new CloudWatchLogsClient(config);
  const role = await iam.send(
    new CreateRoleCommand({
      RoleName: 'bench-exec',
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    }),
  );
  await logs.send(new CreateLogGroupCommand({ logGroupName: '/ecs/bench' }));
  const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.30.0.0/16' }))).Vpc!.VpcId!;
  const subnets = [
    (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.30.1.0/24', AvailabilityZone: 'us-east-1a' }))).Subnet!.SubnetId!,
    (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.30.2.0/24', AvailabilityZone: 'us-east-1b' }))).Subnet!.SubnetId!,
  ];
  const sg = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'bench-tasks', Description: 'tasks', VpcId: vpc }))).GroupId!;
  await ecs.send(new CreateClusterCommand({ clusterName: 'bench' }));
  for (let i = 0; i < services; i++) {
    const name = `svc-${String(i).padStart(2, '0')}`;
    const td = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: name,
        executionRoleArn: role.Role!.Arn!,
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: [
          {
            name: 'app',
            image: `123456789012.dkr.ecr.us-east-1.amazonaws.com/${name}:1`,
            portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: 'tcp' }],
            logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/bench', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': name } },
          },
        ],
      }),
    );
    let loadBalancers;
    if (i % 5 === 0) {
      const tg = (await elb.send(new CreateTargetGroupCommand({ Name: `tg-${name}`, Protocol: 'HTTP', Port: 8080, VpcId: vpc, TargetType: 'ip' }))).TargetGroups![0]!.TargetGroupArn!;
      const lb = (await elb.send(new CreateLoadBalancerCommand({ Name: `lb-${name}`, Subnets: subnets }))).LoadBalancers![0]!.LoadBalancerArn!;
      await elb.send(new CreateListenerCommand({ LoadBalancerArn: lb, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg }] }));
      loadBalancers = [{ targetGroupArn: tg, containerName: 'app', containerPort: 8080 }];
    }
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'bench',
        serviceName: name,
        taskDefinition: td.taskDefinition!.taskDefinitionArn!,
        desiredCount: 1,
        launchType: 'FARGATE',
        networkConfiguration: { awsvpcConfiguration: { subnets, securityGroups: [sg] } },
        ...(loadBalancers ? { loadBalancers } : {}),
      }),
    );
    const resourceId = `service/bench/${name}`;
    await aas.send(new RegisterScalableTargetCommand({ ServiceNamespace: 'ecs', ResourceId: resourceId, ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: 1, MaxCapacity: 4 }));
    await aas.send(
      new PutScalingPolicyCommand({
        PolicyName: `${name}-cpu`,
        ServiceNamespace: 'ecs',
        ResourceId: resourceId,
        ScalableDimension: 'ecs:service:DesiredCount',
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: { TargetValue: 60, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } },
      }),
    );
  }
  for (const c of [ecs, iam, ec2, elb, aas, logs]) c.destroy();

  for (let r = 1; r <= runs; r++) {
    const start = performance.now();
    const { design, report } = await importFromAccount(motoTarget(moto.endpoint), 'bench');
    const ms = performance.now() - start;
    console.log(`run ${r}: ${services} services → ${design.nodes.length} nodes, ${design.edges.length} edges, ${report.apiCalls} API calls, ${ms.toFixed(0)} ms, ${report.warnings.length} warnings${report.warnings[0] ? ` (e.g. ${report.warnings[0].resource}: ${report.warnings[0].message})` : ""}`);
  }
} finally {
  await moto.stop();
}
