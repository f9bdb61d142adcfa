/**
 * The CloudFormation route of a deploy ("deploy as a CloudFormation stack"): the IaC export of the design
 * (renderCloudFormation of the resource IR) goes into a change set, which is shown, then executed on confirmation
 * while the stack events stream until a terminal stack status.
 *
 * Ownership: the stack carries our design tag (CloudFormation propagates stack tags to the resources it creates);
 * a stack of that name without our tag is never changed.
 */
import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  ListChangeSetsCommand,
  type Change,
  type Stack,
  type StackEvent as CfnStackEvent,
} from '@aws-sdk/client-cloudformation';
import { renderCloudFormation } from '../../shared/iac/cloudformation';
import type { IrTemplate } from '../../shared/iac/ir';
import type { AwsTarget } from '../aws/clientConfig';
import { createDeployClients, isMutating, type ApiCall, type DeployClientSet } from './clients';
import { resolveParameters } from './resolve';
import { TAG_DESIGN } from './types';
import { awsMessage, errorName, sleep, tagsToRecord } from './values';

export interface StackOptions {
  readonly target: AwsTarget;
  /** The design's id: the stack's ownership tag value. */
  readonly designId: string;
  readonly stackName: string;
  /** Template parameter values by id; others take their defaults. */
  readonly parameters?: Readonly<Record<string, string>>;
  /** Sees every AWS API call. */
  readonly onCall?: (call: ApiCall) => void;
  /** Bounded waits: change-set creation (default 5 min) and execution (default 60 min), and the poll interval (default 5 s). */
  readonly changeSetTimeoutMs?: number;
  readonly executeTimeoutMs?: number;
  readonly pollIntervalMs?: number;
}

export interface StackChange {
  /** CloudFormation's action: Add, Modify, Remove, Import, Dynamic. */
  readonly action: string;
  readonly logicalId: string;
  readonly type: string;
  readonly physicalId?: string;
  /** For Modify: True, False or Conditional. */
  readonly replacement?: string;
  readonly nodeId?: string;
  /** What changes (Properties, Tags, …) and, per property, its name and whether it forces a replacement. */
  readonly details: readonly string[];
}

/** A change set waiting for execution (or nothing to do). Plain JSON: it travels over IPC. */
export interface StackPlan {
  readonly stackName: string;
  readonly designId: string;
  readonly region: string;
  readonly stackId?: string;
  /** Absent when there is nothing to do (the empty change set was deleted). */
  readonly changeSetId?: string;
  readonly changeSetName?: string;
  readonly changeSetType: 'CREATE' | 'UPDATE';
  readonly nothingToDo: boolean;
  readonly changes: readonly StackChange[];
  /** Design node of each logical id of the template (failure reasons go on nodes). */
  readonly nodeIds: Readonly<Record<string, string>>;
  readonly createdAt: string;
}

export interface StackEvent {
  readonly at: string;
  readonly logicalId: string;
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly physicalId?: string;
  readonly nodeId?: string;
}

export interface StackResourceOutcome {
  readonly logicalId: string;
  readonly type: string;
  readonly nodeId?: string;
  readonly status: string;
  readonly reason?: string;
}

export interface StackReport {
  readonly stackName: string;
  readonly stackId?: string;
  /** succeeded: CREATE_COMPLETE / UPDATE_COMPLETE; failed: anything else (rolled back, timed out, refused). */
  readonly status: 'succeeded' | 'failed';
  /** The stack status the execution ended in (or the last one seen on a timeout). */
  readonly stackStatus: string;
  readonly message: string;
  /** Resources that failed, with CloudFormation's reason, on their nodes. */
  readonly failures: readonly StackResourceOutcome[];
  /** What CloudFormation undid after the failure (resources deleted or restored during the rollback). */
  readonly rolledBack: readonly StackResourceOutcome[];
  readonly events: readonly StackEvent[];
  readonly outputs: Readonly<Record<string, string>>;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly apiCalls: { readonly total: number; readonly mutating: number };
}

/** The stack route refuses (busy or foreign stack, a failed change set, a template too large to send inline…). */
export class StackError extends Error {
  override name = 'StackError';
}

/** CloudFormation accepts at most this many bytes in TemplateBody (larger templates must come from S3). */
export const MAX_TEMPLATE_BODY = 51_200;

const NO_CHANGES = /didn't contain changes|No updates are to be performed/i;

export const TERMINAL_STACK_STATUSES = new Set([
  'CREATE_COMPLETE',
  'CREATE_FAILED',
  'ROLLBACK_COMPLETE',
  'ROLLBACK_FAILED',
  'UPDATE_COMPLETE',
  'UPDATE_FAILED',
  'UPDATE_ROLLBACK_COMPLETE',
  'UPDATE_ROLLBACK_FAILED',
  'DELETE_COMPLETE',
  'DELETE_FAILED',
  'IMPORT_COMPLETE',
  'IMPORT_ROLLBACK_COMPLETE',
  'IMPORT_ROLLBACK_FAILED',
]);

interface Counted {
  readonly clients: DeployClientSet;
  readonly counts: { total: number; mutating: number };
}

function open(opts: StackOptions): Counted {
  const counts = { total: 0, mutating: 0 };
  const clients = createDeployClients(opts.target, (call) => {
    counts.total++;
    if (isMutating(call.command)) counts.mutating++;
    opts.onCall?.(call);
  });
  return { clients, counts };
}

async function describeStack(clients: DeployClientSet, stackName: string): Promise<Stack | undefined> {
  try {
    const res = await clients.cloudformation.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = res.Stacks?.[0];
    return stack && stack.StackStatus !== 'DELETE_COMPLETE' ? stack : undefined;
  } catch (e) {
    if (errorName(e) === 'ValidationError' && /does not exist/i.test(awsMessage(e))) return undefined;
    throw e;
  }
}

function ownerOf(stack: Stack): string | undefined {
  return tagsToRecord(stack.Tags)[TAG_DESIGN];
}

function nodeIdsOf(template: IrTemplate): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of template.resources) if (r.nodeId !== undefined) out[r.id] = r.nodeId;
  for (const p of template.parameters) if (p.nodeId !== undefined) out[p.id] = p.nodeId;
  return out;
}

function toChange(c: Change, nodeIds: Readonly<Record<string, string>>): StackChange | undefined {
  const rc = c.ResourceChange;
  if (!rc?.LogicalResourceId) return undefined;
  const details: string[] = [];
  for (const d of rc.Details ?? []) {
    const t = d.Target;
    if (!t) continue;
    const what = t.Name ? `${t.Attribute ?? 'Properties'}.${t.Name}` : (t.Attribute ?? 'resource');
    const replace = t.RequiresRecreation && t.RequiresRecreation !== 'Never' ? ` (replacement: ${t.RequiresRecreation === 'Always' ? 'yes' : 'conditional'})` : '';
    const cause = d.CausingEntity ? ` because of ${d.CausingEntity}` : d.ChangeSource ? ` (${d.ChangeSource})` : '';
    details.push(`${what}${replace}${cause}`);
  }
  const nodeId = nodeIds[rc.LogicalResourceId];
  return {
    action: rc.Action ?? 'Unknown',
    logicalId: rc.LogicalResourceId,
    type: rc.ResourceType ?? '',
    ...(rc.PhysicalResourceId ? { physicalId: rc.PhysicalResourceId } : {}),
    ...(rc.Replacement ? { replacement: rc.Replacement } : {}),
    ...(nodeId !== undefined ? { nodeId } : {}),
    details: [...new Set(details)],
  };
}

/** The template body CloudFormation receives: the IaC export of the design, as JSON. */
export function stackTemplateBody(template: IrTemplate): string {
  const body = renderCloudFormation(template, { format: 'json' });
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes > MAX_TEMPLATE_BODY) {
    throw new StackError(
      `the CloudFormation template is ${bytes} bytes; a change set accepts at most ${MAX_TEMPLATE_BODY} bytes inline: export the template (ecs-designer export --format cloudformation), upload it to S3 and deploy it from there, or deploy with the SDK engine`,
    );
  }
  return body;
}

/**
 * Creates a change set for the design's template (CREATE for a new stack, UPDATE for ours), waits for it and
 * returns its changes. An empty change set means "nothing to do": it is deleted and `nothingToDo` is true.
 */
export async function planStack(template: IrTemplate, opts: StackOptions): Promise<StackPlan> {
  resolveParameters(template, opts.parameters ?? {}); // unknown or missing parameters: ParameterError naming them
  const body = stackTemplateBody(template);
  const nodeIds = nodeIdsOf(template);
  const { clients } = open(opts);
  const cfn = clients.cloudformation;
  const base = { stackName: opts.stackName, designId: opts.designId, region: opts.target.region, nodeIds };
  try {
    const existing = await describeStack(clients, opts.stackName);
    if (existing) {
      const owner = ownerOf(existing);
      if (owner !== opts.designId) {
        throw new StackError(
          `stack ${opts.stackName} exists and ${owner === undefined ? 'has no ecs-designer design tag' : `belongs to design ${owner}`}: it is not changed; rename the design or delete that stack`,
        );
      }
      const status = existing.StackStatus ?? '';
      if (status === 'ROLLBACK_COMPLETE' || status === 'ROLLBACK_FAILED') {
        throw new StackError(`stack ${opts.stackName} is ${status} (its creation failed and was rolled back) and cannot be updated: delete the stack, then deploy again`);
      }
      if (status.endsWith('_IN_PROGRESS') && status !== 'REVIEW_IN_PROGRESS') {
        throw new StackError(`stack ${opts.stackName} is busy (${status}): wait until it finishes, then plan again`);
      }
    }
    // A stack in REVIEW_IN_PROGRESS was only ever planned (a CREATE change set never executed): it is created again.
    const changeSetType: 'CREATE' | 'UPDATE' = existing && existing.StackStatus !== 'REVIEW_IN_PROGRESS' ? 'UPDATE' : 'CREATE';
    const createdAt = new Date();
    const changeSetName = `ecs-designer-${createdAt.getTime()}`;
    const parameters = Object.entries(opts.parameters ?? {}).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue }));
    let created: { Id?: string; StackId?: string };
    try {
      created = await cfn.send(
        new CreateChangeSetCommand({
          StackName: opts.stackName,
          ChangeSetName: changeSetName,
          ChangeSetType: changeSetType,
          TemplateBody: body,
          Parameters: parameters,
          Capabilities: ['CAPABILITY_NAMED_IAM'],
          Tags: [{ Key: TAG_DESIGN, Value: opts.designId }],
          Description: `ECS Designer: design ${opts.designId}`,
        }),
      );
    } catch (e) {
      if (errorName(e) === 'ValidationError' && NO_CHANGES.test(awsMessage(e))) {
        return { ...base, ...(existing?.StackId ? { stackId: existing.StackId } : {}), changeSetType, nothingToDo: true, changes: [], createdAt: createdAt.toISOString() };
      }
      throw e;
    }
    const changeSetId = created.Id ?? changeSetName;
    const stackId = created.StackId ?? existing?.StackId;
    const deadline = Date.now() + (opts.changeSetTimeoutMs ?? 300_000);
    for (;;) {
      const cs = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: changeSetId, StackName: opts.stackName }));
      if (cs.Status === 'CREATE_COMPLETE') break;
      if (cs.Status === 'FAILED') {
        const reason = cs.StatusReason ?? 'no reason given';
        await discard(clients, { stackName: opts.stackName, designId: opts.designId, changeSetId, changeSetType });
        if (NO_CHANGES.test(reason)) {
          return { ...base, ...(stackId ? { stackId } : {}), changeSetType, nothingToDo: true, changes: [], createdAt: createdAt.toISOString() };
        }
        throw new StackError(`CloudFormation could not create the change set for stack ${opts.stackName}: ${reason}`);
      }
      if (Date.now() > deadline) {
        await discard(clients, { stackName: opts.stackName, designId: opts.designId, changeSetId, changeSetType });
        throw new StackError(`the change set for stack ${opts.stackName} was not ready within ${Math.round((opts.changeSetTimeoutMs ?? 300_000) / 1000)} s (status ${cs.Status ?? 'unknown'}); it was deleted`);
      }
      await sleep(opts.pollIntervalMs ?? 5_000);
    }
    const changes: StackChange[] = [];
    let next: string | undefined;
    do {
      const page = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: changeSetId, StackName: opts.stackName, ...(next ? { NextToken: next } : {}) }));
      for (const c of page.Changes ?? []) {
        const change = toChange(c, nodeIds);
        if (change) changes.push(change);
      }
      next = page.NextToken;
    } while (next);
    if (changes.length === 0) {
      await discard(clients, { stackName: opts.stackName, designId: opts.designId, changeSetId, changeSetType });
      return { ...base, ...(stackId ? { stackId } : {}), changeSetType, nothingToDo: true, changes: [], createdAt: createdAt.toISOString() };
    }
    return { ...base, ...(stackId ? { stackId } : {}), changeSetId, changeSetName, changeSetType, nothingToDo: false, changes, createdAt: createdAt.toISOString() };
  } finally {
    clients.destroy();
  }
}

/**
 * Deletes the change set; a stack that only existed for it (REVIEW_IN_PROGRESS, no other change set, our tag) is
 * deleted too, so a discarded first plan leaves nothing behind.
 */
async function discard(clients: DeployClientSet, plan: { stackName: string; designId: string; changeSetId: string; changeSetType: 'CREATE' | 'UPDATE' }): Promise<void> {
  const cfn = clients.cloudformation;
  try {
    await cfn.send(new DeleteChangeSetCommand({ ChangeSetName: plan.changeSetId, StackName: plan.stackName }));
  } catch (e) {
    if (errorName(e) !== 'ChangeSetNotFoundException' && !(errorName(e) === 'ValidationError' && /does not exist|not found/i.test(awsMessage(e)))) throw e;
  }
  if (plan.changeSetType !== 'CREATE') return;
  const stack = await describeStack(clients, plan.stackName);
  if (!stack || stack.StackStatus !== 'REVIEW_IN_PROGRESS' || ownerOf(stack) !== plan.designId) return;
  const others = (await cfn.send(new ListChangeSetsCommand({ StackName: plan.stackName }))).Summaries ?? [];
  if (others.some((s) => s.StackName === plan.stackName && s.ChangeSetId !== plan.changeSetId)) return;
  await cfn.send(new DeleteStackCommand({ StackName: stack.StackId ?? plan.stackName }));
}

/** Drops a change set that will not be executed (and the empty stack a first plan created). */
export async function discardStackPlan(plan: StackPlan, opts: StackOptions): Promise<void> {
  if (plan.changeSetId === undefined) return;
  const { clients } = open(opts);
  try {
    await discard(clients, { stackName: plan.stackName, designId: plan.designId, changeSetId: plan.changeSetId, changeSetType: plan.changeSetType });
  } finally {
    clients.destroy();
  }
}

function toEvent(e: CfnStackEvent, nodeIds: Readonly<Record<string, string>>): StackEvent {
  const logicalId = e.LogicalResourceId ?? '';
  const nodeId = nodeIds[logicalId];
  return {
    at: (e.Timestamp ?? new Date(0)).toISOString(),
    logicalId,
    type: e.ResourceType ?? '',
    status: e.ResourceStatus ?? '',
    ...(e.ResourceStatusReason ? { reason: e.ResourceStatusReason } : {}),
    ...(e.PhysicalResourceId ? { physicalId: e.PhysicalResourceId } : {}),
    ...(nodeId !== undefined ? { nodeId } : {}),
  };
}

const STACK_TYPE = 'AWS::CloudFormation::Stack';

/**
 * What the events of one execution (oldest first) say: resources that failed (with reasons) and what the rollback
 * undid. Failures caused only by the cancellation of other resources ("Resource creation cancelled") are kept out:
 * the resource that failed first is the one to fix.
 */
export function summarizeEvents(events: readonly StackEvent[]): { failures: StackResourceOutcome[]; rolledBack: StackResourceOutcome[] } {
  const failures: StackResourceOutcome[] = [];
  const rolledBack = new Map<string, StackResourceOutcome>();
  let rollingBack = false;
  const outcome = (e: StackEvent): StackResourceOutcome => ({
    logicalId: e.logicalId,
    type: e.type,
    status: e.status,
    ...(e.nodeId !== undefined ? { nodeId: e.nodeId } : {}),
    ...(e.reason !== undefined ? { reason: e.reason } : {}),
  });
  for (const e of events) {
    if (e.type === STACK_TYPE) {
      if (/ROLLBACK_IN_PROGRESS$/.test(e.status)) rollingBack = true;
      continue;
    }
    if (e.status.endsWith('_FAILED')) {
      if (!rollingBack && /cancell?ed/i.test(e.reason ?? '') && failures.length > 0) continue;
      failures.push(outcome(e));
    } else if (rollingBack && e.status.endsWith('_COMPLETE')) {
      rolledBack.set(e.logicalId, outcome(e));
    }
  }
  return { failures, rolledBack: [...rolledBack.values()] };
}

/** Events of the stack newer than the ones in `seen`, oldest first (DescribeStackEvents lists newest first). */
async function newEvents(clients: DeployClientSet, stack: string, seen: Set<string>): Promise<CfnStackEvent[]> {
  const out: CfnStackEvent[] = [];
  let next: string | undefined;
  pages: do {
    const page = await clients.cloudformation.send(new DescribeStackEventsCommand({ StackName: stack, ...(next ? { NextToken: next } : {}) }));
    for (const e of page.StackEvents ?? []) {
      const id = e.EventId ?? `${e.LogicalResourceId}/${e.ResourceStatus}/${e.Timestamp?.toISOString()}`;
      if (seen.has(id)) break pages;
      seen.add(id);
      out.push(e);
    }
    next = page.NextToken;
  } while (next);
  return out.reverse();
}

/**
 * Executes the plan's change set and streams the stack events (`onEvent`) until the stack reaches a terminal status
 * or the bounded wait ends. The report names failed resources with CloudFormation's reasons (on their nodes) and
 * what the rollback undid.
 */
export async function executeStack(plan: StackPlan, opts: StackOptions & { readonly onEvent?: (e: StackEvent) => void }): Promise<StackReport> {
  const startedAt = new Date().toISOString();
  const base = { stackName: plan.stackName, ...(plan.stackId ? { stackId: plan.stackId } : {}), startedAt, outputs: {} as Record<string, string> };
  if (plan.nothingToDo || plan.changeSetId === undefined) {
    return { ...base, status: 'succeeded', stackStatus: 'NO_CHANGES', message: 'nothing to do: the stack already matches the design', failures: [], rolledBack: [], events: [], finishedAt: startedAt, apiCalls: { total: 0, mutating: 0 } };
  }
  const { clients, counts } = open(opts);
  const stackRef = plan.stackId ?? plan.stackName;
  const events: StackEvent[] = [];
  const seen = new Set<string>();
  try {
    const stack = await describeStack(clients, stackRef);
    if (stack && ownerOf(stack) !== plan.designId) throw new StackError(`stack ${plan.stackName} does not carry the tag of design ${plan.designId}: it is not changed`);
    if (stack) await newEvents(clients, stackRef, seen); // what happened before this execution is not part of it
    await clients.cloudformation.send(new ExecuteChangeSetCommand({ ChangeSetName: plan.changeSetId, StackName: plan.stackName }));
    const timeout = opts.executeTimeoutMs ?? 3_600_000;
    const deadline = Date.now() + timeout;
    let status = '';
    let final: Stack | undefined;
    for (;;) {
      for (const e of await newEvents(clients, stackRef, seen)) {
        const event = toEvent(e, plan.nodeIds);
        events.push(event);
        opts.onEvent?.(event);
      }
      final = await describeStack(clients, stackRef);
      status = final?.StackStatus ?? 'DELETE_COMPLETE';
      if (TERMINAL_STACK_STATUSES.has(status)) break;
      if (Date.now() > deadline) break;
      await sleep(opts.pollIntervalMs ?? 5_000);
    }
    // Events written between the last read and the terminal status.
    for (const e of await newEvents(clients, stackRef, seen)) {
      const event = toEvent(e, plan.nodeIds);
      events.push(event);
      opts.onEvent?.(event);
    }
    const { failures, rolledBack } = summarizeEvents(events);
    const outputs: Record<string, string> = {};
    for (const o of final?.Outputs ?? []) if (o.OutputKey) outputs[o.OutputKey] = o.OutputValue ?? '';
    const succeeded = status === 'CREATE_COMPLETE' || status === 'UPDATE_COMPLETE';
    const timedOut = !TERMINAL_STACK_STATUSES.has(status);
    const first = failures[0];
    const message = succeeded
      ? `stack ${plan.stackName}: ${status}`
      : timedOut
        ? `stack ${plan.stackName} did not finish within ${Math.round(timeout / 1000)} s (still ${status}); CloudFormation goes on with it`
        : `stack ${plan.stackName}: ${status}${first ? ` — ${first.logicalId}${first.nodeId ? ` (node ${first.nodeId})` : ''}: ${first.reason ?? first.status}` : final?.StackStatusReason ? ` — ${final.StackStatusReason}` : ''}`;
    return {
      ...base,
      ...(final?.StackId ? { stackId: final.StackId } : {}),
      status: succeeded ? 'succeeded' : 'failed',
      stackStatus: status,
      message,
      failures,
      rolledBack,
      events,
      outputs,
      finishedAt: new Date().toISOString(),
      apiCalls: { ...counts },
    };
  } catch (e) {
    if (e instanceof StackError) throw e;
    // ExecuteChangeSet (or a read) refused: nothing more will happen; the report says why, with what the stack
    // recorded (best effort: the error is the report's message either way).
    try {
      for (const ev of await newEvents(clients, stackRef, seen)) {
        const event = toEvent(ev, plan.nodeIds);
        events.push(event);
        opts.onEvent?.(event);
      }
    } catch {
      // the events cannot be read either: the message below is what there is
    }
    const { failures, rolledBack } = summarizeEvents(events);
    return {
      ...base,
      status: 'failed',
      stackStatus: 'EXECUTE_FAILED',
      message: `stack ${plan.stackName}: ${awsMessage(e)}`,
      failures,
      rolledBack,
      events,
      finishedAt: new Date().toISOString(),
      apiCalls: { ...counts },
    };
  } finally {
    clients.destroy();
  }
}
