import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EFSClient } from '@aws-sdk/client-efs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { awsClientConfig, type AwsTarget } from '../aws/clientConfig';
import type { DeployClients } from './types';

/** One API call as the SDK sends it (once per command, retries not counted). */
export interface ApiCall {
  readonly service: string;
  readonly command: string;
}

/** Read-only calls by name: everything else changes the account. */
export const READ_ONLY_PREFIXES = ['Describe', 'List', 'Get', 'Head'] as const;

export function isMutating(command: string): boolean {
  return !READ_ONLY_PREFIXES.some((p) => command.startsWith(p));
}

interface StackClient {
  middlewareStack: { add: (mw: never, opts: { step: 'initialize'; name: string }) => void };
}

function observe(client: StackClient, service: string, onCall: (call: ApiCall) => void): void {
  const mw = (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => (args: unknown) => {
    onCall({ service, command: (context.commandName ?? 'Unknown').replace(/Command$/, '') });
    return next(args);
  };
  client.middlewareStack.add(mw as never, { step: 'initialize', name: `ecsDesignerCallLog${service}` });
}

export interface DeployClientSet extends DeployClients {
  destroy(): void;
}

/** Every client of the deploy engine, built from awsClientConfig; `onCall` sees every command sent. */
export function createDeployClients(target: AwsTarget, onCall?: (call: ApiCall) => void): DeployClientSet {
  const config = awsClientConfig(target);
  const clients = {
    ecs: new ECSClient(config),
    iam: new IAMClient(config),
    ecr: new ECRClient(config),
    logs: new CloudWatchLogsClient(config),
    sts: new STSClient(config),
    ec2: new EC2Client(config),
    elbv2: new ElasticLoadBalancingV2Client(config),
    efs: new EFSClient(config),
    appScaling: new ApplicationAutoScalingClient(config),
    cloudwatch: new CloudWatchClient(config),
    autoScaling: new AutoScalingClient(config),
    secrets: new SecretsManagerClient(config),
    ssm: new SSMClient(config),
    cloudformation: new CloudFormationClient(config),
    // An emulator endpoint is one host: buckets in the path, not in the host name.
    s3: new S3Client({ ...config, ...(target.endpointUrl !== undefined ? { forcePathStyle: true } : {}) }),
  };
  if (onCall) for (const [service, client] of Object.entries(clients)) observe(client as unknown as StackClient, service, onCall);
  return { ...clients, destroy: () => Object.values(clients).forEach((c) => c.destroy()) };
}
