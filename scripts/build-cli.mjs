#!/usr/bin/env node
// Bundles the CLI (main/cli/main.ts and everything it imports: shared/, commander, zod, …) into
// dist/cli/ecs-designer.mjs, which bin/ecs-designer.mjs loads, and chunks beside it (dist/cli/chunks/) for what
// only some commands load when they run: the AWS SDK behind deploy, destroy, status and import --from-aws.
// Loading and initialising the SDK was most of every start (`ecs-designer --help` ~1 s); the build fails if it
// reaches the code every start loads. Runs as the package `prepare` script, so it needs nothing but esbuild and
// takes well under a second.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, 'main/cli/main.ts');
const outdir = path.join(root, 'dist/cli');
const outfile = path.join(outdir, 'ecs-designer.mjs');
const chunkDir = path.join(outdir, 'chunks');

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
  outdir,
  entryNames: 'ecs-designer',
  outExtension: { '.js': '.mjs' },
  // Content-hashed names: a rebuild writes changed chunks under new names, never over a chunk a running CLI may read.
  chunkNames: 'chunks/[name]-[hash]',
  // Dynamic import() of a module makes it a chunk of its own, loaded when that import runs.
  splitting: true,
  metafile: true,
  // Paths in the metafile are relative to the repository, wherever the script runs from.
  absWorkingDir: root,
  logLevel: 'warning',
  legalComments: 'none',
  define: { __ECS_DESIGNER_VERSION__: JSON.stringify(pkg.version) },
  // Bundled CommonJS dependencies (commander) call require() for Node built-ins, which an ES module lacks.
  banner: { js: "import { createRequire as __ecsdCreateRequire } from 'node:module';\nconst require = __ecsdCreateRequire(import.meta.url);" },
});

const entryOutput = path.relative(root, outfile).split(path.sep).join('/');
const file = result.outputFiles.find((f) => f.path === outfile);
if (!file || !result.metafile.outputs[entryOutput]) throw new Error(`build-cli: esbuild produced no ${outfile}`);
const chunks = result.outputFiles.filter((o) => o !== file);

// The code every start of the CLI loads: the entry and the chunks it imports statically, transitively.
const startup = new Set();
const pending = [entryOutput];
while (pending.length > 0) {
  const out = pending.pop();
  if (startup.has(out)) continue;
  startup.add(out);
  for (const imp of result.metafile.outputs[out]?.imports ?? []) if (imp.kind === 'import-statement' && !imp.external) pending.push(imp.path);
}
const sdkAtStartup = [...startup].flatMap((out) => Object.keys(result.metafile.outputs[out].inputs).filter((input) => /node_modules\/@(?:aws-sdk|smithy)\//.test(input)));
if (sdkAtStartup.length > 0) {
  console.error(
    `build-cli: the AWS SDK is loaded by every start of the CLI (${sdkAtStartup.length} modules, e.g. ${sdkAtStartup[0]}). ` +
      'Import what needs it with a dynamic import() where a command runs (see main/deploy/engineApi.ts).',
  );
  process.exit(1);
}

// Each file written to a temp file and renamed, chunks before the entry that imports them, so a CLI started
// meanwhile never loads a half-written file.
await mkdir(chunkDir, { recursive: true });
const written = new Set();
for (const f of [...chunks, file]) {
  const temp = `${f.path}.${process.pid}.tmp`;
  try {
    await writeFile(temp, f.contents);
    await rename(temp, f.path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
  written.add(f.path);
}
// Chunks of earlier builds (other hashes) are imported by no entry any more. (A CLI started before this build that
// has yet to load one of them fails to: a rebuild is a development step, not something done under running commands.)
for (const name of await readdir(chunkDir)) {
  const p = path.join(chunkDir, name);
  if (!written.has(p) && name.endsWith('.mjs')) await rm(p, { force: true });
}
const kib = (n) => Math.round(n / 1024);
const chunkBytes = chunks.reduce((n, o) => n + o.contents.length, 0);
console.log(
  `build-cli: wrote ${path.relative(process.cwd(), outfile) || outfile} (${kib(file.contents.length)} KiB) and ${chunks.length} chunks (${kib(chunkBytes)} KiB, loaded by the commands that need them)`,
);
