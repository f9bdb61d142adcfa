import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
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
