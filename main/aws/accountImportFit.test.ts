import { describe, expect, it } from 'vitest';
import { parseEcsConfig } from './accountImport';
import { AccountImportError, classifyAwsError } from './accountImportCalls';
import { dropAwsFilledDefaults, fitProps, type AccountImportWarning } from './accountImportFit';

const target = { region: 'eu-west-1', profile: 'dev' };

describe('fitProps', () => {
  it('drops a value the schema refuses, reports it, keeps the rest', () => {
    const warnings: AccountImportWarning[] = [];
    const props = fitProps('targetGroup', { name: 'tg', port: 8080, healthCheck: { intervalSeconds: 1, path: '/h' } }, 'targetGroup tg', warnings);
    expect(props).toEqual({ name: 'tg', port: 8080, healthCheck: { path: '/h' } });
    expect(warnings).toEqual([{ resource: 'targetGroup tg', message: expect.stringMatching(/^healthCheck\.intervalSeconds: value not accepted/) }]);
  });

  it('drops unknown keys with a report entry, and gives up when a required value is missing', () => {
    const warnings: AccountImportWarning[] = [];
    expect(fitProps('cluster', { clusterName: 'c', serviceConnect: 'x' }, 'cluster c', warnings)).toEqual({ clusterName: 'c' });
    expect(warnings[0]?.message).toBe('serviceConnect is not part of the design model; not imported');
    expect(fitProps('service', { desiredCount: 1 }, 'service ?', warnings)).toBeUndefined();
    expect(warnings.at(-1)?.message).toMatch(/^cannot be represented in the design \(\/serviceName/);
  });
});

describe('dropAwsFilledDefaults', () => {
  it('removes empty lists, container cpu 0 and EFS root "/" that DescribeTaskDefinition fills in', () => {
    const out = dropAwsFilledDefaults({
      taskDefinition: {
        family: 'f',
        volumes: [{ name: 'v', efsVolumeConfiguration: { fileSystemId: 'fs-1', rootDirectory: '/' } }],
        placementConstraints: [],
        containerDefinitions: [{ name: 'a', cpu: 0, environment: [], mountPoints: [], portMappings: [{ containerPort: 80 }] }, { name: 'b', cpu: 256 }],
      },
      tags: [],
    });
    expect(out).toEqual({
      taskDefinition: {
        family: 'f',
        volumes: [{ name: 'v', efsVolumeConfiguration: { fileSystemId: 'fs-1' } }],
        containerDefinitions: [{ name: 'a', portMappings: [{ containerPort: 80 }] }, { name: 'b', cpu: 256 }],
      },
    });
  });
});

describe('parseEcsConfig', () => {
  it('reads ECS_* settings from base64 user data', () => {
    const userData = Buffer.from('#!/bin/bash\necho ECS_CLUSTER=shop >> /etc/ecs/ecs.config\ncat <<EOF >> /etc/ecs/ecs.config\nECS_ENABLE_SPOT_INSTANCE_DRAINING=true\nEOF\n').toString('base64');
    expect(parseEcsConfig(userData)).toEqual({ ECS_CLUSTER: 'shop', ECS_ENABLE_SPOT_INSTANCE_DRAINING: 'true' });
    expect(parseEcsConfig(undefined)).toEqual({});
  });
});

describe('classifyAwsError', () => {
  const sdkError = (name: string, message: string, status?: number) => Object.assign(new Error(message), { name, ...(status ? { $metadata: { httpStatusCode: status } } : {}) });

  it('names the API call, region and profile; classifies access, credentials, cluster and network failures', () => {
    const denied = classifyAwsError(sdkError('AccessDeniedException', 'User: arn:aws:iam::1:user/x is not authorized to perform: ecs:ListServices'), 'ecs:ListServices', target);
    expect(denied).toBeInstanceOf(AccountImportError);
    expect(denied.code).toBe('access-denied');
    expect(denied.message).toContain('access denied: ecs:ListServices in region eu-west-1 (profile dev)');

    expect(classifyAwsError(sdkError('CredentialsProviderError', 'Could not load credentials from any providers'), 'ecs:DescribeClusters', target).message).toBe(
      'cannot get AWS credentials for profile "dev": Could not load credentials from any providers',
    );
    expect(classifyAwsError(sdkError('UnrecognizedClientException', 'The security token included in the request is invalid.'), 'ecs:DescribeClusters', target).code).toBe('credentials');
    expect(classifyAwsError(sdkError('ClusterNotFoundException', 'Cluster not found.'), 'ecs:ListServices', target).code).toBe('cluster-not-found');
    const refused = classifyAwsError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }), 'ecs:DescribeClusters', { region: 'eu-west-1', endpointUrl: 'http://127.0.0.1:9' });
    expect(refused.code).toBe('endpoint');
    expect(refused.message).toBe('cannot reach http://127.0.0.1:9 (ECONNREFUSED) calling ecs:DescribeClusters: check the region and the endpoint URL');
    expect(classifyAwsError(sdkError('ThrottlingException', 'Rate exceeded', 400), 'ecs:DescribeServices', target).message).toBe(
      'ecs:DescribeServices failed in region eu-west-1 (profile dev): ThrottlingException (HTTP 400): Rate exceeded',
    );
  });
});
