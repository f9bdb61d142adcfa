import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { buildResourceGraph } from '../../../shared/iac/build';
import type { IrParameter } from '../../../shared/iac/ir';
import type { AwsProfile } from '../../../shared/ipc/contract';
import {
  DeployTargetSchema,
  type ConfirmedRemoval,
  type DeployEvent,
  type DeployProgress,
  type DeployReportResponse,
  type DeployStackExecuteResponse,
  type DeployTarget,
  type PlanStepView,
  type StackChangeView,
} from '../../../shared/ipc/deploy';
import type { Finding } from '../../../shared/findings';
import { serializeDesign, type Design } from '../../../shared/model/document';
import { Modal } from '../app/Dialogs';
import type { CommandContext } from '../commands/registry';
import { call } from '../ipc/client';
import { currentDesign, designStore } from '../store/designStore';
import { appFindingsStore } from './deployFindings';
import { deployState, useDeployState } from './deployState';
import { StatusSummary } from './DeploymentStatus';
import { refreshDeploymentStatus } from './refreshStatus';
import { newRunId, onDeployEvent } from './deployEvents';
import { closeDeployDialog, useDeployDialogMode, type DeployDialogMode } from './openState';
import { PlanView } from './PlanView';
import './deploy.css';

type Done = Extract<DeployReportResponse, { status: 'done' }>;
type StackDone = Extract<DeployStackExecuteResponse, { status: 'done' }>;
type StackEventView = Extract<DeployEvent, { kind: 'stack-event' }>['event'];
type Route = 'engine' | 'stack';

type Phase =
  | { readonly kind: 'target' }
  | { readonly kind: 'busy'; readonly label: string }
  | { readonly kind: 'plan'; readonly steps: readonly PlanStepView[]; readonly nothingToDo: boolean; readonly designText: string; readonly apiCalls: number }
  | { readonly kind: 'running'; readonly label: string }
  | { readonly kind: 'done'; readonly result: Done }
  | { readonly kind: 'stack-plan'; readonly planId: string; readonly stackName: string; readonly changeSetType: 'CREATE' | 'UPDATE'; readonly nothingToDo: boolean; readonly changes: readonly StackChangeView[] }
  | { readonly kind: 'stack-done'; readonly result: StackDone };

const DEFAULT_CHAIN = '';

/** The removals a plan asks the user to confirm: deletions, and replacements (the old resource goes). */
export function removalsOf(steps: readonly PlanStepView[]): PlanStepView[] {
  return steps.filter((s) => s.action === 'delete' || s.action === 'replace');
}

function nodeLabel(design: Design | undefined, id: string): string | undefined {
  const node = design?.nodes.find((n) => n.id === id);
  if (!node) return undefined;
  const p = node.properties as Record<string, unknown>;
  for (const key of ['serviceName', 'name', 'family', 'clusterName', 'roleName', 'logGroupName', 'repositoryName', 'groupName']) {
    if (typeof p[key] === 'string' && p[key] !== '') return p[key];
  }
  return node.id;
}

/** The IR parameters of the design (what the template needs), or why they cannot be computed. */
function parametersOf(design: Design | undefined): { params: readonly IrParameter[]; error?: string } {
  if (!design) return { params: [] };
  try {
    return { params: buildResourceGraph(design).parameters };
  } catch (e) {
    return { params: [], error: e instanceof Error ? e.message : String(e) };
  }
}

/** Stack changes that remove a resource: Remove, and Modify with a (possible) replacement. */
export function stackRemovalsOf(changes: readonly StackChangeView[]): StackChangeView[] {
  return changes.filter((c) => c.action === 'Remove' || (c.action === 'Modify' && (c.replacement === 'True' || c.replacement === 'Conditional')));
}

/** Marks the resources CloudFormation reported as failed on their nodes (and clears the previous failure). */
function markStackFailures(design: Design | undefined, result: StackDone): void {
  const replaceRules = (rule: string) => rule === 'deploy/apply-failed';
  appFindingsStore.setDeployFindings(
    result.report.failures
      .filter((f) => f.nodeId !== undefined)
      .map((f) => {
        const index = design?.nodes.findIndex((n) => n.id === f.nodeId) ?? -1;
        return { rule: 'deploy/apply-failed', severity: 'error' as const, nodeId: f.nodeId!, path: index >= 0 ? `/nodes/${index}` : '', message: `Stack ${result.report.stackName}: ${f.logicalId} ${f.status}${f.reason ? `: ${f.reason}` : ''}` };
      }),
    { replaceRules },
  );
}

/** Marks the node that failed (and clears the previous failure) through the app's findings store. */
function markFailure(design: Design | undefined, result: Done): void {
  const replaceRules = (rule: string) => rule === 'deploy/apply-failed';
  const f = result.report.failure;
  if (!f || f.nodeId === undefined) return appFindingsStore.setDeployFindings([], { replaceRules });
  const index = design?.nodes.findIndex((n) => n.id === f.nodeId) ?? -1;
  appFindingsStore.setDeployFindings(
    [{ rule: 'deploy/apply-failed', severity: 'error', nodeId: f.nodeId, path: index >= 0 ? `/nodes/${index}` : '', message: `Deploy failed at ${f.logicalId}: ${[f.error, ...f.details].join(' — ')}` }],
    { replaceRules },
  );
}

/**
 * Deploy › Deploy… and Deploy › Destroy…: target (profile name, region, emulator endpoint, template parameters) →
 * plan (per resource, with property and JSON diffs; removals need the checkbox) → apply with the progress main
 * streams → report (saved beside the design) and the failure on its node. Destroy lists what carries the design id
 * and deletes exactly that list after the checkbox. An MFA code the SDK asks for is entered here and sent once.
 */
export function DeployDialog({ ctx }: { readonly ctx: CommandContext }): ReactNode {
  const mode = useDeployDialogMode();
  // Mounted only while open: each opening starts from the target step with the profiles read afresh.
  return mode === null ? null : <DeployDialogBody key={mode} mode={mode} ctx={ctx} />;
}

function DeployDialogBody({ mode, ctx }: { readonly mode: DeployDialogMode; readonly ctx: CommandContext }): ReactNode {
  const formId = useId();
  const design = useMemo(() => currentDesign(designStore.getState()), []);
  const designPath = designStore.getState().doc?.path;
  const remembered = design ? deployState.get().targets.get(design.id) : undefined;
  const [profiles, setProfiles] = useState<readonly AwsProfile[]>([]);
  const [profile, setProfile] = useState(remembered?.target.profile ?? DEFAULT_CHAIN);
  const [region, setRegion] = useState(remembered?.target.region ?? design?.settings?.region ?? '');
  const [endpointUrl, setEndpointUrl] = useState(remembered?.target.endpointUrl ?? '');
  const { params, error: buildError } = useMemo(() => parametersOf(design), [design]);
  const [paramValues, setParamValues] = useState<Record<string, string>>(() => ({ ...(remembered?.parameters ?? {}) }));
  const [phase, setPhase] = useState<Phase>({ kind: 'target' });
  const [failure, setFailure] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [progress, setProgress] = useState<readonly DeployProgress[]>([]);
  const [stackEvents, setStackEvents] = useState<readonly StackEventView[]>([]);
  const [route, setRoute] = useState<Route>('engine');
  const [stableWait, setStableWait] = useState('600');
  /** Findings of the last verification (also on the nodes), and the explicit "deploy anyway" for warnings. */
  const [verified, setVerified] = useState<{ findings: readonly Finding[]; apiCalls: number } | null>(null);
  const [acceptWarnings, setAcceptWarnings] = useState(false);
  const [mfa, setMfa] = useState<{ requestId: string; mfaSerial: string } | null>(null);
  const [mfaCode, setMfaCode] = useState('');
  const runId = useRef<string | null>(null);
  const logRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    void call('aws:list-profiles', {}).then((r) => {
      if (!r.ok) return;
      setProfiles(r.value.profiles);
      if (remembered) return;
      const first = r.value.profiles.find((p) => p.name === 'default') ?? r.value.profiles[0];
      if (first) {
        setProfile(first.name);
        setRegion((current) => (current === '' ? (first.region ?? '') : current));
      }
    });
    // Read once per opening: the profile files may have changed since.
  }, []);

  // Events of the operation that is running now (progress lines, MFA prompts).
  useEffect(
    () =>
      onDeployEvent((e) => {
        if (e.runId !== runId.current) return;
        if (e.kind === 'progress') setProgress((p) => [...p, e.progress]);
        else if (e.kind === 'stack-event') setStackEvents((p) => [...p, e.event]);
        else if (e.kind === 'mfa') {
          setMfaCode('');
          setMfa({ requestId: e.requestId, mfaSerial: e.mfaSerial });
        }
      }),
    [],
  );
  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [progress, stackEvents]);

  const busy = phase.kind === 'busy' || phase.kind === 'running';
  /** A change set that will not be executed is deleted (Back, Cancel, Escape). */
  const discardStack = () => {
    if (phase.kind === 'stack-plan' && !phase.nothingToDo) void call('deploy:stack-discard', { planId: phase.planId });
  };
  const close = () => {
    if (busy) return;
    discardStack();
    closeDeployDialog();
  };

  const targetOrError = (): DeployTarget | null => {
    const candidate = {
      region: region.trim(),
      ...(profile !== DEFAULT_CHAIN ? { profile } : {}),
      ...(endpointUrl.trim() !== '' ? { endpointUrl: endpointUrl.trim() } : {}),
    };
    const checked = DeployTargetSchema.safeParse(candidate);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      setFailure(`${String(issue?.path[0] ?? 'target')}: ${issue?.message ?? 'invalid'}`);
      return null;
    }
    return checked.data;
  };

  /** Parameter values the user typed (empty = the parameter's default). */
  const parameters = (): Record<string, string> => Object.fromEntries(Object.entries(paramValues).filter(([id, v]) => v.trim() !== '' && params.some((p) => p.id === id)).map(([k, v]) => [k, v.trim()]));

  const start = (kind: string): string => {
    const id = newRunId(kind);
    runId.current = id;
    setProgress([]);
    setStackEvents([]);
    setFailure(null);
    return id;
  };

  const plan = async () => {
    if (!design) return;
    const target = targetOrError();
    if (!target) return;
    const id = start(mode === 'deploy' ? 'plan' : 'destroy-list');
    const designText = serializeDesign(design);
    deployState.rememberTarget(design.id, target, parameters());
    setConfirmed(false);
    setAcceptWarnings(false);
    if (mode === 'deploy') {
      // Verify first (read-only): what the design references must exist; the findings go on the nodes.
      setPhase({ kind: 'busy', label: 'Verifying…' });
      const v = await call('deploy:verify', { target, design: designText, parameters: parameters(), runId: id });
      if (!v.ok || v.value.status === 'failed') {
        setMfa(null);
        setPhase({ kind: 'target' });
        return setFailure(`Verification failed: ${v.ok ? (v.value.status === 'failed' ? v.value.message : '') : v.error.message}`);
      }
      appFindingsStore.setDeployFindings(v.value.findings, { replaceRules: (rule) => rule.startsWith('deploy/') && rule !== 'deploy/apply-failed' });
      setVerified({ findings: v.value.findings, apiCalls: v.value.apiCalls });
    }
    if (mode === 'deploy' && route === 'stack') {
      setPhase({ kind: 'busy', label: 'Creating the change set…' });
      const r = await call('deploy:stack-plan', { target, design: designText, parameters: parameters(), runId: id });
      setMfa(null);
      if (!r.ok || r.value.status === 'failed') {
        setPhase({ kind: 'target' });
        return setFailure(r.ok ? (r.value.status === 'failed' ? r.value.message : '') : r.error.message);
      }
      const v = r.value;
      setPhase({ kind: 'stack-plan', planId: v.planId, stackName: v.stackName, changeSetType: v.changeSetType, nothingToDo: v.nothingToDo, changes: v.changes });
    } else if (mode === 'deploy') {
      setPhase({ kind: 'busy', label: 'Planning…' });
      const r = await call('deploy:plan', { target, design: designText, parameters: parameters(), runId: id });
      setMfa(null);
      if (!r.ok || r.value.status === 'failed') {
        setPhase({ kind: 'target' });
        return setFailure(r.ok ? (r.value.status === 'failed' ? r.value.message : '') : r.error.message);
      }
      setPhase({ kind: 'plan', steps: r.value.steps, nothingToDo: r.value.nothingToDo, designText, apiCalls: r.value.apiCalls });
    } else {
      setPhase({ kind: 'busy', label: 'Listing owned resources…' });
      const r = await call('deploy:destroy', { target, design: designText, runId: id, planOnly: true });
      setMfa(null);
      if (!r.ok || r.value.status === 'failed') {
        setPhase({ kind: 'target' });
        return setFailure(r.ok ? (r.value.status === 'failed' ? r.value.message : '') : r.error.message);
      }
      setPhase({ kind: 'plan', steps: r.value.report.plan, nothingToDo: r.value.report.plan.length === 0, designText, apiCalls: r.value.report.apiCalls.total });
    }
  };

  const apply = async () => {
    if (phase.kind !== 'plan' || !design) return;
    const target = targetOrError();
    if (!target) return;
    const removals: ConfirmedRemoval[] = (mode === 'deploy' ? removalsOf(phase.steps) : phase.steps).map((s) => ({ logicalId: s.logicalId, type: s.type, name: s.name }));
    const id = start(mode);
    setPhase({ kind: 'running', label: mode === 'deploy' ? 'Applying…' : 'Destroying…' });
    const common = { target, design: phase.designText, ...(designPath ? { designPath } : {}), runId: id, confirmedRemovals: removals };
    const seconds = Number(stableWait);
    const stableTimeoutSeconds = Number.isInteger(seconds) && seconds >= 1 && seconds <= 3600 ? seconds : 600;
    const r = mode === 'deploy' ? await call('deploy:apply', { ...common, parameters: parameters(), stableTimeoutSeconds }) : await call('deploy:destroy', common);
    setMfa(null);
    if (!r.ok || r.value.status === 'failed') {
      setPhase({ kind: 'plan', steps: phase.steps, nothingToDo: phase.nothingToDo, designText: phase.designText, apiCalls: phase.apiCalls });
      return setFailure(r.ok ? (r.value.status === 'failed' ? r.value.message : '') : r.error.message);
    }
    const result = r.value;
    if (mode === 'deploy') markFailure(design, result);
    setPhase({ kind: 'done', result });
    // The services' live state right after the deploy (a failure too: stopped-task reasons): dialog and inspector.
    if (mode === 'deploy' && result.report.plan.some((s) => s.type === 'AWS::ECS::Service')) void refreshDeploymentStatus(ctx, { quiet: true });
    ctx.notify(`${mode === 'deploy' ? 'Deploy' : 'Destroy'} ${result.report.status}: ${result.report.message}`, result.report.status === 'succeeded' ? 'info' : 'error');
  };

  const execute = async () => {
    if (phase.kind !== 'stack-plan' || !design) return;
    const confirmedRemovals = stackRemovalsOf(phase.changes).map((c) => ({ logicalId: c.logicalId, type: c.type }));
    const id = start('stack');
    const planned = phase;
    setPhase({ kind: 'running', label: 'Executing the change set…' });
    const r = await call('deploy:stack-execute', { planId: planned.planId, runId: id, ...(designPath ? { designPath } : {}), confirmedRemovals });
    setMfa(null);
    if (!r.ok || r.value.status === 'failed') {
      setPhase({ kind: 'target' });
      return setFailure(r.ok ? (r.value.status === 'failed' ? r.value.message : '') : r.error.message);
    }
    markStackFailures(design, r.value);
    setPhase({ kind: 'stack-done', result: r.value });
    void refreshDeploymentStatus(ctx, { quiet: true });
    ctx.notify(`Stack ${r.value.report.stackName} ${r.value.report.status}: ${r.value.report.message}`, r.value.report.status === 'succeeded' ? 'info' : 'error');
  };

  const answerMfa = async (code: string | null) => {
    if (!mfa) return;
    const request = { requestId: mfa.requestId, code };
    setMfa(null);
    setMfaCode('');
    const r = await call('deploy:mfa-code', request);
    if (!r.ok) setFailure(r.error.message);
  };

  const removals: readonly { logicalId: string; type: string; name?: string; nodeId?: string; action: string; reason?: string }[] =
    phase.kind === 'plan' ? (mode === 'deploy' ? removalsOf(phase.steps) : phase.steps) : phase.kind === 'stack-plan' ? stackRemovalsOf(phase.changes) : [];
  const blockers = phase.kind === 'plan' && mode === 'deploy' ? phase.steps.filter((s) => s.action === 'conflict' || s.action === 'unsupported') : [];
  const nodeName = (id: string) => nodeLabel(design, id);
  const verifyErrors = mode === 'deploy' ? (verified?.findings ?? []).filter((f) => f.severity === 'error') : [];
  const verifyWarnings = mode === 'deploy' ? (verified?.findings ?? []).filter((f) => f.severity === 'warning') : [];
  const canApply =
    (phase.kind === 'plan' || phase.kind === 'stack-plan') &&
    !phase.nothingToDo &&
    blockers.length === 0 &&
    verifyErrors.length === 0 &&
    (verifyWarnings.length === 0 || acceptWarnings) &&
    (removals.length === 0 || confirmed);
  const verification =
    mode === 'deploy' && verified && (phase.kind === 'plan' || phase.kind === 'stack-plan') ? (
      <VerifyView
        findings={verified.findings}
        apiCalls={verified.apiCalls}
        nodeName={nodeName}
        acceptWarnings={acceptWarnings}
        onAcceptWarnings={setAcceptWarnings}
        showAccept={!phase.nothingToDo && verifyErrors.length === 0 && verifyWarnings.length > 0}
      />
    ) : null;
  const title = mode === 'deploy' ? 'Deploy' : 'Destroy';

  const actions = (() => {
    if (phase.kind === 'done' || phase.kind === 'stack-done')
      return (
        <>
          <button type="button" className="button" onClick={() => void navigator.clipboard.writeText(phase.result.reportText).then(() => ctx.notify('Report copied to the clipboard'))}>
            Copy report
          </button>
          <button type="button" className="button primary" onClick={close} autoFocus>
            Close
          </button>
        </>
      );
    if (phase.kind === 'stack-plan')
      return (
        <>
          <button
            type="button"
            className="button"
            onClick={() => {
              discardStack();
              setPhase({ kind: 'target' });
            }}
          >
            Back
          </button>
          <button type="button" className="button" onClick={close}>
            {phase.nothingToDo ? 'Close' : 'Cancel'}
          </button>
          {!phase.nothingToDo && (
            <button type="button" className="button primary" disabled={!canApply} onClick={() => void execute()}>
              Execute change set
            </button>
          )}
        </>
      );
    if (phase.kind === 'plan')
      return (
        <>
          <button type="button" className="button" onClick={() => setPhase({ kind: 'target' })}>
            Back
          </button>
          <button type="button" className="button" onClick={close}>
            {phase.nothingToDo ? 'Close' : 'Cancel'}
          </button>
          {!phase.nothingToDo && (
            <button type="button" className={mode === 'deploy' ? 'button primary' : 'button danger'} disabled={!canApply} onClick={() => void apply()}>
              {mode === 'deploy' ? 'Apply' : `Delete ${removals.length} resource${removals.length === 1 ? '' : 's'}`}
            </button>
          )}
        </>
      );
    return (
      <>
        <button type="button" className="button" onClick={close} disabled={busy}>
          Cancel
        </button>
        {phase.kind === 'target' && (
          <button type="submit" form={formId} className="button primary" disabled={!design}>
            {mode === 'deploy' ? 'Plan' : 'List resources'}
          </button>
        )}
        {busy && (
          <button type="button" className="button primary" disabled>
            {phase.label}
          </button>
        )}
      </>
    );
  })();

  return (
    <Modal open title={title} onClose={close} className="deploy-dialog" bodyClassName="deploy-body" bodyTestId="deploy-body" actions={actions}>
      {/* The SDK waits for this code (assume-role with mfa_serial): first in the dialog, where it is seen. */}
      {mfa && (
        <form
          className="deploy-mfa"
          aria-label="MFA code"
          onSubmit={(e) => {
            e.preventDefault();
            void answerMfa(mfaCode.trim());
          }}
        >
          <label htmlFor={`${formId}-mfa`}>MFA code for {mfa.mfaSerial}</label>
          <input id={`${formId}-mfa`} type="text" inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" maxLength={6} value={mfaCode} autoFocus onChange={(e) => setMfaCode(e.target.value)} />
          <button type="submit" className="button primary" disabled={!/^\d{6}$/.test(mfaCode.trim())}>
            Send code
          </button>
          <button type="button" className="button" onClick={() => void answerMfa(null)}>
            Cancel
          </button>
        </form>
      )}
      {!design ? (
        <p>Open a design first.</p>
      ) : phase.kind === 'target' || phase.kind === 'busy' ? (
        <>
          <p className="modal-lead">
            {mode === 'deploy'
              ? `Plans “${design.name}” against the account (read-only), then applies it with your confirmation. Everything created is tagged with the design id.`
              : `Lists the resources tagged with the id of “${design.name}” and deletes exactly those after your confirmation.`}
          </p>
          <form
            id={formId}
            className="deploy-form"
            aria-busy={busy}
            onSubmit={(e) => {
              e.preventDefault();
              void plan();
            }}
          >
            {mode === 'deploy' && (
              <fieldset className="deploy-route">
                <legend>Deploy with</legend>
                <label>
                  <input type="radio" name={`${formId}-route`} checked={route === 'engine'} disabled={busy} onChange={() => setRoute('engine')} /> ECS Designer’s engine (AWS SDK calls)
                </label>
                <label>
                  <input type="radio" name={`${formId}-route`} checked={route === 'stack'} disabled={busy} onChange={() => setRoute('stack')} /> CloudFormation stack (change set)
                </label>
              </fieldset>
            )}
            <label htmlFor={`${formId}-profile`}>Profile</label>
            <select id={`${formId}-profile`} value={profile} disabled={busy} onChange={(e) => {
              const next = profiles.find((p) => p.name === e.target.value);
              setProfile(e.target.value);
              if (next?.region && (region === '' || region === profiles.find((p) => p.name === profile)?.region)) setRegion(next.region);
            }}>
              <option value={DEFAULT_CHAIN}>Default credential chain</option>
              {profiles.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.name} ({p.kind}
                  {p.region ? `, ${p.region}` : ''})
                </option>
              ))}
            </select>
            <label htmlFor={`${formId}-region`}>Region</label>
            <input id={`${formId}-region`} type="text" value={region} placeholder="eu-west-1" spellCheck={false} autoComplete="off" disabled={busy} onChange={(e) => setRegion(e.target.value)} />
            <label htmlFor={`${formId}-endpoint`}>Endpoint URL</label>
            <input id={`${formId}-endpoint`} type="text" value={endpointUrl} placeholder="optional, e.g. http://127.0.0.1:5000" spellCheck={false} autoComplete="off" disabled={busy} onChange={(e) => setEndpointUrl(e.target.value)} />
            <p className="deploy-hint">Endpoint: only for a local emulator such as moto.</p>
            {mode === 'deploy' && route === 'engine' && (
              <>
                <label htmlFor={`${formId}-wait`}>Wait for services</label>
                <input id={`${formId}-wait`} type="number" min={1} max={3600} value={stableWait} disabled={busy} onChange={(e) => setStableWait(e.target.value)} aria-describedby={`${formId}-wait-d`} />
                <p id={`${formId}-wait-d`} className="deploy-hint">
                  Seconds each service may take to become stable before the deploy fails and updated services roll back.
                </p>
              </>
            )}
            {mode === 'deploy' && params.length > 0 && (
              <fieldset className="deploy-params">
                <legend>Template parameters</legend>
                {params.map((p) => (
                  <div key={p.id} className="deploy-param">
                    <label htmlFor={`${formId}-param-${p.id}`} title={p.description}>
                      {p.id}
                    </label>
                    <input
                      id={`${formId}-param-${p.id}`}
                      type="text"
                      value={paramValues[p.id] ?? ''}
                      placeholder={p.default !== undefined ? String(p.default) : 'required'}
                      spellCheck={false}
                      autoComplete="off"
                      disabled={busy}
                      aria-describedby={`${formId}-param-${p.id}-d`}
                      onChange={(e) => setParamValues((v) => ({ ...v, [p.id]: e.target.value }))}
                    />
                    <span id={`${formId}-param-${p.id}-d`} className="deploy-hint">
                      {p.description}
                    </span>
                  </div>
                ))}
              </fieldset>
            )}
          </form>
          {buildError && mode === 'deploy' && (
            <p className="deploy-error" role="alert">
              The design cannot be built into resources: {buildError}
            </p>
          )}
        </>
      ) : phase.kind === 'plan' ? (
        <>
          <TargetLine profile={profile} region={region} endpointUrl={endpointUrl} />
          {verification}
          {mode === 'deploy' ? (
            <PlanView steps={phase.steps} nothingToDo={phase.nothingToDo} nodeName={nodeName} />
          ) : phase.nothingToDo ? (
            <p className="deploy-nothing" role="status">
              Nothing to delete: no resource carries the id of this design.
            </p>
          ) : null}
          {blockers.length > 0 && (
            <p className="deploy-error" role="alert">
              Apply is blocked: {blockers.map((b) => `${b.logicalId} (${b.reason ?? b.action})`).join('; ')}.
            </p>
          )}
          {removals.length > 0 && blockers.length === 0 && (
            <div className="deploy-removals" data-testid="deploy-removals">
              <h3>{mode === 'deploy' ? 'These resources will be deleted' : `Delete ${removals.length} resource${removals.length === 1 ? '' : 's'}`}</h3>
              <ul>
                {removals.map((s) => (
                  <li key={`${s.logicalId}:${s.name}`}>
                    <strong>{s.type}</strong> {s.name} ({s.logicalId}
                    {s.nodeId ? `, node ${nodeName(s.nodeId) ?? s.nodeId}` : ''}){s.action === 'replace' ? ' — replaced: the old one is deleted' : s.reason && s.reason !== 'destroy' ? ` — ${s.reason}` : ''}
                  </li>
                ))}
              </ul>
              <label className="deploy-confirm">
                <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} /> {removals.length === 1 ? 'I confirm deleting this resource' : `I confirm deleting exactly these ${removals.length} resources`}
              </label>
            </div>
          )}
          <p className="deploy-hint">Planned with {phase.apiCalls} read-only API calls.</p>
        </>
      ) : phase.kind === 'stack-plan' ? (
        <>
          <TargetLine profile={profile} region={region} endpointUrl={endpointUrl} />
          {verification}
          <StackPlanView phase={phase} nodeName={nodeName} />
          {removals.length > 0 && (
            <div className="deploy-removals" data-testid="deploy-removals">
              <h3>These resources will be deleted or replaced</h3>
              <ul>
                {removals.map((c) => (
                  <li key={c.logicalId}>
                    <strong>{c.type}</strong> {c.logicalId}
                    {c.nodeId ? ` (node ${nodeName(c.nodeId) ?? c.nodeId})` : ''} — {c.action === 'Remove' ? 'removed' : 'replaced'}
                  </li>
                ))}
              </ul>
              <label className="deploy-confirm">
                <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />{' '}
                {removals.length === 1 ? 'I confirm deleting this resource' : `I confirm deleting exactly these ${removals.length} resources`}
              </label>
            </div>
          )}
        </>
      ) : phase.kind === 'stack-done' ? (
        <>
          <StackResultView result={phase.result} nodeName={nodeName} />
          <DialogStatus designId={design.id} />
        </>
      ) : phase.kind === 'running' ? (
        <>
          <TargetLine profile={profile} region={region} endpointUrl={endpointUrl} />
          <p className="deploy-summary" role="status">
            {phase.label}
          </p>
        </>
      ) : (
        <>
          <ResultView result={phase.result} nodeName={nodeName} />
          {mode === 'deploy' && <DialogStatus designId={design.id} />}
        </>
      )}
      {stackEvents.length > 0 && (
        <ol className="deploy-progress" role="log" aria-label="Stack events" ref={logRef}>
          {stackEvents.map((e, i) => (
            <li key={i} className={/FAILED/.test(e.status) ? 'status-failed' : /COMPLETE$/.test(e.status) && !/ROLLBACK/.test(e.status) ? 'status-succeeded' : ''}>
              <span className="deploy-progress-step">{e.at.slice(11, 19)}</span> <strong>{e.logicalId}</strong> {e.type}: {e.status}
              {e.nodeId ? <span className="deploy-step-node"> node “{nodeName(e.nodeId) ?? e.nodeId}”</span> : null}
              {e.reason ? <span className="deploy-progress-message"> — {e.reason}</span> : null}
            </li>
          ))}
        </ol>
      )}
      {(progress.length > 0 || (phase.kind === 'running' && stackEvents.length === 0 && route === 'engine')) && (
        <ol className="deploy-progress" role="log" aria-label="Deploy progress" ref={logRef}>
          {progress.map((p, i) => (
            <li key={i} className={`status-${p.status}`}>
              <span className="deploy-progress-step">[{p.step}]</span> <strong>{p.resource}</strong>
              {p.nodeId ? <span className="deploy-step-node"> node “{nodeName(p.nodeId) ?? p.nodeId}”</span> : null}: {p.status}
              {p.message ? <span className="deploy-progress-message"> — {p.message}</span> : null}
            </li>
          ))}
        </ol>
      )}
      {failure && (
        <p className="deploy-error" role="alert">
          {failure}
        </p>
      )}
    </Modal>
  );
}

function TargetLine({ profile, region, endpointUrl }: { profile: string; region: string; endpointUrl: string }): ReactNode {
  return (
    <p className="deploy-target-line">
      Target: <strong>{profile === DEFAULT_CHAIN ? 'default credential chain' : profile}</strong> · {region}
      {endpointUrl.trim() !== '' ? ` · ${endpointUrl.trim()}` : ''}
    </p>
  );
}

function ResultView({ result, nodeName }: { result: Done; nodeName: (id: string) => string | undefined }): ReactNode {
  const r = result.report;
  const changed = r.results.filter((x) => x.action !== 'no-change' && x.status !== 'skipped');
  return (
    <div className="deploy-result" data-testid="deploy-result">
      <p className={`deploy-outcome outcome-${r.status}`} role="status">
        {r.kind === 'deploy' ? 'Deploy' : 'Destroy'} {r.status}: {r.message}
      </p>
      {r.failure && (
        <div className="deploy-failure">
          <h3>
            Failed at {r.failure.logicalId}
            {r.failure.nodeId ? ` (node “${nodeName(r.failure.nodeId) ?? r.failure.nodeId}”, marked on the canvas)` : ''}
          </h3>
          <p>{r.failure.error}</p>
          {r.failure.details.length > 0 && (
            <ul aria-label="Stopped-task reasons and AWS details">
              {r.failure.details.map((d, i) => (
                <li key={i}>{d}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {r.rollbacks.length > 0 && (
        <>
          <h3>Rolled back</h3>
          <ul>
            {r.rollbacks.map((b, i) => (
              <li key={i}>
                {b.service} → {b.taskDefinition}: {b.status}
                {b.error ? ` (${b.error})` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      {changed.length > 0 && (
        <details className="deploy-results-details" open={changed.length <= 8}>
          <summary>Resources ({changed.length})</summary>
          <ul className="deploy-results">
            {changed.map((x, i) => (
              <li key={i} className={`status-${x.status}`}>
                {x.action} {x.logicalId}: {x.status}
                {x.physicalId ? <span className="deploy-step-name"> {x.physicalId}</span> : null}
                {x.error ? ` — ${x.error}` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
      <p className="deploy-hint">
        {r.apiCalls.total} API calls ({r.apiCalls.mutating} changing).{' '}
        {result.reportFile ? (
          <>
            Report saved to <code data-testid="deploy-report-file">{result.reportFile}</code>
          </>
        ) : (
          'The design was never saved, so the report was not written to a file: copy it below.'
        )}
      </p>
    </div>
  );
}

const STACK_ACTION: Record<string, string> = { Add: 'create', Modify: 'update', Remove: 'delete', Import: 'import', Dynamic: 'dynamic' };

function StackPlanView({ phase, nodeName }: { phase: Extract<Phase, { kind: 'stack-plan' }>; nodeName: (id: string) => string | undefined }): ReactNode {
  return (
    <div className="deploy-plan" data-testid="deploy-stack-plan">
      {phase.nothingToDo ? (
        <p className="deploy-nothing" role="status">
          Nothing to do: stack {phase.stackName} already matches the design (the empty change set was deleted).
        </p>
      ) : (
        <p className="deploy-summary" role="status">
          Change set ({phase.changeSetType === 'CREATE' ? 'new stack' : 'update'}) for stack {phase.stackName}: {phase.changes.length} change{phase.changes.length === 1 ? '' : 's'}
        </p>
      )}
      <ul className="deploy-steps" aria-label="Change set">
        {phase.changes.map((c) => {
          const action = c.action === 'Modify' && (c.replacement === 'True' || c.replacement === 'Conditional') ? 'replace' : (STACK_ACTION[c.action] ?? c.action);
          return (
            <li key={c.logicalId} className={`deploy-step action-${action}`} data-action={action}>
              <div className="deploy-step-head">
                <span className={`deploy-badge action-${action}`}>{action}</span>
                <strong>{c.logicalId}</strong>
                <span className="deploy-step-type">{c.type}</span>
                {c.physicalId && <span className="deploy-step-name">{c.physicalId}</span>}
                {c.nodeId && <span className="deploy-step-node">node “{nodeName(c.nodeId) ?? c.nodeId}”</span>}
              </div>
              {c.replacement && c.action === 'Modify' && <div className="deploy-step-reason">replacement: {c.replacement}</div>}
              {c.details.length > 0 && (
                <ul className="deploy-changes">
                  {c.details.map((d, i) => (
                    <li key={i} className="deploy-change">
                      {d}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function StackResultView({ result, nodeName }: { result: StackDone; nodeName: (id: string) => string | undefined }): ReactNode {
  const r = result.report;
  const outcome = (list: typeof r.failures, label: string) =>
    list.length > 0 && (
      <>
        <h3>{label}</h3>
        <ul>
          {list.map((f, i) => (
            <li key={i}>
              <strong>{f.logicalId}</strong> {f.type}: {f.status}
              {f.nodeId ? ` (node “${nodeName(f.nodeId) ?? f.nodeId}”)` : ''}
              {f.reason ? ` — ${f.reason}` : ''}
            </li>
          ))}
        </ul>
      </>
    );
  return (
    <div className="deploy-result" data-testid="deploy-result">
      <p className={`deploy-outcome outcome-${r.status}`} role="status">
        Stack {r.stackName} {r.status} ({r.stackStatus}): {r.message}
      </p>
      {outcome(r.failures, 'Failed resources (marked on their nodes)')}
      {outcome(r.rolledBack, 'Rolled back by CloudFormation')}
      <p className="deploy-hint">
        {r.apiCalls.total} API calls ({r.apiCalls.mutating} changing).{' '}
        {result.reportFile ? (
          <>
            Report saved to <code data-testid="deploy-report-file">{result.reportFile}</code>
          </>
        ) : (
          'The design was never saved, so the report was not written to a file: copy it below.'
        )}
      </p>
    </div>
  );
}

/** The status read after the deploy, summarized (the inspector shows one service in full). */
function DialogStatus({ designId }: { designId: string }): ReactNode {
  const entry = useDeployState((s) => s.status.get(designId));
  if (!entry) return <p className="deploy-hint">Reading the services’ status…</p>;
  if (entry.error) return <p className="deploy-hint">Status not read: {entry.error}</p>;
  return (
    <div data-testid="deploy-status-summary">
      <StatusSummary services={entry.services} />
    </div>
  );
}

/** Verification findings: errors block the deploy; warnings need the explicit "deploy anyway". */
function VerifyView(props: {
  findings: readonly Finding[];
  apiCalls: number;
  nodeName: (id: string) => string | undefined;
  acceptWarnings: boolean;
  onAcceptWarnings: (v: boolean) => void;
  showAccept: boolean;
}): ReactNode {
  const { findings, nodeName } = props;
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (findings.length === 0) return <p className="deploy-verify-ok">Verified against the account: everything the design references exists ({props.apiCalls} read-only calls).</p>;
  return (
    <div className={`deploy-verify ${errors > 0 ? 'has-errors' : ''}`} data-testid="deploy-verify">
      <h3>
        Verification: {errors} error{errors === 1 ? '' : 's'}, {warnings} warning{warnings === 1 ? '' : 's'}
        {errors > 0 ? ' — fix the errors before deploying (they are marked on the nodes)' : ''}
      </h3>
      <ul aria-label="Verification findings">
        {findings.map((f, i) => (
          <li key={i} className={`is-${f.severity}`}>
            <span className="sev-dot" aria-hidden="true" /> {f.message}
            {f.nodeId ? <span className="deploy-step-node"> — node “{nodeName(f.nodeId) ?? f.nodeId}”</span> : null} <code className="deploy-step-name">{f.rule}</code>
          </li>
        ))}
      </ul>
      {props.showAccept && (
        <label className="deploy-confirm">
          <input type="checkbox" checked={props.acceptWarnings} onChange={(e) => props.onAcceptWarnings(e.target.checked)} /> Deploy anyway despite {warnings === 1 ? 'this warning' : `these ${warnings} warnings`}
        </label>
      )}
    </div>
  );
}
