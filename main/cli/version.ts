import { readFileSync } from 'node:fs';

/** Replaced by scripts/build-cli.mjs (esbuild `define`) with package.json's version. */
declare const __ECS_DESIGNER_VERSION__: string | undefined;

/** The version `ecs-designer --version` prints: package.json's, baked into the bundle, read from the repo when run from source. */
export function cliVersion(): string {
  if (typeof __ECS_DESIGNER_VERSION__ === 'string') return __ECS_DESIGNER_VERSION__;
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0-dev';
  } catch {
    return '0.0.0-dev';
  }
}
