import { CreatePolicyCommand, GetRoleCommand, GetRolePolicyCommand, ListRolePoliciesCommand, PutRolePolicyCommand, GetPolicyCommand, GetPolicyVersionCommand, IAMClient, ListAttachedRolePoliciesCommand, ListPoliciesCommand, ListPolicyTagsCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { ir, type IrTemplate } from '../../../shared/iac/ir';
import { motoClientConfig, motoTarget } from '../../aws/testing/moto';
import { useMoto } from '../../aws/testing/useMoto';
import { isMutating, type ApiCall } from '../clients';
import { apply, destroy, plan, type ApplyOptions } from '../engine';
import { TAG_DESIGN } from '../types';

const moto = useMoto();
const DESIGN = 'policy-design';
const TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] };

function template(k: { action?: string; attachB?: boolean } = {}): IrTemplate {
  return {
    description: 'managed policy',
    parameters: [],
    resources: [
      { id: 'RoleA', type: 'AWS::IAM::Role', nodeId: 'a', properties: { RoleName: 'task-a', AssumeRolePolicyDocument: TRUST } },
      { id: 'RoleB', type: 'AWS::IAM::Role', nodeId: 'b', properties: { RoleName: 'task-b', AssumeRolePolicyDocument: TRUST } },
      {
        id: 'ReadAssets',
        type: 'AWS::IAM::ManagedPolicy',
        nodeId: 'policy',
        properties: {
          ManagedPolicyName: 'read-assets',
          PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: k.action ?? 's3:GetObject', Resource: 'arn:aws:s3:::assets/*' }] },
          Roles: k.attachB ? [ir.ref('RoleA'), ir.ref('RoleB')] : [ir.ref('RoleA')],
        },
      },
    ],
    outputs: [],
  };
}

function engine(calls: ApiCall[]): ApplyOptions {
  return { target: motoTarget(moto.endpoint), designId: DESIGN, stackName: 'p', onCall: (c) => calls.push(c), confirmDeletions: () => Promise.resolve(true) };
}
const mutating = (calls: readonly ApiCall[]) => calls.filter((c) => isMutating(c.command)).map((c) => c.command);
const ARN = 'arn:aws:iam::123456789012:policy/read-assets';

describe('IAM managed policy handler against moto', { timeout: 90_000 }, () => {
  it('creates and attaches, sees no change, adds a version and an attachment, destroys', async () => {
    const calls: ApiCall[] = [];
    expect((await apply(template(), engine(calls))).status).toBe('succeeded');
    const iam = new IAMClient(motoClientConfig(moto.endpoint));
    const policy = (await iam.send(new GetPolicyCommand({ PolicyArn: ARN }))).Policy;
    expect(policy?.DefaultVersionId).toBe('v1');
    expect((await iam.send(new ListPolicyTagsCommand({ PolicyArn: ARN }))).Tags).toContainEqual({ Key: TAG_DESIGN, Value: DESIGN });
    expect((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'task-a' }))).AttachedPolicies?.map((p) => p.PolicyArn)).toEqual([ARN]);

    calls.length = 0;
    expect((await apply(template(), engine(calls))).message).toBe('nothing to do');
    expect(mutating(calls)).toEqual([]);

    const next = template({ action: 's3:ListBucket', attachB: true });
    expect((await plan(next, engine([]))).steps.filter((s) => s.action !== 'no-change').map((s) => [s.logicalId, s.changes.map((c) => c.path)])).toEqual([
      ['ReadAssets', ['/PolicyDocument/Statement/0/Action', '/Roles']],
    ]);
    calls.length = 0;
    expect((await apply(next, engine(calls))).status).toBe('succeeded');
    expect(mutating(calls).sort()).toEqual(['AttachRolePolicy', 'CreatePolicyVersion']);
    const v = await iam.send(new GetPolicyVersionCommand({ PolicyArn: ARN, VersionId: (await iam.send(new GetPolicyCommand({ PolicyArn: ARN }))).Policy?.DefaultVersionId }));
    expect(JSON.parse(decodeURIComponent(v.PolicyVersion?.Document ?? '{}'))).toMatchObject({ Statement: [{ Action: 's3:ListBucket' }] });
    expect((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'task-b' }))).AttachedPolicies?.map((p) => p.PolicyArn)).toEqual([ARN]);

    // Destroy detaches and deletes the policy (before the roles, which could not go while it is attached).
    expect((await destroy(engine([]))).status).toBe('succeeded');
    expect((await iam.send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies).toEqual([]);
  });

  it('a policy with our name but without our tag is a conflict and stays untouched', async () => {
    const iam = new IAMClient(motoClientConfig(moto.endpoint));
    await iam.send(new CreatePolicyCommand({ PolicyName: 'read-assets', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }) }));
    const calls: ApiCall[] = [];
    const report = await apply(template(), engine(calls));
    expect(report.status).toBe('refused');
    expect(report.plan.filter((s) => s.action === 'conflict').map((s) => s.logicalId)).toEqual(['ReadAssets']);
    expect(mutating(calls)).toEqual([]);
    expect((await destroy(engine(calls))).message).toBe('nothing to do: no resource carries this design id');
    expect((await iam.send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies?.map((p) => p.PolicyName)).toEqual(['read-assets']);
  });

  it('an AWS::IAM::Policy lives beside the role\'s own inline policies: no fight on redeploy, updates, removal, look-alike', async () => {
    const iam = new IAMClient(motoClientConfig(moto.endpoint));
    const doc = (action: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });
    const inline = (k: { action?: string; both?: boolean; without?: boolean } = {}): IrTemplate => ({
      description: 'inline',
      parameters: [],
      resources: [
        { id: 'RoleA', type: 'AWS::IAM::Role', nodeId: 'a', properties: { RoleName: 'task-a', AssumeRolePolicyDocument: TRUST, Policies: [{ PolicyName: 'own', PolicyDocument: doc('s3:GetObject') }] } },
        { id: 'RoleB', type: 'AWS::IAM::Role', nodeId: 'b', properties: { RoleName: 'task-b', AssumeRolePolicyDocument: TRUST } },
        ...(k.without ? [] : [{ id: 'Extra', type: 'AWS::IAM::Policy', nodeId: 'extra', properties: { PolicyName: 'extra', PolicyDocument: doc(k.action ?? 'sqs:ReceiveMessage'), Roles: k.both ? [ir.ref('RoleA'), ir.ref('RoleB')] : [ir.ref('RoleA')] } }]),
      ],
      outputs: [],
    });
    const calls: ApiCall[] = [];
    expect((await apply(inline(), engine(calls))).status).toBe('succeeded');
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: 'task-a' }))).PolicyNames?.sort()).toEqual(['extra', 'own']);

    calls.length = 0;
    expect((await apply(inline(), engine(calls))).message).toBe('nothing to do');
    expect(mutating(calls)).toEqual([]);

    calls.length = 0;
    expect((await apply(inline({ action: 'sqs:DeleteMessage', both: true }), engine(calls))).status).toBe('succeeded');
    expect(mutating(calls).sort()).toEqual(['PutRolePolicy', 'PutRolePolicy', 'TagRole']);
    const b = await iam.send(new GetRolePolicyCommand({ RoleName: 'task-b', PolicyName: 'extra' }));
    expect(JSON.parse(decodeURIComponent(b.PolicyDocument ?? '{}'))).toMatchObject({ Statement: [{ Action: 'sqs:DeleteMessage' }] });
    calls.length = 0;
    expect((await apply(inline({ action: 'sqs:DeleteMessage', both: true }), engine(calls))).message).toBe('nothing to do');

    // The policy node removed: it leaves both roles; the role's own inline policy stays.
    calls.length = 0;
    const removed = await apply(inline({ without: true }), engine(calls));
    expect(removed.plan.filter((s) => s.action === 'delete').map((s) => [s.type, s.name])).toEqual([['AWS::IAM::Policy', 'extra']]);
    expect(mutating(calls).sort()).toEqual(['DeleteRolePolicy', 'DeleteRolePolicy', 'UntagRole', 'UntagRole']);
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: 'task-a' }))).PolicyNames).toEqual(['own']);
    expect((await iam.send(new GetRoleCommand({ RoleName: 'task-a' }))).Role?.Tags?.map((t) => t.Key)).not.toContain('ecs-designer:inline-policy:extra');

    // Someone else's inline policy "extra" on our role (no marker): a conflict, left as it is.
    await iam.send(new PutRolePolicyCommand({ RoleName: 'task-a', PolicyName: 'extra', PolicyDocument: JSON.stringify(doc('ec2:*')) }));
    calls.length = 0;
    const refused = await apply(inline(), engine(calls));
    expect(refused.plan.filter((s) => s.action === 'conflict').map((s) => s.logicalId)).toEqual(['Extra']);
    expect(mutating(calls)).toEqual([]);
  });
});
