import { ApplicationAutoScalingClient, PutScalingPolicyCommand, PutScheduledActionCommand, RegisterScalableTargetCommand } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchLogsClient, CreateLogGroupCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { AutoScalingClient, CreateAutoScalingGroupCommand, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { CreateLaunchTemplateCommand, CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateRepositoryCommand, ECRClient } from '@aws-sdk/client-ecr';
import { CreateCapacityProviderCommand, CreateClusterCommand, CreateServiceCommand, ECSClient, PutClusterCapacityProvidersCommand, RegisterTaskDefinitionCommand, type RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs';
import { CreateFileSystemCommand, EFSClient } from '@aws-sdk/client-efs';
import { CreateListenerCommand, CreateLoadBalancerCommand, CreateTargetGroupCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { AttachRolePolicyCommand, CreatePolicyCommand, CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { motoClientConfig } from './moto';

/**
 * Seeds a moto account with a small but complete ECS application, through the AWS SDK like a person with the
 * console would: roles with trust policies, a log group, an ECR repository, a secret, an EFS file system, a VPC with
 * two subnets and a security group, an ALB with a listener and target group, a cluster with Fargate capacity
 * providers, task definitions and services (one behind the target group) and service auto scaling.
 * Returns exactly what was registered, for round-trip assertions.
 */

export const SEED_ACCOUNT = '123456789012';
export const SEED_REGION = 'us-east-1';

export interface SeededAccount {
  readonly cluster: string;
  /** The RegisterTaskDefinition inputs, by family. */
  readonly taskDefinitions: Record<string, RegisterTaskDefinitionCommandInput>;
  readonly services: string[];
  readonly ids: { vpc: string; subnets: string[]; securityGroup: string; fileSystem: string; targetGroupArn: string; loadBalancerArn: string; secretArn: string };
}

const TRUST_ECS_TASKS = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

/** `size: 'small'` seeds one service (for the e2e spec); 'full' everything above. */
export async function seedAccount(endpoint: string, size: 'small' | 'full' = 'full', cluster = 'shop'): Promise<SeededAccount> {
  const config = motoClientConfig(endpoint, SEED_REGION);
  const ecs = new ECSClient(config);
  const iam = new IAMClient(config);
  const logs = new CloudWatchLogsClient(config);
  const ecr = new ECRClient(config);
  const ec2 = new EC2Client(config);
  const efs = new EFSClient(config);
  const elb = new ElasticLoadBalancingV2Client(config);
  const aas = new ApplicationAutoScalingClient(config);
  const sm = new SecretsManagerClient(config);
  const asg = new AutoScalingClient(config);
  try {
    const execRole = await iam.send(new CreateRoleCommand({ RoleName: `${cluster}-execution`, AssumeRolePolicyDocument: TRUST_ECS_TASKS }));
    // moto does not load the AWS managed policies: a customer managed one plays AmazonECSTaskExecutionRolePolicy.
    const pull = await iam.send(
      new CreatePolicyCommand({
        PolicyName: `${cluster}-pull-and-log`,
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }],
        }),
      }),
    );
    await iam.send(new AttachRolePolicyCommand({ RoleName: `${cluster}-execution`, PolicyArn: pull.Policy!.Arn! }));
    const taskRole = await iam.send(new CreateRoleCommand({ RoleName: `${cluster}-web-task`, AssumeRolePolicyDocument: TRUST_ECS_TASKS }));
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: `${cluster}-web-task`,
        PolicyName: 'read-assets',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::assets/*' }] }),
      }),
    );
    await logs.send(new CreateLogGroupCommand({ logGroupName: `/ecs/${cluster}/web` }));
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: `/ecs/${cluster}/web`, retentionInDays: 14 }));
    await ecr.send(new CreateRepositoryCommand({ repositoryName: `${cluster}/web`, imageTagMutability: 'IMMUTABLE', imageScanningConfiguration: { scanOnPush: true } }));
    const secret = await sm.send(new CreateSecretCommand({ Name: `${cluster}/db-password`, SecretString: 'seeded-secret-value' }));
    const fs = await efs.send(new CreateFileSystemCommand({ CreationToken: `${cluster}-data`, Encrypted: true }));

    const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }));
    const vpcId = vpc.Vpc!.VpcId!;
    const subnetA = await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.20.1.0/24', AvailabilityZone: 'us-east-1a' }));
    const subnetB = await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.20.2.0/24', AvailabilityZone: 'us-east-1b' }));
    const subnets = [subnetA.Subnet!.SubnetId!, subnetB.Subnet!.SubnetId!];
    const sg = await ec2.send(new CreateSecurityGroupCommand({ GroupName: `${cluster}-tasks`, Description: 'tasks', VpcId: vpcId }));
    const securityGroup = sg.GroupId!;

    const tg = await elb.send(
      new CreateTargetGroupCommand({ Name: `${cluster}-web`, Protocol: 'HTTP', Port: 8080, VpcId: vpcId, TargetType: 'ip', HealthCheckPath: '/healthz', Matcher: { HttpCode: '200-399' } }),
    );
    const targetGroupArn = tg.TargetGroups![0]!.TargetGroupArn!;
    const lb = await elb.send(new CreateLoadBalancerCommand({ Name: `${cluster}-alb`, Subnets: subnets, SecurityGroups: [securityGroup], Scheme: 'internet-facing', Type: 'application' }));
    const loadBalancerArn = lb.LoadBalancers![0]!.LoadBalancerArn!;
    await elb.send(new CreateListenerCommand({ LoadBalancerArn: loadBalancerArn, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }] }));

    await ecs.send(new CreateClusterCommand({ clusterName: cluster, settings: [{ name: 'containerInsights', value: 'enabled' }] }));
    const capacityProviders = ['FARGATE', 'FARGATE_SPOT'];
    if (size === 'full') {
      // An EC2 capacity provider: launch template (instance type, ecs.config user data) → Auto Scaling group → provider.
      const userData = `#!/bin/bash\necho ECS_CLUSTER=${cluster} >> /etc/ecs/ecs.config\necho ECS_ENABLE_CONTAINER_METADATA=true >> /etc/ecs/ecs.config\n`;
      await ec2.send(
        new CreateLaunchTemplateCommand({
          LaunchTemplateName: `${cluster}-ecs`,
          LaunchTemplateData: { ImageId: 'ami-12c6146b', InstanceType: 'm7g.large', UserData: Buffer.from(userData).toString('base64'), SecurityGroupIds: [securityGroup] },
        }),
      );
      await asg.send(
        new CreateAutoScalingGroupCommand({
          AutoScalingGroupName: `${cluster}-asg`,
          LaunchTemplate: { LaunchTemplateName: `${cluster}-ecs`, Version: '$Latest' },
          MinSize: 0,
          MaxSize: 6,
          DesiredCapacity: 0,
          VPCZoneIdentifier: subnets.join(','),
        }),
      );
      const group = await asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [`${cluster}-asg`] }));
      await ecs.send(
        new CreateCapacityProviderCommand({
          name: `${cluster}-ec2`,
          autoScalingGroupProvider: {
            autoScalingGroupArn: group.AutoScalingGroups![0]!.AutoScalingGroupARN!,
            managedScaling: { status: 'ENABLED', targetCapacity: 90, minimumScalingStepSize: 1, maximumScalingStepSize: 4 },
            managedTerminationProtection: 'DISABLED',
          },
        }),
      );
      capacityProviders.push(`${cluster}-ec2`);
    }
    await ecs.send(
      new PutClusterCapacityProvidersCommand({
        cluster,
        capacityProviders,
        defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1, base: 1 }],
      }),
    );

    const web: RegisterTaskDefinitionCommandInput = {
      family: `${cluster}-web`,
      taskRoleArn: taskRole.Role!.Arn!,
      executionRoleArn: execRole.Role!.Arn!,
      networkMode: 'awsvpc',
      containerDefinitions: [
        {
          name: 'web',
          image: `${SEED_ACCOUNT}.dkr.ecr.${SEED_REGION}.amazonaws.com/${cluster}/web:1.4.2`,
          essential: true,
          portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: 'tcp' }],
          environment: [{ name: 'MODE', value: 'production' }],
          secrets: [{ name: 'DB_PASSWORD', valueFrom: secret.ARN! }],
          mountPoints: [{ sourceVolume: 'data', containerPath: '/data', readOnly: false }],
          logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': `/ecs/${cluster}/web`, 'awslogs-region': SEED_REGION, 'awslogs-stream-prefix': 'web' } },
        },
      ],
      volumes: [{ name: 'data', efsVolumeConfiguration: { fileSystemId: fs.FileSystemId!, transitEncryption: 'ENABLED' } }],
      requiresCompatibilities: ['FARGATE'],
      cpu: '512',
      memory: '1024',
    };
    const worker: RegisterTaskDefinitionCommandInput = {
      family: `${cluster}-worker`,
      executionRoleArn: execRole.Role!.Arn!,
      networkMode: 'awsvpc',
      containerDefinitions: [
        {
          name: 'worker',
          image: 'ghcr.io/acme/worker:2.0.1',
          essential: true,
          command: ['python', '-m', 'worker'],
          secrets: [{ name: 'API_TOKEN', valueFrom: `arn:aws:ssm:${SEED_REGION}:${SEED_ACCOUNT}:parameter/${cluster}/api-token` }],
          logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': `/ecs/${cluster}/web`, 'awslogs-region': SEED_REGION, 'awslogs-stream-prefix': 'worker' } },
        },
      ],
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
    };
    const admin: RegisterTaskDefinitionCommandInput = {
      family: `${cluster}-admin`,
      executionRoleArn: execRole.Role!.Arn!,
      networkMode: 'awsvpc',
      containerDefinitions: [{ name: 'admin', image: 'nginx:1.27', essential: true, memoryReservation: 128 }],
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
    };
    const defs = size === 'small' ? [web] : [web, worker, admin];
    const arns: string[] = [];
    for (const td of defs) {
      const r = await ecs.send(new RegisterTaskDefinitionCommand(td));
      arns.push(r.taskDefinition!.taskDefinitionArn!);
    }
    const network = { awsvpcConfiguration: { subnets, securityGroups: [securityGroup], assignPublicIp: 'DISABLED' as const } };
    await ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'web',
        taskDefinition: arns[0],
        desiredCount: 2,
        launchType: 'FARGATE',
        networkConfiguration: network,
        loadBalancers: [{ targetGroupArn, containerName: 'web', containerPort: 8080 }],
        healthCheckGracePeriodSeconds: 30,
        deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200, deploymentCircuitBreaker: { enable: true, rollback: true } },
      }),
    );
    const services = ['web'];
    if (size === 'full') {
      await ecs.send(
        new CreateServiceCommand({
          cluster,
          serviceName: 'worker',
          taskDefinition: arns[1],
          desiredCount: 1,
          // moto ignores capacityProviderStrategy in CreateService (it reports launchType EC2), so a launch type here.
          launchType: 'FARGATE',
          networkConfiguration: network,
        }),
      );
      await ecs.send(new CreateServiceCommand({ cluster, serviceName: 'admin', taskDefinition: arns[2], desiredCount: 1, launchType: 'FARGATE', networkConfiguration: network }));
      services.push('worker', 'admin');

      const resourceId = `service/${cluster}/web`;
      await aas.send(new RegisterScalableTargetCommand({ ServiceNamespace: 'ecs', ResourceId: resourceId, ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: 2, MaxCapacity: 10 }));
      await aas.send(
        new PutScalingPolicyCommand({
          PolicyName: 'web-cpu',
          ServiceNamespace: 'ecs',
          ResourceId: resourceId,
          ScalableDimension: 'ecs:service:DesiredCount',
          PolicyType: 'TargetTrackingScaling',
          TargetTrackingScalingPolicyConfiguration: {
            TargetValue: 60,
            PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
            ScaleInCooldown: 120,
            ScaleOutCooldown: 60,
          },
        }),
      );
      await aas.send(
        new PutScheduledActionCommand({
          ServiceNamespace: 'ecs',
          ResourceId: resourceId,
          ScalableDimension: 'ecs:service:DesiredCount',
          ScheduledActionName: 'night',
          Schedule: 'cron(0 22 * * ? *)',
          Timezone: 'Europe/Budapest',
          ScalableTargetAction: { MinCapacity: 1, MaxCapacity: 2 },
        }),
      );
    }
    return {
      cluster,
      taskDefinitions: Object.fromEntries(defs.map((d) => [d.family!, d])),
      services,
      ids: { vpc: vpcId, subnets, securityGroup, fileSystem: fs.FileSystemId!, targetGroupArn, loadBalancerArn, secretArn: secret.ARN! },
    };
  } finally {
    for (const c of [ecs, iam, logs, ecr, ec2, efs, elb, aas, sm, asg]) c.destroy();
  }
}
