import type { EcsDesignerApi } from '../../shared/ipc/api';

declare global {
  interface Window {
    /** Installed by the preload (in Electron) or by the e2e bridge; absent in a plain browser. */
    readonly ecsDesigner?: EcsDesignerApi;
  }
}

export {};
