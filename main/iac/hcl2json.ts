/**
 * Checks of generated Terraform with independent tools (test helpers):
 * - `parseTerraform` parses every `.tf` file with @cdktf/hcl2json (HashiCorp's HCL parser compiled to wasm);
 * - `terraformReferenceProblems` walks the parsed JSON and resolves every reference inside `${…}` expressions
 *   against the declared resources, data sources and variables;
 * - `hclfmtDiffs` runs HashiCorp's canonical formatter (`hclfmt`, installed by `.ci/run` into `.tools/bin`) and
 *   reports every file it would change.
 */

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { getReferencesInExpression, parse } from '@cdktf/hcl2json';
import type { GeneratedFile } from '../../shared/iac/ir';

const run = promisify(execFile);

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Pinned hclfmt (github.com/hashicorp/hcl/v2/cmd/hclfmt), installed by .ci/run. */
export const HCLFMT_VERSION = 'v2.24.0';
export const HCLFMT_PATH = path.join(REPO_ROOT, '.tools', 'bin', 'hclfmt');
export const HCLFMT_INSTALL = `GOBIN=${path.join(REPO_ROOT, '.tools', 'bin')} go install github.com/hashicorp/hcl/v2/cmd/hclfmt@${HCLFMT_VERSION}`;

// hcl2json's JSON is loosely typed (blocks become arrays of objects keyed by labels).
type Json = unknown;
export type TerraformJson = Record<string, Json>;

/** Parses each `.tf` file; throws with the file name on a syntax error. */
export async function parseTerraform(files: readonly GeneratedFile[]): Promise<Map<string, TerraformJson>> {
  const out = new Map<string, TerraformJson>();
  for (const f of files) {
    if (!f.path.endsWith('.tf')) continue;
    try {
      out.set(f.path, (await parse(f.path, f.contents)) as TerraformJson);
    } catch (err) {
      throw new Error(`hcl2json could not parse ${f.path}: ${String(err)}`);
    }
  }
  return out;
}

function asRecord(v: Json): Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, Json>) : {};
}

/** Declared addresses: `aws_x.name`, `data.aws_x.name`, `var.name`, `output.name` (for counting). */
export function declarations(parsed: ReadonlyMap<string, TerraformJson>): {
  resources: Map<string, Record<string, Json>>;
  data: Set<string>;
  variables: Set<string>;
  outputs: Set<string>;
} {
  const resources = new Map<string, Record<string, Json>>();
  const data = new Set<string>();
  const variables = new Set<string>();
  const outputs = new Set<string>();
  for (const json of parsed.values()) {
    for (const [type, byName] of Object.entries(asRecord(json.resource))) {
      for (const [name, bodies] of Object.entries(asRecord(byName))) {
        const body = Array.isArray(bodies) ? asRecord(bodies[0] as Json) : {};
        resources.set(`${type}.${name}`, body);
      }
    }
    for (const [type, byName] of Object.entries(asRecord(json.data))) {
      for (const name of Object.keys(asRecord(byName))) data.add(`data.${type}.${name}`);
    }
    for (const name of Object.keys(asRecord(json.variable))) variables.add(`var.${name}`);
    for (const name of Object.keys(asRecord(json.output))) outputs.add(name);
  }
  return { resources, data, variables, outputs };
}

function collectStrings(v: Json, into: string[]): void {
  if (typeof v === 'string') {
    if (v.includes('${')) into.push(v);
  } else if (Array.isArray(v)) {
    for (const item of v) collectStrings(item as Json, into);
  } else if (typeof v === 'object' && v !== null) {
    // lifecycle.ignore_changes lists attribute names of the resource itself, not references.
    for (const [key, item] of Object.entries(v)) if (key !== 'lifecycle') collectStrings(item as Json, into);
  }
}

/** Every reference that does not resolve to a declaration (empty when all resolve), plus how many were checked. */
export async function terraformReferenceProblems(
  parsed: ReadonlyMap<string, TerraformJson>,
): Promise<{ checked: number; problems: string[] }> {
  const decl = declarations(parsed);
  const problems: string[] = [];
  let checked = 0;
  for (const [file, json] of parsed) {
    const strings: string[] = [];
    collectStrings(json, strings);
    for (const s of strings) {
      for (const ref of await getReferencesInExpression(file, s)) {
        const parts = ref.value.split('.');
        // A bare keyword is a type constraint (`string`, `list(string)`), not a reference.
        if (parts.length === 1 && /^(string|number|bool|list|map|set|object|tuple|any)$/.test(ref.value)) continue;
        checked++;
        let ok: boolean;
        if (parts[0] === 'var') ok = decl.variables.has(`var.${parts[1] ?? ''}`);
        else if (parts[0] === 'data') ok = parts.length >= 4 && decl.data.has(`data.${parts[1] ?? ''}.${parts[2] ?? ''}`);
        else ok = parts.length >= 2 && decl.resources.has(`${parts[0] ?? ''}.${parts[1] ?? ''}`);
        if (!ok) problems.push(`${file}: ${ref.value} does not resolve to a declared resource, data source or variable`);
      }
    }
  }
  return { checked, problems };
}

/** Files hclfmt would reformat, each with a short unified-style excerpt. Throws when hclfmt is not installed. */
export async function hclfmtDiffs(files: readonly GeneratedFile[]): Promise<string[]> {
  if (!existsSync(HCLFMT_PATH)) {
    throw new Error(`hclfmt is not installed at ${HCLFMT_PATH}; install it with: ${HCLFMT_INSTALL}`);
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ecsd-hclfmt-'));
  try {
    const diffs: string[] = [];
    for (const f of files) {
      if (!f.path.endsWith('.tf')) continue;
      const file = path.join(dir, path.basename(f.path));
      await writeFile(file, f.contents);
      const { stdout } = await run(HCLFMT_PATH, [file], { maxBuffer: 64 * 1024 * 1024 });
      if (stdout !== f.contents) {
        const a = f.contents.split('\n');
        const b = stdout.split('\n');
        const at = a.findIndex((line, i) => line !== b[i]);
        diffs.push(`${f.path}:${at + 1}: generated ${JSON.stringify(a[at])}, hclfmt ${JSON.stringify(b[at])}`);
      }
    }
    return diffs;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
