import { describe, expect, it } from 'vitest';
import { parseEcrImage, ssmNameOfArn, trusts } from './verify';

const doc = (statement: unknown) => encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: statement }));

describe('trust policies', () => {
  it('accepts an Allow of sts:AssumeRole to the service, as a string or in a list, URL-encoded as IAM returns it or plain', () => {
    expect(trusts(doc([{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }]), 'ecs-tasks.amazonaws.com')).toBe(true);
    expect(trusts(doc({ Effect: 'Allow', Principal: { Service: ['ec2.amazonaws.com', 'ecs-tasks.amazonaws.com'] }, Action: ['sts:TagSession', 'sts:AssumeRole'] }), 'ecs-tasks.amazonaws.com')).toBe(true);
    expect(trusts(JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }), 'ec2.amazonaws.com')).toBe(true);
  });
  it('refuses another service, a Deny, another action, an account principal and unreadable text', () => {
    expect(trusts(doc([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]), 'ecs-tasks.amazonaws.com')).toBe(false);
    expect(trusts(doc([{ Effect: 'Deny', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }]), 'ecs-tasks.amazonaws.com')).toBe(false);
    expect(trusts(doc([{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }]), 'ecs-tasks.amazonaws.com')).toBe(false);
    expect(trusts(doc([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }]), 'ecs-tasks.amazonaws.com')).toBe(false);
    expect(trusts('not json', 'ecs-tasks.amazonaws.com')).toBe(false);
    expect(trusts(undefined, 'ecs-tasks.amazonaws.com')).toBe(false);
  });
});

describe('image and parameter references', () => {
  it('reads account, region, repository and tag or digest of an ECR image; other registries are not ECR', () => {
    expect(parseEcrImage('123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:2.3.1')).toEqual({ account: '123456789012', region: 'eu-west-1', repository: 'team/api', tag: '2.3.1' });
    expect(parseEcrImage(`123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/api@sha256:${'b'.repeat(64)}`)).toEqual({ account: '123456789012', region: 'cn-north-1', repository: 'api', digest: `sha256:${'b'.repeat(64)}` });
    expect(parseEcrImage('123456789012.dkr.ecr.us-east-1.amazonaws.com/api')).toEqual({ account: '123456789012', region: 'us-east-1', repository: 'api' });
    expect(parseEcrImage('public.ecr.aws/nginx/nginx:1.27')).toBeUndefined();
    expect(parseEcrImage('ghcr.io/org/app:1')).toBeUndefined();
  });
  it('names the SSM parameter of a parameter ARN as ECS resolves it (hierarchical names keep their leading slash)', () => {
    expect(ssmNameOfArn('arn:aws:ssm:us-east-1:123456789012:parameter/prod/api-key')).toBe('/prod/api-key');
    expect(ssmNameOfArn('arn:aws:ssm:us-east-1:123456789012:parameter/api-key')).toBe('api-key');
  });
});
