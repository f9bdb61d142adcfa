/**
 * A hand-built resource IR covering every resource type the IaC renderers map, shaped like what the resource
 * graph builder produces for an EC2 + Fargate design: network, load balancer, cluster with an Auto Scaling group
 * capacity provider, a service with EFS, scaling (target tracking, step with alarm, scheduled), IAM derived from
 * edges, ECR, logs, S3, secrets and SSM. Test fixture for the Terraform and CDK renderers.
 */

import { ir, type IrTemplate } from '../ir';

const { ref, getAtt, concat, select, azs, base64, pseudo } = ir;

export const FULL_TEMPLATE: IrTemplate = {
  description: 'Shop: web service on Fargate and EC2 capacity behind an ALB (fixture)',
  parameters: [
    { id: 'WebImageTag', type: 'String', description: 'Image tag of the web container', default: 'latest' },
    { id: 'WebDesiredCount', type: 'Number', description: 'Tasks the web service runs', default: 2 },
    {
      id: 'EcsAmiId',
      type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>',
      description: 'ECS-optimized Amazon Linux 2023 AMI',
      default: '/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id',
    },
    {
      id: 'Environment',
      type: 'String',
      description: 'Deployment environment',
      default: 'staging',
      allowedValues: ['staging', 'production'],
    },
    {
      id: 'ExtraSubnetIds',
      type: 'List<AWS::EC2::Subnet::Id>',
      description: 'Existing subnets the worker service also uses',
      default: 'subnet-0123456789abcdef0,subnet-0fedcba9876543210',
    },
    { id: 'ExistingVpcId', type: 'AWS::EC2::VPC::Id', description: 'VPC of the existing subnets', default: 'vpc-0123456789abcdef0' },
  ],
  resources: [
    {
      id: 'Vpc',
      type: 'AWS::EC2::VPC',
      comment: 'Network the design creates',
      properties: {
        CidrBlock: '10.0.0.0/16',
        EnableDnsHostnames: true,
        EnableDnsSupport: true,
        Tags: [{ Key: 'Name', Value: 'shop' }],
      },
    },
    {
      id: 'PublicSubnetA',
      type: 'AWS::EC2::Subnet',
      properties: {
        VpcId: ref('Vpc'),
        CidrBlock: '10.0.0.0/24',
        AvailabilityZone: select(0, azs()),
        MapPublicIpOnLaunch: true,
        Tags: [{ Key: 'Name', Value: 'shop-public-a' }],
      },
    },
    {
      id: 'PublicSubnetB',
      type: 'AWS::EC2::Subnet',
      properties: {
        VpcId: ref('Vpc'),
        CidrBlock: '10.0.1.0/24',
        AvailabilityZone: select(1, azs()),
        MapPublicIpOnLaunch: true,
      },
    },
    { id: 'InternetGateway', type: 'AWS::EC2::InternetGateway', properties: {} },
    {
      id: 'GatewayAttachment',
      type: 'AWS::EC2::VPCGatewayAttachment',
      properties: { VpcId: ref('Vpc'), InternetGatewayId: ref('InternetGateway') },
    },
    { id: 'PublicRouteTable', type: 'AWS::EC2::RouteTable', properties: { VpcId: ref('Vpc') } },
    {
      id: 'PublicDefaultRoute',
      type: 'AWS::EC2::Route',
      dependsOn: ['GatewayAttachment'],
      properties: { RouteTableId: ref('PublicRouteTable'), DestinationCidrBlock: '0.0.0.0/0', GatewayId: ref('InternetGateway') },
    },
    {
      id: 'PublicSubnetARouteTableAssociation',
      type: 'AWS::EC2::SubnetRouteTableAssociation',
      properties: { SubnetId: ref('PublicSubnetA'), RouteTableId: ref('PublicRouteTable') },
    },
    {
      id: 'PublicSubnetBRouteTableAssociation',
      type: 'AWS::EC2::SubnetRouteTableAssociation',
      properties: { SubnetId: ref('PublicSubnetB'), RouteTableId: ref('PublicRouteTable') },
    },
    { id: 'NatEip', type: 'AWS::EC2::EIP', dependsOn: ['GatewayAttachment'], properties: { Domain: 'vpc' } },
    {
      id: 'NatGateway',
      type: 'AWS::EC2::NatGateway',
      properties: { AllocationId: getAtt('NatEip', 'AllocationId'), SubnetId: ref('PublicSubnetA') },
    },
    {
      id: 'ServiceNamespace',
      type: 'AWS::ServiceDiscovery::PrivateDnsNamespace',
      properties: { Name: 'shop.local', Vpc: ref('Vpc'), Description: 'Service Connect namespace' },
    },
    { id: 'ApiNamespace', type: 'AWS::ServiceDiscovery::HttpNamespace', properties: { Name: 'shop-api' } },
    {
      id: 'AlbSecurityGroup',
      type: 'AWS::EC2::SecurityGroup',
      properties: {
        GroupDescription: 'Load balancer: HTTP from anywhere',
        VpcId: ref('Vpc'),
        SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0', Description: 'HTTP' }],
      },
    },
    {
      id: 'WebSecurityGroup',
      type: 'AWS::EC2::SecurityGroup',
      properties: {
        GroupDescription: 'Web tasks',
        VpcId: ref('Vpc'),
        SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, SourceSecurityGroupId: getAtt('AlbSecurityGroup', 'GroupId') }],
        SecurityGroupEgress: [{ IpProtocol: '-1', CidrIp: '0.0.0.0/0', Description: 'All outbound' }],
      },
    },
    {
      id: 'EfsSecurityGroup',
      type: 'AWS::EC2::SecurityGroup',
      properties: { GroupDescription: 'EFS mount targets', VpcId: ref('Vpc') },
    },
    {
      id: 'EfsIngressFromWeb',
      type: 'AWS::EC2::SecurityGroupIngress',
      comment: 'NFS from the tasks that mount the file system',
      properties: {
        GroupId: getAtt('EfsSecurityGroup', 'GroupId'),
        IpProtocol: 'tcp',
        FromPort: 2049,
        ToPort: 2049,
        SourceSecurityGroupId: getAtt('WebSecurityGroup', 'GroupId'),
        Description: 'NFS from web',
      },
    },
    {
      id: 'AlbEgressToWeb',
      type: 'AWS::EC2::SecurityGroupEgress',
      properties: {
        GroupId: getAtt('AlbSecurityGroup', 'GroupId'),
        IpProtocol: 'tcp',
        FromPort: 8080,
        ToPort: 8080,
        DestinationSecurityGroupId: getAtt('WebSecurityGroup', 'GroupId'),
      },
    },
    {
      id: 'WebLogGroup',
      type: 'AWS::Logs::LogGroup',
      properties: { LogGroupName: '/ecs/shop/web', RetentionInDays: 30 },
    },
    {
      id: 'WebRepository',
      type: 'AWS::ECR::Repository',
      properties: {
        RepositoryName: 'shop/web',
        ImageTagMutability: 'IMMUTABLE',
        ImageScanningConfiguration: { ScanOnPush: true },
        EncryptionConfiguration: { EncryptionType: 'AES256' },
        LifecyclePolicy: {
          LifecyclePolicyText: JSON.stringify({
            rules: [
              {
                rulePriority: 1,
                description: 'Keep the last 20 images',
                selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 20 },
                action: { type: 'expire' },
              },
            ],
          }),
        },
      },
    },
    {
      id: 'AssetsBucket',
      type: 'AWS::S3::Bucket',
      properties: {
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
      },
    },
    {
      id: 'DbPasswordSecret',
      type: 'AWS::SecretsManager::Secret',
      properties: { Name: 'shop/db-password', Description: 'Database password', SecretString: 'change-me' },
    },
    {
      id: 'FeatureFlagsParameter',
      type: 'AWS::SSM::Parameter',
      properties: { Name: '/shop/feature-flags', Type: 'String', Value: 'checkout=on', Description: 'Feature flags' },
    },
    {
      id: 'DataFileSystem',
      type: 'AWS::EFS::FileSystem',
      properties: {
        Encrypted: true,
        PerformanceMode: 'generalPurpose',
        ThroughputMode: 'bursting',
        LifecyclePolicies: [{ TransitionToIA: 'AFTER_30_DAYS' }],
        BackupPolicy: { Status: 'ENABLED' },
        FileSystemTags: [{ Key: 'Name', Value: 'shop-data' }],
      },
    },
    {
      id: 'DataMountTargetA',
      type: 'AWS::EFS::MountTarget',
      properties: { FileSystemId: ref('DataFileSystem'), SubnetId: ref('PublicSubnetA'), SecurityGroups: [getAtt('EfsSecurityGroup', 'GroupId')] },
    },
    {
      id: 'DataMountTargetB',
      type: 'AWS::EFS::MountTarget',
      properties: { FileSystemId: ref('DataFileSystem'), SubnetId: ref('PublicSubnetB'), SecurityGroups: [getAtt('EfsSecurityGroup', 'GroupId')] },
    },
    {
      id: 'DataAccessPoint',
      type: 'AWS::EFS::AccessPoint',
      properties: {
        FileSystemId: ref('DataFileSystem'),
        PosixUser: { Uid: '1000', Gid: '1000' },
        RootDirectory: { Path: '/data', CreationInfo: { OwnerUid: '1000', OwnerGid: '1000', Permissions: '0755' } },
        AccessPointTags: [{ Key: 'Name', Value: 'shop-data' }],
      },
    },
    {
      id: 'WebExecutionRole',
      type: 'AWS::IAM::Role',
      comment: 'Execution role: pulls the image, writes logs, reads the secret',
      properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
        Policies: [
          {
            PolicyName: 'EcrPull',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                { Effect: 'Allow', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: getAtt('WebRepository', 'Arn') },
                { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
              ],
            },
          },
          {
            PolicyName: 'Logs',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: getAtt('WebLogGroup', 'Arn') }],
            },
          },
        ],
      },
    },
    {
      id: 'WebExecutionSecretsPolicy',
      type: 'AWS::IAM::Policy',
      properties: {
        PolicyName: 'Secrets',
        Roles: [ref('WebExecutionRole')],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: ref('DbPasswordSecret') },
            {
              Effect: 'Allow',
              Action: 'ssm:GetParameters',
              Resource: concat('arn:', pseudo('AWS::Partition'), ':ssm:', pseudo('AWS::Region'), ':', pseudo('AWS::AccountId'), ':parameter', ref('FeatureFlagsParameter')),
            },
          ],
        },
      },
    },
    {
      id: 'WebTaskRole',
      type: 'AWS::IAM::Role',
      properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
        Policies: [
          {
            PolicyName: 'AssetsReadWrite',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: getAtt('AssetsBucket', 'Arn') },
                { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: concat(getAtt('AssetsBucket', 'Arn'), '/*') },
              ],
            },
          },
          {
            PolicyName: 'EfsClient',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
                  Resource: getAtt('DataFileSystem', 'Arn'),
                  Condition: { StringEquals: { 'elasticfilesystem:AccessPointArn': getAtt('DataAccessPoint', 'Arn') } },
                },
              ],
            },
          },
        ],
      },
    },
    {
      id: 'InstanceRole',
      type: 'AWS::IAM::Role',
      properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
        ManagedPolicyArns: [concat('arn:', pseudo('AWS::Partition'), ':iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role')],
      },
    },
    {
      id: 'InstanceSsmPolicy',
      type: 'AWS::IAM::ManagedPolicy',
      properties: {
        Description: 'Lets the container instances read the feature flags',
        Roles: [ref('InstanceRole')],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'ssm:GetParameter',
              Resource: concat('arn:', pseudo('AWS::Partition'), ':ssm:', pseudo('AWS::Region'), ':', pseudo('AWS::AccountId'), ':parameter', ref('FeatureFlagsParameter')),
            },
          ],
        },
      },
    },
    {
      id: 'InstanceProfile',
      type: 'AWS::IAM::InstanceProfile',
      properties: { Roles: [ref('InstanceRole')] },
    },
    {
      id: 'Cluster',
      type: 'AWS::ECS::Cluster',
      properties: {
        ClusterName: 'shop',
        ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }],
        ServiceConnectDefaults: { Namespace: getAtt('ServiceNamespace', 'Arn') },
        Tags: [{ Key: 'Environment', Value: ref('Environment') }],
      },
    },
    {
      id: 'InstanceSecurityGroup',
      type: 'AWS::EC2::SecurityGroup',
      properties: { GroupDescription: 'Container instances', VpcId: ref('Vpc') },
    },
    {
      id: 'LaunchTemplate',
      type: 'AWS::EC2::LaunchTemplate',
      properties: {
        LaunchTemplateData: {
          ImageId: ref('EcsAmiId'),
          InstanceType: 't3.medium',
          IamInstanceProfile: { Arn: getAtt('InstanceProfile', 'Arn') },
          SecurityGroupIds: [getAtt('InstanceSecurityGroup', 'GroupId')],
          MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
          UserData: base64(concat('#!/bin/bash\ncat <<EOF >> /etc/ecs/ecs.config\nECS_CLUSTER=', ref('Cluster'), '\nECS_ENABLE_CONTAINER_METADATA=true\nEOF\n')),
        },
      },
    },
    {
      id: 'AutoScalingGroup',
      type: 'AWS::AutoScaling::AutoScalingGroup',
      properties: {
        MinSize: '0',
        MaxSize: '4',
        DesiredCapacity: '1',
        VPCZoneIdentifier: [ref('PublicSubnetA'), ref('PublicSubnetB')],
        LaunchTemplate: { LaunchTemplateId: ref('LaunchTemplate'), Version: getAtt('LaunchTemplate', 'LatestVersionNumber') },
        NewInstancesProtectedFromScaleIn: true,
        Tags: [{ Key: 'AmazonECSManaged', Value: 'true', PropagateAtLaunch: true }],
      },
    },
    {
      id: 'Ec2CapacityProvider',
      type: 'AWS::ECS::CapacityProvider',
      properties: {
        AutoScalingGroupProvider: {
          AutoScalingGroupArn: ref('AutoScalingGroup'),
          ManagedScaling: { Status: 'ENABLED', TargetCapacity: 100 },
          ManagedTerminationProtection: 'ENABLED',
        },
      },
    },
    {
      id: 'ClusterCapacityProviders',
      type: 'AWS::ECS::ClusterCapacityProviderAssociations',
      properties: {
        Cluster: ref('Cluster'),
        CapacityProviders: ['FARGATE', 'FARGATE_SPOT', ref('Ec2CapacityProvider')],
        DefaultCapacityProviderStrategy: [
          { CapacityProvider: 'FARGATE', Weight: 1, Base: 1 },
          { CapacityProvider: 'FARGATE_SPOT', Weight: 3 },
        ],
      },
    },
    {
      id: 'LoadBalancer',
      type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      properties: {
        Type: 'application',
        Scheme: 'internet-facing',
        Subnets: [ref('PublicSubnetA'), ref('PublicSubnetB')],
        SecurityGroups: [getAtt('AlbSecurityGroup', 'GroupId')],
        LoadBalancerAttributes: [{ Key: 'idle_timeout.timeout_seconds', Value: '60' }],
      },
    },
    {
      id: 'WebTargetGroup',
      type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
      properties: {
        Port: 8080,
        Protocol: 'HTTP',
        TargetType: 'ip',
        VpcId: ref('Vpc'),
        HealthCheckPath: '/health',
        HealthCheckIntervalSeconds: 15,
        HealthyThresholdCount: 2,
        Matcher: { HttpCode: '200-299' },
        TargetGroupAttributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }],
      },
    },
    {
      id: 'HttpListener',
      type: 'AWS::ElasticLoadBalancingV2::Listener',
      properties: {
        LoadBalancerArn: ref('LoadBalancer'),
        Port: 80,
        Protocol: 'HTTP',
        DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain', MessageBody: 'Not found' } }],
      },
    },
    {
      id: 'WebListenerRule',
      type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
      properties: {
        ListenerArn: ref('HttpListener'),
        Priority: 10,
        Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }],
        Actions: [{ Type: 'forward', TargetGroupArn: ref('WebTargetGroup') }],
      },
    },
    {
      id: 'WebTaskDefinition',
      type: 'AWS::ECS::TaskDefinition',
      properties: {
        Family: 'shop-web',
        Cpu: '512',
        Memory: '1024',
        NetworkMode: 'awsvpc',
        RequiresCompatibilities: ['FARGATE', 'EC2'],
        ExecutionRoleArn: getAtt('WebExecutionRole', 'Arn'),
        TaskRoleArn: getAtt('WebTaskRole', 'Arn'),
        RuntimePlatform: { CpuArchitecture: 'X86_64', OperatingSystemFamily: 'LINUX' },
        Volumes: [
          {
            Name: 'data',
            EFSVolumeConfiguration: {
              FilesystemId: ref('DataFileSystem'),
              TransitEncryption: 'ENABLED',
              AuthorizationConfig: { AccessPointId: ref('DataAccessPoint'), IAM: 'ENABLED' },
            },
          },
        ],
        ContainerDefinitions: [
          {
            Name: 'web',
            Image: concat(getAtt('WebRepository', 'RepositoryUri'), ':', ref('WebImageTag')),
            Essential: true,
            PortMappings: [{ ContainerPort: 8080, Protocol: 'tcp', Name: 'http' }],
            Environment: [
              { Name: 'ASSETS_BUCKET', Value: ref('AssetsBucket') },
              { Name: 'GREETING', Value: 'Hello "${name}"' },
            ],
            Secrets: [
              { Name: 'DB_PASSWORD', ValueFrom: ref('DbPasswordSecret') },
              { Name: 'FEATURE_FLAGS', ValueFrom: ref('FeatureFlagsParameter') },
            ],
            MountPoints: [{ SourceVolume: 'data', ContainerPath: '/data', ReadOnly: false }],
            HealthCheck: { Command: ['CMD-SHELL', 'curl -f http://localhost:8080/health || exit 1'], Interval: 30, Timeout: 5, Retries: 3 },
            DockerLabels: { 'com.example.team': 'shop' },
            LogConfiguration: {
              LogDriver: 'awslogs',
              Options: { 'awslogs-group': ref('WebLogGroup'), 'awslogs-region': pseudo('AWS::Region'), 'awslogs-stream-prefix': 'web' },
            },
          },
        ],
      },
    },
    {
      id: 'WebService',
      type: 'AWS::ECS::Service',
      dependsOn: ['WebListenerRule'],
      properties: {
        ServiceName: 'web',
        Cluster: ref('Cluster'),
        TaskDefinition: ref('WebTaskDefinition'),
        DesiredCount: ref('WebDesiredCount'),
        CapacityProviderStrategy: [
          { CapacityProvider: 'FARGATE', Weight: 1, Base: 1 },
          { CapacityProvider: 'FARGATE_SPOT', Weight: 3 },
        ],
        DeploymentConfiguration: {
          MaximumPercent: 200,
          MinimumHealthyPercent: 100,
          DeploymentCircuitBreaker: { Enable: true, Rollback: true },
        },
        NetworkConfiguration: {
          AwsvpcConfiguration: {
            Subnets: [ref('PublicSubnetA'), ref('PublicSubnetB')],
            SecurityGroups: [getAtt('WebSecurityGroup', 'GroupId')],
            AssignPublicIp: 'ENABLED',
          },
        },
        LoadBalancers: [{ TargetGroupArn: ref('WebTargetGroup'), ContainerName: 'web', ContainerPort: 8080 }],
        HealthCheckGracePeriodSeconds: 60,
        EnableExecuteCommand: false,
        PropagateTags: 'SERVICE',
      },
    },
    {
      id: 'WorkerService',
      type: 'AWS::ECS::Service',
      properties: {
        ServiceName: 'worker',
        Cluster: ref('Cluster'),
        TaskDefinition: ref('WebTaskDefinition'),
        DesiredCount: 1,
        CapacityProviderStrategy: [{ CapacityProvider: ref('Ec2CapacityProvider'), Weight: 1 }],
        NetworkConfiguration: {
          AwsvpcConfiguration: { Subnets: ref('ExtraSubnetIds'), AssignPublicIp: 'DISABLED' },
        },
        Tags: [{ Key: 'NetworkVpc', Value: ref('ExistingVpcId') }],
      },
    },
    {
      id: 'WebScalableTarget',
      type: 'AWS::ApplicationAutoScaling::ScalableTarget',
      properties: {
        MinCapacity: 2,
        MaxCapacity: 10,
        ServiceNamespace: 'ecs',
        ScalableDimension: 'ecs:service:DesiredCount',
        ResourceId: concat('service/', ref('Cluster'), '/', getAtt('WebService', 'Name')),
        ScheduledActions: [
          {
            ScheduledActionName: 'NightlyScaleIn',
            Schedule: 'cron(0 22 * * ? *)',
            Timezone: 'Europe/Berlin',
            ScalableTargetAction: { MinCapacity: 1, MaxCapacity: 2 },
          },
        ],
      },
    },
    {
      id: 'WebCpuScaling',
      type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
      properties: {
        PolicyName: 'web-cpu',
        PolicyType: 'TargetTrackingScaling',
        ScalingTargetId: ref('WebScalableTarget'),
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 60,
          ScaleInCooldown: 120,
          ScaleOutCooldown: 60,
          PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
        },
      },
    },
    {
      id: 'WebRequestsStepScaling',
      type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
      properties: {
        PolicyName: 'web-requests-step',
        PolicyType: 'StepScaling',
        ScalingTargetId: ref('WebScalableTarget'),
        StepScalingPolicyConfiguration: {
          AdjustmentType: 'ChangeInCapacity',
          Cooldown: 60,
          MetricAggregationType: 'Average',
          StepAdjustments: [
            { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 100, ScalingAdjustment: 1 },
            { MetricIntervalLowerBound: 100, ScalingAdjustment: 3 },
          ],
        },
      },
    },
    {
      id: 'WebRequestsAlarm',
      type: 'AWS::CloudWatch::Alarm',
      properties: {
        AlarmDescription: 'Requests per target above 1000',
        Namespace: 'AWS/ApplicationELB',
        MetricName: 'RequestCountPerTarget',
        Dimensions: [{ Name: 'TargetGroup', Value: getAtt('WebTargetGroup', 'TargetGroupFullName') }],
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 2,
        Threshold: 1000,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [ref('WebRequestsStepScaling')],
      },
    },
  ],
  outputs: [
    { id: 'ClusterName', description: 'ECS cluster name', value: ref('Cluster') },
    { id: 'WebServiceName', description: 'Web service name', value: getAtt('WebService', 'Name') },
    { id: 'LoadBalancerDnsName', description: 'Load balancer DNS name', value: getAtt('LoadBalancer', 'DNSName') },
  ],
};
