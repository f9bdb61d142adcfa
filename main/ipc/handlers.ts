import path from 'node:path';
import * as fs from 'node:fs/promises';
import { INVOKE_CHANNELS, type InvokeChannel } from '../../shared/ipc/channels';
import {
  contract,
  SettingsSchema,
  type AppInfo,
  type AwsProfileList,
  type ChannelResponse,
  type ParsedRequest,
} from '../../shared/ipc/contract';
import { err, formatIssuePath, ok, type Result } from '../../shared/ipc/result';
import { importAccountForIpc } from '../aws/accountImportIpc';
import { createDeployIpc, type DeployIpcDeps } from './deployIpc';
import type { PricingService } from '../aws/pricingRefresh';
import { listAwsProfiles } from '../aws/profiles';
import type { BackupService } from '../backups/backupService';
import { createDesignFiles, DesignFileError, isJsonText, type DesignFiles, writeFileAtomically } from '../files/designFiles';
import { isAllowedExternalUrl } from '../security/externalUrl';
import type { AppStore } from '../settings/appStore';
import { addRecentFile, includesFile, removeRecentFile } from '../settings/recentFiles';
import { createPathGrants, type PathGrants } from './pathGrants';
import { duplicateExportPath, writeExportFolder } from '../iac/exportFolder';

/** The suffix given to a design file saved without one (the lead's shared/model may later own this constant). */
export const DESIGN_FILE_SUFFIX = '.ecsd.json';

/** Native dialogs, as plain functions: Electron's in the app, stubs in tests and in the e2e bridge. */
export interface DesignDialogs {
  /** Returns the chosen file, or null if the user cancelled. */
  showOpenDesign(): Promise<string | null>;
  /**
   * Returns the chosen file, or null if the user cancelled. The dialog itself asks before replacing an existing
   * file, so a path returned here counts as the user's explicit choice to replace it.
   */
  showSaveDesign(options: { suggestedName: string }): Promise<string | null>;
  /** Save dialog for a diagram image (the dialog asks before replacing an existing file). */
  showSaveDiagram(options: { suggestedName: string; format: 'svg' | 'png' }): Promise<string | null>;
  /** Open dialog for a file to import (task definition JSON). */
  showOpenImport(): Promise<string | null>;
  /** Folder picker for exported task definitions (or, with a title, other exported files). */
  showChooseExportFolder(options?: { readonly title: string }): Promise<string | null>;
}

/**
 * The window as the handlers see it (main/electron/index.ts wires it to the close guard and the open-request
 * queue; tests and the e2e bridge record the calls).
 */
export interface WindowControl {
  /** window:set-dirty */
  setDirty(dirty: boolean): void;
  /** window:confirm-close */
  confirmClose(close: boolean): void;
  /** app:ready */
  rendererReady(): void;
}

export interface HandlerDeps {
  readonly appInfo: AppInfo | (() => AppInfo);
  readonly store: AppStore;
  readonly dialogs: DesignDialogs;
  /** Opens a URL in the user's browser (`shell.openExternal`); only called with URLs that pass the allow-list. */
  readonly openExternal: (url: string) => Promise<void>;
  readonly files?: DesignFiles;
  readonly grants?: PathGrants;
  readonly window?: WindowControl;
  /** Hot-exit backups in `<userData>/backups`; without it the backup channels answer INTERNAL. */
  readonly backups?: BackupService;
  /** Lists AWS profiles (default: ~/.aws/config and ~/.aws/credentials, or the AWS_* variables). */
  readonly listAwsProfiles?: () => Promise<AwsProfileList>;
  /** Refreshed price table in `<userData>/pricing`; without it there is no stored table and no refresh. */
  readonly pricing?: PricingService;
  /** Deploy: how events reach the page (main/electron sends them on `deploy:event`), plus test seams. */
  readonly deploy?: Omit<DeployIpcDeps, 'mayWriteBeside'>;
}

/** One async function per channel: takes the raw payload, always resolves to a serializable Result. */
export type HandlerTable = {
  readonly [C in InvokeChannel]: (payload: unknown) => Promise<Result<ChannelResponse<C>>>;
};

type Implementations = {
  readonly [C in InvokeChannel]: (request: ParsedRequest<C>) => Promise<Result<ChannelResponse<C>>>;
};

function withDesignSuffix(filePath: string): string {
  return filePath.toLowerCase().endsWith('.json') ? filePath : filePath + DESIGN_FILE_SUFFIX;
}

const RESERVED_FILE_NAME_CHARS = new Set(['\\', '/', ':', '*', '?', '"', '<', '>', '|']);

/** A file name safe on every platform: reserved and control characters become `-`. */
function suggestedFileName(name: string | undefined): string {
  const cleaned = Array.from(name ?? 'untitled', (ch) =>
    RESERVED_FILE_NAME_CHARS.has(ch) || ch.charCodeAt(0) < 0x20 ? '-' : ch,
  )
    .join('')
    .trim();
  return withDesignSuffix(cleaned || 'untitled');
}

/**
 * The IPC handler table: plain Node, no Electron. main/electron/ipc.ts registers it with `ipcMain.handle`;
 * vitest and the e2e bridge call the very same functions.
 */
export function createHandlers(deps: HandlerDeps): HandlerTable {
  const files = deps.files ?? createDesignFiles();
  const grants = deps.grants ?? createPathGrants();
  const { store, dialogs } = deps;
  const windowControl: WindowControl = deps.window ?? { setDirty: () => undefined, confirmClose: () => undefined, rendererReady: () => undefined };
  const awsProfiles = deps.listAwsProfiles ?? (() => listAwsProfiles());
  const backups = () => {
    if (!deps.backups) throw new Error('hot-exit backups are not configured');
    return deps.backups;
  };

  const rememberRecent = (filePath: string) => {
    store.set('recentFiles', addRecentFile(store.get('recentFiles'), filePath));
  };
  /** Folders the user chose for exported files this session (export:iac-dialog may replace files only there). */
  const exportFolders = new Set<string>();
  const deploy = createDeployIpc({ send: () => undefined, ...deps.deploy, mayWriteBeside: (filePath) => mayAccess(filePath) });
  const mayAccess = (filePath: string) => grants.has(filePath) || includesFile(store.get('recentFiles'), filePath);
  const forbiddenPath = (filePath: string) =>
    err('FORBIDDEN', `Access to ${filePath} was not granted: open or save it through a dialog first.`);

  const impl: Implementations = {
    'app:info': async () => ok(typeof deps.appInfo === 'function' ? deps.appInfo() : deps.appInfo),

    'app:open-external': async ({ url }) => {
      if (!isAllowedExternalUrl(url)) {
        return err('FORBIDDEN', `Not opening ${url}: only https links to AWS documentation are allowed.`);
      }
      await deps.openExternal(url);
      return ok(null);
    },

    'design:open-dialog': async () => {
      const chosen = await dialogs.showOpenDesign();
      if (chosen === null) return ok(null);
      const filePath = path.resolve(chosen);
      grants.grant(filePath);
      const file = await files.read(filePath);
      rememberRecent(filePath);
      return ok(file);
    },

    'design:read': async ({ path: requested }) => {
      const filePath = path.resolve(requested);
      if (!mayAccess(filePath)) return forbiddenPath(filePath);
      try {
        const file = await files.read(filePath);
        rememberRecent(filePath);
        return ok(file);
      } catch (error) {
        if (error instanceof DesignFileError && error.code === 'NOT_FOUND') {
          store.set('recentFiles', removeRecentFile(store.get('recentFiles'), filePath));
        }
        throw error;
      }
    },

    'design:save': async ({ path: requested, text, replaceInvalid }) => {
      const filePath = path.resolve(requested);
      if (!mayAccess(filePath)) return forbiddenPath(filePath);
      if (!isJsonText(text)) return err('BAD_REQUEST', 'Invalid request for design:save at "text": not valid JSON');
      await files.save(filePath, text, { replaceInvalid });
      rememberRecent(filePath);
      return ok({ path: filePath });
    },

    'design:save-as-dialog': async ({ text, suggestedName }) => {
      if (!isJsonText(text)) {
        return err('BAD_REQUEST', 'Invalid request for design:save-as-dialog at "text": not valid JSON');
      }
      const chosen = await dialogs.showSaveDesign({ suggestedName: suggestedFileName(suggestedName) });
      if (chosen === null) return ok(null);
      const resolved = path.resolve(chosen);
      const filePath = withDesignSuffix(resolved);
      // The dialog confirmed replacing `resolved`; if we appended the suffix, that confirmation does not cover
      // the file we actually write, so a corrupt file there is protected as usual.
      await files.save(filePath, text, { replaceInvalid: filePath === resolved });
      grants.grant(filePath);
      rememberRecent(filePath);
      return ok({ path: filePath });
    },

    'diagram:save-dialog': async ({ format, data, suggestedName }) => {
      const bytes = diagramBytes(format, data);
      if (typeof bytes === 'string') return err('BAD_REQUEST', `Invalid request for diagram:save-dialog at "data": ${bytes}`);
      const base = suggestedFileName(suggestedName ?? 'diagram').replace(/\.(ecsd\.json|json|svg|png)$/i, '');
      const chosen = await dialogs.showSaveDiagram({ suggestedName: `${base}.${format}`, format });
      if (chosen === null) return ok(null);
      const resolved = path.resolve(chosen);
      const filePath = resolved.toLowerCase().endsWith(`.${format}`) ? resolved : `${resolved}.${format}`;
      await writeFileAtomically(filePath, bytes, undefined, 0o644);
      return ok({ path: filePath });
    },

    'import:open-dialog': async () => {
      const chosen = await dialogs.showOpenImport();
      if (chosen === null) return ok(null);
      const filePath = path.resolve(chosen);
      const stat = await fs.stat(filePath);
      if (stat.size > MAX_IMPORT_BYTES) return err('BAD_REQUEST', `${path.basename(filePath)} is ${stat.size} bytes; files to import may have at most ${MAX_IMPORT_BYTES}.`);
      return ok({ path: filePath, text: await fs.readFile(filePath, 'utf8') });
    },

    'export:taskdefs-dialog': async ({ files: out }) => {
      if (new Set(out.map((f) => f.name.toLowerCase())).size !== out.length) return err('BAD_REQUEST', 'Invalid request for export:taskdefs-dialog at "files": two files have the same name');
      for (const f of out) if (!isJsonText(f.text)) return err('BAD_REQUEST', `Invalid request for export:taskdefs-dialog at "files": ${f.name} is not valid JSON`);
      const chosen = await dialogs.showChooseExportFolder();
      if (chosen === null) return ok(null);
      const dir = path.resolve(chosen);
      for (const f of out) await writeFileAtomically(path.join(dir, f.name), f.text, undefined, 0o644);
      return ok({ dir, written: out.map((f) => f.name) });
    },

    'export:iac-dialog': async ({ files: out, replaceIn }) => {
      const duplicate = duplicateExportPath(out);
      if (duplicate !== null) return err('BAD_REQUEST', `Invalid request for export:iac-dialog at "files": two files are both named ${duplicate}`);
      let dir: string;
      if (replaceIn !== undefined) {
        dir = path.resolve(replaceIn);
        if (!exportFolders.has(dir)) return err('FORBIDDEN', `Not replacing files in ${dir}: choose the folder in the export dialog first.`);
      } else {
        const chosen = await dialogs.showChooseExportFolder({ title: 'Export Infrastructure as Code To' });
        if (chosen === null) return ok(null);
        dir = path.resolve(chosen);
        exportFolders.add(dir);
      }
      const result = await writeExportFolder(dir, out, replaceIn !== undefined);
      if ('error' in result) return err('BAD_REQUEST', `Invalid request for export:iac-dialog at "files": ${result.error}`);
      return ok({ dir: result.dir, written: [...result.written], existing: [...result.existing] });
    },

    'settings:get': async () => ok(store.get('settings')),

    'settings:set': async (patch) => {
      const next = SettingsSchema.parse({ ...store.get('settings'), ...patch });
      store.set('settings', next);
      return ok(next);
    },

    'recent:list': async () => ok(store.get('recentFiles')),

    'app:ready': async () => {
      windowControl.rendererReady();
      return ok(null);
    },

    'design:read-dropped': async ({ path: requested }) => {
      // Reached only through the preload's readDroppedFile, with the path of a real dropped File: the user's drop
      // is the consent, as choosing the file in the Open dialog is.
      const filePath = path.resolve(requested);
      grants.grant(filePath);
      const file = await files.read(filePath);
      rememberRecent(filePath);
      return ok(file);
    },

    'window:set-dirty': async ({ dirty }) => {
      windowControl.setDirty(dirty);
      return ok(null);
    },

    'window:confirm-close': async ({ close }) => {
      windowControl.confirmClose(close);
      return ok(null);
    },

    'backup:write': async ({ key, path: documentPath, text }) => {
      if (!isJsonText(text)) return err('BAD_REQUEST', 'Invalid request for backup:write at "text": not valid JSON');
      return ok(await backups().write({ key, path: documentPath === undefined ? undefined : path.resolve(documentPath), text }));
    },

    'backup:discard': async ({ key }) => {
      await backups().discard(key);
      return ok(null);
    },

    'backup:list': async () => ok(await backups().list()),

    'pricing:stored-table': async () => ok(deps.pricing ? await deps.pricing.stored() : null),

    'pricing:refresh': async ({ profile }) => {
      if (!deps.pricing) return err('INTERNAL', 'Price refresh is not available in this window.');
      const { table, kept } = await deps.pricing.refresh(profile);
      return ok({ table, kept: [...kept] });
    },

    'aws:list-profiles': async () => ok(await awsProfiles()),

    'aws:import-account': async (request) => ok(await importAccountForIpc(request)),

    'deploy:plan': async (request) => ok(await deploy.plan(request)),
    'deploy:apply': async (request) => ok(await deploy.apply(request)),
    'deploy:destroy': async (request) => ok(await deploy.destroy(request)),
    'deploy:mfa-code': async (request) => ok(deploy.mfaAnswer(request)),
    'deploy:stack-plan': async (request) => ok(await deploy.stackPlan(request)),
    'deploy:stack-execute': async (request) => ok(await deploy.stackExecute(request)),
    'deploy:stack-discard': async (request) => ok(await deploy.stackDiscard(request)),
    'deploy:status': async (request) => ok(await deploy.status(request)),
    'deploy:verify': async (request) => ok(await deploy.verify(request)),
  };

  const table = {} as Record<InvokeChannel, (payload: unknown) => Promise<Result<unknown>>>;
  for (const channel of INVOKE_CHANNELS) {
    const spec = contract[channel];
    const run = impl[channel] as (request: unknown) => Promise<Result<unknown>>;
    table[channel] = async (payload) => {
      const parsed = spec.request.safeParse(payload === undefined ? {} : payload);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue ? formatIssuePath(issue.path) : '(root)';
        return err('BAD_REQUEST', `Invalid request for ${channel} at "${where}": ${issue?.message ?? 'invalid'}`);
      }
      let result: Result<unknown>;
      try {
        result = await run(parsed.data);
      } catch (error) {
        if (error instanceof DesignFileError) return err(error.code, error.message);
        const message = error instanceof Error ? error.message : String(error);
        return err('INTERNAL', `${channel} failed: ${message}`);
      }
      if (result.ok) {
        const checked = spec.response.safeParse(result.value);
        if (!checked.success) {
          const issue = checked.error.issues[0];
          return err(
            'INTERNAL',
            `${channel} produced an invalid response at "${issue ? formatIssuePath(issue.path) : '(root)'}"`,
          );
        }
        return ok(checked.data);
      }
      return result;
    };
  }
  return table as unknown as HandlerTable;
}

/** Dispatches by channel name coming from outside (the e2e bridge): unknown names are an error result. */
export async function invokeHandler(table: HandlerTable, channel: unknown, payload: unknown): Promise<Result<unknown>> {
  if (typeof channel !== 'string' || !(INVOKE_CHANNELS as readonly string[]).includes(channel)) {
    return err('UNKNOWN_CHANNEL', `Unknown IPC channel: ${String(channel)}`);
  }
  return table[channel as InvokeChannel](payload);
}

/** Task definitions and templates are small; anything larger is not what File › Import… reads. */
const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The bytes to write for a diagram image, or why the data is not an image of that format. */
function diagramBytes(format: 'svg' | 'png', data: string): Uint8Array | string {
  if (format === 'svg') {
    const head = data.trimStart().slice(0, 200);
    if (!/^(<\?xml[^>]*>\s*)?<svg[\s>]/.test(head)) return 'an SVG document must start with <svg';
    return Buffer.from(data, 'utf8');
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(data)) return 'PNG data must be base64';
  const bytes = Buffer.from(data, 'base64');
  if (bytes.length < PNG_SIGNATURE.length || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) return 'not a PNG image (wrong signature)';
  return bytes;
}
