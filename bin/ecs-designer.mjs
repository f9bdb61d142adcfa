#!/usr/bin/env -S node --max-semi-space-size=64
// The `ecs-designer` command (package.json "bin"). The CLI itself is bundled by scripts/build-cli.mjs
// (run by `npm install` through the `prepare` script, or by `npm run build:cli`). The node options of the
// first line are main/runtime/v8Flags.ts's V8_FLAGS (why: see there; main/runtime/v8Flags.test.ts keeps them equal).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/cli/ecs-designer.mjs', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write('ecs-designer: the CLI is not built yet; run "npm run build:cli" first\n');
  process.exit(2);
}
await import(bundle.href);
