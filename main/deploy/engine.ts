import { DescribeAvailabilityZonesCommand } from '@aws-sdk/client-ec2';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { referencedIds, type IrObject, type IrPseudo, type IrResource, type IrTemplate } from '../../shared/iac/ir';
import type { AwsTarget } from '../aws/clientConfig';
import { createDeployClients, isMutating, type ApiCall, type DeployClientSet } from './clients';
import { HANDLERS } from './handlers/index';
import { rollbackService } from './handlers/ecsService';
import { resolveParameters, resolveValue, type ResolveEnv } from './resolve';
import { DeployStepError, TAG_DESIGN, TAG_LOGICAL, TAG_NODE, type DesiredResource, type HandlerContext, type LiveResource, type PropertyChange, type ResourceHandler } from './types';
import { awsMessage, cfnTags, unknownValue } from './values';

export type PlanAction = 'create' | 'update' | 'replace' | 'delete' | 'no-change' | 'conflict' | 'unsupported';

export interface PlanStep {
  readonly action: PlanAction;
  readonly logicalId: string;
  readonly type: string;
  readonly nodeId?: string;
  /** Physical name (what the step creates, or the live resource it touches). */
  readonly name: string;
  readonly changes: readonly PropertyChange[];
  /** Why: the conflict, the replacement trigger, … */
  readonly reason?: string;
}

export interface DeployPlan {
  readonly designId: string;
  readonly steps: readonly PlanStep[];
  /** True when every step is no-change. */
  readonly nothingToDo: boolean;
}

export interface ProgressEvent {
  readonly step: 'plan' | 'create' | 'update' | 'replace' | 'delete' | 'rollback' | 'wait';
  readonly resource: string;
  readonly nodeId?: string;
  readonly status: 'started' | 'succeeded' | 'failed' | 'info';
  readonly message?: string;
}

export interface EngineOptions {
  readonly target: AwsTarget;
  /** The design's id: the ownership tag value. */
  readonly designId: string;
  /** Value of AWS::StackName (the design name, slugged). */
  readonly stackName: string;
  /** Parameter values by id (CLI --param); others take their defaults. */
  readonly parameters?: Readonly<Record<string, string>>;
  /** Parallel resource operations (default 4). */
  readonly concurrency?: number;
  /** Bounded wait for services to become stable (default 10 min) and its poll interval (default 6 s). */
  readonly stableTimeoutMs?: number;
  readonly pollIntervalMs?: number;
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Sees every AWS API call (tests count mutating ones; the bench counts all). */
  readonly onCall?: (call: ApiCall) => void;
}

export interface ResourceResult {
  readonly logicalId: string;
  readonly type: string;
  readonly nodeId?: string;
  readonly action: PlanAction;
  readonly status: 'succeeded' | 'failed' | 'skipped';
  readonly physicalId?: string;
  readonly error?: string;
  /** AWS details of a failure: stopped-task reasons and the like. */
  readonly details?: readonly string[];
}

export interface DeployReport {
  readonly kind: 'deploy' | 'destroy';
  readonly designId: string;
  readonly region: string;
  readonly endpointUrl?: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** succeeded; failed (see results and failure); refused (conflicts, unsupported types or unconfirmed deletions: nothing changed). */
  readonly status: 'succeeded' | 'failed' | 'refused';
  readonly message: string;
  readonly plan: readonly PlanStep[];
  readonly results: readonly ResourceResult[];
  readonly failure?: { readonly logicalId: string; readonly nodeId?: string; readonly error: string; readonly details: readonly string[] };
  readonly rollbacks: readonly { readonly service: string; readonly taskDefinition: string; readonly status: 'succeeded' | 'failed'; readonly error?: string }[];
  readonly apiCalls: { readonly total: number; readonly mutating: number };
}

export class TemplateError extends Error {
  override name = 'TemplateError';
}

/** Resource ids in dependency order (refs + dependsOn); a cycle is an error naming it. */
export function dependencyOrder(template: IrTemplate): { order: string[]; deps: Map<string, Set<string>> } {
  const ids = new Set(template.resources.map((r) => r.id));
  const deps = new Map<string, Set<string>>();
  for (const r of template.resources) {
    const set = new Set<string>();
    for (const id of referencedIds(r.properties)) if (ids.has(id) && id !== r.id) set.add(id);
    for (const id of r.dependsOn ?? []) {
      if (!ids.has(id)) throw new TemplateError(`${r.id}: dependsOn names ${id}, which is not a resource of the template`);
      set.add(id);
    }
    deps.set(r.id, set);
  }
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') throw new TemplateError(`dependency cycle: ${[...path.slice(path.indexOf(id)), id].join(' → ')}`);
    state.set(id, 'visiting');
    for (const d of [...(deps.get(id) ?? [])].sort()) visit(d, [...path, id]);
    state.set(id, 'done');
    order.push(id);
  };
  for (const id of [...ids].sort()) visit(id, []);
  return { order, deps };
}

interface Session {
  readonly clients: DeployClientSet;
  readonly ctx: HandlerContext;
  readonly env: { parameters: Map<string, string | string[]>; pseudo: Record<IrPseudo, string>; azs: string[] };
  readonly calls: ApiCall[];
  readonly opts: EngineOptions;
}

async function openSession(template: IrTemplate | undefined, opts: EngineOptions): Promise<Session> {
  const calls: ApiCall[] = [];
  const clients = createDeployClients(opts.target, (call) => {
    calls.push(call);
    opts.onCall?.(call);
  });
  try {
    const parameters = template ? resolveParameters(template, opts.parameters ?? {}) : new Map<string, string | string[]>();
    if (template) await resolveSsmParameters(clients, template, parameters);
    const identity = await clients.sts.send(new GetCallerIdentityCommand({}));
    const accountId = identity.Account ?? '';
    const partition = identity.Arn?.split(':')[1] ?? 'aws';
    const needsAzs = template !== undefined && JSON.stringify(template.resources).includes('"__ir":"azs"');
    const azs = needsAzs ? ((await clients.ec2.send(new DescribeAvailabilityZonesCommand({}))).AvailabilityZones ?? []).map((z) => z.ZoneName ?? '').filter((z) => z !== '') : [];
    const ctx: HandlerContext = {
      clients,
      designId: opts.designId,
      region: opts.target.region,
      accountId,
      partition,
      stableTimeoutMs: opts.stableTimeoutMs ?? 600_000,
      pollIntervalMs: opts.pollIntervalMs ?? 6_000,
      note: () => undefined,
    };
    const pseudo: Record<IrPseudo, string> = {
      'AWS::Region': opts.target.region,
      'AWS::AccountId': accountId,
      'AWS::Partition': partition,
      'AWS::StackName': opts.stackName,
      'AWS::URLSuffix': partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com',
    };
    return { clients, ctx, env: { parameters, pseudo, azs }, calls, opts };
  } catch (e) {
    clients.destroy();
    throw e;
  }
}

/**
 * `AWS::SSM::Parameter::Value<…>` parameters hold a parameter name (e.g. the public ECS-optimized AMI path); like
 * CloudFormation, the deploy uses the parameter's current value. A missing parameter is an error naming it.
 */
async function resolveSsmParameters(clients: DeployClientSet, template: IrTemplate, parameters: Map<string, string | string[]>): Promise<void> {
  for (const p of template.parameters) {
    if (!p.type.startsWith('AWS::SSM::Parameter::Value<')) continue;
    const name = parameters.get(p.id);
    if (typeof name !== 'string') continue;
    let value: string | undefined;
    try {
      value = (await clients.ssm.send(new GetParameterCommand({ Name: name }))).Parameter?.Value;
    } catch (e) {
      throw new TemplateError(`parameter ${p.id}: SSM parameter ${name} cannot be read (${awsMessage(e)})`);
    }
    if (value === undefined || value === '') throw new TemplateError(`parameter ${p.id}: SSM parameter ${name} has no value`);
    parameters.set(p.id, value);
  }
}

function desiredOf(session: Session, r: IrResource, resources: ReadonlyMap<string, LiveResource>): DesiredResource {
  const env: ResolveEnv = { ...session.env, resources };
  const properties = resolveValue(r.properties, env) as IrObject;
  const tags: Record<string, string> = { ...cfnTags(properties), [TAG_DESIGN]: session.opts.designId, [TAG_LOGICAL]: r.id };
  if (r.nodeId !== undefined) tags[TAG_NODE] = r.nodeId;
  return { logicalId: r.id, type: r.type, ...(r.nodeId !== undefined ? { nodeId: r.nodeId } : {}), properties, tags };
}

function replaceReason(handler: ResourceHandler, changes: readonly PropertyChange[]): string | undefined {
  const hit = changes.find((c) => handler.replaceOn.some((p) => c.path === p || c.path.startsWith(`${p}/`)));
  return hit ? `${hit.path.slice(1)} cannot change in place` : undefined;
}

interface Planned {
  readonly steps: PlanStep[];
  /** Live resources read during planning by logical id (the desired ones that exist and are ours). */
  readonly read: Map<string, LiveResource>;
  /** What references resolve against: read resources whose Ref/GetAtt values stay the same through the apply. */
  readonly live: Map<string, LiveResource>;
  /** Owned resources to delete, with the step that says so (deletions of removed nodes and replaced old resources). */
  readonly deletions: { step: PlanStep; live: LiveResource; handler: ResourceHandler }[];
}

async function inventory(session: Session): Promise<{ handler: ResourceHandler; live: LiveResource }[]> {
  const out: { handler: ResourceHandler; live: LiveResource }[] = [];
  for (const handler of HANDLERS.values()) for (const live of await handler.listOwned(session.ctx)) out.push({ handler, live });
  return out;
}

async function planWith(session: Session, template: IrTemplate): Promise<Planned> {
  const { order } = dependencyOrder(template);
  const byId = new Map(template.resources.map((r) => [r.id, r]));
  const owned = await inventory(session);
  const live = new Map<string, LiveResource>();
  const read = new Map<string, LiveResource>();
  const steps: PlanStep[] = [];
  const deletions: Planned['deletions'] = [];
  const pending = new Set<string>();
  for (const id of order) {
    const r = byId.get(id)!;
    const handler = HANDLERS.get(r.type);
    const base = { logicalId: r.id, type: r.type, ...(r.nodeId !== undefined ? { nodeId: r.nodeId } : {}) };
    if (!handler) {
      steps.push({ ...base, action: 'unsupported', name: r.id, changes: [], reason: `the deploy engine does not deploy ${r.type} yet` });
      pending.add(id);
      continue;
    }
    const desired = desiredOf(session, r, live);
    const name = handler.name(desired);
    const found = await handler.read(session.ctx, desired);
    if (found) {
      const owner = found.tags[TAG_DESIGN];
      const logical = found.tags[TAG_LOGICAL];
      if (owner !== session.opts.designId || (logical !== undefined && logical !== r.id)) {
        steps.push({
          ...base,
          action: 'conflict',
          name: found.name,
          changes: [],
          reason: owner === undefined ? `${found.name} exists and was not created by ECS Designer (no ${TAG_DESIGN} tag); it is left untouched` : owner !== session.opts.designId ? `${found.name} belongs to another design (${TAG_DESIGN}=${owner}); it is left untouched` : `${found.name} belongs to ${logical} of this design`,
        });
        pending.add(id);
        continue;
      }
      const changes = handler.diff(desired, found);
      const why = replaceReason(handler, changes);
      live.set(id, found);
      read.set(id, found);
      if (changes.length === 0) steps.push({ ...base, action: 'no-change', name: found.name, changes });
      else steps.push({ ...base, action: why ? 'replace' : 'update', name: found.name, changes, ...(why ? { reason: why } : {}) });
      if (why || changes.length > 0) pending.add(id);
      // An updated resource keeps Ref/GetAtt values unless it is a new revision (task definitions) or replaced.
      if (why || (r.type === 'AWS::ECS::TaskDefinition' && changes.length > 0)) live.delete(id);
      else if (r.type === 'AWS::EC2::LaunchTemplate' && changes.some((c) => !c.path.startsWith('/Tags/'))) {
        // A content change adds a version: the id stays, the latest version number is known after apply.
        live.set(id, { ...found, attributes: { ...found.attributes, LatestVersionNumber: unknownValue(`${id}.LatestVersionNumber`) } });
      }
      continue;
    }
    const previous = owned.find((o) => o.live.type === r.type && o.live.tags[TAG_LOGICAL] === r.id);
    if (previous) {
      steps.push({ ...base, action: 'replace', name, changes: [{ path: '/name', before: previous.live.name, after: name }], reason: `the name changed from ${previous.live.name}` });
      deletions.push({ step: { ...base, action: 'delete', name: previous.live.name, changes: [], reason: `replaced by ${name}` }, live: previous.live, handler });
    } else {
      steps.push({ ...base, action: 'create', name, changes: [] });
    }
    pending.add(id);
  }
  const wanted = new Set(template.resources.map((r) => r.id));
  // Resources without tags of their own (mount targets, scaling policies…) are listed through their owned parent and
  // carry no logical id: they stay when a desired resource read them, anything else under an owned parent goes.
  const matched = new Set([...read.values()].map((l) => `${l.type}|${l.physicalId}`));
  for (const o of owned) {
    const logical = o.live.tags[TAG_LOGICAL] ?? '';
    if (logical === '' ? matched.has(`${o.live.type}|${o.live.physicalId}`) : wanted.has(logical)) continue;
    const nodeId = o.live.tags[TAG_NODE];
    deletions.push({ step: { logicalId: logical || o.live.name, type: o.live.type, ...(nodeId ? { nodeId } : {}), action: 'delete', name: o.live.name, changes: [], reason: 'no longer in the design' }, live: o.live, handler: o.handler });
  }
  for (const d of deletions) if (!steps.includes(d.step)) steps.push(d.step);
  return { steps, read, live, deletions };
}

function summarize(designId: string, steps: readonly PlanStep[]): DeployPlan {
  return { designId, steps, nothingToDo: steps.every((s) => s.action === 'no-change') };
}

/** Desired state vs live state, per resource. Read-only: makes no mutating call. */
export async function plan(template: IrTemplate, opts: EngineOptions): Promise<DeployPlan> {
  const session = await openSession(template, opts);
  try {
    return summarize(opts.designId, (await planWith(session, template)).steps);
  } finally {
    session.clients.destroy();
  }
}

export interface ApplyOptions extends EngineOptions {
  /** Asked with exactly the deletions the plan contains; without a yes nothing changes. Absent = refuse deletions. */
  readonly confirmDeletions?: (steps: readonly PlanStep[]) => Promise<boolean>;
}

function callCounts(calls: readonly ApiCall[]) {
  return { total: calls.length, mutating: calls.filter((c) => isMutating(c.command)).length };
}

/** Runs tasks with their dependencies done first, at most `limit` at a time; stops starting new ones after a failure. */
async function runGraph(ids: readonly string[], deps: ReadonlyMap<string, ReadonlySet<string>>, limit: number, task: (id: string) => Promise<boolean>): Promise<void> {
  const done = new Set<string>();
  const started = new Set<string>();
  let failed = false;
  await new Promise<void>((resolve) => {
    let running = 0;
    const pump = () => {
      if (!failed) {
        for (const id of ids) {
          if (running >= limit) break;
          if (started.has(id)) continue;
          if (![...(deps.get(id) ?? [])].every((d) => done.has(d) || !ids.includes(d))) continue;
          started.add(id);
          running++;
          void task(id).then((ok) => {
            running--;
            if (ok) done.add(id);
            else failed = true;
            pump();
          });
        }
      }
      if (running === 0) resolve();
    };
    pump();
  });
}

/** Plans, then applies: creates/updates/replaces in dependency order, deletions last; rolls services back on failure. */
export async function apply(template: IrTemplate, opts: ApplyOptions): Promise<DeployReport> {
  const startedAt = new Date().toISOString();
  const progress = (e: ProgressEvent) => opts.onProgress?.(e);
  const session = await openSession(template, opts);
  const results: ResourceResult[] = [];
  const rollbacks: { service: string; taskDefinition: string; status: 'succeeded' | 'failed'; error?: string }[] = [];
  const finish = (status: DeployReport['status'], message: string, planSteps: readonly PlanStep[], failure?: DeployReport['failure']): DeployReport => ({
    kind: 'deploy',
    designId: opts.designId,
    region: opts.target.region,
    ...(opts.target.endpointUrl !== undefined ? { endpointUrl: opts.target.endpointUrl } : {}),
    startedAt,
    finishedAt: new Date().toISOString(),
    status,
    message,
    plan: planSteps,
    results,
    ...(failure ? { failure } : {}),
    rollbacks,
    apiCalls: callCounts(session.calls),
  });
  try {
    const planned = await planWith(session, template);
    const blockers = planned.steps.filter((s) => s.action === 'conflict' || s.action === 'unsupported');
    if (blockers.length > 0) {
      return finish('refused', `nothing was changed: ${blockers.map((s) => `${s.logicalId}: ${s.reason ?? s.action}`).join('; ')}`, planned.steps);
    }
    // Everything that removes a live resource needs the yes: deletions and replacements (the old one goes).
    const deletions = [...planned.deletions.map((d) => d.step), ...planned.steps.filter((s) => s.action === 'replace' && !planned.deletions.some((d) => d.step.logicalId === s.logicalId))];
    if (deletions.length > 0 && !(opts.confirmDeletions ? await opts.confirmDeletions(deletions) : false)) {
      return finish('refused', `nothing was changed: the plan deletes ${deletions.map((d) => `${d.type} ${d.name}`).join(', ')} and that was not confirmed`, planned.steps);
    }
    if (planned.steps.every((s) => s.action === 'no-change')) return finish('succeeded', 'nothing to do', planned.steps);

    const { order, deps } = dependencyOrder(template);
    const byId = new Map(template.resources.map((r) => [r.id, r]));
    const stepOf = new Map(planned.steps.filter((s) => s.action !== 'delete').map((s) => [s.logicalId, s]));
    const known = new Map(planned.live);
    /** Services updated in this run and the revision they ran before (what a rollback restores). */
    const updatedServices: { cluster: string; service: string; taskDefinition: string }[] = [];
    let failure: DeployReport['failure'] | undefined;

    await runGraph(order, deps, Math.max(1, opts.concurrency ?? 4), async (id) => {
      const r = byId.get(id)!;
      const handler = HANDLERS.get(r.type)!;
      const step = stepOf.get(id)!;
      const base = { logicalId: id, type: r.type, ...(r.nodeId !== undefined ? { nodeId: r.nodeId } : {}) };
      const ctx: HandlerContext = { ...session.ctx, note: (message) => progress({ step: 'wait', resource: id, ...(r.nodeId ? { nodeId: r.nodeId } : {}), status: 'info', message }) };
      try {
        const desired = desiredOf(session, r, known);
        // The live state read while planning; dependencies applied since may change what the desired values resolve to.
        let current = planned.read.get(id);
        if (current && step.action === 'replace') {
          // Same name, property that cannot change in place: the old resource goes first (the new one takes its name).
          progress({ step: 'delete', resource: id, ...(r.nodeId ? { nodeId: r.nodeId } : {}), status: 'started', message: `${current.name} (replaced)` });
          await handler.delete(ctx, current);
          current = undefined;
        }
        const changes = current ? handler.diff(desired, current) : [];
        const action: PlanAction = !current || step.action === 'create' || step.action === 'replace' ? (step.action === 'replace' ? 'replace' : 'create') : changes.length > 0 ? 'update' : 'no-change';
        if (action === 'no-change') {
          if (current) known.set(id, current);
          results.push({ ...base, action, status: 'succeeded', ...(current ? { physicalId: current.physicalId } : {}) });
          return true;
        }
        progress({ step: action === 'replace' ? 'replace' : action === 'create' ? 'create' : 'update', resource: id, ...(r.nodeId ? { nodeId: r.nodeId } : {}), status: 'started' });
        let after: LiveResource;
        if (action === 'update' && current) {
          if (r.type === 'AWS::ECS::Service' && typeof current.properties['TaskDefinition'] === 'string') {
            updatedServices.push({ cluster: current.attributes['Cluster'] ?? '', service: current.name, taskDefinition: current.properties['TaskDefinition'] });
          }
          after = await handler.update(ctx, desired, current, changes);
        } else {
          after = await handler.create(ctx, desired);
        }
        known.set(id, after);
        results.push({ ...base, action, status: 'succeeded', physicalId: after.physicalId });
        progress({ step: action === 'replace' ? 'replace' : action === 'create' ? 'create' : 'update', resource: id, ...(r.nodeId ? { nodeId: r.nodeId } : {}), status: 'succeeded', message: after.physicalId });
        return true;
      } catch (e) {
        const details = e instanceof DeployStepError ? [...e.details] : [];
        const error = awsMessage(e);
        failure ??= { logicalId: id, ...(r.nodeId !== undefined ? { nodeId: r.nodeId } : {}), error, details };
        results.push({ ...base, action: step.action, status: 'failed', error, ...(details.length ? { details } : {}) });
        progress({ step: step.action === 'update' ? 'update' : step.action === 'replace' ? 'replace' : 'create', resource: id, ...(r.nodeId ? { nodeId: r.nodeId } : {}), status: 'failed', message: [error, ...details].join(' | ') });
        return false;
      }
    });

    if (!failure) {
      const ranked = [...planned.deletions].sort((a, b) => a.handler.deleteRank - b.handler.deleteRank);
      for (const d of ranked) {
        const base = { logicalId: d.step.logicalId, type: d.step.type, ...(d.step.nodeId !== undefined ? { nodeId: d.step.nodeId } : {}) };
        progress({ step: 'delete', resource: d.step.logicalId, ...(d.step.nodeId ? { nodeId: d.step.nodeId } : {}), status: 'started', message: d.live.name });
        try {
          await d.handler.delete(session.ctx, d.live);
          results.push({ ...base, action: 'delete', status: 'succeeded', physicalId: d.live.physicalId });
          progress({ step: 'delete', resource: d.step.logicalId, status: 'succeeded', message: d.live.name });
        } catch (e) {
          const error = awsMessage(e);
          failure = { logicalId: d.step.logicalId, ...(d.step.nodeId !== undefined ? { nodeId: d.step.nodeId } : {}), error, details: [] };
          results.push({ ...base, action: 'delete', status: 'failed', error });
          progress({ step: 'delete', resource: d.step.logicalId, status: 'failed', message: error });
          break;
        }
      }
    }

    if (failure) {
      for (const s of [...updatedServices].reverse()) {
        try {
          if (!(await rollbackService(session.ctx, s.cluster, s.service, s.taskDefinition))) continue;
          rollbacks.push({ ...s, status: 'succeeded' });
          progress({ step: 'rollback', resource: s.service, status: 'succeeded', message: s.taskDefinition });
        } catch (e) {
          rollbacks.push({ ...s, status: 'failed', error: awsMessage(e) });
          progress({ step: 'rollback', resource: s.service, status: 'failed', message: awsMessage(e) });
        }
      }
      for (const id of order) if (!results.some((x) => x.logicalId === id)) {
        const r = byId.get(id)!;
        results.push({ logicalId: id, type: r.type, ...(r.nodeId !== undefined ? { nodeId: r.nodeId } : {}), action: stepOf.get(id)?.action ?? 'no-change', status: 'skipped' });
      }
      return finish('failed', `deploy failed at ${failure.logicalId}${failure.nodeId ? ` (node ${failure.nodeId})` : ''}: ${failure.error}`, planned.steps, failure);
    }
    return finish('succeeded', `applied ${results.filter((x) => x.action !== 'no-change').length} change(s)`, planned.steps);
  } finally {
    session.clients.destroy();
  }
}

/** Deletes every resource tagged with this design id (nothing else), services first. */
export async function destroy(opts: ApplyOptions & { readonly plan?: boolean }): Promise<DeployReport> {
  const startedAt = new Date().toISOString();
  const session = await openSession(undefined, opts);
  const results: ResourceResult[] = [];
  try {
    const owned = (await inventory(session)).sort((a, b) => a.handler.deleteRank - b.handler.deleteRank);
    const steps: PlanStep[] = owned.map((o) => ({
      logicalId: o.live.tags[TAG_LOGICAL] ?? o.live.name,
      type: o.live.type,
      ...(o.live.tags[TAG_NODE] ? { nodeId: o.live.tags[TAG_NODE] } : {}),
      action: 'delete',
      name: o.live.name,
      changes: [],
      reason: 'destroy',
    }));
    const report = (status: DeployReport['status'], message: string, failure?: DeployReport['failure']): DeployReport => ({
      kind: 'destroy',
      designId: opts.designId,
      region: opts.target.region,
      ...(opts.target.endpointUrl !== undefined ? { endpointUrl: opts.target.endpointUrl } : {}),
      startedAt,
      finishedAt: new Date().toISOString(),
      status,
      message,
      plan: steps,
      results,
      ...(failure ? { failure } : {}),
      rollbacks: [],
      apiCalls: callCounts(session.calls),
    });
    if (steps.length === 0) return report('succeeded', 'nothing to do: no resource carries this design id');
    if (opts.plan) return report('succeeded', `would delete ${steps.length} resource(s)`);
    if (!(opts.confirmDeletions ? await opts.confirmDeletions(steps) : false)) return report('refused', `nothing was deleted: deleting ${steps.length} resource(s) was not confirmed`);
    for (const [i, o] of owned.entries()) {
      const step = steps[i]!;
      opts.onProgress?.({ step: 'delete', resource: step.logicalId, status: 'started', message: o.live.name });
      try {
        await o.handler.delete(session.ctx, o.live);
        results.push({ logicalId: step.logicalId, type: step.type, action: 'delete', status: 'succeeded', physicalId: o.live.physicalId });
        opts.onProgress?.({ step: 'delete', resource: step.logicalId, status: 'succeeded', message: o.live.name });
      } catch (e) {
        const error = awsMessage(e);
        results.push({ logicalId: step.logicalId, type: step.type, action: 'delete', status: 'failed', error });
        opts.onProgress?.({ step: 'delete', resource: step.logicalId, status: 'failed', message: error });
        return report('failed', `destroy failed at ${step.logicalId}: ${error}`, { logicalId: step.logicalId, ...(step.nodeId ? { nodeId: step.nodeId } : {}), error, details: [] });
      }
    }
    return report('succeeded', `deleted ${results.length} resource(s)`);
  } finally {
    session.clients.destroy();
  }
}
