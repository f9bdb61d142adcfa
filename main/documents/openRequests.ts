import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpenFileEvent } from '../../shared/ipc/channels';
import { FilePathSchema } from '../../shared/ipc/contract';
import type { PathGrants } from '../ipc/pathGrants';

/**
 * The one way main opens a design file it was given: on the command line, in a second instance's command line, or
 * through the OS file association (macOS 'open-file'). The path is granted (so the renderer may `design:read` it)
 * and an `app:open-file` event is sent; until the renderer said `app:ready`, requests wait in a queue.
 */
export interface OpenRequests {
  open(filePath: string): void;
  /** The renderer subscribed to events (app:ready): send what waited. */
  rendererReady(): void;
  /** The renderer is (re)loading: hold requests until it is ready again. */
  rendererReset(): void;
  pending(): readonly string[];
}

export function createOpenRequests(deps: { grants: PathGrants; send: (event: OpenFileEvent) => void }): OpenRequests {
  let ready = false;
  let queue: string[] = [];
  return {
    open(filePath) {
      const resolved = path.resolve(filePath);
      if (!FilePathSchema.safeParse(resolved).success) return;
      deps.grants.grant(resolved);
      if (ready) deps.send({ path: resolved });
      else if (!queue.includes(resolved)) queue.push(resolved);
    },
    rendererReady() {
      ready = true;
      const waiting = queue;
      queue = [];
      for (const p of waiting) deps.send({ path: p });
    },
    rendererReset() {
      ready = false;
    },
    pending: () => queue,
  };
}

/**
 * The design files named on a command line: arguments ending in `.json` that are not switches, resolved against
 * the directory the command ran in. `argv[0]` is the executable; when not packaged, `argv[1]` is the app folder
 * (`electron .`). Chromium's own switches (`--foo`) and macOS's `-psn_…` are skipped. Linux desktop entries may
 * pass `file://` URLs (`Exec=… %U`): those are turned into paths.
 */
export function designPathsFromArgv(argv: readonly string[], cwd: string, options: { isPackaged: boolean }): string[] {
  const args = argv.slice(options.isPackaged ? 1 : 2);
  const paths: string[] = [];
  let afterDoubleDash = false;
  for (const arg of args) {
    if (!afterDoubleDash && arg === '--') {
      afterDoubleDash = true;
      continue;
    }
    if (!afterDoubleDash && arg.startsWith('-')) continue;
    if (!arg.toLowerCase().endsWith('.json') || arg.includes('\0')) continue;
    let resolved: string;
    if (/^file:/i.test(arg)) {
      try {
        resolved = fileURLToPath(arg);
      } catch {
        continue;
      }
    } else if (/^[a-z][a-z0-9+.-]+:\/\//i.test(arg)) {
      continue; // another URL scheme: not a file
    } else resolved = path.resolve(cwd, arg);
    if (!paths.includes(resolved)) paths.push(resolved);
  }
  return paths;
}
