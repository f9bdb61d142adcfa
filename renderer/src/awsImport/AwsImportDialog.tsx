import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { Modal } from '../app/Dialogs';
import { AwsImportRequestSchema, type AwsImportReport, type AwsImportRequest } from '../../../shared/ipc/awsImport';
import type { AwsProfile } from '../../../shared/ipc/contract';
import { parseDesignText } from '../../../shared/model/document';
import { confirmDiscardChanges } from '../app/unsaved/confirmDiscard';
import { runAutoLayout, type CommandContext } from '../commands/registry';
import { call } from '../ipc/client';
import { designStore } from '../store/designStore';
import { closeAwsImportDialog, useAwsImportDialogOpen } from './openState';
import './awsImport.css';

type Field = 'profile' | 'region' | 'endpointUrl' | 'cluster';
type Phase = { kind: 'form' } | { kind: 'busy' } | { kind: 'report'; report: AwsImportReport; nodes: number };

const DEFAULT_CHAIN = '';

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/**
 * File › Import from AWS Account…: profile (from aws:list-profiles), region, optional emulator endpoint and cluster
 * name go to main (aws:import-account); the design opens as a new unsaved document, auto-laid out, and the import
 * report (what was created, what was not carried over) is shown here. Credentials never reach this page.
 */
export function AwsImportDialog({ ctx }: { readonly ctx: CommandContext }): ReactNode {
  const open = useAwsImportDialogOpen();
  const formId = useId();
  const [profiles, setProfiles] = useState<readonly AwsProfile[]>([]);
  const [profileNote, setProfileNote] = useState<string | null>(null);
  const [values, setValues] = useState<Record<Field, string>>({ profile: DEFAULT_CHAIN, region: '', endpointUrl: '', cluster: '' });
  const [fieldError, setFieldError] = useState<{ field: Field; message: string } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });

  // Profiles are read each time the dialog opens (the files may have changed).
  useEffect(() => {
    if (!open) return;
    setPhase({ kind: 'form' });
    setFailure(null);
    setFieldError(null);
    void call('aws:list-profiles', {}).then((r) => {
      if (!r.ok) {
        setProfileNote(`Profiles could not be read: ${r.error.message}`);
        return;
      }
      setProfiles(r.value.profiles);
      setProfileNote(r.value.problems.length > 0 ? r.value.problems.map((p) => `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`).join('; ') : null);
      setValues((v) => {
        if (v.profile !== DEFAULT_CHAIN || v.region !== '') return v;
        const first = r.value.profiles.find((p) => p.name === 'default') ?? r.value.profiles[0];
        return first ? { ...v, profile: first.name, region: first.region ?? '' } : v;
      });
    });
  }, [open]);

  const close = () => {
    if (phase.kind === 'busy') return;
    closeAwsImportDialog();
  };

  const setField = (field: Field, value: string) => {
    setFieldError((e) => (e?.field === field ? null : e));
    setValues((v) => {
      if (field !== 'profile') return { ...v, [field]: value };
      // Picking a profile fills in its region unless the user typed another one.
      const before = profiles.find((p) => p.name === v.profile)?.region ?? '';
      const region = profiles.find((p) => p.name === value)?.region;
      return { ...v, profile: value, region: region !== undefined && (v.region === '' || v.region === before) ? region : v.region };
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const request: AwsImportRequest = {
      region: values.region.trim(),
      cluster: values.cluster.trim(),
      ...(values.profile !== DEFAULT_CHAIN ? { profile: values.profile } : {}),
      ...(values.endpointUrl.trim() !== '' ? { endpointUrl: values.endpointUrl.trim() } : {}),
    };
    const checked = AwsImportRequestSchema.safeParse(request);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const field = (issue?.path[0] ?? 'cluster') as Field;
      setFieldError({ field, message: issue?.message ?? 'invalid' });
      document.getElementById(`${formId}-${field}`)?.focus();
      return;
    }
    setPhase({ kind: 'busy' });
    const result = await call('aws:import-account', checked.data);
    if (!result.ok) {
      setPhase({ kind: 'form' });
      return setFailure(result.error.message);
    }
    if (result.value.status === 'failed') {
      setPhase({ kind: 'form' });
      return setFailure(result.value.message);
    }
    const parsed = parseDesignText(result.value.text);
    if (!parsed.ok) {
      setPhase({ kind: 'form' });
      return setFailure(`The imported design is not valid: ${parsed.errors[0]?.path ?? ''} ${parsed.errors[0]?.message ?? ''}`);
    }
    // It replaces the open document, as File › New does: unsaved changes are asked about first.
    if (!(await confirmDiscardChanges())) {
      setPhase({ kind: 'form' });
      return setFailure('Not opened: the current document was kept.');
    }
    designStore.open(parsed.design, undefined, { saved: false });
    const report = result.value.report;
    setPhase({ kind: 'report', report, nodes: parsed.design.nodes.length });
    ctx.notify(`Imported cluster “${report.cluster}” from ${report.region}: ${parsed.design.nodes.length} nodes, ${report.warnings.length} not carried over`);
    await nextFrame();
    await runAutoLayout(ctx);
  };

  const input = (field: Field, label: string, props: { placeholder?: string; hint?: string; autoFocus?: boolean } = {}) => (
    <>
      <label htmlFor={`${formId}-${field}`}>{label}</label>
      <input
        id={`${formId}-${field}`}
        type="text"
        value={values[field]}
        spellCheck={false}
        autoComplete="off"
        placeholder={props.placeholder}
        autoFocus={props.autoFocus}
        aria-invalid={fieldError?.field === field}
        aria-describedby={fieldError?.field === field || props.hint ? `${formId}-${field}-hint` : undefined}
        onChange={(e) => setField(field, e.target.value)}
      />
      {(fieldError?.field === field || props.hint) && (
        <p id={`${formId}-${field}-hint`} className="aws-import-hint" role={fieldError?.field === field ? 'alert' : undefined}>
          {fieldError?.field === field ? fieldError.message : props.hint}
        </p>
      )}
    </>
  );

  const busy = phase.kind === 'busy';
  const report = phase.kind === 'report' ? phase : null;
  return (
    <Modal
      open={open}
      title={report ? `Imported cluster “${report.report.cluster}”` : 'Import from AWS Account'}
      onClose={close}
      className="aws-import"
      bodyClassName={report ? 'aws-import-report' : undefined}
      bodyTestId={report ? 'aws-import-report' : undefined}
      actions={
        report ? (
          <button type="button" className="button primary" onClick={close} autoFocus>
            Close
          </button>
        ) : (
          <>
            <button type="button" className="button" onClick={close} disabled={busy}>
              Cancel
            </button>
            <button type="submit" form={formId} className="button primary" disabled={busy}>
              {busy ? 'Importing…' : 'Import'}
            </button>
          </>
        )
      }
    >
      {report ? (
        <>
          <p className="modal-lead">
            {report.nodes} nodes from {report.report.region}
            {report.report.endpointUrl ? ` (${report.report.endpointUrl})` : ''} with {report.report.apiCalls} read-only API calls. The new design is not saved yet.
          </p>
          <h3>Not carried over ({report.report.warnings.length})</h3>
          {report.report.warnings.length === 0 ? (
            <p>Everything that was read is in the design.</p>
          ) : (
            <ul>
              {report.report.warnings.map((w, i) => (
                <li key={i}>
                  <strong>{w.resource}</strong>: {w.message}
                </li>
              ))}
            </ul>
          )}
          <h3>Created ({report.report.created.length})</h3>
          <ul>
            {report.report.created.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
        </>
      ) : (
        <>
          <p className="modal-lead">Reads one ECS cluster — services, task definitions, roles, load balancing, scaling — with read-only calls, and opens it as a new design.</p>
          <form id={formId} className="aws-import-form" onSubmit={(e) => void submit(e)} aria-busy={busy}>
            <label htmlFor={`${formId}-profile`}>Profile</label>
            <select id={`${formId}-profile`} value={values.profile} onChange={(e) => setField('profile', e.target.value)}>
              <option value={DEFAULT_CHAIN}>Default credential chain</option>
              {profiles.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.name} ({p.kind}
                  {p.region ? `, ${p.region}` : ''})
                </option>
              ))}
            </select>
            {profileNote && <p className="aws-import-hint">{profileNote}</p>}
            {input('region', 'Region', { placeholder: 'eu-west-1' })}
            {input('cluster', 'Cluster', { placeholder: 'cluster name or ARN', autoFocus: true })}
            {input('endpointUrl', 'Endpoint URL', { placeholder: 'optional, e.g. http://127.0.0.1:5000', hint: 'Only for a local emulator such as moto.' })}
          </form>
          {failure && (
            <p className="aws-import-error" role="alert">
              {failure}
            </p>
          )}
        </>
      )}
    </Modal>
  );
}
