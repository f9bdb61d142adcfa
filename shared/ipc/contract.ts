import { z } from 'zod';
import { AwsImportRequestSchema, AwsImportResponseSchema } from './awsImport';
import {
  DeployApplyRequestSchema,
  DeployDestroyRequestSchema,
  DeployMfaAnswerSchema,
  DeployPlanRequestSchema,
  DeployPlanResponseSchema,
  DeployReportResponseSchema,
  DeployStackDiscardRequestSchema,
  DeployStackExecuteRequestSchema,
  DeployStackExecuteResponseSchema,
  DeployStackPlanRequestSchema,
  DeployStackPlanResponseSchema,
  DeployStatusRequestSchema,
  DeployStatusResponseSchema,
  DeployVerifyRequestSchema,
  DeployVerifyResponseSchema,
} from './deploy';
import { ABSOLUTE_PATH_PATTERN, INVOKE_CHANNELS, MENU_COMMAND_IDS, type InvokeChannel } from './channels';
import { PriceTableSchema } from '../pricing/priceTable';

/**
 * The IPC contract: every channel declared once, with the zod schema of its request and of its response.
 *
 * - main validates every request with `request` before a handler runs (invalid → BAD_REQUEST naming the path)
 *   and checks every response with `response` before it leaves (a mismatch is a bug → INTERNAL);
 * - the preload exposes exactly these channels (see ./api.ts for the typed API);
 * - every response travels wrapped in a `Result` (./result.ts).
 *
 * Design documents cross this boundary as opaque JSON text (`{ path, text }`): parsing and validating the
 * design happens in the renderer with shared/model, so main never needs to know the model's version.
 */

/** No payload. A strict empty object so that a stray argument is reported rather than ignored. */
const Empty = z.strictObject({});

/** An absolute file-system path (POSIX, Windows drive or UNC). */
export const FilePathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => ABSOLUTE_PATH_PATTERN.test(p), { message: 'must be an absolute path' })
  .refine((p) => !p.includes('\0'), { message: 'must not contain NUL characters' });

export const AppInfoSchema = z.strictObject({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  versions: z.strictObject({
    electron: z.string().nullable(),
    chrome: z.string().nullable(),
    node: z.string(),
  }),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

/** A design file as read from disk: its absolute path and its full text (JSON, not parsed here). */
export const DesignFileSchema = z.strictObject({
  path: FilePathSchema,
  text: z.string(),
});
export type DesignFile = z.infer<typeof DesignFileSchema>;

/** 32 MiB of JSON is far beyond any realistic design; the cap keeps a runaway payload out of main. */
export const MAX_DESIGN_TEXT_LENGTH = 32 * 1024 * 1024;
const DesignTextSchema = z.string().max(MAX_DESIGN_TEXT_LENGTH);

export const ThemeSchema = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof ThemeSchema>;

/** User settings (persisted by main). No secrets, ever. */
export const SettingsSchema = z.strictObject({
  theme: ThemeSchema,
  showMiniMap: z.boolean(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = { theme: 'system', showMiniMap: true };

/** How many recently opened files are remembered. */
export const MAX_RECENT_FILES = 10;

/** A backup's key (its file name without `.json`): chosen by the renderer, never a path. */
export const BackupKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, { message: 'must be 1–64 letters, digits, "-" or "_"' });

/** ISO-8601 UTC timestamp, as written by `Date.prototype.toISOString`. */
const TimestampSchema = z.iso.datetime();

/**
 * A hot-exit backup as stored in `<userData>/backups/<key>.json`. `text` is the serialized design (JSON text);
 * `path` is the file it belongs to, absent for a design that was never saved. `version` is the file format.
 */
export const BackupFileSchema = z.strictObject({
  version: z.literal(1),
  path: FilePathSchema.optional(),
  savedAt: TimestampSchema,
  text: DesignTextSchema,
});
export type BackupFile = z.infer<typeof BackupFileSchema>;

export const BackupSchema = z.strictObject({
  key: BackupKeySchema,
  path: FilePathSchema.optional(),
  savedAt: TimestampSchema,
  text: DesignTextSchema,
});
export type Backup = z.infer<typeof BackupSchema>;

/** A backup file that could not be read: reported, and left on disk untouched. */
export const BackupProblemSchema = z.strictObject({ file: FilePathSchema, message: z.string() });
export type BackupProblem = z.infer<typeof BackupProblemSchema>;

export const BackupListSchema = z.strictObject({
  backups: z.array(BackupSchema),
  problems: z.array(BackupProblemSchema),
});
export type BackupList = z.infer<typeof BackupListSchema>;

/**
 * How a profile gets credentials (only the kind — never the keys, tokens or the credential_process command):
 * static keys, assume-role (source_profile / credential_source), web identity, IAM Identity Center (SSO, either
 * an sso_session or the legacy sso_start_url), credential_process, or none (e.g. only a region).
 */
export const AwsProfileKindSchema = z.enum(['static', 'assume-role', 'web-identity', 'sso', 'credential-process', 'none']);
export type AwsProfileKind = z.infer<typeof AwsProfileKindSchema>;

export const AwsProfileSchema = z.strictObject({
  name: z.string().min(1),
  kind: AwsProfileKindSchema,
  region: z.string().optional(),
  /** For assume-role: the profile whose credentials assume the role. */
  sourceProfile: z.string().optional(),
  /** For SSO with an sso-session section: that section's name. */
  ssoSession: z.string().optional(),
  /** Which of the two files define the profile. */
  sources: z.array(z.enum(['config', 'credentials'])).min(1),
});
export type AwsProfile = z.infer<typeof AwsProfileSchema>;

/** A file that could not be read or parsed; `line` when the problem is on a line. Never quotes the file. */
export const AwsProfileProblemSchema = z.strictObject({
  file: z.string(),
  line: z.number().int().positive().optional(),
  message: z.string(),
});
export type AwsProfileProblem = z.infer<typeof AwsProfileProblemSchema>;

export const AwsProfileListSchema = z.strictObject({
  profiles: z.array(AwsProfileSchema),
  configFile: z.string(),
  credentialsFile: z.string(),
  problems: z.array(AwsProfileProblemSchema),
});
export type AwsProfileList = z.infer<typeof AwsProfileListSchema>;

type ChannelSpec = { readonly request: z.ZodType; readonly response: z.ZodType };

export const contract = {
  /** Name, version and runtime versions, for the About dialog and the status bar. */
  'app:info': { request: Empty, response: AppInfoSchema },
  /** Opens an https link in the user's browser; main allows AWS documentation only. */
  'app:open-external': {
    request: z.strictObject({ url: z.string().min(1).max(2048) }),
    response: z.null(),
  },
  /** Shows the native Open dialog and reads the chosen file; `null` when the user cancels. */
  'design:open-dialog': { request: Empty, response: DesignFileSchema.nullable() },
  /** Reads a file the user already chose (Open Recent, command line, dialog earlier in this session). */
  'design:read': { request: z.strictObject({ path: FilePathSchema }), response: DesignFileSchema },
  /**
   * Atomically saves `text` (must be JSON) to `path`, keeping the previous version as `<path>.bak`.
   * Refuses (CORRUPT_TARGET) to overwrite a file whose current content is not valid JSON unless
   * `replaceInvalid` says the user chose to replace it.
   */
  'design:save': {
    request: z.strictObject({
      path: FilePathSchema,
      text: DesignTextSchema,
      replaceInvalid: z.boolean().default(false),
    }),
    response: z.strictObject({ path: FilePathSchema }),
  },
  /** Shows the native Save dialog, then saves as `design:save` does; `null` when the user cancels. */
  'design:save-as-dialog': {
    request: z.strictObject({
      text: DesignTextSchema,
      suggestedName: z.string().min(1).max(255).optional(),
    }),
    response: z.strictObject({ path: FilePathSchema }).nullable(),
  },
  /**
   * Shows the native Save dialog for an image of the diagram and writes it atomically; `null` when cancelled.
   * `data` is the SVG document (format svg) or the PNG bytes in base64 (format png).
   */
  'diagram:save-dialog': {
    request: z.strictObject({
      format: z.enum(['svg', 'png']),
      data: z.string().min(1).max(64 * 1024 * 1024),
      suggestedName: z.string().min(1).max(255).optional(),
    }),
    response: z.strictObject({ path: FilePathSchema }).nullable(),
  },
  /** Shows the native Open dialog for a file to import (a task definition JSON); `null` when cancelled. */
  'import:open-dialog': { request: Empty, response: DesignFileSchema.nullable() },
  /**
   * Asks for a folder, then writes each task definition file into it atomically (names like `web.json`, made by
   * shared/taskdef/fileNames.ts); `null` when cancelled.
   */
  'export:taskdefs-dialog': {
    request: z.strictObject({
      files: z
        .array(
          z.strictObject({
            name: z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9._-]{0,250}\.json$/, 'a plain file name ending in .json'),
            text: z.string().min(2).max(10 * 1024 * 1024),
          }),
        )
        .min(1)
        .max(500),
    }),
    response: z.strictObject({ dir: FilePathSchema, written: z.array(z.string()) }).nullable(),
  },
  /**
   * Infrastructure as code (or any generated file set) into a folder. Without `replaceIn`: asks for a folder; when
   * any target file exists there, writes nothing and lists them in `existing` (the page asks the user). With
   * `replaceIn` (a folder chosen by this channel earlier): writes into it, replacing files. `null` when cancelled.
   * Paths are relative, forward slashes, no hidden or parent segments (e.g. `lib/shop-stack.ts`).
   */
  'export:iac-dialog': {
    request: z.strictObject({
      files: z
        .array(
          z.strictObject({
            path: z
              .string()
              .regex(/^(?:[A-Za-z0-9_][A-Za-z0-9._-]{0,127}\/){0,4}[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/, 'a relative path of plain names (a/b.tf)'),
            text: z.string().max(10 * 1024 * 1024),
          }),
        )
        .min(1)
        .max(2000),
      replaceIn: FilePathSchema.optional(),
    }),
    response: z
      .strictObject({ dir: FilePathSchema, written: z.array(z.string()), existing: z.array(z.string()) })
      .nullable(),
  },
  'settings:get': { request: Empty, response: SettingsSchema },
  /** Merges the given settings and returns the full, stored result. */
  'settings:set': { request: SettingsSchema.partial(), response: SettingsSchema },
  /** Recently opened or saved design files, most recent first. */
  'recent:list': { request: Empty, response: z.array(FilePathSchema).max(MAX_RECENT_FILES) },
  /** The renderer has subscribed to main's events: main sends the open-file requests it queued until now. */
  'app:ready': { request: Empty, response: z.null() },
  /**
   * Preload only (see PRELOAD_ONLY_CHANNELS): reads a file the user dropped on the window. The preload obtains the
   * path from the dropped `File` with `webUtils.getPathForFile`; main grants it, then reads it as `design:read`.
   */
  'design:read-dropped': { request: z.strictObject({ path: FilePathSchema }), response: DesignFileSchema },
  /** The renderer's document has (or no longer has) unsaved changes; main then asks before closing the window. */
  'window:set-dirty': { request: z.strictObject({ dirty: z.boolean() }), response: z.null() },
  /**
   * The answer to an `app:request-close` event: `close: true` once the user saved or chose Don't Save (main then
   * closes the window, or quits), `close: false` when they cancelled.
   */
  'window:confirm-close': { request: z.strictObject({ close: z.boolean() }), response: z.null() },
  /** Writes (atomically) the hot-exit backup of a document with unsaved changes. */
  'backup:write': {
    request: z.strictObject({ key: BackupKeySchema, path: FilePathSchema.optional(), text: DesignTextSchema }),
    response: z.strictObject({ savedAt: TimestampSchema }),
  },
  /** Removes a backup (the document was saved, or its changes discarded). Removing a missing backup is fine. */
  'backup:discard': { request: z.strictObject({ key: BackupKeySchema }), response: z.null() },
  /** Every readable backup, newest first, plus the files that could not be read (left on disk). */
  'backup:list': { request: Empty, response: BackupListSchema },
  /** The price table refreshed earlier and kept in the user data dir, or null (then the shipped table applies). */
  'pricing:stored-table': { request: Empty, response: PriceTableSchema.nullable() },
  /**
   * Reads current prices from the AWS Price List API with the chosen profile (only when the user asks), stores the
   * validated table in the user data dir and returns it with the figures the answer lacked (kept from before).
   */
  'pricing:refresh': {
    request: z.strictObject({ profile: z.string().regex(/^[\w.+@/-]{1,128}$/, 'an AWS profile name').optional() }),
    response: z.strictObject({ table: PriceTableSchema, kept: z.array(z.string()) }),
  },
  /** AWS profiles from the shared config and credentials files: names, regions, kinds. Never a secret. */
  'aws:list-profiles': { request: Empty, response: AwsProfileListSchema },
  /** Imports one ECS cluster of a live account as a design (see ./awsImport.ts). Only the target crosses; never credentials. */
  'aws:import-account': { request: AwsImportRequestSchema, response: AwsImportResponseSchema },
  /** Deploy › Deploy…: desired vs live, per resource; read-only (see ./deploy.ts). */
  'deploy:plan': { request: DeployPlanRequestSchema, response: DeployPlanResponseSchema },
  /** Applies the design; progress on `deploy:event`; refuses when the removals differ from those confirmed. */
  'deploy:apply': { request: DeployApplyRequestSchema, response: DeployReportResponseSchema },
  /** Deploy › Destroy…: lists (planOnly) or deletes every resource carrying the design id, after the confirmation. */
  'deploy:destroy': { request: DeployDestroyRequestSchema, response: DeployReportResponseSchema },
  /** The answer to an `mfa` deploy event: the one-time code (never stored) or null to cancel. False = no such prompt. */
  'deploy:mfa-code': { request: DeployMfaAnswerSchema, response: z.boolean() },
  /** "CloudFormation stack" mode: creates a change set from the IaC export; main keeps it under the returned plan id. */
  'deploy:stack-plan': { request: DeployStackPlanRequestSchema, response: DeployStackPlanResponseSchema },
  /** Executes a kept change set (removals must match those confirmed); stack events on `deploy:event`. */
  'deploy:stack-execute': { request: DeployStackExecuteRequestSchema, response: DeployStackExecuteResponseSchema },
  /** Deletes a kept change set that will not be executed; false when there is none under that id. */
  'deploy:stack-discard': { request: DeployStackDiscardRequestSchema, response: z.boolean() },
  /** Deploy › Refresh Deployment Status: per service counts, deployments, events, stopped-task reasons. Read-only. */
  'deploy:status': { request: DeployStatusRequestSchema, response: DeployStatusResponseSchema },
  /** Deploy › Deploy…, before the plan: read-only checks of what the design references (roles, images, …) as findings. */
  'deploy:verify': { request: DeployVerifyRequestSchema, response: DeployVerifyResponseSchema },
} as const satisfies { readonly [C in InvokeChannel]: ChannelSpec };

export type Contract = typeof contract;

/** What a caller passes (defaults not yet applied). */
export type ChannelRequest<C extends InvokeChannel> = z.input<Contract[C]['request']>;
/** What a handler receives (after validation and defaults). */
export type ParsedRequest<C extends InvokeChannel> = z.output<Contract[C]['request']>;
export type ChannelResponse<C extends InvokeChannel> = z.output<Contract[C]['response']>;

/** Menu commands, main → renderer over MENU_COMMAND_CHANNEL. */
const SimpleCommandIds = MENU_COMMAND_IDS.filter(
  (id): id is Exclude<(typeof MENU_COMMAND_IDS)[number], 'file.openRecent'> => id !== 'file.openRecent',
);
export const MenuCommandSchema = z.union([
  z.strictObject({ id: z.enum(SimpleCommandIds) }),
  z.strictObject({ id: z.literal('file.openRecent'), path: FilePathSchema }),
]);

/** Events, main → renderer over OPEN_FILE_CHANNEL and REQUEST_CLOSE_CHANNEL. */
export const OpenFileEventSchema = z.strictObject({ path: FilePathSchema });
export const RequestCloseEventSchema = z.strictObject({ reason: z.enum(['close', 'quit']) });

/** Every channel declared in the contract, in declaration order (same as INVOKE_CHANNELS). */
export const CONTRACT_CHANNELS: readonly InvokeChannel[] = INVOKE_CHANNELS;
