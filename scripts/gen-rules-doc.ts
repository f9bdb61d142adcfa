/**
 * Writes docs/rules.md from the rule catalog (shared/rules). Run: npx tsx scripts/gen-rules-doc.ts
 * shared/rules/docTable.test.ts fails when the committed file differs from what this writes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rulesMarkdown } from '../shared/rules/docTable';

const out = resolve(dirname(fileURLToPath(import.meta.url)), '../docs/rules.md');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, rulesMarkdown());
console.log(`wrote ${out}`);
