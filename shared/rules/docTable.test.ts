import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rulesMarkdown } from './docTable';
import { QUICK_FIXES, RULES, SCHEMA_RULES } from './index';

describe('docs/rules.md', () => {
  it('is up to date with the rule catalog (regenerate: npx tsx scripts/gen-rules-doc.ts)', () => {
    const file = readFileSync(fileURLToPath(new URL('../../docs/rules.md', import.meta.url)), 'utf8');
    expect(file).toBe(rulesMarkdown());
  });

  it('lists every rule, schema check and quick fix', () => {
    const md = rulesMarkdown();
    for (const r of [...RULES, ...SCHEMA_RULES]) expect(md).toContain(`| \`${r.id}\` |`);
    for (const f of QUICK_FIXES) expect(md).toContain(`| \`${f.id}\` |`);
  });
});

describe('the rule catalog', () => {
  it('has unique, stable-looking ids, every severity, an AWS doc link and a description', () => {
    const ids = [...RULES, ...SCHEMA_RULES].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of [...RULES, ...SCHEMA_RULES]) {
      expect(r.id).toMatch(/^[a-z0-9]+\/[a-z0-9-]+$/);
      expect(['error', 'warning', 'info']).toContain(r.severity);
      expect(r.docUrl).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      expect(r.title.length).toBeGreaterThan(10);
      expect(r.description.length).toBeGreaterThan(20);
    }
  });

  it('quick fixes and rules name each other consistently', () => {
    const fixIds = new Set(QUICK_FIXES.map((f) => f.id));
    for (const r of RULES) for (const id of r.fixes ?? []) expect(fixIds, `${r.id} → ${id}`).toContain(id);
    for (const f of QUICK_FIXES) {
      for (const ruleId of f.ruleIds) {
        const rule = RULES.find((r) => r.id === ruleId);
        expect(rule?.fixes ?? [], `${f.id} resolves ${ruleId}`).toContain(f.id);
      }
    }
  });
});
