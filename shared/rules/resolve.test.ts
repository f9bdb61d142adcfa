import { describe, expect, it } from 'vitest';
import type { Design } from '../model/document';
import { sequentialIds } from '../model/ids';
import { exportTaskDefinition } from '../taskdef/export';
import { importTaskDefinition } from '../taskdef/import';
import { corpusFiles } from '../test-support/corpus';
import { Graph } from './design/graph';
import { resolveTaskDefinition } from './design/resolve';
import { DESIGN_CASES, withEfs } from './testing/designCases';
import { ec2ServiceDesign, serviceDesign } from './testing/designs';
import { TASKDEF_CASES } from './testing/taskdefCases';

/** The validator's resolution must be exactly what the export writes (lenient mode), key order aside. */
function expectSameAsExport(design: Design): void {
  const g = new Graph(design);
  for (const td of design.nodes) {
    if (td.kind !== 'taskDefinition') continue;
    const exported = exportTaskDefinition(design, td.id, undefined, { lenient: true });
    if (!exported.ok) throw new Error(JSON.stringify(exported.errors));
    expect(resolveTaskDefinition(g, td).json).toStrictEqual(JSON.parse(JSON.stringify(exported.input)));
  }
}

describe('resolveTaskDefinition equals exportTaskDefinition(…, { lenient: true })', () => {
  it('on the sample designs, with and without account and region', () => {
    for (const d of [serviceDesign(3), ec2ServiceDesign(), withEfs()]) {
      expectSameAsExport(d);
      expectSameAsExport({ ...d, settings: {} });
      expectSameAsExport({ ...d, settings: { region: 'us-east-1', partition: 'aws' } });
    }
  });

  it('on every corpus file and every rule fixture imported as a design', () => {
    const raws = [...corpusFiles('taskdefs').map((f) => JSON.parse(f.text) as unknown), ...Object.values(TASKDEF_CASES).flatMap((c) => [c.trigger, c.clean].filter((x) => x !== undefined))];
    let n = 0;
    for (const raw of raws) {
      const imported = importTaskDefinition(raw, { ids: sequentialIds() });
      if (!imported.ok) continue;
      expectSameAsExport(imported.design);
      n++;
    }
    expect(n).toBeGreaterThan(60);
  });

  it('on every design rule fixture', () => {
    for (const c of Object.values(DESIGN_CASES)) {
      expectSameAsExport(c.trigger());
      if (c.clean) expectSameAsExport(c.clean());
    }
  });
});
