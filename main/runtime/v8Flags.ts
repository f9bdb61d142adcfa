/**
 * V8 options the `ecs-designer` command and the app's renderer run with.
 *
 * `--max-semi-space-size=64` (MiB; V8's default is 16 on 64-bit): exporting a large design allocates a lot that
 * lives until the export ends (the resource graph, the text being written). With the default young generation,
 * V8 collects it every 16 MiB and copies what is still alive each time. Measured with --trace-gc on a
 * 1,000-service export (graph + one format, warm runs), the collection pauses per export go from 24 to 13 ms for
 * the graph, 33 → 22 (CloudFormation YAML), 51 → 25 (JSON), 45 → 38 (Terraform) and 42 → 29 (CDK): 5–12% of an
 * export. (`npm run bench` times both settings; on a noisy machine the difference is often inside the noise.)
 * The young generation only grows to that size when a program keeps allocating, so a small design costs no more
 * memory than before; a 1,000-service export peaks at ~150 MB more.
 *
 * The CLI gets them from its shebang (bin/ecs-designer.mjs, `#!/usr/bin/env -S node …`, which npm's Windows
 * shims read as well); a running Node process cannot change its young generation's size any more. Electron
 * passes them to its renderers (`js-flags`), where the Export dialog renders.
 */
export const V8_FLAGS: readonly string[] = ['--max-semi-space-size=64'];

/** The shebang bin/ecs-designer.mjs must start with to run the CLI with V8_FLAGS. */
export const CLI_SHEBANG = `#!/usr/bin/env -S node ${V8_FLAGS.join(' ')}`;
