#!/usr/bin/env node
// The `ecs-designer` command (package.json "bin"). The CLI itself is bundled by scripts/build-cli.mjs
// (run by `npm install` through the `prepare` script, or by `npm run build:cli`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/cli/ecs-designer.mjs', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write('ecs-designer: the CLI is not built yet; run "npm run build:cli" first\n');
  process.exit(2);
}
await import(bundle.href);
