/**
 * V8 options the `ecs-designer` command and the app's renderer run with.
 *
 * `--max-semi-space-size=64` (MiB; V8's default is 16 on 64-bit): exporting a large design allocates a lot that
 * lives until the export ends (the resource graph, the text being written). With the default young generation,
 * V8 collects it every 16 MiB and copies what is still alive each time: a 1,000-service export went through ~10
 * such collections per format, and took 20–30% longer (and varied twice as much) than with 64 MiB, where most of
 * it is collected once (`npm run bench` prints both). The young generation only grows to that size when a
 * program keeps allocating, so a small design costs no more memory than before; a 1,000-service export peaks at
 * ~150 MB more.
 *
 * The CLI gets them from its shebang (bin/ecs-designer.mjs, `#!/usr/bin/env -S node …`, which npm's Windows
 * shims read as well); a running Node process cannot change its young generation's size any more. Electron
 * passes them to its renderers (`js-flags`), where the Export dialog renders.
 */
export const V8_FLAGS: readonly string[] = ['--max-semi-space-size=64'];

/** The shebang bin/ecs-designer.mjs must start with to run the CLI with V8_FLAGS. */
export const CLI_SHEBANG = `#!/usr/bin/env -S node ${V8_FLAGS.join(' ')}`;
