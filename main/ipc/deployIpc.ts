import path from 'node:path';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { buildResourceGraph, IacBuildError } from '../../shared/iac/build';
import { stackNameOf } from '../../shared/iac/index';
import type { IrTemplate } from '../../shared/iac/ir';
import {
  DeployEventSchema,
  DeployReportSchema,
  type ConfirmedRemoval,
  type DeployReportView,
  type DeployStackExecuteResponse,
  type DeployStackPlanResponse,
  type DeployStatusResponse,
  type DeployVerifyResponse,
  type ServiceStatusIpc,
  type StackReportView,
  StackReportSchema,
  type DeployEvent,
  type DeployPlanResponse,
  type DeployReportResponse,
  type DeployTarget,
} from '../../shared/ipc/deploy';
import { parseDesignText, type Design } from '../../shared/model/document';
import { validateDesign } from '../../shared/rules/index';
import type { AwsTarget } from '../aws/clientConfig';
import type { DeployReport, PlanStep, ProgressEvent } from '../deploy/engine';
import { loadDeployEngine, type DeployEngine } from '../deploy/loadEngine';
import { reportFileName } from '../deploy/report';
import { ParameterError } from '../deploy/resolve';
import { awsMessage } from '../deploy/values';
import { writeFileAtomically } from '../files/designFiles';
import type { ServiceStatus } from '../deploy/status';
import type { StackPlan, StackReport } from '../deploy/stack';

/**
 * The main side of the Deploy channels: plain Node, called by main/ipc/handlers.ts after the request passed its
 * zod schema. The page sends a profile NAME; credentials are resolved here by the SDK's provider chain and never
 * leave this process (not in events, responses, or the report file). An MFA code the SDK asks for is requested from
 * the page over `deploy:event` and answered through `deploy:mfa-code`; it is handed to the SDK and not kept.
 */

export interface DeployIpcDeps {
  /** Sends a deploy event to the page (validated here first). */
  readonly send: (event: DeployEvent) => void;
  /** Whether the page may have the report written beside this design file (opened/saved through a dialog). */
  readonly mayWriteBeside: (designFile: string) => boolean;
  /** Test seam: credentials instead of the profile chain (moto accepts any keys). Never set in the app. */
  readonly credentials?: AwsCredentialIdentityProvider;
  /** How long an MFA prompt waits for the code (default 5 minutes). */
  readonly mfaTimeoutMs?: number;
  /** Poll interval of the stable-service wait (default: the engine's). Tests pass small values. */
  readonly pollIntervalMs?: number;
}

export class DeployRequestError extends Error {
  override name = 'DeployRequestError';
}

interface Prepared {
  readonly design: Design;
  readonly template: IrTemplate;
  readonly target: AwsTarget;
}

/** The report as it crosses IPC and is written: plain JSON (absent values dropped), checked against the contract. */
function reportView(report: DeployReport): DeployReportView {
  return DeployReportSchema.parse(JSON.parse(JSON.stringify(report)));
}

/** Sorted identity of a removal, for comparing what the user confirmed with what the engine would remove. */
function removalKey(r: ConfirmedRemoval): string {
  return `${r.type}\u0000${r.logicalId}\u0000${r.name}`;
}

function sameRemovals(engine: readonly PlanStep[], confirmed: readonly ConfirmedRemoval[]): boolean {
  const a = engine.map(removalKey).sort();
  const b = [...new Set(confirmed.map(removalKey))].sort();
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

const opt = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } => (value === undefined ? {} : ({ [key]: value } as { [P in K]?: V }));

/** The status as it crosses IPC: exactly the contract's fields (the status module may carry more). */
function statusView(s: ServiceStatus): ServiceStatusIpc {
  return {
    ...opt('nodeId', s.nodeId),
    logicalId: s.logicalId,
    cluster: s.cluster,
    service: s.service,
    status: s.status,
    desired: s.desired,
    running: s.running,
    pending: s.pending,
    taskDefinition: s.taskDefinition,
    ...opt('error', s.error),
    deployments: s.deployments.map((d) => ({
      id: d.id,
      status: d.status,
      taskDefinition: d.taskDefinition,
      desired: d.desired,
      running: d.running,
      pending: d.pending,
      failedTasks: d.failed,
      ...opt('rolloutState', d.rolloutState),
      ...opt('rolloutStateReason', d.rolloutStateReason),
      ...opt('createdAt', d.createdAt),
      ...opt('updatedAt', d.updatedAt),
    })),
    events: s.events.map((e) => ({ at: e.at, message: e.message })),
    stoppedTasks: s.stoppedTasks.map((t) => ({
      taskArn: t.taskArn,
      stoppedReason: t.stoppedReason,
      ...opt('stoppedAt', t.stoppedAt),
      ...opt('stopCode', t.stopCode),
      containers: t.containers.map((c) => ({ name: c.name, ...opt('reason', c.reason), ...opt('exitCode', c.exitCode) })),
    })),
  };
}

/** Removes a resource: Remove, or a Modify that replaces it (the old one goes). */
function isStackRemoval(c: { action: string; replacement?: string }): boolean {
  return c.action === 'Remove' || (c.action === 'Modify' && (c.replacement === 'True' || c.replacement === 'Conditional'));
}

function stackReportView(report: StackReport): StackReportView {
  return StackReportSchema.parse(JSON.parse(JSON.stringify(report)));
}

export function createDeployIpc(deps: DeployIpcDeps) {
  const mfaWaiting = new Map<string, { resolve: (code: string) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> }>();
  let running: string | undefined;
  let mfaCounter = 0;
  /** Change sets waiting for the user's decision, by the plan id the page holds (the page never sends a change set). */
  const stackPlans = new Map<string, { plan: StackPlan; target: DeployTarget; parameters: Record<string, string> }>();
  let stackPlanCounter = 0;

  const send = (event: DeployEvent) => deps.send(DeployEventSchema.parse(event));
  const stackWaits = () => (deps.pollIntervalMs !== undefined ? { pollIntervalMs: deps.pollIntervalMs } : {});

  /** The deploy engine and the AWS SDK, loaded by the first request that needs them (see main/deploy/engineApi.ts). */
  let loaded: DeployEngine | undefined;
  const engine = async (): Promise<DeployEngine> => (loaded ??= await loadDeployEngine());

  const awsTarget = (aws: DeployEngine, t: DeployTarget, runId: string): AwsTarget => {
    const target: AwsTarget = {
      region: t.region,
      ...(t.profile !== undefined ? { profile: t.profile } : {}),
      ...(t.endpointUrl !== undefined ? { endpointUrl: t.endpointUrl } : {}),
      ...(deps.credentials ? { credentials: deps.credentials } : {}),
      mfaCodeProvider: (mfaSerial: string) =>
        new Promise<string>((resolve, reject) => {
          mfaCounter += 1;
          const requestId = `${runId}-mfa-${mfaCounter}`;
          const timer = setTimeout(() => {
            mfaWaiting.delete(requestId);
            reject(new DeployRequestError('no MFA code was entered in time'));
          }, deps.mfaTimeoutMs ?? 300_000);
          mfaWaiting.set(requestId, { resolve, reject, timer });
          send({ runId, kind: 'mfa', requestId, mfaSerial });
        }),
    };
    try {
      aws.checkAwsTarget(target);
    } catch (e) {
      if (e instanceof aws.AwsTargetError) throw new DeployRequestError(e.message);
      throw e;
    }
    return target;
  };

  const prepare = (aws: DeployEngine, request: { target: DeployTarget; design: string }, runId: string, opts: { validate: boolean }): Prepared => {
    const parsed = parseDesignText(request.design);
    if (!parsed.ok) {
      const first = parsed.errors[0];
      throw new DeployRequestError(`the design is not valid: ${first?.path || '/'}: ${first?.message ?? 'invalid'}`);
    }
    const design = parsed.design;
    if (opts.validate) {
      const errors = validateDesign(design).filter((f) => f.severity === 'error');
      if (errors.length > 0) {
        throw new DeployRequestError(`the design has ${errors.length} validation error(s); fix them before deploying (first: ${errors[0]!.message})`);
      }
    }
    let template: IrTemplate;
    try {
      template = buildResourceGraph(design);
    } catch (e) {
      if (e instanceof IacBuildError) throw new DeployRequestError(`cannot build the resources of the design: ${e.message}`);
      throw e;
    }
    return { design, template, target: awsTarget(aws, request.target, runId) };
  };

  /** Turns what went wrong before or around the engine into a `failed` answer; bugs stay exceptions. */
  const failure = (e: unknown): { status: 'failed'; message: string } => {
    // The engine's own errors can only come once it is loaded.
    const engineError = loaded !== undefined && (e instanceof loaded.TemplateError || e instanceof loaded.StackError);
    if (e instanceof DeployRequestError || e instanceof ParameterError || engineError) return { status: 'failed', message: e.message };
    return { status: 'failed', message: `AWS: ${awsMessage(e)}` };
  };

  /** One apply or destroy at a time: two runs against the same account would race. */
  const exclusive = async <T>(runId: string, fn: () => Promise<T>): Promise<T | { status: 'failed'; message: string }> => {
    if (running !== undefined) return { status: 'failed', message: 'another deploy or destroy is running; wait for it to finish' };
    running = runId;
    try {
      return await fn();
    } finally {
      running = undefined;
    }
  };

  /** The design file the report goes beside; checked BEFORE anything changes, so a refused path deploys nothing. */
  const reportFolderChecked = (designPath: string): string => {
    const resolved = path.resolve(designPath);
    if (!deps.mayWriteBeside(resolved)) throw new DeployRequestError(`the report cannot be written beside ${resolved}: open or save the design through a dialog first`);
    return resolved;
  };

  const writeReport = async (report: DeployReportView, designPath: string | undefined): Promise<{ reportFile?: string; reportText: string }> => {
    const reportText = `${JSON.stringify(report, null, 2)}\n`;
    if (designPath === undefined) return { reportText };
    const resolved = reportFolderChecked(designPath);
    const file = path.join(path.dirname(resolved), reportFileName(resolved, report.kind));
    await writeFileAtomically(file, reportText, undefined, 0o644);
    return { reportFile: file, reportText };
  };

  const progress = (runId: string) => (p: ProgressEvent) =>
    send({ runId, kind: 'progress', progress: { ...p } });

  return {
    async plan(request: { target: DeployTarget; design: string; parameters: Record<string, string>; runId: string }): Promise<DeployPlanResponse> {
      try {
        const aws = await engine();
        const { design, template, target } = prepare(aws, request, request.runId, { validate: false });
        let calls = 0;
        const p = await aws.plan(template, {
          target,
          designId: design.id,
          stackName: stackNameOf(design),
          parameters: request.parameters,
          onCall: () => void (calls += 1),
        });
        return { status: 'planned', steps: p.steps.map((s) => ({ ...s, changes: s.changes.map((c) => ({ ...c })) })), nothingToDo: p.nothingToDo, apiCalls: calls };
      } catch (e) {
        return failure(e);
      }
    },

    async apply(request: {
      target: DeployTarget;
      design: string;
      designPath?: string | undefined;
      parameters: Record<string, string>;
      runId: string;
      confirmedRemovals: readonly ConfirmedRemoval[];
      stableTimeoutSeconds: number;
    }): Promise<DeployReportResponse> {
      return exclusive(request.runId, async () => {
        try {
          if (request.designPath !== undefined) reportFolderChecked(request.designPath);
          const aws = await engine();
          const { design, template, target } = prepare(aws, request, request.runId, { validate: true });
          let planChanged = false;
          const report = await aws.apply(template, {
            target,
            designId: design.id,
            stackName: stackNameOf(design),
            parameters: request.parameters,
            stableTimeoutMs: request.stableTimeoutSeconds * 1000,
            ...(deps.pollIntervalMs !== undefined ? { pollIntervalMs: deps.pollIntervalMs } : {}),
            onProgress: progress(request.runId),
            // The user ticked removals in the dialog; the engine asks with the removals of the plan it computed
            // just now. Only the exact same list is a yes: anything else means the account or design changed since.
            confirmDeletions: async (steps) => {
              const ok = sameRemovals(steps, request.confirmedRemovals);
              planChanged = !ok && request.confirmedRemovals.length > 0;
              return ok;
            },
          });
          const shown: DeployReportView = planChanged
            ? { ...reportView(report), message: `nothing was changed: the plan changed since it was confirmed (it now removes ${report.plan.filter((s) => s.action === 'delete' || s.action === 'replace').map((s) => `${s.type} ${s.name}`).join(', ')}); plan again` }
            : reportView(report);
          return { status: 'done', report: shown, ...(await writeReport(shown, request.designPath)) };
        } catch (e) {
          return failure(e);
        }
      });
    },

    async destroy(request: {
      target: DeployTarget;
      design: string;
      designPath?: string | undefined;
      runId: string;
      planOnly: boolean;
      confirmedRemovals: readonly ConfirmedRemoval[];
    }): Promise<DeployReportResponse> {
      const run = async (): Promise<DeployReportResponse> => {
        try {
          if (request.designPath !== undefined && !request.planOnly) reportFolderChecked(request.designPath);
          const parsed = parseDesignText(request.design);
          if (!parsed.ok) throw new DeployRequestError(`the design is not valid: ${parsed.errors[0]?.path || '/'}: ${parsed.errors[0]?.message ?? 'invalid'}`);
          const design = parsed.design;
          const aws = await engine();
          const report = reportView(await aws.destroy({
            target: awsTarget(aws, request.target, request.runId),
            designId: design.id,
            stackName: stackNameOf(design),
            ...(request.planOnly ? { plan: true } : {}),
            onProgress: progress(request.runId),
            confirmDeletions: async (steps) => sameRemovals(steps, request.confirmedRemovals),
          }));
          if (request.planOnly) return { status: 'done', report, reportText: `${JSON.stringify(report, null, 2)}\n` };
          return { status: 'done', report, ...(await writeReport(report, request.designPath)) };
        } catch (e) {
          return failure(e);
        }
      };
      return request.planOnly ? run() : exclusive(request.runId, run);
    },

    /** Read-only checks of what the design references in the live account, as findings on nodes. */
    async verify(request: { target: DeployTarget; design: string; parameters: Record<string, string>; runId: string }): Promise<DeployVerifyResponse> {
      try {
        const aws = await engine();
        const { design, template, target } = prepare(aws, request, request.runId, { validate: false });
        let calls = 0;
        const findings = await aws.verifyDesign(design, template, { target, designId: design.id, parameters: request.parameters, onCall: () => void (calls += 1) });
        return {
          status: 'verified',
          findings: findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, path: f.path, ...opt('nodeId', f.nodeId), ...opt('docUrl', f.docUrl), ...(f.fixes ? { fixes: [...f.fixes] } : {}) })),
          apiCalls: calls,
        };
      } catch (e) {
        return failure(e);
      }
    },

    /** Each service of the design: desired/running/pending, deployments, recent events, stopped-task reasons. Read-only. */
    async status(request: { target: DeployTarget; design: string; parameters: Record<string, string> }): Promise<DeployStatusResponse> {
      try {
        const aws = await engine();
        const { design, template, target } = prepare(aws, request, 'status', { validate: false });
        const services = await aws.serviceStatus(template, { target, designId: design.id, stackName: stackNameOf(design), parameters: request.parameters });
        return { status: 'read', services: services.map(statusView), at: new Date().toISOString() };
      } catch (e) {
        return failure(e);
      }
    },

    /** The CloudFormation route: renders the IaC export into a change set and keeps it here under a plan id. */
    async stackPlan(request: { target: DeployTarget; design: string; parameters: Record<string, string>; runId: string }): Promise<DeployStackPlanResponse> {
      try {
        const aws = await engine();
        const { design, template, target } = prepare(aws, request, request.runId, { validate: true });
        const plan = await aws.planStack(template, { target, designId: design.id, stackName: stackNameOf(design), parameters: request.parameters, ...stackWaits() });
        stackPlanCounter += 1;
        const planId = `stack-plan-${stackPlanCounter}`;
        if (!plan.nothingToDo) stackPlans.set(planId, { plan, target: request.target, parameters: request.parameters });
        return {
          status: 'planned',
          planId,
          stackName: plan.stackName,
          changeSetType: plan.changeSetType,
          nothingToDo: plan.nothingToDo,
          changes: plan.changes.map((c) => ({ ...c, details: [...c.details] })),
        };
      } catch (e) {
        return failure(e);
      }
    },

    /** Executes a kept change set after the confirmation; stack events stream as `stack-event`s of the run. */
    async stackExecute(request: { planId: string; runId: string; designPath?: string | undefined; confirmedRemovals: readonly { logicalId: string; type: string }[] }): Promise<DeployStackExecuteResponse> {
      return exclusive(request.runId, async () => {
        const kept = stackPlans.get(request.planId);
        if (!kept) return { status: 'failed', message: `no change set ${request.planId} is waiting (executed, discarded or never planned): plan again` };
        try {
          if (request.designPath !== undefined) reportFolderChecked(request.designPath);
          const removals = kept.plan.changes.filter(isStackRemoval).map((c) => `${c.type}\u0000${c.logicalId}`).sort();
          const confirmed = [...new Set(request.confirmedRemovals.map((c) => `${c.type}\u0000${c.logicalId}`))].sort();
          if (removals.length !== confirmed.length || removals.some((k, i) => k !== confirmed[i])) {
            return { status: 'failed', message: `not executed: the change set removes or replaces ${kept.plan.changes.filter(isStackRemoval).map((c) => c.logicalId).join(', ') || 'nothing'}, which differs from what was confirmed` };
          }
          stackPlans.delete(request.planId);
          const aws = await engine();
          const report = await aws.executeStack(kept.plan, {
            target: awsTarget(aws, kept.target, request.runId),
            designId: kept.plan.designId,
            stackName: kept.plan.stackName,
            parameters: kept.parameters,
            ...stackWaits(),
            onEvent: (e) => send({ runId: request.runId, kind: 'stack-event', event: { ...e } }),
          });
          const view = stackReportView(report);
          const reportText = `${JSON.stringify(view, null, 2)}\n`;
          if (request.designPath === undefined) return { status: 'done', report: view, reportText };
          const resolved = reportFolderChecked(request.designPath);
          const file = path.join(path.dirname(resolved), reportFileName(resolved, 'deploy').replace(/\.deploy-report\.json$/, '.stack-report.json'));
          await writeFileAtomically(file, reportText, undefined, 0o644);
          return { status: 'done', report: view, reportFile: file, reportText };
        } catch (e) {
          return failure(e);
        }
      });
    },

    /** Deletes a kept change set the user did not execute (Back, Cancel, closing the dialog). */
    async stackDiscard(request: { planId: string }): Promise<boolean> {
      const kept = stackPlans.get(request.planId);
      if (!kept) return false;
      stackPlans.delete(request.planId);
      const aws = await engine();
      await aws.discardStackPlan(kept.plan, { target: awsTarget(aws, kept.target, 'discard'), designId: kept.plan.designId, stackName: kept.plan.stackName, ...stackWaits() });
      return true;
    },

    /** The page answers an MFA prompt (or cancels it with null). Unknown or expired request ids are refused. */
    mfaAnswer(request: { requestId: string; code: string | null }): boolean {
      const waiting = mfaWaiting.get(request.requestId);
      if (!waiting) return false;
      mfaWaiting.delete(request.requestId);
      clearTimeout(waiting.timer);
      if (request.code === null) waiting.reject(new DeployRequestError('the MFA prompt was cancelled'));
      else waiting.resolve(request.code);
      return true;
    },
  };
}

export type DeployIpc = ReturnType<typeof createDeployIpc>;
