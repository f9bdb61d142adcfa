import type { MenuCommand, OpenFileEvent, PageInvokeChannel, RequestCloseEvent } from './channels';
import type { ChannelRequest, ChannelResponse, DesignFile } from './contract';
import type { DeployEventFrame } from './deployEvents';
import type { Result } from './result';

/**
 * The API the preload exposes as `window.ecsDesigner`: exactly the contract's page channels, plus the one-way
 * event subscriptions and the dropped-file reader. Every call resolves to a `Result`; it rejects only when the
 * transport itself fails (for example, the main process is gone).
 */
export type InvokeApi = {
  readonly [C in PageInvokeChannel]: (request: ChannelRequest<C>) => Promise<Result<ChannelResponse<C>>>;
};

/**
 * A file the user dropped on the window (a DOM `File`; shared/ has no DOM types, so it is described by the two
 * fields the API relies on). Only a real dropped or chosen `File` has a path: one built by script has none.
 */
export interface DroppedFile {
  readonly name: string;
  readonly size: number;
}

export interface EcsDesignerApi {
  readonly invoke: InvokeApi;
  /** Subscribes to native-menu commands; returns the unsubscribe function. The listener gets only the command. */
  readonly onCommand: (listener: (command: MenuCommand) => void) => () => void;
  /** Main asks to open a file it granted (command line, second instance, OS file association). */
  readonly onOpenFile: (listener: (event: OpenFileEvent) => void) => () => void;
  /** The user closes the window or quits with unsaved changes: ask, then answer with `window:confirm-close`. */
  readonly onRequestClose: (listener: (event: RequestCloseEvent) => void) => () => void;
  /** Deploy progress, stack events and MFA prompts (main validates them with DeployEventSchema of ./deploy.ts). */
  readonly onDeployEvent: (listener: (event: DeployEventFrame) => void) => () => void;
  /**
   * Reads a design file dropped on the window. The preload takes the path from the `File` itself
   * (`webUtils.getPathForFile`), so page script cannot name an arbitrary path; FORBIDDEN when the `File` has none.
   */
  readonly readDroppedFile: (file: DroppedFile) => Promise<Result<DesignFile>>;
}

/** The keys of `window.ecsDesigner`, for tests that check the exposed surface. */
export const API_KEYS = ['invoke', 'onCommand', 'onOpenFile', 'onRequestClose', 'onDeployEvent', 'readDroppedFile'] as const;
