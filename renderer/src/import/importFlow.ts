import type { ReactFlowInstance } from '@xyflow/react';
import { moveNodes } from '../../../shared/commands/edit';
import { detectFormat } from '../../../shared/import/detect';
import { baseName, importFile } from '../../../shared/import/index';
import { parseJsonLocated } from '../../../shared/import/jsonText';
import { importTaskDefinition } from '../../../shared/taskdef/import';
import { autoLayout, type Size } from '../canvas/autoLayout';
import { currentDesign, designStore } from '../store/designStore';
import { showImportReport } from './reportState';

/** What the import flow needs from the app: a way to tell the user, the canvas (to lay out and fit), the unsaved-changes question. */
export type ImportUi = {
  readonly notify: (text: string, tone?: 'info' | 'error') => void;
  readonly flow: ReactFlowInstance;
  /** Resolves true when the open document may be replaced (asks Save / Don't Save / Cancel when it has changes). */
  readonly confirmDiscard: () => Promise<boolean>;
};

/** Files to import are small; a larger one is not a task definition, compose file or template (same cap as main's Import dialog). */
export const MAX_IMPORT_TEXT = 10 * 1024 * 1024;

/** Whether a file that is not a design is one the importers read (a dropped or opened file is then imported). */
export function isImportable(text: string): boolean {
  if (text.length > MAX_IMPORT_TEXT) return false;
  return detectFormat(text).ok;
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

function measuredSizes(flow: ReactFlowInstance): Map<string, Size> {
  const sizes = new Map<string, Size>();
  for (const n of flow.getNodes()) {
    const width = n.measured?.width ?? n.width;
    const height = n.measured?.height ?? n.height;
    if (width !== undefined && height !== undefined) sizes.set(n.id, { width, height });
  }
  return sizes;
}

/**
 * Imports a file the user chose (File › Import…) or dropped on the window:
 * - a task definition becomes nodes of the open design (one undo step), or a new design when none is open;
 * - a docker-compose file or CloudFormation template becomes a new design (after the unsaved-changes question),
 *   auto-laid out as part of loading (not an undo step), and the import report lists what was not carried over.
 * A file that cannot be imported is refused with the reason (and line/column for syntax errors); nothing changes.
 */
export async function importIntoApp(file: { path: string; text: string }, ui: ImportUi, opts: { composeSingleTask?: boolean } = {}): Promise<void> {
  const name = file.path.split(/[\\/]/).pop() ?? file.path;
  if (file.text.length > MAX_IMPORT_TEXT) return ui.notify(`${name} cannot be imported: it is larger than ${MAX_IMPORT_TEXT / 1024 / 1024} MiB`, 'error');
  const detected = detectFormat(file.text);
  if (!detected.ok && !file.text.trimStart().startsWith('{')) return ui.notify(`${name} cannot be imported: ${detected.message}`, 'error');
  if (!detected.ok || detected.format === 'taskdef') return importTaskDefinitionText(name, file.text, ui);

  const single = opts.composeSingleTask === true;
  const result = importFile(file.text, { format: detected.format, fileName: file.path, composeSingleTask: single });
  if (!result.ok) return ui.notify(`${name} cannot be imported: ${result.message}`, 'error');
  if (!(await ui.confirmDiscard())) return;
  designStore.open(result.design, undefined, { saved: false });
  // Lay out once React Flow has measured the nodes; part of loading the import, so not undoable.
  await nextFrame();
  await nextFrame();
  const moves = await autoLayout(result.design, measuredSizes(ui.flow));
  if (moves.length > 0) designStore.edit({ kind: 'skip' }, (d) => moveNodes(d, moves));
  await nextFrame();
  await ui.flow.fitView({ duration: 200, padding: 0.1, maxZoom: 1 });

  const count = (kind: string) => result.design.nodes.filter((n) => n.kind === kind).length;
  const services = count('service');
  const tasks = count('taskDefinition');
  const summary = `${services} service${services === 1 ? '' : 's'}, ${tasks} task definition${tasks === 1 ? '' : 's'} and ${result.design.nodes.length - services - tasks} other nodes.`;
  const warnings = result.report.filter((e) => e.severity === 'warning').length;
  ui.notify(`Imported ${name}: ${summary.slice(0, -1)}${warnings > 0 ? ` — ${warnings} item${warnings === 1 ? '' : 's'} not carried over (see the import report)` : ''}`);
  // The report dialog is modal, so the design cannot have changed when the other compose mapping is chosen there.
  const alternative =
    result.format === 'compose'
      ? { label: single ? 'Import as one task per service' : 'Import as one task definition', run: () => void importIntoApp(file, { ...ui, confirmDiscard: () => Promise.resolve(true) }, { composeSingleTask: !single }) }
      : undefined;
  if (result.report.length > 0) showImportReport({ fileName: name, format: result.format, entries: result.report, summary, ...(alternative ? { alternative } : {}) });
}

/** A task definition JSON: into the open design (one undo step), or as a new design named after the file. */
async function importTaskDefinitionText(name: string, text: string, ui: ImportUi): Promise<void> {
  const json = parseJsonLocated(text);
  if (!json.ok) return ui.notify(`${name} cannot be imported: not valid JSON: ${json.message}`, 'error');
  const current = currentDesign(designStore.getState());
  const right = current ? Math.max(0, ...current.nodes.filter((n) => n.parentId === undefined).map((n) => n.position.x)) : 0;
  const imported = importTaskDefinition(json.value, current ? { into: current, origin: { x: right + (current.nodes.length > 0 ? 420 : 0), y: 0 } } : { designName: baseName(name) });
  if (!imported.ok) {
    const first = imported.findings[0];
    const more = imported.findings.length > 1 ? ` (and ${imported.findings.length - 1} more)` : '';
    return ui.notify(`${name} cannot be imported: ${first?.path || '/'}: ${first?.message ?? imported.message ?? 'not a task definition'}${more}`, 'error');
  }
  if (current) designStore.edit({ kind: 'record', label: 'Import task definition' }, () => imported.design);
  else designStore.open(imported.design, undefined, { saved: false });
  designStore.select({ nodeIds: [imported.taskDefinitionId], edgeIds: [] });
  ui.notify(`Imported ${name}: the task definition and ${imported.report.created.length} connected resources`);
  await nextFrame();
  await ui.flow.fitView({ duration: 200, padding: 0.15, maxZoom: 1 });
}
