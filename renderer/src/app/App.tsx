import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { MenuCommand } from '../../../shared/ipc/channels';
import { DEFAULT_SETTINGS, type AppInfo, type Settings } from '../../../shared/ipc/contract';
import { HELP_LINKS } from '../../../shared/ipc/helpLinks';
import type { IpcError } from '../../../shared/ipc/result';
import { Canvas } from '../canvas/Canvas';
import { useCanvasState } from '../canvas/useCanvasState';
import { CommandPalette } from '../commands/CommandPalette';
import { COMMAND_BY_ID, command, deleteSelection, isAvailable, selectAll, type CommandContext } from '../commands/registry';
import { useCommandShortcuts } from '../commands/useCommandShortcuts';
import { PATTERNS } from '../../../shared/patterns/index';
import { call, hasBridge, onMenuCommand } from '../ipc/client';
import { parseDesignText, serializeDesign } from '../../../shared/model/document';
import { currentDesign, designStore, undoRedoLabels, useDesignStore } from '../store/designStore';
import { AboutDialog, ConfirmDialog } from './Dialogs';
import { designBaseName, documentName, documentStateOf, fileName, folderName } from './documentState';
import { MenuBar, type MenuEntry, type TopMenu } from './MenuBar';
import { useExternalOpen } from './open/useExternalOpen';
import { useRecovery } from './recovery/useRecovery';
import { useUnsavedChanges } from './unsaved/useUnsavedChanges';
import { StatusBar, type Notice } from './StatusBar';
import { Workbench } from '../inspector/Workbench';
import { AwsImportDialog } from '../awsImport/AwsImportDialog';
import { ExportIacDialog } from '../export/ExportIacDialog';
import { DeployDialog } from '../deploy/DeployDialog';
import { appFindingsStore } from '../deploy/deployFindings';
import { FindingsContext } from '../canvas/findings';
import { ImportReportDialog } from '../import/ImportReportDialog';
import { importIntoApp, isImportable } from '../import/importFlow';

function isEditableTarget(element: Element | null): boolean {
  if (!(element instanceof HTMLElement)) return false;
  return element.isContentEditable || element.matches('input, textarea, select');
}

export function App(): ReactNode {
  const flow = useReactFlow();
  const bridgeAvailable = hasBridge();

  const [info, setInfo] = useState<AppInfo | null>(null);
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [recent, setRecent] = useState<readonly string[]>([]);
  const doc = useDesignStore(documentStateOf, designStore);
  const history = useDesignStore(undoRedoLabels);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [aboutOpen, setAboutOpen] = useState(false);
  const [pendingReplace, setPendingReplace] = useState<{ path: string; text: string } | null>(null);

  const say = useCallback((text: string, tone: Notice['tone'] = 'info') => setNotice({ text, tone }), []);
  const fail = useCallback((error: IpcError) => say(error.message, 'error'), [say]);
  const canvas = useCanvasState(say);

  useEffect(() => {
    if (notice?.tone !== 'info') return;
    const timer = setTimeout(() => setNotice(null), 6000);
    return () => clearTimeout(timer);
  }, [notice]);

  const refreshRecent = useCallback(async () => {
    const result = await call('recent:list', {});
    if (result.ok) setRecent(result.value);
  }, []);

  useEffect(() => {
    if (!bridgeAvailable) return;
    void (async () => {
      const [appInfo, stored] = await Promise.all([call('app:info', {}), call('settings:get', {})]);
      if (appInfo.ok) setInfo(appInfo.value);
      else fail(appInfo.error);
      if (stored.ok) setSettings(stored.value);
      else fail(stored.error);
      await refreshRecent();
    })();
  }, [bridgeAvailable, fail, refreshRecent]);

  // Theme: 'system' follows prefers-color-scheme (CSS media query); light/dark pin it.
  useEffect(() => {
    const root = document.documentElement;
    if (settings.theme === 'system') delete root.dataset['theme'];
    else root.dataset['theme'] = settings.theme;
  }, [settings.theme]);

  const name = documentName(doc);
  const dirty = doc.kind !== 'none' && doc.dirty;
  useEffect(() => {
    document.title = name ? `${dirty ? '● ' : ''}${name} — ECS Designer` : 'ECS Designer';
  }, [name, dirty]);

  const updateSettings = useCallback(
    async (patch: Partial<Settings>) => {
      setSettings((current) => ({ ...current, ...patch }));
      const result = await call('settings:set', patch);
      if (result.ok) setSettings(result.value);
      else fail(result.error);
    },
    [fail],
  );

  const opened = useCallback(
    (file: { path: string; text: string }) => {
      const parsed = parseDesignText(file.text);
      const flow = commandCtxRef.current?.flow;
      if (!parsed.ok && flow && isImportable(file.text)) {
        // A task definition, compose file or template (dropped, or opened): imported instead. The caller already
        // asked about unsaved changes.
        void importIntoApp(file, { notify: say, flow, confirmDiscard: () => Promise.resolve(true) });
        return;
      }
      if (!parsed.ok) {
        // Never a partial load presented as fine: say what is wrong and where, keep the current document.
        const first = parsed.errors[0];
        const more = parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more)` : '';
        say(`${fileName(file.path)} cannot be opened: ${first?.path || '/'}: ${first?.message ?? 'invalid design'}${more}`, 'error');
        return;
      }
      designStore.open(parsed.design, file.path);
      say(parsed.migratedFrom === undefined ? `Opened ${fileName(file.path)}` : `Opened ${fileName(file.path)} (upgraded from schema version ${parsed.migratedFrom}; saving writes the new version)`);
      void refreshRecent();
    },
    [say, refreshRecent],
  );

  const save = useCallback(
    async (target: { path: string; text: string }, replaceInvalid: boolean) => {
      const design = currentDesign(designStore.getState());
      const result = await call('design:save', { path: target.path, text: target.text, replaceInvalid });
      if (result.ok) {
        if (design) designStore.markSaved(result.value.path, design);
        say(`Saved ${fileName(result.value.path)}`);
        void refreshRecent();
      } else if (result.error.code === 'CORRUPT_TARGET') {
        setPendingReplace(target);
      } else fail(result.error);
    },
    [say, fail, refreshRecent],
  );

  // Hot exit (backups + the start-up restore offer), "Save changes?" before the document goes, and files opened
  // from outside the menus (command line, file association, drop). See ./recovery, ./unsaved, ./open.
  const recovery = useRecovery({ enabled: bridgeAvailable, say });
  const unsaved = useUnsavedChanges({
    save: () => runRef.current({ id: 'file.save' }),
    beforeClose: () => recovery.writer?.discardNow() ?? Promise.resolve(),
  });
  const { confirmDiscard } = unsaved;
  useExternalOpen({ enabled: bridgeAvailable, ready: recovery.settled, confirmDiscard, opened, fail });

  // The registry's context is built below (it needs `run`); native menu commands reach it through this ref.
  const commandCtxRef = useRef<CommandContext | null>(null);
  const run = useCallback(
    async (command: MenuCommand): Promise<void> => {
      if (['file.new', 'file.open', 'file.openRecent', 'file.close'].includes(command.id) && !(await confirmDiscard())) return;
      switch (command.id) {
        case 'file.new':
          designStore.newDesign();
          say('New design');
          return;
        case 'file.open': {
          const result = await call('design:open-dialog', {});
          if (!result.ok) fail(result.error);
          else if (result.value) opened(result.value);
          return;
        }
        case 'file.openRecent': {
          const result = await call('design:read', { path: command.path });
          if (result.ok) opened(result.value);
          else {
            fail(result.error);
            void refreshRecent();
          }
          return;
        }
        case 'file.save':
        case 'file.saveAs': {
          const design = currentDesign(designStore.getState());
          if (!design) {
            say('Nothing to save: no design is open.');
            return;
          }
          const text = serializeDesign(design);
          if (command.id === 'file.save' && doc.kind === 'file') {
            await save({ path: doc.path, text }, false);
            return;
          }
          const result = await call('design:save-as-dialog', {
            text,
            suggestedName: doc.kind === 'file' ? designBaseName(doc.path) : design.name.replace(/[^\w.-]+/g, '-') || 'design',
          });
          if (!result.ok) fail(result.error);
          else if (result.value) {
            designStore.markSaved(result.value.path, design);
            say(`Saved ${fileName(result.value.path)}`);
            void refreshRecent();
          }
          return;
        }
        case 'file.close':
          designStore.close();
          return;
        case 'edit.undo':
          if (isEditableTarget(document.activeElement)) document.execCommand('undo');
          else designStore.undo();
          return;
        case 'edit.redo':
          if (isEditableTarget(document.activeElement)) document.execCommand('redo');
          else designStore.redo();
          return;
        case 'edit.selectAll':
          if (isEditableTarget(document.activeElement)) document.execCommand('selectAll');
          else selectAll();
          return;
        case 'edit.delete':
          if (isEditableTarget(document.activeElement)) document.execCommand('delete');
          else deleteSelection();
          return;
        case 'view.zoomIn':
          await flow.zoomIn({ duration: 150 });
          return;
        case 'view.zoomOut':
          await flow.zoomOut({ duration: 150 });
          return;
        case 'view.fitView':
          await flow.fitView({ duration: 200, padding: 0.2 });
          return;
        case 'view.toggleMiniMap':
          await updateSettings({ showMiniMap: !settings.showMiniMap });
          return;
        case 'view.theme.system':
        case 'view.theme.light':
        case 'view.theme.dark':
          await updateSettings({ theme: command.id.slice('view.theme.'.length) as Settings['theme'] });
          return;
        case 'help.about':
          setAboutOpen(true);
          return;
        default: {
          // Commands the native menu shares with the page's registry (Duplicate, Auto Layout, patterns…).
          const ctx = commandCtxRef.current;
          const registered = COMMAND_BY_ID.get(command.id);
          if (ctx && registered && isAvailable(registered, ctx)) await registered.perform(ctx);
          return;
        }
      }
    },
    [canvas, doc, flow, opened, save, say, fail, refreshRecent, settings.showMiniMap, updateSettings, confirmDiscard],
  );

  // Native menu commands run the very same commands as the in-page menubar.
  const runRef = useRef(run);
  runRef.current = run;
  useEffect(() => onMenuCommand((command) => void runRef.current(command)), []);

  // The command registry (renderer/src/commands) feeds the menus below, the command palette and the shortcuts.
  const [commandPalette, setCommandPalette] = useState<{ query: string } | null>(null);
  const commandCtx = useMemo<CommandContext>(
    () => ({ flow, notify: say, runApp: (id) => void runRef.current({ id }), openCommandPalette: (query = '') => setCommandPalette({ query }) }),
    [flow, say],
  );
  commandCtxRef.current = commandCtx;
  useCommandShortcuts(commandCtx);

  const menus = useMemo((): TopMenu[] => {
    const item = (
      command: Exclude<MenuCommand['id'], 'file.openRecent'>,
      label: string,
      extra: Partial<Extract<MenuEntry, { type: 'item' }>> = {},
    ): MenuEntry => ({ type: 'item', key: command, label, onSelect: () => void run({ id: command }), ...extra });
    const nothingToSave = doc.kind === 'none';
    const registered = (id: string, extra: Partial<Extract<MenuEntry, { type: 'item' }>> = {}): MenuEntry => {
      const c = command(id);
      return {
        type: 'item',
        key: c.id,
        label: c.label,
        ...(c.shortcut === undefined ? {} : { shortcut: c.shortcut }),
        onSelect: () => {
          if (isAvailable(c, commandCtx)) void c.perform(commandCtx);
        },
        ...extra,
      };
    };
    const recentEntries: MenuEntry[] =
      recent.length === 0
        ? [{ type: 'note', key: 'none', label: 'No recent files' }]
        : recent.map((path) => ({
            type: 'item',
            key: path,
            label: fileName(path),
            detail: folderName(path),
            ariaLabel: path,
            title: path,
            onSelect: () => void run({ id: 'file.openRecent', path }),
          }));
    return [
      {
        key: 'file',
        label: 'File',
        onOpen: () => void refreshRecent(),
        entries: [
          item('file.new', 'New', { shortcut: 'Mod+N' }),
          item('file.open', 'Open…', { shortcut: 'Mod+O' }),
          { type: 'submenu', key: 'recent', label: 'Open Recent', entries: recentEntries },
          {
            type: 'submenu',
            key: 'patterns',
            label: 'New from Pattern',
            entries: PATTERNS.map((p) => registered(`pattern.${p.id}`, { label: p.title, title: p.description })),
          },
          { type: 'separator', key: 's1' },
          item('file.save', 'Save', { shortcut: 'Mod+S', disabled: nothingToSave }),
          item('file.saveAs', 'Save As…', { shortcut: 'Mod+Shift+S', disabled: nothingToSave }),
          { type: 'separator', key: 's-io' },
          registered('file.import'),
          registered('file.importFromAws'),
          registered('file.export', { disabled: nothingToSave }),
          registered('file.exportIac', { disabled: nothingToSave }),
          { type: 'separator', key: 's2' },
          item('file.close', 'Close', { shortcut: 'Mod+W', disabled: doc.kind === 'none' }),
        ],
      },
      {
        key: 'edit',
        label: 'Edit',
        entries: [
          item('edit.undo', history.undo ? `Undo ${history.undo}` : 'Undo', { shortcut: 'Mod+Z', disabled: history.undo === undefined }),
          item('edit.redo', history.redo ? `Redo ${history.redo}` : 'Redo', { shortcut: 'Mod+Shift+Z', disabled: history.redo === undefined }),
          { type: 'separator', key: 's0' },
          registered('edit.cut', { disabled: !canvas.hasSelection }),
          registered('edit.copy', { disabled: !canvas.hasSelection }),
          registered('edit.paste'),
          registered('edit.duplicate', { disabled: !canvas.hasSelection }),
          registered('edit.rename', { disabled: !isAvailable(command('edit.rename'), commandCtx) }),
          item('edit.delete', 'Delete', { disabled: !canvas.hasSelection }),
          item('edit.selectAll', 'Select All', {
            shortcut: 'Mod+A',
            disabled: canvas.nodes.length === 0 && canvas.edges.length === 0,
          }),
        ],
      },
      {
        key: 'view',
        label: 'View',
        entries: [
          item('view.zoomIn', 'Zoom In', { shortcut: 'Mod+=' }),
          item('view.zoomOut', 'Zoom Out', { shortcut: 'Mod+-' }),
          item('view.fitView', 'Fit View', { shortcut: 'Mod+0' }),
          registered('view.autoLayout', { disabled: canvas.nodes.length === 0 }),
          registered('view.exportDiagramSvg', { disabled: canvas.nodes.length === 0 }),
          registered('view.exportDiagramPng', { disabled: canvas.nodes.length === 0 }),
          registered('view.copyDiagramSvg', { disabled: canvas.nodes.length === 0 }),
          registered('view.copyDiagramPng', { disabled: canvas.nodes.length === 0 }),
          registered('view.commandPalette'),
          registered('view.goToResource', { disabled: canvas.nodes.length === 0 }),
          registered('view.toggleCostPanel', { disabled: doc.kind === 'none' }),
          { type: 'separator', key: 's1' },
          item('view.toggleMiniMap', 'Show Minimap', { role: 'menuitemcheckbox', checked: settings.showMiniMap }),
          {
            type: 'submenu',
            key: 'theme',
            label: 'Theme',
            entries: [
              item('view.theme.system', 'System', { role: 'menuitemradio', checked: settings.theme === 'system' }),
              item('view.theme.light', 'Light', { role: 'menuitemradio', checked: settings.theme === 'light' }),
              item('view.theme.dark', 'Dark', { role: 'menuitemradio', checked: settings.theme === 'dark' }),
            ],
          },
        ],
      },
      {
        key: 'deploy',
        label: 'Deploy',
        entries: [
          registered('deploy.deploy', { disabled: doc.kind === 'none' }),
          registered('deploy.refreshStatus', { disabled: doc.kind === 'none' }),
          { type: 'separator', key: 's1' },
          registered('deploy.destroy', { disabled: doc.kind === 'none' }),
        ],
      },
      {
        key: 'help',
        label: 'Help',
        entries: [
          ...HELP_LINKS.map(
            (link): MenuEntry => ({
              type: 'item',
              key: link.id,
              label: link.label,
              title: link.url,
              onSelect: () =>
                void call('app:open-external', { url: link.url }).then((r) => {
                  if (!r.ok) fail(r.error);
                }),
            }),
          ),
          { type: 'separator', key: 's1' },
          item('help.about', 'About ECS Designer'),
        ],
      },
    ];
  }, [run, doc.kind, recent, refreshRecent, canvas.hasSelection, canvas.nodes.length, canvas.edges.length, settings, fail, history, commandCtx]);

  return (
    // The findings of the validator and of the last deploy (verify, apply failure): one store for every view.
    <FindingsContext.Provider value={appFindingsStore}>
    <div className="app">
      <header className="app-header">
        <div className="app-brand">
          <svg className="app-logo" viewBox="0 0 24 24" aria-hidden="true">
            <rect x="2.5" y="2.5" width="8" height="8" rx="2" fill="currentColor" />
            <rect x="13.5" y="2.5" width="8" height="8" rx="2" fill="currentColor" opacity="0.55" />
            <rect x="2.5" y="13.5" width="8" height="8" rx="2" fill="currentColor" opacity="0.55" />
            <rect x="13.5" y="13.5" width="8" height="8" rx="2" fill="currentColor" opacity="0.3" />
          </svg>
          <MenuBar menus={menus} />
        </div>
        <div className="doc-title" aria-live="polite">
          {name ? <strong>{name}</strong> : 'ECS Designer'}
        </div>
        <div />
      </header>
      <main className="app-main">
        <Workbench>
          <Canvas
            state={canvas}
            notify={say}
            colorMode={settings.theme}
            showMiniMap={settings.showMiniMap}
            onOpenDesign={bridgeAvailable ? () => void run({ id: 'file.open' }) : undefined}
          />
        </Workbench>
      </main>
      <StatusBar
        doc={doc}
        notice={notice}
        resourceCount={canvas.nodes.length}
        info={info}
        bridgeAvailable={bridgeAvailable}
      />
      <CommandPalette open={commandPalette !== null} initialQuery={commandPalette?.query ?? ''} ctx={commandCtx} onClose={() => setCommandPalette(null)} />
      <AboutDialog open={aboutOpen} info={info} onClose={() => setAboutOpen(false)} />
      <AwsImportDialog ctx={commandCtx} />
      <ExportIacDialog ctx={commandCtx} />
      <DeployDialog ctx={commandCtx} />
      <ImportReportDialog />
      {recovery.dialog}
      {unsaved.dialog}
      <ConfirmDialog
        open={pendingReplace !== null}
        title="Replace a file that is not valid JSON?"
        message={
          pendingReplace
            ? `${fileName(pendingReplace.path)} exists but its content is not valid JSON, so it was not overwritten. ` +
              'Replace it anyway? Its current content will be kept next to it as a .bak file.'
            : ''
        }
        confirmLabel="Replace"
        onCancel={() => setPendingReplace(null)}
        onConfirm={() => {
          const target = pendingReplace;
          setPendingReplace(null);
          if (target) void save(target, true);
        }}
      />
    </div>
    </FindingsContext.Provider>
  );
}
