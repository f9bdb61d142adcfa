import { lazy, Suspense, useContext, useEffect, useState, type ReactNode } from 'react';
import { Modal } from '../app/Dialogs';
import type { Design } from '../../../shared/model/document';
import type { CommandContext } from '../commands/registry';
import { call } from '../ipc/client';
import { currentDesign, designStore } from '../store/designStore';
import { FindingsContext } from '../canvas/findings';
import { EXPORT_FORMATS, type ExportFormat } from './generate';
import type { Generated } from './exportJob';
import { exportGenerator } from './appExportGenerator';
import { closeExportIacDialog, useExportIacDialogOpen } from './openState';
import './exportIac.css';

const IacPreview = lazy(() => import('./IacPreview'));

type Phase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'busy' }
  | { readonly kind: 'confirm'; readonly dir: string; readonly existing: readonly string[] }
  | { readonly kind: 'saved'; readonly dir: string; readonly count: number };

/**
 * File › Export Infrastructure as Code…: pick a format (CloudFormation YAML/JSON, Terraform, AWS CDK, task
 * definitions), see the generated files with a read-only Monaco preview, and save them to a folder main asks for
 * (export:iac-dialog; existing files are only replaced after the user confirms here).
 */
export function ExportIacDialog({ ctx }: { readonly ctx: CommandContext }): ReactNode {
  const open = useExportIacDialogOpen();
  const [design, setDesign] = useState<Design | undefined>(undefined);
  const [format, setFormat] = useState<ExportFormat>('cloudformation-yaml');
  const [selected, setSelected] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [failure, setFailure] = useState<string | null>(null);
  const [force, setForce] = useState(false);
  const findingsStore = useContext(FindingsContext);
  // The export worker's last answer of this opening, and what it answered.
  const [answer, setAnswer] = useState<{ readonly format: ExportFormat; readonly force: boolean; readonly result: Generated } | null>(null);

  // The export worker starts once the app is idle after launch, so that the first opening does not wait for it
  // to load its code.
  useEffect(() => {
    const idle = requestIdleCallback(() => exportGenerator().warm(), { timeout: 10_000 });
    return () => cancelIdleCallback(idle);
  }, []);

  // The design as it is when the dialog opens (the dialog is modal: it cannot change meanwhile), sent to the
  // export worker once with the findings the Problems panel already has; the worker keeps its resource graph for
  // every format of this opening.
  useEffect(() => {
    if (!open) return;
    const opened = currentDesign(designStore.getState());
    setDesign(opened);
    setPhase({ kind: 'idle' });
    setFailure(null);
    setForce(false);
    if (opened === undefined) return;
    const generator = exportGenerator();
    generator.open(opened, findingsStore.findingsFor(opened));
    return () => {
      generator.close();
      setDesign(undefined);
      setAnswer(null);
    };
  }, [open, findingsStore]);

  // Generation runs in the worker: the dialog (Close, the formats) answers while a large design generates. An
  // answer for a format no longer shown is dropped.
  useEffect(() => {
    if (!open || !design) return;
    let shown = true;
    void exportGenerator()
      .generate(format, force)
      .then((result) => {
        if (shown) setAnswer({ format, force, result });
      });
    return () => {
      shown = false;
    };
  }, [open, design, format, force]);
  // While the worker generates, the previous format's files stay in place under a veil (the preview editor is
  // kept, not made again); nothing stale can be saved.
  const waiting = design !== undefined && (answer === null || answer.format !== format || answer.force !== force);
  const generated = answer?.result ?? null;
  const shownFiles = generated?.ok ? generated.files : [];
  const files = waiting ? [] : shownFiles;
  const current = shownFiles.find((f) => f.path === selected) ?? shownFiles[0];

  const choose = (next: ExportFormat) => {
    setFormat(next);
    setSelected(null);
    setPhase({ kind: 'idle' });
    setFailure(null);
  };

  const close = () => {
    if (phase.kind === 'busy') return;
    closeExportIacDialog();
  };

  const save = async (replaceIn?: string) => {
    if (files.length === 0) return;
    setFailure(null);
    setPhase({ kind: 'busy' });
    const request = { files: files.map((f) => ({ path: f.path, text: f.contents })), ...(replaceIn !== undefined ? { replaceIn } : {}) };
    const result = await call('export:iac-dialog', request);
    if (!result.ok) {
      setPhase({ kind: 'idle' });
      return setFailure(`Cannot save: ${result.error.message}`);
    }
    if (result.value === null) return setPhase({ kind: 'idle' });
    if (result.value.existing.length > 0) return setPhase({ kind: 'confirm', dir: result.value.dir, existing: result.value.existing });
    const count = result.value.written.length;
    setPhase({ kind: 'saved', dir: result.value.dir, count });
    ctx.notify(`Exported ${count} file${count === 1 ? '' : 's'} to ${result.value.dir}`);
  };

  const busy = phase.kind === 'busy';
  const formatLabel = EXPORT_FORMATS.find((f) => f.id === format)?.label ?? format;
  const generatingText = `Generating ${formatLabel}…`;
  return (
    <Modal
      open={open}
      title="Export Infrastructure as Code"
      onClose={close}
      className="export-iac"
      bodyClassName="export-iac-body"
      actions={
        <>
          <button type="button" className="button" onClick={close} disabled={busy}>
            Close
          </button>
          <button type="button" className="button primary" onClick={() => void save()} disabled={busy || files.length === 0}>
            {busy ? 'Saving…' : 'Save to Folder…'}
          </button>
        </>
      }
    >
      <div className="export-iac-formats" role="radiogroup" aria-label="Format">
        {EXPORT_FORMATS.map((f) => (
          <label key={f.id} className={f.id === format ? 'export-iac-format selected' : 'export-iac-format'}>
            <input type="radio" name="export-iac-format" value={f.id} checked={f.id === format} onChange={() => choose(f.id)} disabled={busy} />
            {f.label}
          </label>
        ))}
      </div>
      {!waiting && generated && !generated.ok && (
        <div className="export-iac-error" role="alert">
          <p>
            Cannot generate {formatLabel}: {generated.message}
          </p>
          {generated.validation && (
            <button type="button" className="button" onClick={() => setForce(true)}>
              Generate Anyway
            </button>
          )}
        </div>
      )}
      {waiting && !generated?.ok && (
        <div className="export-iac-generating" role="status">
          {generatingText}
        </div>
      )}
      {generated?.ok && (
        <div className="export-iac-stage">
          <div className="export-iac-panes">
            <ul className="export-iac-files" role="listbox" aria-label="Generated files">
              {shownFiles.map((f) => (
                <li
                  key={f.path}
                  role="option"
                  aria-selected={f.path === current?.path}
                  tabIndex={f.path === current?.path ? 0 : -1}
                  onClick={() => setSelected(f.path)}
                  onKeyDown={(e) => {
                    const i = shownFiles.indexOf(f);
                    const next = e.key === 'ArrowDown' ? shownFiles[i + 1] : e.key === 'ArrowUp' ? shownFiles[i - 1] : undefined;
                    if (next) {
                      e.preventDefault();
                      setSelected(next.path);
                      (e.currentTarget.parentElement?.children[shownFiles.indexOf(next)] as HTMLElement | undefined)?.focus();
                    }
                  }}
                >
                  {f.path}
                </li>
              ))}
            </ul>
            <div className="export-iac-preview" data-testid="export-iac-preview">
              {current && (
                <Suspense fallback={<p className="export-iac-loading">Loading preview…</p>}>
                  <IacPreview path={current.path} text={current.contents} />
                </Suspense>
              )}
            </div>
          </div>
          {waiting && (
            <div className="export-iac-generating veil" role="status">
              <span>{generatingText}</span>
            </div>
          )}
        </div>
      )}
      {phase.kind === 'confirm' && (
        <div className="export-iac-confirm" role="alert">
          <p>
            {phase.existing.length} of these files already exist in {phase.dir}: {phase.existing.slice(0, 5).join(', ')}
            {phase.existing.length > 5 ? ', …' : ''}. Replace them?
          </p>
          <button type="button" className="button" onClick={() => setPhase({ kind: 'idle' })}>
            Keep Existing Files
          </button>
          <button type="button" className="button danger" onClick={() => void save(phase.dir)}>
            Replace
          </button>
        </div>
      )}
      {phase.kind === 'saved' && (
        <p className="export-iac-saved" role="status">
          Saved {phase.count} file{phase.count === 1 ? '' : 's'} to {phase.dir}
        </p>
      )}
      {failure && (
        <p className="export-iac-error" role="alert">
          {failure}
        </p>
      )}
    </Modal>
  );
}
