import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startMoto, type MotoServer, type StartMotoOptions } from './moto';

export interface UseMotoOptions extends StartMotoOptions {
  /** Reset moto before each test (default true); registered first, so it runs before the file's own beforeEach. */
  readonly resetEachTest?: boolean;
}

/**
 * One moto server for the test file: started before its tests, stopped after them, reset before each test.
 * Returns a handle usable at module level (`const moto = useMoto()`; `moto.endpoint` inside tests).
 */
export function useMoto(opts: UseMotoOptions = {}): MotoServer {
  const { resetEachTest = true, ...startOptions } = opts;
  let server: MotoServer | undefined;
  const started = (): MotoServer => {
    if (!server) throw new Error('moto is not running: use the handle inside tests or hooks, not at module level');
    return server;
  };
  beforeAll(async () => {
    server = await startMoto(startOptions);
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
  });
  if (resetEachTest) {
    beforeEach(async () => {
      await started().reset();
    }, 60_000);
  }
  return {
    get endpoint() {
      return started().endpoint;
    },
    reset: () => started().reset(),
    stop: () => started().stop(),
  };
}
