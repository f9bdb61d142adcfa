import type { InvokeChannel, MenuCommand } from './channels';
import type { ChannelRequest, ChannelResponse } from './contract';
import type { Result } from './result';

/**
 * The API the preload exposes as `window.ecsDesigner`: exactly the contract's channels, plus the one-way
 * menu-command subscription. Every call resolves to a `Result`; it rejects only when the transport itself
 * fails (for example, the main process is gone).
 */
export type InvokeApi = {
  readonly [C in InvokeChannel]: (request: ChannelRequest<C>) => Promise<Result<ChannelResponse<C>>>;
};

export interface EcsDesignerApi {
  readonly invoke: InvokeApi;
  /** Subscribes to native-menu commands; returns the unsubscribe function. The listener gets only the command. */
  readonly onCommand: (listener: (command: MenuCommand) => void) => () => void;
}
