#!/usr/bin/env node
// Bundles the CLI (main/cli/main.ts and everything it imports: shared/, commander, zod, …) into one file,
// dist/cli/ecs-designer.mjs, which bin/ecs-designer.mjs loads. Runs as the package `prepare` script, so it
// needs nothing but esbuild and takes well under a second.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, 'main/cli/main.ts');
const outfile = path.join(root, 'dist/cli/ecs-designer.mjs');

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  // `npm install --omit=dev` runs `prepare` without devDependencies: the CLI cannot be built then, but that
  // must not fail the install.
  const message = 'build-cli: esbuild is not installed (devDependencies omitted?); the ecs-designer CLI was not built';
  if (process.env.npm_lifecycle_event === 'prepare') {
    console.warn(`${message}.`);
    process.exit(0);
  }
  console.error(`${message}. Run "npm install" first.`);
  process.exit(1);
}

const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));

const result = await esbuild.build({
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  write: false,
  outfile,
  logLevel: 'warning',
  legalComments: 'none',
  define: { __ECS_DESIGNER_VERSION__: JSON.stringify(pkg.version) },
  // Bundled CommonJS dependencies (commander) call require() for Node built-ins, which an ES module lacks.
  banner: { js: "import { createRequire as __ecsdCreateRequire } from 'node:module';\nconst require = __ecsdCreateRequire(import.meta.url);" },
});

const file = result.outputFiles.find((f) => f.path === outfile);
if (!file) throw new Error(`build-cli: esbuild produced no ${outfile}`);

// Written to a temp file and renamed, so a CLI started meanwhile never loads a half-written bundle.
await mkdir(path.dirname(outfile), { recursive: true });
const temp = `${outfile}.${process.pid}.tmp`;
try {
  await writeFile(temp, file.contents);
  await rename(temp, outfile);
} catch (e) {
  await rm(temp, { force: true });
  throw e;
}
console.log(`build-cli: wrote ${path.relative(process.cwd(), outfile) || outfile} (${Math.round(file.contents.length / 1024)} KiB)`);
