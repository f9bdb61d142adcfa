#!/usr/bin/env node
// Generates shared/aws/ecsModel.generated.ts (zod schemas for the ECS
// RegisterTaskDefinition input) from the official AWS API model that ships with
// botocore (data/ecs/2014-11-13/service-2.json[.gz]).
//
// Usage:
//   node scripts/gen-ecs-schema.mjs [modelPath] [--botocore-version X] [--out file] [--check]
//
//   modelPath           path to service-2.json.gz (or an uncompressed service-2.json);
//                       defaults to the botocore install of this machine.
//   --botocore-version  botocore version to record in the header; by default it is read
//                       from botocore/__init__.py next to the model's data/ directory.
//   --out               output file (default: shared/aws/ecsModel.generated.ts).
//   --check             do not write; exit 1 if the output file is not up to date.
//
// Only node built-ins are used. The output is deterministic: shapes are emitted in
// dependency (post-order DFS) order following the model's member order, and nothing
// time- or machine-dependent (dates, absolute paths) is written.

import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DEFAULT_MODEL =
  '/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/botocore/data/ecs/2014-11-13/service-2.json.gz';
const ROOT_SHAPE = 'RegisterTaskDefinitionRequest';
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_OUT = path.join(REPO_ROOT, 'shared', 'aws', 'ecsModel.generated.ts');
const MAX_DESCRIPTION = 200;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

// ---------------------------------------------------------------------------
// CLI

function parseArgs(argv) {
  const opts = { model: DEFAULT_MODEL, botocoreVersion: undefined, out: DEFAULT_OUT, check: false };
  let positional = 0;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--botocore-version') opts.botocoreVersion = value();
    else if (a === '--out') opts.out = path.resolve(value());
    else if (a === '--check') opts.check = true;
    else if (a === '-h' || a === '--help') {
      process.stdout.write(
        'node scripts/gen-ecs-schema.mjs [modelPath] [--botocore-version X] [--out file] [--check]\n',
      );
      process.exit(0);
    } else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else if (positional++ === 0) opts.model = path.resolve(a);
    else throw new Error(`unexpected argument ${a}`);
  }
  return opts;
}

// ---------------------------------------------------------------------------
// Model loading

function loadModel(file) {
  const bytes = readFileSync(file);
  const isGzip = bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  const text = (isGzip ? gunzipSync(bytes) : bytes).toString('utf8');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { model: JSON.parse(text), sha256 };
}

/** botocore/data/<service>/<version>/service-2.json.gz -> botocore/__init__.py */
function findBotocore(modelFile) {
  const dataDir = path.dirname(path.dirname(path.dirname(modelFile)));
  const pkgDir = path.dirname(dataDir);
  const init = path.join(pkgDir, '__init__.py');
  if (path.basename(dataDir) !== 'data' || !existsSync(init)) {
    return { version: null, label: path.basename(modelFile) };
  }
  const m = /^__version__\s*=\s*['"]([^'"]+)['"]/m.exec(readFileSync(init, 'utf8'));
  return {
    version: m ? m[1] : null,
    label: path.relative(pkgDir, modelFile).split(path.sep).join('/'),
  };
}

// ---------------------------------------------------------------------------
// Documentation -> one-line help text

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (all, e) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) ? String.fromCodePoint(cp) : all;
    }
    return ENTITIES[e.toLowerCase()] ?? all;
  });
}

const BLOCK_TAGS = /^(p|li|ul|ol|dl|dt|dd|br|note|important|div|table|tr|td|th|h\d)$/i;

function htmlToText(html) {
  const text = html.replace(/<\/?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g, (_all, tag) =>
    BLOCK_TAGS.test(tag) ? ' ' : '',
  );
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}

// A period ends a sentence when followed by whitespace (or the end), unless it
// belongs to a common abbreviation.
const ABBREVIATIONS = /(?:\b(?:e\.g|i\.e|etc|vs|approx|min|max|Inc|Ltd|No)|\b[A-Z])$/;

function firstSentence(text) {
  const re = /[.!?](?=\s|$)/g;
  let m;
  while ((m = re.exec(text)) !== null) {
    const before = text.slice(0, m.index);
    if (m[0] === '.' && ABBREVIATIONS.test(before)) continue;
    return text.slice(0, m.index + 1);
  }
  return text;
}

function truncate(s, max) {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}

/** First sentence of the documentation, preferring prose over <note>/<important> call-outs. */
function describeDoc(html) {
  if (!html) return undefined;
  const withoutCallouts = html.replace(/<(note|important)>[\s\S]*?<\/\1>/gi, ' ');
  const text = htmlToText(withoutCallouts) || htmlToText(html);
  if (!text) return undefined;
  return truncate(firstSentence(text), MAX_DESCRIPTION);
}

// ---------------------------------------------------------------------------
// Shape walking

function collectShapes(shapes, root) {
  const order = [];
  const state = new Map(); // name -> 'visiting' | 'done'
  const stack = [];
  const visit = (name) => {
    const shape = shapes[name];
    if (!shape) throw new Error(`shape ${name} is referenced but not defined in the model`);
    const s = state.get(name);
    if (s === 'done') return;
    if (s === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(name)), name].join(' -> ');
      throw new Error(
        `recursive shape reference ${cycle}; the generator emits plain consts in dependency order and does not support recursion (it would need getters / z.lazy)`,
      );
    }
    state.set(name, 'visiting');
    stack.push(name);
    for (const ref of shapeRefs(shape)) visit(ref);
    stack.pop();
    state.set(name, 'done');
    order.push(name);
  };
  visit(root);
  return order;
}

function shapeRefs(shape) {
  switch (shape.type) {
    case 'structure':
      return Object.values(shape.members ?? {}).map((m) => m.shape);
    case 'list':
      return [shape.member.shape];
    case 'map':
      return [shape.key.shape, shape.value.shape];
    default:
      return [];
  }
}

const PRIMITIVES = new Set(['string', 'integer', 'long', 'boolean', 'double', 'float']);

/** Shapes that get a named export. Unconstrained primitives are inlined. */
function isNamed(shape) {
  if (!PRIMITIVES.has(shape.type)) return true;
  return shape.enum !== undefined || shape.min !== undefined || shape.max !== undefined || shape.pattern !== undefined;
}

function num(n) {
  return String(n);
}

/** The zod expression for a shape's *definition* (used for the named const, or inline). */
function definitionExpr(name, shape, ref) {
  switch (shape.type) {
    case 'structure':
      return structureExpr(shape, ref);
    case 'list': {
      let e = `z.array(${ref(shape.member.shape)})`;
      if (shape.min !== undefined && shape.min > 0) e += `.min(${num(shape.min)})`;
      if (shape.max !== undefined) e += `.max(${num(shape.max)})`;
      return e;
    }
    case 'map':
      if (shape.min !== undefined || shape.max !== undefined) {
        throw new Error(`map ${name} has min/max; not supported by the generator`);
      }
      return `z.record(${ref(shape.key.shape)}, ${ref(shape.value.shape)})`;
    case 'string': {
      if (shape.enum) {
        if (shape.min !== undefined || shape.max !== undefined || shape.pattern !== undefined) {
          throw new Error(`enum ${name} also has min/max/pattern; not supported by the generator`);
        }
        return `z.enum([${shape.enum.map((v) => JSON.stringify(v)).join(', ')}])`;
      }
      let e = 'z.string()';
      if (shape.min !== undefined && shape.min > 0) e += `.min(${num(shape.min)})`;
      if (shape.max !== undefined) e += `.max(${num(shape.max)})`;
      if (shape.pattern !== undefined) {
        new RegExp(shape.pattern, 'u'); // throws if the model pattern is not a valid JS regex
        // Model patterns are not implicitly anchored (Smithy semantics), so they are kept as is.
        e += `.regex(new RegExp(${JSON.stringify(shape.pattern)}, "u"))`;
      }
      return e;
    }
    case 'integer': {
      // Smithy/AWS "integer" is a 32-bit signed integer; the service rejects values outside that range.
      const min = shape.min ?? INT32_MIN;
      const max = shape.max ?? INT32_MAX;
      if (min === INT32_MIN && max === INT32_MAX) return 'int32()';
      return `z.number().int().min(${num(min)}).max(${num(max)})`;
    }
    case 'long': {
      let e = 'z.number().int()';
      if (shape.min !== undefined) e += `.min(${num(shape.min)})`;
      if (shape.max !== undefined) e += `.max(${num(shape.max)})`;
      return e;
    }
    case 'double':
    case 'float': {
      let e = 'z.number()';
      if (shape.min !== undefined) e += `.min(${num(shape.min)})`;
      if (shape.max !== undefined) e += `.max(${num(shape.max)})`;
      return e;
    }
    case 'boolean':
      return 'z.boolean()';
    default:
      throw new Error(`shape ${name} has type ${shape.type}, which the generator does not support`);
  }
}

function structureExpr(shape, ref) {
  const required = new Set(shape.required ?? []);
  for (const r of required) {
    if (!(r in (shape.members ?? {}))) throw new Error(`required member ${r} is not a member`);
  }
  const lines = [];
  for (const [member, spec] of Object.entries(shape.members ?? {})) {
    let e = ref(spec.shape);
    if (!required.has(member)) e += '.optional()';
    const doc = describeDoc(spec.documentation) ?? describeDoc(shapeDocs.get(spec.shape));
    if (doc !== undefined) e += `.describe(${JSON.stringify(doc)})`;
    if (spec.deprecated) {
      const meta = { deprecated: true };
      if (spec.deprecatedMessage) meta.deprecationMessage = spec.deprecatedMessage;
      e += `.meta(${JSON.stringify(meta)})`;
    }
    const key = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(member) ? member : JSON.stringify(member);
    lines.push(`  ${key}: ${e},`);
  }
  return lines.length === 0 ? 'z.strictObject({})' : `z.strictObject({\n${lines.join('\n')}\n})`;
}

const shapeDocs = new Map();

// ---------------------------------------------------------------------------
// Emit

function generate(model, { sha256, botocoreVersion, modelLabel }) {
  const shapes = model.shapes;
  for (const [n, s] of Object.entries(shapes)) shapeDocs.set(n, s.documentation);
  const order = collectShapes(shapes, ROOT_SHAPE);

  const ref = (name) => {
    const shape = shapes[name];
    return isNamed(shape) ? `${name}Schema` : definitionExpr(name, shape, ref);
  };

  const apiVersion = model.metadata?.apiVersion ?? null;
  const out = [];
  out.push(
    '// GENERATED FILE, DO NOT EDIT.',
    '//',
    `// Zod schemas for the Amazon ECS ${ROOT_SHAPE} shape and every shape reachable from it,`,
    '// generated from the official AWS API model shipped with botocore:',
    `//   model:    botocore ${botocoreVersion ?? '(unknown version)'}, ${modelLabel}`,
    `//   api:      ${model.metadata?.serviceFullName ?? 'ECS'} ${apiVersion ?? ''}`.trimEnd(),
    `//   sha256:   ${sha256}`,
    '// Regenerate with: node scripts/gen-ecs-schema.mjs [path/to/service-2.json.gz]',
    '//',
    '// Mapping: structure -> z.strictObject (unknown keys rejected, as the AWS API does);',
    '// members are optional unless listed in the shape\'s "required"; string enums -> z.enum;',
    '// integer -> 32-bit integer; long -> integer; list -> z.array; map -> z.record; min/max and',
    '// patterns only where the model states them (model patterns are not anchored). Every member',
    '// carries .describe() with the first sentence of its documentation.',
    '',
    "import { z } from 'zod';",
    '',
    'export const ecsModelInfo = {',
    `  apiVersion: ${JSON.stringify(apiVersion)},`,
    `  botocoreVersion: ${JSON.stringify(botocoreVersion)},`,
    `  modelSha256: ${JSON.stringify(sha256)},`,
    '} as const;',
    '',
    '/** Smithy "integer": a 32-bit signed integer. */',
    `const int32 = () => z.number().int().min(${INT32_MIN}).max(${INT32_MAX});`,
    '',
  );

  // Members of the DescribeTaskDefinition output that RegisterTaskDefinition does not accept.
  const describe = shapes.TaskDefinition;
  if (describe?.type === 'structure') {
    const accepted = new Set(Object.keys(shapes[ROOT_SHAPE].members));
    const extra = Object.keys(describe.members).filter((k) => !accepted.has(k));
    out.push(
      '/** Members of the TaskDefinition shape (describe-task-definition output) that are not members of RegisterTaskDefinitionRequest. */',
      `export const describeOnlyTaskDefinitionMembers = [${extra.map((k) => JSON.stringify(k)).join(", ")}] as const;`,
      '',
    );
  }

  for (const name of order) {
    const shape = shapes[name];
    if (!isNamed(shape)) continue;
    const doc = describeDoc(shape.documentation);
    const comments = [];
    if (doc) comments.push(doc.replace(/\*\//g, '*\\/'));
    if (shape.deprecated) comments.push(`@deprecated ${shape.deprecatedMessage ?? ''}`.trimEnd());
    if (comments.length === 1) out.push(`/** ${comments[0]} */`);
    else if (comments.length > 1) out.push('/**', ...comments.map((c) => ` * ${c}`), ' */');
    out.push(`export const ${name}Schema = ${definitionExpr(name, shape, ref)};`);
    out.push(`export type ${name} = z.infer<typeof ${name}Schema>;`);
    out.push('');
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const { model, sha256 } = loadModel(opts.model);
  const found = findBotocore(opts.model);
  const text = generate(model, {
    sha256,
    botocoreVersion: opts.botocoreVersion ?? found.version,
    modelLabel: found.label,
  });
  const rel = path.relative(process.cwd(), opts.out) || opts.out;
  if (opts.check) {
    const current = existsSync(opts.out) ? readFileSync(opts.out, 'utf8') : null;
    if (current !== text) {
      process.stderr.write(`${rel} is out of date; run node scripts/gen-ecs-schema.mjs\n`);
      process.exit(1);
    }
    process.stdout.write(`${rel} is up to date\n`);
    return;
  }
  writeFileSync(opts.out, text);
  process.stdout.write(`wrote ${rel} (${Buffer.byteLength(text)} bytes)\n`);
}

try {
  main();
} catch (err) {
  process.stderr.write(`gen-ecs-schema: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
