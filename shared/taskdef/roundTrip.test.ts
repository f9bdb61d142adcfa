import { describe, expect, it } from 'vitest';
import { expectedRegisterInput } from '../test-support/taskdefs';
import { corpusFiles } from '../test-support/corpus';
import { parseDesignText, serializeDesign } from '../model/document';
import { sequentialIds } from '../model/ids';
import { exportTaskDefinition } from './export';
import { importTaskDefinition } from './import';


/** Templates whose placeholders sit in enum fields: AWS would reject them, so import must name the field. */
const TEMPLATES: Record<string, string> = {
  'aws-samples__container-insights__cwagent-prometheus-templated.json': '/networkMode',
};

describe('task definition round trip over the public corpus', () => {
  for (const file of corpusFiles('taskdefs')) {
    const raw = JSON.parse(file.text) as Record<string, unknown>;
    const template = TEMPLATES[file.name];
    if (template !== undefined) {
      it(`${file.name}: refused with an error naming ${template}`, () => {
        const result = importTaskDefinition(raw);
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.findings.map((f) => f.path)).toContain(template);
        expect(result.findings.find((f) => f.path === template)?.message).toContain('{{networkmode}}');
      });
      continue;
    }
    it(`${file.name}: export(import(x)) equals x minus read-only fields, also through a saved design file`, () => {
      const result = importTaskDefinition(raw, { ids: sequentialIds() });
      if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.findings)}`);
      const direct = exportTaskDefinition(result.design, result.taskDefinitionId);
      if (!direct.ok) throw new Error(`export failed: ${JSON.stringify(direct.errors)}`);
      expect(direct.input).toStrictEqual(expectedRegisterInput(raw));

      const reloaded = parseDesignText(serializeDesign(result.design));
      if (!reloaded.ok) throw new Error(`saved design does not load: ${JSON.stringify(reloaded.errors)}`);
      const again = exportTaskDefinition(reloaded.design, result.taskDefinitionId);
      expect(again.ok && again.input).toStrictEqual(expectedRegisterInput(raw));
    });
  }
});
