import { describe, expect, it } from 'vitest';
import type { Finding } from '../findings';
import { parseDesignValue, type Design } from '../model/document';
import { sequentialIds } from '../model/ids';
import type { DesignNode, NodeOf } from '../model/nodes';
import { validateDesign } from '../rules/index';
import { exportTaskDefinitions } from '../taskdef/export';
import { corpusFiles } from '../test-support/corpus';
import { cfnToApiCase, importCloudFormation } from './cloudformation';
import type { ImportReportEntry } from './report';

function ok(text: string): { design: Design; report: ImportReportEntry[] } {
  const r = importCloudFormation(text, { ids: sequentialIds(), stackName: 'stack' });
  if (!r.ok) throw new Error(r.message);
  return r;
}
const nodes = <K extends DesignNode['kind']>(d: Design, kind: K) => d.nodes.filter((n): n is NodeOf<K> => n.kind === kind);
const edgeKinds = (d: Design) => [...new Set(d.edges.map((e) => e.kind))].sort();

/**
 * Why an error finding of an imported template is not the importer's fault: the value it complains about is a
 * `${…}` placeholder the report lists (a parameter without default, a cross-stack import), or the report names the
 * property that could not be carried over.
 */
function explanation(f: Finding, report: ImportReportEntry[]): ImportReportEntry | undefined {
  for (const [, name] of f.message.matchAll(/\$\{([^}]+)\}/g)) {
    const param = report.find((e) => e.path === `Parameters.${name}`);
    if (param) return param;
    if (name?.startsWith('import:')) return report.find((e) => e.message.includes(`Fn::ImportValue ${name.slice('import:'.length)}`));
  }
  const byRule: Record<string, RegExp> = { 'loadbalancer/target-group-listener': /\.ListenerArn$/, 'service/desired-count': /\.DesiredCount$/ };
  const re = byRule[f.rule];
  return re ? report.find((e) => re.test(e.path)) : undefined;
}

describe('CloudFormation corpus', () => {
  for (const file of corpusFiles('cloudformation')) {
    it(`${file.name}: imports to a valid design whose error findings are all explained by the report`, () => {
      const { design, report } = ok(file.text);
      expect(parseDesignValue(JSON.parse(JSON.stringify(design))).ok).toBe(true);
      expect(nodes(design, 'service').length).toBeGreaterThan(0);
      expect(nodes(design, 'taskDefinition').length).toBeGreaterThan(0);
      const unexplained = validateDesign(design)
        .filter((f) => f.severity === 'error')
        .filter((f) => explanation(f, report) === undefined)
        .map((f) => `${f.rule}: ${f.message}`);
      expect(unexplained).toEqual([]);
      // Values left as `${…}` or deploy-time placeholders still export (lenient mode writes placeholders).
      expect(exportTaskDefinitions(design, undefined, { lenient: true }).filter((e) => !e.ok)).toEqual([]);
    });
  }

  const file = (name: string) => corpusFiles('cloudformation').find((f) => f.name.includes(name))!.text;

  it('yelb base infra: the whole network and four services, connected', () => {
    const { design } = ok(file('yelb-service-connect'));
    expect(nodes(design, 'service').map((s) => s.properties.serviceName).sort()).toEqual(['yelb-appserver', 'yelb-db', 'yelb-redis', 'yelb-ui']);
    expect([nodes(design, 'vpc').length, nodes(design, 'subnet').length, nodes(design, 'loadBalancer').length, nodes(design, 'targetGroup').length]).toEqual([1, 4, 2, 2]);
    expect(edgeKinds(design)).toEqual(
      expect.arrayContaining(['service-cluster', 'service-task-definition', 'service-subnet', 'service-security-group', 'service-target-group', 'listener-load-balancer', 'listener-target-group', 'subnet-vpc', 'execution-role', 'task-role', 'container-log-group']),
    );
    // The roles the task definitions reference (GetAtt Role.Arn) became the role nodes they are connected to.
    for (const td of nodes(design, 'taskDefinition')) {
      expect(design.edges.filter((e) => e.source === td.id && (e.kind === 'execution-role' || e.kind === 'task-role')).length).toBe(2);
    }
  });

  it('ecs-refarch website service: ECR image, log group by Ref, step scaling with its alarm', () => {
    const { design, report } = ok(file('ecs-refarch'));
    const c = nodes(design, 'container')[0]!;
    const image = design.edges.find((e) => e.kind === 'container-image' && e.source === c.id);
    expect(design.nodes.find((n) => n.id === image?.target)).toMatchObject({ kind: 'ecrRepository', properties: { repositoryName: 'ecs-refarch-cloudformation/website-service', accountId: '275396840892' } });
    expect(c.properties.imageTag).toBe('1.0.0');
    const logs = design.nodes.find((n) => n.id === design.edges.find((e) => e.kind === 'container-log-group' && e.source === c.id)?.target);
    expect(logs).toMatchObject({ kind: 'logGroup', properties: { retentionInDays: 365 } });
    expect(nodes(design, 'stepScalingPolicy').map((p) => [p.properties.alarm.metricName, p.properties.alarm.comparisonOperator])).toEqual(
      expect.arrayContaining([['CPUUtilization', 'GreaterThanThreshold']]),
    );
    expect(design.edges.filter((e) => e.kind === 'scaling-policy-target')).toHaveLength(2);
    expect(design.edges.filter((e) => e.kind === 'scalable-target-service')).toHaveLength(1);
    expect(report.length).toBeGreaterThan(0);
  });

  it('copilot: unresolved parameters and cross-stack imports are reported; Fargate providers join the cluster', () => {
    const { design, report } = ok(file('svc-prod'));
    expect(report).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'Parameters.WorkloadName', message: expect.stringMatching(/no default/) })]));
    expect(nodes(design, 'fargateCapacityProvider').map((p) => p.properties.provider).sort()).toEqual(['FARGATE', 'FARGATE_SPOT']);
    expect(design.edges.filter((e) => e.kind === 'capacity-provider-cluster')).toHaveLength(2);
    expect(report.some((e) => /AWS::Lambda::Function is not part of an ECS design/.test(e.message))).toBe(true);
  });
});

describe('CloudFormation mapping', () => {
  const TEMPLATE = `
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env: {Type: String, Default: prod}
  Tag: {Type: String}
  Size: {Type: String, AllowedValues: ['512', '1024']}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
Mappings:
  Ports: {prod: {web: 8080}}
Resources:
  Cluster:
    Type: AWS::ECS::Cluster
    Properties: {ClusterName: !Sub '\${Env}-cluster', ClusterSettings: [{Name: containerInsights, Value: enabled}]}
  Repo:
    Type: AWS::ECR::Repository
    Properties: {RepositoryName: web}
  Logs:
    Type: AWS::Logs::LogGroup
    Properties: {LogGroupName: !Join ['/', ['', ecs, !Ref Env]], RetentionInDays: 30}
  Fs:
    Type: AWS::EFS::FileSystem
    Properties: {Encrypted: true}
  Exec:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy]
  App:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: s3
          PolicyDocument: {Statement: [{Effect: Allow, Action: 's3:GetObject', Resource: '*'}]}
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: !Sub '\${AWS::StackName}-web'
      Cpu: !Ref Size
      Memory: '1024'
      NetworkMode: awsvpc
      RequiresCompatibilities: [FARGATE]
      ExecutionRoleArn: !GetAtt Exec.Arn
      TaskRoleArn: !Ref App
      Volumes:
        - Name: data
          EFSVolumeConfiguration: {FilesystemId: !Ref Fs, TransitEncryption: ENABLED}
      ContainerDefinitions:
        - Name: web
          Image: !Sub '\${Repo.RepositoryUri}:\${Tag}'
          Essential: 'true'
          PortMappings: [{ContainerPort: !FindInMap [Ports, !Ref Env, web]}]
          Environment: [{Name: COUNT, Value: 3}]
          DockerLabels: {com.example.Team: core}
          LogConfiguration:
            LogDriver: awslogs
            Options: {awslogs-group: !Ref Logs, awslogs-region: !Ref 'AWS::Region', awslogs-stream-prefix: web}
          MountPoints: [{SourceVolume: data, ContainerPath: /data}]
          Cpu: '256'
  DevOnly:
    Type: AWS::SNS::Topic
    Condition: IsDev
  Service:
    Type: AWS::ECS::Service
    Properties:
      Cluster: !Ref Cluster
      TaskDefinition: !Ref Task
      DesiredCount: !If [IsProd, 3, 1]
      LaunchType: FARGATE
      NetworkConfiguration:
        AwsvpcConfiguration: {Subnets: [subnet-0abc], SecurityGroups: [!ImportValue shared-sg], AssignPublicIp: DISABLED}
      ServiceRegistries: [{RegistryArn: arn:x}]
  Queue:
    Type: AWS::SQS::Queue
    DeletionPolicy: Retain
Outputs:
  ClusterName: {Value: !Ref Cluster}
`;

  it('resolves intrinsics, maps resources and turns references into edges', () => {
    const { design, report } = ok(TEMPLATE);
    expect(nodes(design, 'cluster')[0]?.properties).toMatchObject({ clusterName: 'prod-cluster', containerInsights: 'enabled' });
    const td = nodes(design, 'taskDefinition')[0]!;
    expect(td.properties).toMatchObject({ family: 'stack-web', cpu: '512', memory: '1024', volumes: [{ name: 'data', efsVolumeConfiguration: { transitEncryption: 'ENABLED' } }] });
    const web = nodes(design, 'container')[0]!;
    expect(web.properties).toMatchObject({
      name: 'web',
      essential: true,
      cpu: 256,
      imageTag: '${Tag}',
      portMappings: [{ containerPort: 8080 }],
      environment: [{ name: 'COUNT', value: '3' }],
      dockerLabels: { 'com.example.Team': 'core' },
      logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-region': '<region>', 'awslogs-stream-prefix': 'web' } },
    });
    const target = (source: string, kind: string) => design.nodes.find((n) => n.id === design.edges.find((e) => e.source === source && e.kind === kind)?.target);
    expect(target(web.id, 'container-image')).toMatchObject({ kind: 'ecrRepository', properties: { repositoryName: 'web' } });
    expect(target(web.id, 'container-log-group')).toMatchObject({ kind: 'logGroup', properties: { logGroupName: '/ecs/prod', retentionInDays: 30 } });
    expect(target(td.id, 'execution-role')).toMatchObject({ kind: 'executionRole', properties: { managedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'] } });
    expect(target(td.id, 'task-role')).toMatchObject({ kind: 'taskRole', properties: { inlinePolicies: [{ policyName: 's3', statements: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }] } });
    expect(target(td.id, 'volume-efs')).toMatchObject({ kind: 'efsFileSystem', properties: { encrypted: true } });
    expect(nodes(design, 'efsFileSystem')).toHaveLength(1);
    const svc = nodes(design, 'service')[0]!;
    expect(svc.properties).toMatchObject({ serviceName: 'Service', desiredCount: 3, launchType: 'FARGATE', assignPublicIp: 'DISABLED' });
    expect(target(svc.id, 'service-subnet')).toMatchObject({ kind: 'subnet', properties: { subnetId: 'subnet-0abc' } });
    expect(target(svc.id, 'service-security-group')).toMatchObject({ kind: 'securityGroup', properties: { groupId: 'shared-sg' } });

    const byPath = new Map(report.map((e) => [e.path, e.message]));
    expect(byPath.get('Parameters.Tag')).toMatch(/no default/);
    expect(byPath.get('Parameters.Size')).toMatch(/first allowed value "512"/);
    expect(byPath.get('Resources.DevOnly')).toMatch(/condition IsDev is false/);
    expect(byPath.get('Resources.Queue')).toMatch(/AWS::SQS::Queue is not part of an ECS design/);
    expect(byPath.get('Resources.Queue.DeletionPolicy')).toMatch(/DeletionPolicy Retain is not carried over/);
    expect(byPath.get('Outputs')).toMatch(/stack outputs are not part of a design/);
    expect(byPath.get('Resources.Service.Properties.ServiceRegistries')).toMatch(/not carried over/);
    expect(byPath.get('Resources.Service.Properties.NetworkConfiguration.AwsvpcConfiguration.SecurityGroups[0]')).toMatch(/output of another stack/);
  });

  it('EFS access point and file system referenced by a task definition volume: edges to the template resources', () => {
    const template = {
      Resources: {
        Fs: { Type: 'AWS::EFS::FileSystem', Properties: { FileSystemTags: [{ Key: 'Name', Value: 'data' }] } },
        Ap: { Type: 'AWS::EFS::AccessPoint', Properties: { FileSystemId: { Ref: 'Fs' }, PosixUser: { Uid: '1000', Gid: '1000' } } },
        T: {
          Type: 'AWS::ECS::TaskDefinition',
          Properties: {
            Volumes: [{ Name: 'v', EFSVolumeConfiguration: { FilesystemId: { Ref: 'Fs' }, TransitEncryption: 'ENABLED', AuthorizationConfig: { AccessPointId: { Ref: 'Ap' }, IAM: 'ENABLED' } } }],
            ContainerDefinitions: [{ Name: 'a', Image: 'nginx', MountPoints: [{ SourceVolume: 'v', ContainerPath: '/d' }] }],
          },
        },
      },
    };
    const { design } = ok(JSON.stringify(template));
    expect(parseDesignValue(JSON.parse(JSON.stringify(design))).ok).toBe(true);
    expect(nodes(design, 'efsFileSystem').map((n) => n.properties.name)).toEqual(['data']);
    expect(nodes(design, 'efsAccessPoint').map((n) => n.properties.posixUser)).toEqual([{ uid: 1000, gid: 1000 }]);
    const [fs, ap] = [nodes(design, 'efsFileSystem')[0]!.id, nodes(design, 'efsAccessPoint')[0]!.id];
    const td = nodes(design, 'taskDefinition')[0]!;
    expect(design.edges.map((e) => [e.kind, e.source, e.target]).sort()).toEqual(
      [
        ['access-point-file-system', ap, fs],
        ['container-image', nodes(design, 'container')[0]!.id, nodes(design, 'externalImage')[0]!.id],
        ['volume-access-point', td.id, ap],
        ['volume-efs', td.id, fs],
      ].sort(),
    );
    expect(td.properties.volumes).toEqual([{ name: 'v', efsVolumeConfiguration: { transitEncryption: 'ENABLED', authorizationConfig: { iam: 'ENABLED' } } }]);
  });

  it('EC2 capacity: capacity provider ← Auto Scaling group ← launch template ← instance profile ← role', () => {
    const template = `
Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.1.0.0/16}}
  SubnetA: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.1.1.0/24}}
  Sg: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: hosts, VpcId: !Ref Vpc}}
  InstanceRole: {Type: AWS::IAM::Role, Properties: {AssumeRolePolicyDocument: {}, ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role]}}
  Profile: {Type: AWS::IAM::InstanceProfile, Properties: {Roles: [!Ref InstanceRole]}}
  Template:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData: {InstanceType: m7g.large, IamInstanceProfile: {Arn: !GetAtt Profile.Arn}, SecurityGroupIds: [!Ref Sg]}
  Group:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties: {MinSize: '1', MaxSize: '6', VPCZoneIdentifier: [!Ref SubnetA], LaunchTemplate: {LaunchTemplateId: !Ref Template, Version: !GetAtt Template.LatestVersionNumber}}
  Provider:
    Type: AWS::ECS::CapacityProvider
    Properties:
      Name: hosts
      AutoScalingGroupProvider: {AutoScalingGroupArn: !Ref Group, ManagedScaling: {Status: ENABLED, TargetCapacity: 90}, ManagedTerminationProtection: DISABLED}
  Cluster: {Type: AWS::ECS::Cluster}
  Associations:
    Type: AWS::ECS::ClusterCapacityProviderAssociations
    Properties: {Cluster: !Ref Cluster, CapacityProviders: [!Ref Provider, FARGATE], DefaultCapacityProviderStrategy: [{CapacityProvider: !Ref Provider, Weight: 1}]}
  Other: {Type: AWS::AutoScaling::AutoScalingGroup, Properties: {MinSize: '0', MaxSize: '1'}}
  SshIn: {Type: AWS::EC2::SecurityGroupIngress, Properties: {GroupId: !Ref Sg, IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 10.0.0.0/8}}
  Rt: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref Vpc}}
`;
    const { design, report } = ok(template);
    expect(parseDesignValue(JSON.parse(JSON.stringify(design))).ok).toBe(true);
    const cp = nodes(design, 'asgCapacityProvider')[0]!;
    expect(cp.properties).toMatchObject({ name: 'hosts', instanceType: 'm7g.large', minSize: 1, maxSize: 6, managedScaling: { status: 'ENABLED', targetCapacity: 90 } });
    const target = (kind: string) => design.edges.filter((e) => e.source === cp.id && e.kind === kind).map((e) => design.nodes.find((n) => n.id === e.target)?.kind);
    expect(target('asg-instance-role')).toEqual(['instanceRole']);
    expect(target('asg-subnet')).toEqual(['subnet']);
    expect(target('asg-security-group')).toEqual(['securityGroup']);
    expect(target('capacity-provider-cluster')).toEqual(['cluster']);
    expect(design.edges.filter((e) => e.kind === 'capacity-provider-cluster')).toHaveLength(2);
    expect(nodes(design, 'instanceRole')[0]?.properties.managedPolicyArns).toEqual(['arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role']);
    const byPath = new Map(report.map((e) => [e.path, e.message]));
    expect(byPath.get('Resources.Group')).toMatch(/→ capacity provider hosts/);
    expect(byPath.get('Resources.Other')).toMatch(/not used by an ECS capacity provider/);
    expect(byPath.get('Resources.Rt')).toMatch(/network plumbing is not modelled/);
    expect(nodes(design, 'securityGroup')[0]?.properties.ingress).toEqual([{ protocol: 'tcp', fromPort: 22, toPort: 22, cidr: '10.0.0.0/8' }]);
    expect(report.filter((e) => e.path.startsWith('Resources.Template') || e.path.startsWith('Resources.Group.'))).toEqual([]);
  });

  it('JSON templates work the same; CFN property names become the ECS API names', () => {
    const json = JSON.stringify({ Resources: { T: { Type: 'AWS::ECS::TaskDefinition', Properties: { ContainerDefinitions: [{ Name: 'a', Image: 'nginx' }] } } } });
    expect(nodes(ok(json).design, 'container')[0]?.properties.name).toBe('a');
    expect(cfnToApiCase({ EFSVolumeConfiguration: { FilesystemId: 'fs-1', AuthorizationConfig: { IAM: 'ENABLED', AccessPointId: 'fsap-1' } }, Options: { 'awslogs-group': 'g' } })).toEqual({
      efsVolumeConfiguration: { fileSystemId: 'fs-1', authorizationConfig: { iam: 'ENABLED', accessPointId: 'fsap-1' } },
      options: { 'awslogs-group': 'g' },
    });
  });

  it('bad input: YAML and JSON errors carry line and column; non-templates are refused', () => {
    expect(importCloudFormation('Resources:\n  A:\n    Type: [x\n')).toMatchObject({ ok: false, line: 4, message: expect.stringMatching(/^not valid YAML: .*\(line 4, column 1\)$/) });
    expect(importCloudFormation('{\n  "Resources": {,}\n}')).toMatchObject({ ok: false, line: 2, message: expect.stringMatching(/^not valid JSON: .*\(line 2, column \d+\)$/) });
    expect(importCloudFormation('services: {}\n')).toEqual({ ok: false, format: 'cloudformation', message: 'not a CloudFormation template: it has no "Resources" map' });
    expect(importCloudFormation('Resources:\n  A: {Properties: {}}\n')).toMatchObject({ ok: false, message: expect.stringMatching(/^Resources\.A\.Type: /) });
  });
});
