import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { motoClientConfig } from '../../aws/testing/moto';

/** Subnets and security group of moto's default VPC (moto checks the ids a service names), as --param values. */
export async function defaultNetworkParams(endpoint: string): Promise<{ Subnets: string; SecurityGroups: string }> {
  const ec2 = new EC2Client(motoClientConfig(endpoint));
  try {
    const subnets = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }));
    const groups = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['default'] }] }));
    return {
      Subnets: (subnets.Subnets ?? []).slice(0, 2).map((s) => s.SubnetId ?? '').join(','),
      SecurityGroups: groups.SecurityGroups?.[0]?.GroupId ?? '',
    };
  } finally {
    ec2.destroy();
  }
}

/** moto's default VPC and its first two subnets (what a test design deploys into). */
export async function motoDefaultVpc(endpoint: string): Promise<{ vpcId: string; subnetIds: string[] }> {
  const ec2 = new EC2Client(motoClientConfig(endpoint));
  try {
    const vpcs = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
    const vpcId = vpcs.Vpcs?.[0]?.VpcId ?? '';
    const subnets = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
    return { vpcId, subnetIds: (subnets.Subnets ?? []).slice(0, 2).map((s) => s.SubnetId ?? '') };
  } finally {
    ec2.destroy();
  }
}
