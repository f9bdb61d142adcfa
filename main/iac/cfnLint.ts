/**
 * cfn-lint over generated CloudFormation text (test helper): writes the templates into a temporary folder and
 * runs the pinned cfn-lint once over all of them (the runner in ./cdkSynth fails, naming `pip install cfn-lint`,
 * when cfn-lint is not installed).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cfnLint, type CfnLintFinding } from './cdkSynth';

export type { CfnLintFinding };

/** Lints each template (file name → text; the extension tells cfn-lint YAML from JSON); returns every finding with the name it came from. */
export async function lintTemplateTexts(templates: ReadonlyMap<string, string>): Promise<(CfnLintFinding & { name: string })[]> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'ecsd-cfn-lint-'));
  try {
    const byPath = new Map<string, string>();
    for (const [name, text] of templates) {
      const file = path.join(root, name.replace(/[^A-Za-z0-9._-]/g, '_'));
      if (byPath.has(file)) throw new Error(`two templates would be written to ${file}`);
      byPath.set(file, name);
      await writeFile(file, text, 'utf8');
    }
    const findings = await cfnLint([...byPath.keys()]);
    return findings.map((f) => ({ ...f, name: byPath.get(path.resolve(root, f.file)) ?? byPath.get(f.file) ?? f.file }));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** One line per finding, for assertion messages. */
export function describeFindings(findings: readonly (CfnLintFinding & { name: string })[]): string {
  return findings.map((f) => `${f.name}: ${f.level} ${f.rule} at ${f.path.join('/')}: ${f.message}`).join('\n');
}
