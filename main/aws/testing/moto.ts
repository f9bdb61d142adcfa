import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { awsClientConfig, type AwsClientConfig, type AwsTarget } from '../clientConfig';

/**
 * Test harness for moto, the local AWS API emulator: `startMoto()` spawns `moto_server -H 127.0.0.1 -p <free port>`,
 * waits until it answers and hands back its endpoint, a `reset()` (POST /moto-api/reset, the emulator's "forget
 * everything") and a `stop()`.
 *
 * - A missing `moto_server` is an error naming the install command, so AWS tests FAIL on a machine without it
 *   (never skip silently).
 * - The server runs in its own process group; `stop()` and the exit of the test process kill that group, so no
 *   orphan servers survive a test run.
 * - Only 127.0.0.1: the harness never reaches anything else.
 */

export interface MotoServer {
  /** e.g. http://127.0.0.1:41234 — pass as `endpointUrl`. */
  readonly endpoint: string;
  /** Forgets every resource (POST /moto-api/reset). */
  reset(): Promise<void>;
  /** Kills the server; safe to call twice. */
  stop(): Promise<void>;
}

export interface StartMotoOptions {
  /** Extra environment for the server, e.g. `{ MOTO_ECS_SERVICE_RUNNING: '1' }`. */
  readonly env?: Readonly<Record<string, string>>;
  /** How long to wait for the server to answer (ms). Default 60 s: first start imports a lot of Python. */
  readonly startTimeoutMs?: number;
  /** The executable; default `moto_server` from PATH (tests of the harness point it elsewhere). */
  readonly command?: string;
}

export const MOTO_INSTALL_HINT = 'pip install "moto[server]"';

export class MotoStartError extends Error {
  override name = 'MotoStartError';
}

/** Dummy credentials moto accepts; never real ones. */
export const MOTO_CREDENTIALS = async () => ({ accessKeyId: 'testing', secretAccessKey: 'testing' });

/** An AwsTarget for a moto endpoint with dummy credentials (what the code under test receives). */
export function motoTarget(endpointUrl: string, region = 'us-east-1'): AwsTarget {
  return { region, endpointUrl, credentials: MOTO_CREDENTIALS, maxAttempts: 2 };
}

/** SDK client config for seeding/inspecting moto in tests: `new ECSClient(motoClientConfig(moto.endpoint))`. */
export function motoClientConfig(endpointUrl: string, region = 'us-east-1'): AwsClientConfig {
  return awsClientConfig(motoTarget(endpointUrl, region));
}

/** A port nobody listens on right now: bind port 0 on 127.0.0.1, read the port, close. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('could not read the port of a bound socket'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: a signal to the process group is.
  process.on('exit', () => {
    for (const child of live) killGroup(child, 'SIGKILL');
  });
}

function tail(text: string, lines = 12): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    const res = await fetch(`${endpoint}/moto-api/data.json`, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

async function startOnce(port: number, opts: StartMotoOptions): Promise<MotoServer> {
  const command = opts.command ?? 'moto_server';
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(command, ['-H', '127.0.0.1', '-p', String(port)], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...opts.env },
  });
  installExitHook();
  live.add(child);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-8000)));
  child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-8000)));

  const exited = new Promise<{ code: number | null; error?: NodeJS.ErrnoException }>((resolve) => {
    child.on('error', (error: NodeJS.ErrnoException) => resolve({ code: null, error }));
    child.on('exit', (code) => resolve({ code }));
  });
  exited.then(() => live.delete(child), () => live.delete(child));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    live.delete(child);
  };

  const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
  let gone: { code: number | null; error?: NodeJS.ErrnoException } | undefined;
  void exited.then((e) => (gone = e));
  for (;;) {
    if (gone) {
      if (gone.error?.code === 'ENOENT' || gone.code === 127) {
        throw new MotoStartError(`${command} was not found: install moto with ${MOTO_INSTALL_HINT} (AWS tests need it)`);
      }
      const why = gone.error ? gone.error.message : `exited with code ${gone.code}`;
      throw new MotoStartError(`${command} ${why} before answering on ${endpoint}${output ? `:\n${tail(output)}` : ''}`);
    }
    if (await answers(endpoint)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new MotoStartError(`${command} did not answer on ${endpoint} within ${opts.startTimeoutMs ?? 60_000} ms${output ? `:\n${tail(output)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    endpoint,
    async reset() {
      const res = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`moto reset failed: HTTP ${res.status}`);
    },
    stop,
  };
}

/** Starts moto on a free port; retries on another port if the chosen one was taken in between. */
export async function startMoto(opts: StartMotoOptions = {}): Promise<MotoServer> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(await freePort(), opts);
    } catch (e) {
      lastError = e;
      const message = e instanceof Error ? e.message : String(e);
      if (!/address already in use/i.test(message)) throw e;
    }
  }
  throw lastError;
}
