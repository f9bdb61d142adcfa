import type { ReactFlowInstance } from '@xyflow/react';
import { duplicateNodes, moveNodes, removeEdges, removeNodes } from '../../../shared/commands/edit';
import type { MenuCommand } from '../../../shared/ipc/channels';
import { PATTERNS } from '../../../shared/patterns/index';
import { autoLayout, type Size } from '../canvas/autoLayout';
import { diagramSvg, svgToPng } from '../canvas/diagramSvg';
import { renamableSelection, startRename } from '../canvas/rename';
import { confirmDiscardChanges } from '../app/unsaved/confirmDiscard';
import { exportTaskDefinitions } from '../../../shared/taskdef/export';
import { taskDefinitionFileNames } from '../../../shared/taskdef/fileNames';
import { openAwsImportDialog } from '../awsImport/openState';
import { openExportIacDialog } from '../export/openState';
import { openDeployDialog, openDestroyDialog } from '../deploy/openState';
import { refreshDeploymentStatus } from '../deploy/refreshStatus';
import { importIntoApp } from '../import/importFlow';
import { call } from '../ipc/client';
import { currentDesign, designStore } from '../store/designStore';
import { costViewStore } from '../cost/costState';
import { copyNodes, memoryClipboard, pasteClip } from './clipboard';

type AppCommandId = Exclude<MenuCommand['id'], 'file.openRecent'>;

/** What a command may use: the canvas viewport, a way to tell the user, the app's own (file/view) commands. */
export type CommandContext = {
  readonly flow: ReactFlowInstance;
  readonly notify: (text: string, tone?: 'info' | 'error') => void;
  /** Runs one of the App's menu commands (the same ones the native menu sends). */
  readonly runApp: (id: AppCommandId) => void;
  /** Opens the command palette, optionally with a search already typed. */
  readonly openCommandPalette: (query?: string) => void;
};

/**
 * A command as data (after excalidraw actions / VS Code commands): the in-page menus, the command palette and the
 * keyboard shortcuts all read this one registry. `shortcut` uses `Mod` for Ctrl (Cmd on macOS); `keys` are extra
 * bindings not shown.
 */
export type Command = {
  readonly id: string;
  readonly label: string;
  readonly category: 'File' | 'Edit' | 'View' | 'Deploy' | 'Pattern';
  readonly shortcut?: string;
  readonly keys?: readonly string[];
  readonly when?: (ctx: CommandContext) => boolean;
  readonly perform: (ctx: CommandContext) => void | Promise<void>;
};

const hasDesign = () => designStore.getState().doc !== null;

/** Deletes the selected nodes and connections, as one undo step (Edit › Delete, Delete and Backspace). */
export function deleteSelection(): void {
  const { nodeIds, edgeIds } = designStore.getState().selection;
  if (nodeIds.length + edgeIds.length === 0) return;
  designStore.edit({ kind: 'record', label: 'Delete selection' }, (d) => removeEdges(removeNodes(d, nodeIds), edgeIds));
}

/** Selects every node and connection of the design (Edit › Select All). */
export function selectAll(): void {
  const d = currentDesign(designStore.getState());
  if (d) designStore.select({ nodeIds: d.nodes.map((n) => n.id), edgeIds: d.edges.map((e) => e.id) });
}

/** The command palette lists the design's resources, not commands, while its text starts with this. */
export const RESOURCE_PREFIX = '@';

/**
 * Go to Resource: selects the node and centres the view on it, zooming in to a readable size when the view is
 * zoomed out further (on a design of thousands of nodes, finding one by eye is not an option).
 */
export function goToResource(c: CommandContext, id: string): void {
  designStore.select({ nodeIds: [id], edgeIds: [] });
  const node = c.flow.getInternalNode(id);
  if (!node) return;
  const { x, y } = node.internals.positionAbsolute;
  void c.flow.setCenter(x + (node.measured.width ?? 0) / 2, y + (node.measured.height ?? 0) / 2, { zoom: Math.max(c.flow.getZoom(), 0.75), duration: 200 });
}
const hasNodeSelection = () => designStore.getState().selection.nodeIds.length > 0;
const hasSelection = () => {
  const s = designStore.getState().selection;
  return s.nodeIds.length + s.edgeIds.length > 0;
};
const hasNodes = () => (currentDesign(designStore.getState())?.nodes.length ?? 0) > 0;

/** Text selected in the page (outside inputs): Copy then copies text, not nodes. */
const hasTextSelection = () => (globalThis.getSelection?.()?.toString() ?? '') !== '';

function copySelection(): boolean {
  const d = currentDesign(designStore.getState());
  if (!d) return false;
  const clip = copyNodes(d, designStore.getState().selection.nodeIds);
  if (!clip) return false;
  memoryClipboard.set(clip);
  return true;
}

function selectNodes(ids: readonly string[]): void {
  designStore.select({ nodeIds: ids, edgeIds: [] });
}

/** The node sizes React Flow measured (auto layout uses them). */
function measuredSizes(flow: ReactFlowInstance): Map<string, Size> {
  const sizes = new Map<string, Size>();
  for (const n of flow.getNodes()) {
    const width = n.measured?.width ?? n.width;
    const height = n.measured?.height ?? n.height;
    if (width !== undefined && height !== undefined) sizes.set(n.id, { width, height });
  }
  return sizes;
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

export async function runAutoLayout(ctx: CommandContext): Promise<void> {
  const design = currentDesign(designStore.getState());
  if (!design) return;
  const moves = await autoLayout(design, measuredSizes(ctx.flow));
  if (moves.length > 0) designStore.edit({ kind: 'record', label: 'Auto layout' }, (d) => moveNodes(d, moves));
  await nextFrame();
  await ctx.flow.fitView({ duration: 250, padding: 0.15, maxZoom: 1 });
}

function currentTheme(): 'light' | 'dark' {
  const pinned = document.documentElement.dataset['theme'];
  if (pinned === 'light' || pinned === 'dark') return pinned;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/**
 * File › Import…: a task definition JSON, a docker-compose file or a CloudFormation template (import/importFlow.ts:
 * task definitions join the open design; compose files and templates open as a new, auto-laid-out design with an
 * import report).
 */
async function importChosenFile(ctx: CommandContext): Promise<void> {
  const picked = await call('import:open-dialog', {});
  if (!picked.ok) return ctx.notify(picked.error.message, 'error');
  if (!picked.value) return;
  await importIntoApp(picked.value, { notify: ctx.notify, flow: ctx.flow, confirmDiscard: confirmDiscardChanges });
}

/** File › Export…: every task definition as `<family>.json` (RegisterTaskDefinition input) into a chosen folder. */
async function exportTaskDefinitionFiles(ctx: CommandContext): Promise<void> {
  const design = currentDesign(designStore.getState());
  if (!design) return;
  const results = exportTaskDefinitions(design);
  if (results.length === 0) return ctx.notify('This design has no task definition to export.', 'error');
  const failed = results.find((r) => !r.ok);
  if (failed && !failed.ok) {
    const first = failed.errors[0];
    designStore.select({ nodeIds: [first?.nodeId ?? failed.nodeId], edgeIds: [] });
    return ctx.notify(`Cannot export task definition "${failed.family}": ${first?.message ?? 'unresolved values'}`, 'error');
  }
  const names = taskDefinitionFileNames(results.map((r) => r.family));
  const files = results.flatMap((r, i) => (r.ok ? [{ name: names[i] ?? `${r.family}.json`, text: `${JSON.stringify(r.input, null, 2)}\n` }] : []));
  const written = await call('export:taskdefs-dialog', { files });
  if (!written.ok) return ctx.notify(`Cannot export: ${written.error.message}`, 'error');
  if (written.value) ctx.notify(`Exported ${written.value.written.length} task definition${written.value.written.length === 1 ? '' : 's'} to ${written.value.dir}`);
}

/** Saves the diagram as an SVG or PNG file through main's Save dialog (diagram:save-dialog). */
async function exportDiagram(ctx: CommandContext, format: 'svg' | 'png'): Promise<void> {
  const state = designStore.getState();
  const design = currentDesign(state);
  if (!design) return;
  const svg = diagramSvg(design, { sizes: measuredSizes(ctx.flow), theme: currentTheme() });
  try {
    const data = format === 'svg' ? svg : await blobToBase64(await svgToPng(svg));
    const suggestedName = state.doc?.path?.split(/[\\/]/).pop() ?? (design.name || 'diagram');
    const result = await call('diagram:save-dialog', { format, data, suggestedName });
    if (!result.ok) ctx.notify(`Cannot export the diagram: ${result.error.message}`, 'error');
    else if (result.value) ctx.notify(`Diagram exported to ${result.value.path}`);
  } catch (e) {
    ctx.notify(`Cannot export the diagram: ${e instanceof Error ? e.message : String(e)}`, 'error');
  }
}

async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Copies the diagram to the clipboard as SVG text or a PNG image. */
async function copyDiagram(ctx: CommandContext, format: 'svg' | 'png'): Promise<void> {
  const design = currentDesign(designStore.getState());
  if (!design) return;
  const svg = diagramSvg(design, { sizes: measuredSizes(ctx.flow), theme: currentTheme() });
  try {
    if (format === 'svg') await navigator.clipboard.writeText(svg);
    else await navigator.clipboard.write([new ClipboardItem({ 'image/png': svgToPng(svg) })]);
    ctx.notify(`Diagram copied to the clipboard as ${format.toUpperCase()}`);
  } catch (e) {
    ctx.notify(`Cannot copy the diagram: ${e instanceof Error ? e.message : String(e)}`, 'error');
  }
}

export const COMMANDS: readonly Command[] = [
  { id: 'file.new', label: 'New Design', category: 'File', shortcut: 'Mod+N', perform: (c) => c.runApp('file.new') },
  { id: 'file.open', label: 'Open Design…', category: 'File', shortcut: 'Mod+O', perform: (c) => c.runApp('file.open') },
  { id: 'file.save', label: 'Save', category: 'File', shortcut: 'Mod+S', when: hasDesign, perform: (c) => c.runApp('file.save') },
  { id: 'file.saveAs', label: 'Save As…', category: 'File', shortcut: 'Mod+Shift+S', when: hasDesign, perform: (c) => c.runApp('file.saveAs') },
  { id: 'file.import', label: 'Import…', category: 'File', perform: importChosenFile },
  { id: 'file.importFromAws', label: 'Import from AWS Account…', category: 'File', perform: openAwsImportDialog },
  { id: 'file.export', label: 'Export Task Definitions…', category: 'File', when: hasDesign, perform: exportTaskDefinitionFiles },
  { id: 'file.exportIac', label: 'Export Infrastructure as Code…', category: 'File', when: hasDesign, perform: openExportIacDialog },
  { id: 'file.close', label: 'Close Design', category: 'File', when: hasDesign, perform: (c) => c.runApp('file.close') },
  {
    id: 'edit.undo',
    label: 'Undo',
    category: 'Edit',
    shortcut: 'Mod+Z',
    when: () => (designStore.getState().doc?.history.undoStack.length ?? 0) > 0,
    perform: () => designStore.undo(),
  },
  {
    id: 'edit.redo',
    label: 'Redo',
    category: 'Edit',
    shortcut: 'Mod+Shift+Z',
    keys: ['Mod+Y'],
    when: () => (designStore.getState().doc?.history.redoStack.length ?? 0) > 0,
    perform: () => designStore.redo(),
  },
  {
    id: 'edit.cut',
    label: 'Cut',
    category: 'Edit',
    shortcut: 'Mod+X',
    when: () => hasNodeSelection() && !hasTextSelection(),
    perform: () => {
      if (!copySelection()) return;
      const ids = designStore.getState().selection.nodeIds;
      designStore.edit({ kind: 'record', label: 'Cut' }, (d) => removeNodes(d, ids));
    },
  },
  { id: 'edit.copy', label: 'Copy', category: 'Edit', shortcut: 'Mod+C', when: () => hasNodeSelection() && !hasTextSelection(), perform: () => void copySelection() },
  {
    id: 'edit.paste',
    label: 'Paste',
    category: 'Edit',
    shortcut: 'Mod+V',
    when: () => memoryClipboard.get() !== undefined,
    perform: (c) => {
      const clip = memoryClipboard.get();
      if (!clip) return;
      if (!hasDesign()) designStore.newDesign();
      let created: string[] = [];
      designStore.edit({ kind: 'record', label: 'Paste' }, (d) => {
        const r = pasteClip(d, clip, { offset: memoryClipboard.nextOffset() });
        created = r.created;
        return r.design;
      });
      if (created.length === 0) c.notify('Nothing to paste here: the copied containers need their task definition.', 'error');
      else selectNodes(created);
    },
  },
  {
    id: 'edit.duplicate',
    label: 'Duplicate',
    category: 'Edit',
    shortcut: 'Mod+D',
    when: hasNodeSelection,
    perform: () => {
      const ids = designStore.getState().selection.nodeIds;
      let created: string[] = [];
      designStore.edit({ kind: 'record', label: 'Duplicate' }, (d) => {
        const r = duplicateNodes(d, ids);
        created = r.created;
        return r.design;
      });
      selectNodes(created);
    },
  },
  {
    id: 'edit.rename',
    label: 'Rename',
    category: 'Edit',
    shortcut: 'F2',
    when: () => renamableSelection(currentDesign(designStore.getState()), designStore.getState().selection.nodeIds) !== undefined,
    perform: (c) => {
      const node = renamableSelection(currentDesign(designStore.getState()), designStore.getState().selection.nodeIds);
      if (!node) return;
      // The card edits its name; a card scrolled out of view (not rendered) is brought into view first.
      startRename(node.id);
      if (!document.querySelector(`.react-flow__node[data-id="${CSS.escape(node.id)}"]`)) void c.flow.fitView({ nodes: [{ id: node.id }], duration: 150, maxZoom: c.flow.getZoom() });
    },
  },
  {
    id: 'edit.delete',
    label: 'Delete',
    category: 'Edit',
    shortcut: 'Delete',
    keys: ['Backspace'],
    when: hasSelection,
    perform: deleteSelection,
  },
  {
    id: 'edit.selectAll',
    label: 'Select All',
    category: 'Edit',
    shortcut: 'Mod+A',
    when: hasNodes,
    perform: selectAll,
  },
  { id: 'view.autoLayout', label: 'Auto Layout', category: 'View', shortcut: 'Mod+Shift+L', when: hasNodes, perform: runAutoLayout },
  { id: 'view.fitView', label: 'Fit View', category: 'View', shortcut: 'Mod+0', perform: (c) => void c.flow.fitView({ duration: 200, padding: 0.15, maxZoom: 1 }) },
  { id: 'view.zoomIn', label: 'Zoom In', category: 'View', shortcut: 'Mod+=', perform: (c) => void c.flow.zoomIn({ duration: 150 }) },
  { id: 'view.zoomOut', label: 'Zoom Out', category: 'View', shortcut: 'Mod+-', perform: (c) => void c.flow.zoomOut({ duration: 150 }) },
  { id: 'view.exportDiagramSvg', label: 'Export Diagram as SVG…', category: 'View', when: hasNodes, perform: (c) => exportDiagram(c, 'svg') },
  { id: 'view.exportDiagramPng', label: 'Export Diagram as PNG…', category: 'View', when: hasNodes, perform: (c) => exportDiagram(c, 'png') },
  { id: 'view.copyDiagramSvg', label: 'Copy Diagram as SVG', category: 'View', when: hasNodes, perform: (c) => copyDiagram(c, 'svg') },
  { id: 'view.copyDiagramPng', label: 'Copy Diagram as PNG', category: 'View', when: hasNodes, perform: (c) => copyDiagram(c, 'png') },
  { id: 'view.toggleMiniMap', label: 'Toggle Minimap', category: 'View', perform: (c) => c.runApp('view.toggleMiniMap') },
  { id: 'view.commandPalette', label: 'Command Palette…', category: 'View', shortcut: 'Mod+Shift+P', perform: (c) => c.openCommandPalette() },
  { id: 'view.goToResource', label: 'Go to Resource…', category: 'View', shortcut: 'Mod+P', when: hasNodes, perform: (c) => c.openCommandPalette(RESOURCE_PREFIX) },
  { id: 'view.toggleCostPanel', label: 'Toggle Cost Panel', category: 'View', when: hasDesign, perform: () => costViewStore.update({ panelOpen: !costViewStore.getState().panelOpen }) },
  { id: 'deploy.deploy', label: 'Deploy…', category: 'Deploy', when: hasDesign, perform: openDeployDialog },
  { id: 'deploy.refreshStatus', label: 'Refresh Deployment Status', category: 'Deploy', when: hasDesign, perform: (c) => refreshDeploymentStatus(c) },
  { id: 'deploy.destroy', label: 'Destroy…', category: 'Deploy', when: hasDesign, perform: openDestroyDialog },
  { id: 'file.newFromPattern', label: 'New from Pattern…', category: 'File', perform: (c) => c.openCommandPalette('pattern') },
  ...PATTERNS.map(
    (p): Command => ({
      id: `pattern.${p.id}`,
      label: `New from Pattern: ${p.title}`,
      category: 'Pattern',
      perform: async (c) => {
        // Replaces the document, as File › New does: unsaved changes are asked about first.
        if (!(await confirmDiscardChanges())) return;
        designStore.open(p.build(), undefined, { saved: false });
        c.notify(`New design from the pattern “${p.title}”`);
        await nextFrame();
        await c.flow.fitView({ duration: 0, padding: 0.1, maxZoom: 1 });
      },
    }),
  ),
];

export const COMMAND_BY_ID: ReadonlyMap<string, Command> = new Map(COMMANDS.map((c) => [c.id, c]));

export function command(id: string): Command {
  const c = COMMAND_BY_ID.get(id);
  if (!c) throw new Error(`no command ${id}`);
  return c;
}

export function isAvailable(c: Command, ctx: CommandContext): boolean {
  return c.when === undefined || c.when(ctx);
}
