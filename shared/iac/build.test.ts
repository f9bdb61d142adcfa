import { describe, expect, it } from 'vitest';
import { PatternBuilder, containerAt } from '../patterns/builder';
import { ec2Cluster, efsService, loadBalancedWebService } from '../patterns';
import { buildResourceGraph, ecsOptimizedAmiParameter, ecsUserData, IacBuildError } from './build';
import { everyKindDesign } from './buildTestDesigns';
import { cat } from './buildExpr';
import { CfnMemberNames, cfnTaskDefinitionProperties } from './cfnTaskDefinition';
import { generateIac, IacValidationError } from './index';
import { ir, type IrObject, type IrResource, type IrTemplate, type IrValue } from './ir';

const P = ir.pseudo('AWS::Partition');
const R = ir.pseudo('AWS::Region');
const A = ir.pseudo('AWS::AccountId');

function res(t: IrTemplate, id: string): IrResource {
  const r = t.resources.find((x) => x.id === id);
  if (!r) throw new Error(`no resource ${id}; have ${t.resources.map((x) => x.id).join(', ')}`);
  return r;
}

function statements(t: IrTemplate, roleId: string): IrObject[] {
  const policies = (res(t, roleId).properties['Policies'] ?? []) as IrObject[];
  return policies.flatMap((p) => ((p['PolicyDocument'] as IrObject)['Statement'] as IrObject[]).map((s) => s));
}

function get(v: IrValue | undefined, ...path: (string | number)[]): IrValue | undefined {
  let cur: IrValue | undefined = v;
  for (const k of path) cur = cur === undefined ? undefined : (cur as Record<string | number, IrValue>)[k];
  return cur;
}

describe('IAM derived from the edges', () => {
  const t = buildResourceGraph(everyKindDesign());

  it('execution role: ECR pull on the connected repository, token on *, logs on the log group, secrets, parameters, KMS key', () => {
    expect(statements(t, 'ApiExecutionRole')).toEqual([
      { Sid: 'EcrAuthorizationToken', Effect: 'Allow', Action: ['ecr:GetAuthorizationToken'], Resource: ['*'] },
      { Sid: 'EcrPull', Effect: 'Allow', Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'], Resource: [ir.getAtt('TeamApiRepository', 'Arn')] },
      { Sid: 'WriteLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: [cat('arn:', P, ':logs:', R, ':', A, ':log-group:', ir.ref('ApiLogGroup'), ':*')] },
      {
        Sid: 'ReadSecrets',
        Effect: 'Allow',
        Action: ['secretsmanager:GetSecretValue'],
        Resource: ['arn:aws:secretsmanager:eu-central-1:123456789012:secret:api/db-AbCdEf', cat('arn:', P, ':secretsmanager:', R, ':', A, ':secret:ghcr-token-??????')],
      },
      { Sid: 'ReadParameters', Effect: 'Allow', Action: ['ssm:GetParameters'], Resource: [cat('arn:', P, ':ssm:', R, ':', A, ':parameter/api/feature-flag')] },
      { Sid: 'DecryptSecrets', Effect: 'Allow', Action: ['kms:Decrypt'], Resource: [cat('arn:', P, ':kms:', R, ':', A, ':key/1234abcd-12ab-34cd-56ef-1234567890ab')] },
    ]);
  });

  it('task role: the chosen S3 access per bucket, ECS Exec channels, EFS client access on the IAM-authorized file system', () => {
    expect(statements(t, 'ApiTaskRole')).toEqual([
      { Sid: 'S3exampleapiuploadsBucket', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [ir.getAtt('ExampleApiUploadsBucket', 'Arn')] },
      { Sid: 'S3exampleapiuploadsObjects', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: [cat(ir.getAtt('ExampleApiUploadsBucket', 'Arn'), '/*')] },
      { Sid: 'S3examplearchiveBucket', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [cat('arn:', P, ':s3:::example-archive')] },
      { Sid: 'S3examplearchiveObjects', Effect: 'Allow', Action: ['s3:GetObject'], Resource: [cat('arn:', P, ':s3:::example-archive/*')] },
      {
        Sid: 'EcsExec',
        Effect: 'Allow',
        Action: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'],
        Resource: ['*'],
      },
      { Sid: 'Efsshared', Effect: 'Allow', Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'], Resource: [ir.getAtt('SharedFileSystem', 'Arn')] },
    ]);
  });

  it('no statement uses * except the token and ECS Exec channel actions', () => {
    for (const r of t.resources.filter((x) => x.type === 'AWS::IAM::Role')) {
      for (const s of statements(t, r.id)) {
        if ((s['Resource'] as IrValue[]).includes('*')) expect(['EcrAuthorizationToken', 'EcsExec']).toContain(s['Sid']);
      }
    }
  });

  it('trust policies per role kind; a pattern role without edges to secrets gets no secret statement', () => {
    const ec2 = buildResourceGraph(ec2Cluster());
    expect(get(res(ec2, 'EcsInstanceRole').properties, 'AssumeRolePolicyDocument', 'Statement', 0, 'Principal')).toEqual({ Service: 'ec2.amazonaws.com' });
    expect(get(res(ec2, 'ApiTaskRole').properties, 'AssumeRolePolicyDocument', 'Statement', 0, 'Principal')).toEqual({ Service: 'ecs-tasks.amazonaws.com' });
    expect(res(ec2, 'ApiTaskRole').properties['Policies']).toBeUndefined();
    expect(statements(ec2, 'ApiExecutionRole').map((s) => s['Sid'])).toEqual(['EcrAuthorizationToken', 'EcrPull', 'WriteLogs']);
  });

  it('existing roles (by ARN) are not created and are referenced literally', () => {
    const t2 = buildResourceGraph(everyKindDesign({ existing: true }));
    expect(t2.resources.filter((r) => r.type === 'AWS::IAM::Role')).toEqual([]);
    const td = res(t2, 'ApiTaskDefinition').properties;
    expect(td['TaskRoleArn']).toBe('arn:aws:iam::123456789012:role/api-task');
    expect(td['ExecutionRoleArn']).toBe('arn:aws:iam::123456789012:role/api-execution');
    expect(res(t2, 'EcsInstanceProfile').properties['Roles']).toEqual(['ecs-instance']);
  });
});

describe('references: Ref/GetAtt where created, parameters where existing', () => {
  it('created: the task definition refers to the roles, repository, log group, file system and access point of the template', () => {
    const t = buildResourceGraph(everyKindDesign());
    const td = res(t, 'ApiTaskDefinition').properties;
    expect(td['TaskRoleArn']).toEqual(ir.getAtt('ApiTaskRole', 'Arn'));
    expect(td['ExecutionRoleArn']).toEqual(ir.getAtt('ApiExecutionRole', 'Arn'));
    expect(get(td, 'ContainerDefinitions', 0, 'Image')).toEqual(cat(ir.getAtt('TeamApiRepository', 'RepositoryUri'), ':', ir.ref('ApiAppImageTag')));
    expect(get(td, 'ContainerDefinitions', 1, 'Image')).toEqual(cat('ghcr.io/example/proxy@', ir.ref('ApiProxyImageTag')));
    expect(get(td, 'ContainerDefinitions', 0, 'LogConfiguration', 'Options')).toEqual({ 'awslogs-group': ir.ref('ApiLogGroup'), 'awslogs-region': R, 'awslogs-stream-prefix': 'app' });
    expect(get(td, 'Volumes', 0, 'EFSVolumeConfiguration')).toEqual({
      FilesystemId: ir.ref('SharedFileSystem'),
      TransitEncryption: 'ENABLED',
      AuthorizationConfig: { AccessPointId: ir.ref('SharedAccessPoint'), IAM: 'ENABLED' },
    });
    expect(t.parameters.find((p) => p.id === 'ApiAppImageTag')).toMatchObject({ type: 'String', default: '2.3.1' });
    const svc = res(t, 'ApiService');
    expect(svc.properties['Cluster']).toEqual(ir.ref('PlatformCluster'));
    expect(svc.properties['LoadBalancers']).toEqual([{ TargetGroupArn: ir.ref('ApiTgTargetGroup'), ContainerName: 'app', ContainerPort: 8080 }]);
    expect(svc.properties['CapacityProviderStrategy']).toEqual([
      { CapacityProvider: 'FARGATE', Weight: 1, Base: 1 },
      { CapacityProvider: 'FARGATE_SPOT', Weight: 3 },
    ]);
    expect(svc.properties['LaunchType']).toBeUndefined();
    expect(svc.dependsOn).toEqual(['PlatformAlb443Listener', 'PlatformCapacityProviders']);
    expect(get(svc.properties, 'NetworkConfiguration', 'AwsvpcConfiguration')).toEqual({
      Subnets: [ir.ref('PrivateASubnet'), ir.ref('PrivateBSubnet')],
      SecurityGroups: [ir.ref('ApiTasksSecurityGroup')],
    });
    expect(get(svc.properties, 'DeploymentConfiguration', 'DeploymentCircuitBreaker')).toEqual({ Enable: true, Rollback: true });
    expect(t.parameters.some((p) => p.type === 'AWS::EC2::Subnet::Id' || p.type === 'AWS::EC2::VPC::Id')).toBe(false);
  });

  it('existing: VPC, subnets, security groups and the cluster are parameters with the design ids as defaults; ARNs stay literal', () => {
    const t = buildResourceGraph(everyKindDesign({ existing: true }));
    const byId = new Map(t.parameters.map((p) => [p.id, p]));
    expect(byId.get('PrivateASubnetId')).toMatchObject({ type: 'AWS::EC2::Subnet::Id', default: 'subnet-01a1b2c3d4e5f6789' });
    expect(byId.get('ApiTasksSecurityGroupId')).toMatchObject({ type: 'AWS::EC2::SecurityGroup::Id', default: 'sg-02a1b2c3d4e5f6789' });
    expect(byId.get('SharedVpcId')).toMatchObject({ type: 'AWS::EC2::VPC::Id', default: 'vpc-0a1b2c3d4e5f67890' });
    expect(byId.get('PlatformClusterName')).toMatchObject({ type: 'String', default: 'platform' });
    expect(t.resources.map((r) => r.type)).not.toContain('AWS::EC2::VPC');
    expect(t.resources.map((r) => r.type)).not.toContain('AWS::ECS::Cluster');
    expect(t.resources.map((r) => r.type)).not.toContain('AWS::EFS::FileSystem');
    const svc = res(t, 'ApiService').properties;
    expect(svc['Cluster']).toEqual(ir.ref('PlatformClusterName'));
    expect(svc['LoadBalancers']).toEqual([{ TargetGroupArn: 'arn:aws:elasticloadbalancing:eu-central-1:123456789012:targetgroup/api-tg/73e2d6bc24d8a067', ContainerName: 'app', ContainerPort: 8080 }]);
    const td = res(t, 'ApiTaskDefinition').properties;
    expect(get(td, 'ContainerDefinitions', 0, 'Image')).toEqual(cat('123456789012.dkr.ecr.eu-central-1.', ir.pseudo('AWS::URLSuffix'), '/team/api:', ir.ref('ApiAppImageTag')));
    expect(get(td, 'ContainerDefinitions', 0, 'LogConfiguration', 'Options', 'awslogs-group')).toBe('/ecs/api');
    expect(get(td, 'Volumes', 0, 'EFSVolumeConfiguration', 'FilesystemId')).toBe('fs-0123456789abcdef0');
    expect(get(td, 'Volumes', 0, 'EFSVolumeConfiguration', 'AuthorizationConfig', 'AccessPointId')).toBe('fsap-0123456789abcdef0');
    // Nothing in the template uses the public subnets: no parameter for them.
    expect(byId.has('PublicASubnetId')).toBe(false);
  });

  it('service auto scaling: resource id service/<cluster>/<service>, scheduled actions on the target, step policy with its alarm', () => {
    const t = buildResourceGraph(everyKindDesign());
    const st = res(t, 'ApiScalableTarget').properties;
    expect(st['ResourceId']).toEqual(cat('service/', ir.ref('PlatformCluster'), '/', ir.getAtt('ApiService', 'Name')));
    expect(st['ScheduledActions']).toEqual([
      { ScheduledActionName: 'api-night', Schedule: 'cron(0 22 * * ? *)', Timezone: 'Europe/Berlin', ScalableTargetAction: { MinCapacity: 1, MaxCapacity: 4 } },
    ]);
    expect(get(res(t, 'ApiRequestsPolicy').properties, 'TargetTrackingScalingPolicyConfiguration', 'PredefinedMetricSpecification', 'ResourceLabel')).toEqual(
      cat(ir.getAtt('PlatformAlbLoadBalancer', 'LoadBalancerFullName'), '/', ir.getAtt('ApiTgTargetGroup', 'TargetGroupFullName')),
    );
    const alarm = t.resources.find((r) => r.type === 'AWS::CloudWatch::Alarm');
    expect(alarm?.properties['AlarmActions']).toEqual([ir.ref('ApiLatencyPolicy')]);
  });

  it('EFS: a mount target per connected subnet, NFS 2049 from the task security groups', () => {
    const t = buildResourceGraph(efsService());
    expect(t.resources.filter((r) => r.type === 'AWS::EFS::MountTarget').map((r) => r.properties['SubnetId'])).toEqual([ir.ref('PrivateASubnet'), ir.ref('PrivateBSubnet')]);
    expect(t.resources.filter((r) => r.type === 'AWS::EC2::SecurityGroupIngress').map((r) => r.properties)).toEqual([
      { GroupId: ir.ref('FilesEfsSecurityGroup'), SourceSecurityGroupId: ir.ref('FilesTasksSecurityGroup'), IpProtocol: 'tcp', FromPort: 2049, ToPort: 2049, Description: 'NFS from the tasks of service files' },
    ]);
  });

  it('the load balancer security group may reach the tasks on the container port; outputs name cluster, service and DNS name', () => {
    const t = buildResourceGraph(loadBalancedWebService());
    const rule = t.resources.find((r) => r.type === 'AWS::EC2::SecurityGroupIngress');
    expect(rule?.properties).toMatchObject({ GroupId: ir.ref('WebTasksSecurityGroup'), SourceSecurityGroupId: ir.ref('WebAlbSecurityGroup'), FromPort: 8080, ToPort: 8080 });
    expect(t.outputs.map((o) => [o.id, o.value])).toEqual([
      ['WebClusterName', ir.ref('WebCluster')],
      ['WebAlbDnsName', ir.getAtt('WebAlbLoadBalancer', 'DNSName')],
      ['WebServiceName', ir.getAtt('WebService', 'Name')],
    ]);
  });
});

describe('EC2 capacity: AMI parameter, instance profile, ecs.config user data', () => {
  it('AMI from the public SSM parameter per family and architecture', () => {
    expect(ecsOptimizedAmiParameter('al2023', 'x86_64')).toBe('/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id');
    expect(ecsOptimizedAmiParameter('al2023', 'arm64')).toBe('/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id');
    expect(ecsOptimizedAmiParameter('al2', 'arm64')).toBe('/aws/service/ecs/optimized-ami/amazon-linux-2/arm64/recommended/image_id');
    expect(ecsOptimizedAmiParameter('bottlerocket', 'x86_64')).toBe('/aws/service/bottlerocket/aws-ecs-2/x86_64/latest/image_id');
  });

  it('user data writes ECS_CLUSTER of the connected cluster (not a stale configured one) and the other agent settings', () => {
    expect(ecsUserData('al2023', ir.ref('C'), { ECS_CLUSTER: 'old', ECS_ENABLE_TASK_IAM_ROLE: 'true' })).toEqual(
      cat("#!/bin/bash\ncat >> /etc/ecs/ecs.config <<'EOF'\nECS_CLUSTER=", ir.ref('C'), '\nECS_ENABLE_TASK_IAM_ROLE=true\nEOF\n'),
    );
    expect(ecsUserData('bottlerocket', 'prod', {})).toBe('[settings.ecs]\ncluster = "prod"\n');
  });

  it('the pattern builds launch template, group and capacity provider wired together', () => {
    const t = buildResourceGraph(ec2Cluster());
    const ami = t.parameters.find((p) => p.type === 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>');
    expect(ami).toMatchObject({ id: 'Ec2CapacityAmiId', default: '/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id' });
    const lt = get(res(t, 'Ec2CapacityLaunchTemplate').properties, 'LaunchTemplateData') as IrObject;
    expect(lt['ImageId']).toEqual(ir.ref('Ec2CapacityAmiId'));
    expect(lt['IamInstanceProfile']).toEqual({ Arn: ir.getAtt('EcsInstanceRoleInstanceProfile', 'Arn') });
    expect(lt['UserData']).toEqual(ir.base64(cat("#!/bin/bash\ncat >> /etc/ecs/ecs.config <<'EOF'\nECS_CLUSTER=", ir.ref('Ec2Cluster'), '\nECS_ENABLE_CONTAINER_METADATA=true\nEOF\n')));
    expect(get(res(t, 'Ec2CapacityProvider').properties, 'AutoScalingGroupProvider', 'AutoScalingGroupArn')).toEqual(ir.ref('Ec2CapacityAutoScalingGroup'));
    expect(res(t, 'Ec2ClusterCapacityProviders').properties).toEqual({
      Cluster: ir.ref('Ec2Cluster'),
      CapacityProviders: [ir.ref('Ec2CapacityProvider')],
      DefaultCapacityProviderStrategy: [{ CapacityProvider: ir.ref('Ec2CapacityProvider'), Weight: 1 }],
    });
  });

  it('a capacity provider without an instance role cannot be built: the error names the node', () => {
    const b = new PatternBuilder('d', 'd', '');
    const cluster = b.node('cluster', { clusterName: 'c' });
    const asg = b.node('asgCapacityProvider', { name: 'cap' });
    b.connect(asg, cluster);
    expect(() => buildResourceGraph(b.design)).toThrow(IacBuildError);
    expect(() => buildResourceGraph(b.design)).toThrow(/capacity provider "cap" has no instance role/);
  });
});

describe('task definition properties in CloudFormation spelling', () => {
  it('renames EFS members and keeps string-map keys', () => {
    expect(
      cfnTaskDefinitionProperties({
        family: 'f',
        volumes: [{ name: 'v', efsVolumeConfiguration: { fileSystemId: 'fs-1', authorizationConfig: { iam: 'ENABLED', accessPointId: 'fsap-1' } } }],
        containerDefinitions: [{ name: 'c', logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': 'g' } }, dockerLabels: { 'a.b': 'c' }, ephemeral: undefined }],
      }),
    ).toEqual({
      Family: 'f',
      Volumes: [{ Name: 'v', EFSVolumeConfiguration: { FilesystemId: 'fs-1', AuthorizationConfig: { IAM: 'ENABLED', AccessPointId: 'fsap-1' } } }],
      ContainerDefinitions: [{ Name: 'c', LogConfiguration: { LogDriver: 'awslogs', Options: { 'awslogs-group': 'g' } }, DockerLabels: { 'a.b': 'c' } }],
    });
  });

  it('renames a member by its parent only under that parent, whichever is met first (one name table for all calls)', () => {
    const names = new CfnMemberNames();
    const proxy = { proxyConfiguration: { type: 'APPMESH', containerName: 'envoy', properties: [{ name: 'AppPorts', value: '8080' }] } };
    const elsewhere = { properties: { iam: 'x', fileSystemId: 'y' } };
    for (const order of [
      [elsewhere, proxy],
      [proxy, elsewhere],
    ]) {
      const fresh = new CfnMemberNames();
      for (const table of [fresh, names]) {
        expect(order.map((input) => cfnTaskDefinitionProperties(input, table))).toEqual(
          order.map((input) =>
            input === proxy
              ? { ProxyConfiguration: { Type: 'APPMESH', ContainerName: 'envoy', ProxyConfigurationProperties: [{ Name: 'AppPorts', Value: '8080' }] } }
              : { Properties: { Iam: 'x', FileSystemId: 'y' } },
          ),
        );
      }
    }
  });
});

describe('logical ids', () => {
  it('are the same for the same design', () => {
    expect(buildResourceGraph(everyKindDesign()).resources.map((r) => r.id)).toEqual(buildResourceGraph(everyKindDesign()).resources.map((r) => r.id));
  });
});

describe('generateIac', () => {
  it('refuses a design with validation errors, listing them; force generates anyway', () => {
    const b = new PatternBuilder('d', 'broken', '');
    const td = b.node('taskDefinition', { family: 'x', requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', cpu: '256', memory: '99999' });
    b.node('container', { name: 'app', image: 'nginx:1' }, containerAt(td));
    let err: unknown;
    try {
      generateIac(b.design, 'cloudformation');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(IacValidationError);
    expect((err as IacValidationError).findings.length).toBeGreaterThan(0);
    expect((err as IacValidationError).message).toMatch(/validation error/);
    const files = generateIac(b.design, 'cloudformation', { force: true, cfnFormat: 'json' });
    expect(files.map((f) => f.path)).toEqual(['template.json']);
  });

  it('one file per CloudFormation format; Terraform and CDK through their renderers', () => {
    const d = loadBalancedWebService();
    expect(generateIac(d, 'cloudformation').map((f) => f.path)).toEqual(['template.yaml']);
    expect(generateIac(d, 'terraform').map((f) => f.path)).toContain('main.tf');
    expect(generateIac(d, 'cdk', { stackName: 'Web' }).map((f) => f.path)).toContain('bin/app.ts');
  });

  it('a created execution role missing secret permissions does not block generation (the template derives them)', () => {
    expect(() => generateIac(everyKindDesign(), 'cloudformation')).not.toThrow();
  });
});
