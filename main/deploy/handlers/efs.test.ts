import { EFSClient } from '@aws-sdk/client-efs';
import { describe, expect, it } from 'vitest';
import type { DeployClients, HandlerContext, LiveResource } from '../types';
import { efsFileSystemHandler } from './efs';

/**
 * moto 5.2.1 has no UpdateFileSystem: what a throughput change sends is checked here against a recording client
 * (the rest of the EFS handlers runs against moto in efs.moto.test.ts).
 */
describe('EFS file system throughput change', () => {
  it('sends one UpdateFileSystem with the new mode and throughput, and nothing for the unchanged lifecycle', async () => {
    const sent: { name: string; input: unknown }[] = [];
    // A real client (the SDK's paginators accept nothing else) whose send records instead of sending.
    const efs = new EFSClient({ region: 'us-east-1' });
    efs.send = ((command: { constructor: { name: string }; input: unknown }) => {
      sent.push({ name: command.constructor.name, input: command.input });
      if (command.constructor.name === 'DescribeFileSystemsCommand') return Promise.resolve({ FileSystems: [] });
      return Promise.resolve({});
    }) as unknown as EFSClient['send'];
    const ctx = { clients: { efs } as unknown as DeployClients, designId: 'd', region: 'us-east-1', accountId: '1', partition: 'aws', stableTimeoutMs: 1000, pollIntervalMs: 1, note: () => undefined } satisfies HandlerContext;
    const live: LiveResource = {
      type: 'AWS::EFS::FileSystem',
      physicalId: 'fs-1',
      name: 'fs-1',
      attributes: {},
      tags: { 'ecs-designer:design-id': 'd' },
      properties: { PerformanceMode: 'generalPurpose', Encrypted: true, ThroughputMode: 'bursting', LifecyclePolicies: [] },
    };
    const desired = { logicalId: 'Files', type: 'AWS::EFS::FileSystem', properties: { ThroughputMode: 'provisioned', ProvisionedThroughputInMibps: 64, Encrypted: true }, tags: { 'ecs-designer:design-id': 'd' } };
    const changes = efsFileSystemHandler.diff(desired, live);
    expect(changes).toEqual([
      { path: '/ThroughputMode', before: 'bursting', after: 'provisioned' },
      { path: '/ProvisionedThroughputInMibps', before: undefined, after: 64 },
    ]);
    await efsFileSystemHandler.update(ctx, desired, live, changes);
    expect(sent.filter((s) => !s.name.startsWith('Describe'))).toEqual([{ name: 'UpdateFileSystemCommand', input: { FileSystemId: 'fs-1', ThroughputMode: 'provisioned', ProvisionedThroughputInMibps: 64 } }]);
  });
});
