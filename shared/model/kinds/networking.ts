import { z } from 'zod';
import { ArnSchema, TagListSchema } from './common';

export const VpcPropsSchema = z.strictObject({
  vpcId: z.string().optional().describe('Id of an existing VPC (vpc-…); empty to create one.'),
  cidrBlock: z.string().default('10.0.0.0/16').describe('IPv4 CIDR of a created VPC.'),
  name: z.string().optional(),
  tags: TagListSchema.optional(),
});

export const SubnetPropsSchema = z.strictObject({
  subnetId: z.string().optional().describe('Id of an existing subnet (subnet-…); empty to create one.'),
  cidrBlock: z.string().optional().describe('IPv4 CIDR of a created subnet.'),
  availabilityZone: z.string().optional(),
  public: z.boolean().default(false).describe('Public subnet (route to an internet gateway).'),
  name: z.string().optional(),
  tags: TagListSchema.optional(),
});

export const SecurityGroupRuleSchema = z.strictObject({
  protocol: z.enum(['tcp', 'udp', 'icmp', '-1']).default('tcp'),
  fromPort: z.number().int().min(-1).max(65535),
  toPort: z.number().int().min(-1).max(65535),
  cidr: z.string().optional(),
  description: z.string().optional(),
});

export const SecurityGroupPropsSchema = z.strictObject({
  groupId: z.string().optional().describe('Id of an existing security group (sg-…); empty to create one.'),
  groupName: z.string().optional(),
  description: z.string().optional(),
  ingress: z.array(SecurityGroupRuleSchema).optional().describe('Inbound rules from CIDR ranges (rules between connected groups are derived from the edges).'),
  tags: TagListSchema.optional(),
});

export const LoadBalancerPropsSchema = z.strictObject({
  name: z.string().min(1).max(32).describe('Load balancer name (1–32 characters).'),
  type: z.enum(['application', 'network']).default('application'),
  scheme: z.enum(['internet-facing', 'internal']).default('internet-facing'),
  arn: ArnSchema.optional().describe('ARN of an existing load balancer.'),
  idleTimeoutSeconds: z.number().int().min(1).max(4000).optional(),
  tags: TagListSchema.optional(),
});

export const ListenerPropsSchema = z.strictObject({
  port: z.number().int().min(1).max(65535).default(80),
  protocol: z.enum(['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP']).default('HTTP'),
  certificateArn: z.string().optional().describe('ACM certificate (HTTPS/TLS).'),
  sslPolicy: z.string().optional(),
  arn: ArnSchema.optional(),
});

export const TargetGroupPropsSchema = z.strictObject({
  name: z.string().min(1).max(32).describe('Target group name (1–32 characters).'),
  arn: ArnSchema.optional().describe('ARN of an existing target group.'),
  targetType: z.enum(['ip', 'instance']).default('ip').describe('ip for awsvpc tasks; instance for bridge/host network mode.'),
  protocol: z.enum(['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP']).default('HTTP'),
  port: z.number().int().min(1).max(65535).default(80),
  protocolVersion: z.enum(['HTTP1', 'HTTP2', 'GRPC']).optional(),
  deregistrationDelaySeconds: z.number().int().min(0).max(3600).optional(),
  healthCheck: z
    .strictObject({
      path: z.string().optional(),
      port: z.string().optional().describe('"traffic-port" (required with dynamic host ports) or a port number.'),
      protocol: z.enum(['HTTP', 'HTTPS', 'TCP']).optional(),
      intervalSeconds: z.number().int().min(5).max(300).optional(),
      timeoutSeconds: z.number().int().min(2).max(120).optional(),
      healthyThresholdCount: z.number().int().min(2).max(10).optional(),
      unhealthyThresholdCount: z.number().int().min(2).max(10).optional(),
      matcher: z.string().optional().describe('HTTP codes counted as healthy, e.g. 200-399.'),
    })
    .optional(),
  tags: TagListSchema.optional(),
});
