import type * as EngineApi from './engineApi';

/** The deploy engine and the AWS SDK behind it (engineApi.ts), as loaded when a deploy, destroy or status runs. */
export type DeployEngine = typeof EngineApi;

/** Loads the deploy engine (and with it the AWS SDK) the first time it is asked for; see engineApi.ts for why. */
export function loadDeployEngine(): Promise<DeployEngine> {
  return import('./engineApi');
}
