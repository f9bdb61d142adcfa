/**
 * The names that cross the process boundary, as plain data.
 *
 * This module is deliberately free of zod (and of any import): the sandboxed preload bundles it to generate
 * the exposed API from the channel list and to check menu commands, and it must stay tiny. The zod schemas
 * for every channel live in ./contract.ts, which is keyed by exactly these names (checked by the compiler).
 */

/** The global name under which the preload exposes the API (`window.ecsDesigner`, typed in ./api.ts). */
export const API_GLOBAL_NAME = 'ecsDesigner';

/** Request/response channels: renderer → main, answered with a `Result` (see ./result.ts). */
export const INVOKE_CHANNELS = [
  'app:info',
  'app:open-external',
  'design:open-dialog',
  'design:read',
  'design:save',
  'design:save-as-dialog',
  'diagram:save-dialog',
  'import:open-dialog',
  'export:taskdefs-dialog',
  'export:iac-dialog',
  'settings:get',
  'settings:set',
  'recent:list',
  'app:ready',
  'design:read-dropped',
  'window:set-dirty',
  'window:confirm-close',
  'backup:write',
  'backup:discard',
  'backup:list',
  'pricing:stored-table',
  'pricing:refresh',
  'aws:list-profiles',
  'aws:import-account',
  'deploy:plan',
  'deploy:apply',
  'deploy:destroy',
  'deploy:mfa-code',
  'deploy:stack-plan',
  'deploy:stack-execute',
  'deploy:stack-discard',
  'deploy:status',
  'deploy:verify',
] as const;

export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];

/**
 * Channels the page cannot call by name: the preload calls them itself, from a narrower function.
 * `design:read-dropped` grants access to a path, so only a path the preload obtained from a real dropped `File`
 * (Electron's `webUtils.getPathForFile`) may reach it — never a path string chosen by page script.
 */
export const PRELOAD_ONLY_CHANNELS = ['design:read-dropped'] as const satisfies readonly InvokeChannel[];

export type PreloadOnlyChannel = (typeof PRELOAD_ONLY_CHANNELS)[number];
export type PageInvokeChannel = Exclude<InvokeChannel, PreloadOnlyChannel>;

const PRELOAD_ONLY_SET: ReadonlySet<string> = new Set(PRELOAD_ONLY_CHANNELS);

/** The channels exposed to the page as `window.ecsDesigner.invoke[channel]`. */
export const PAGE_INVOKE_CHANNELS: readonly PageInvokeChannel[] = INVOKE_CHANNELS.filter(
  (c): c is PageInvokeChannel => !PRELOAD_ONLY_SET.has(c),
);

/** One-way event: main asks the renderer to open a file it has granted (command line, file association). */
export const OPEN_FILE_CHANNEL = 'app:open-file';
/** One-way event: the user is closing the window (or quitting) with unsaved changes; the renderer asks them. */
export const REQUEST_CLOSE_CHANNEL = 'app:request-close';

export type OpenFileEvent = { readonly path: string };
export type CloseReason = 'close' | 'quit';
export type RequestCloseEvent = { readonly reason: CloseReason };

/** One-way event channel: main → renderer, carrying a `MenuCommand`. */
export const MENU_COMMAND_CHANNEL = 'menu:command';

/**
 * Command ids shared by the native application menu and the in-page menubar.
 * `file.openRecent` is the only command that carries an argument (the file path).
 */
export const MENU_COMMAND_IDS = [
  'file.new',
  'file.open',
  'file.openRecent',
  'file.save',
  'file.saveAs',
  'file.close',
  'edit.undo',
  'edit.redo',
  'edit.duplicate',
  'edit.rename',
  'edit.selectAll',
  'edit.delete',
  'view.zoomIn',
  'view.zoomOut',
  'view.fitView',
  'view.toggleMiniMap',
  'view.autoLayout',
  'view.commandPalette',
  'view.goToResource',
  'view.exportDiagramSvg',
  'view.exportDiagramPng',
  'file.newFromPattern',
  'file.import',
  'file.importFromAws',
  'file.export',
  'file.exportIac',
  'view.theme.system',
  'view.theme.light',
  'view.theme.dark',
  'help.about',
  'deploy.deploy',
  'deploy.destroy',
  'deploy.refreshStatus',
] as const;

export type MenuCommandId = (typeof MENU_COMMAND_IDS)[number];

export type MenuCommand =
  | { readonly id: Exclude<MenuCommandId, 'file.openRecent'> }
  | { readonly id: 'file.openRecent'; readonly path: string };

/** An absolute file-system path: POSIX, Windows drive or UNC. */
export const ABSOLUTE_PATH_PATTERN = /^(?:\/|[A-Za-z]:[\\/]|\\\\)/;

const MENU_COMMAND_ID_SET: ReadonlySet<string> = new Set(MENU_COMMAND_IDS);

function isAbsolutePathString(path: unknown): path is string {
  return typeof path === 'string' && path.length <= 4096 && ABSOLUTE_PATH_PATTERN.test(path) && !path.includes('\0');
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural check of an open-file event (equivalent to `OpenFileEventSchema`; a test asserts they agree). */
export function isOpenFileEvent(value: unknown): value is OpenFileEvent {
  return isPlainRecord(value) && Object.keys(value).length === 1 && isAbsolutePathString(value['path']);
}

/** Structural check of a request-close event (equivalent to `RequestCloseEventSchema`). */
export function isRequestCloseEvent(value: unknown): value is RequestCloseEvent {
  return (
    isPlainRecord(value) &&
    Object.keys(value).length === 1 &&
    (value['reason'] === 'close' || value['reason'] === 'quit')
  );
}

/**
 * Structural check of a menu command, equivalent to `MenuCommandSchema` in ./contract.ts
 * (a test asserts they agree). Used where zod is not bundled (the preload).
 */
export function isMenuCommand(value: unknown): value is MenuCommand {
  if (!isPlainRecord(value)) return false;
  const id = value['id'];
  if (typeof id !== 'string' || !MENU_COMMAND_ID_SET.has(id)) return false;
  const keys = Object.keys(value);
  if (id === 'file.openRecent') return keys.length === 2 && isAbsolutePathString(value['path']);
  return keys.length === 1;
}
