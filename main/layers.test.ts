import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The import matrix of architecture.md, as ESLint enforces it (the per-layer tsconfigs enforce it too). */
const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function restricted(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer import matrix', () => {
  it('keeps shared/ free of electron, node:*, React and the other layers', async () => {
    for (const spec of ['electron', 'node:fs', 'react', '@xyflow/react', '../main/cli/index', '../../renderer/src/app/App']) {
      expect(await restricted('shared/model/example.ts', `import x from '${spec}';\nexport default x;\n`), spec).toHaveLength(1);
    }
    expect(await restricted('shared/model/example.ts', `import { z } from 'zod';\nexport default z;\n`)).toEqual([]);
  });

  it('lets shared/ tests read fixtures but not reach the other layers', async () => {
    expect(await restricted('shared/model/example.test.ts', `import x from 'node:fs';\nexport default x;\n`)).toEqual([]);
    expect(await restricted('shared/model/example.test.ts', `import x from '../../main/cli/index';\nexport default x;\n`)).toHaveLength(1);
  });

  it('keeps main/ and renderer/ apart', async () => {
    expect(await restricted('main/ipc/example.ts', `import x from '../../renderer/src/app/App';\nexport default x;\n`)).toHaveLength(1);
    expect(await restricted('renderer/src/app/example.ts', `import x from '../../../main/ipc/handlers';\nexport default x;\n`)).toHaveLength(1);
    expect(await restricted('renderer/src/app/example.ts', `import x from 'electron';\nexport default x;\n`)).toHaveLength(1);
    expect(await restricted('renderer/src/app/example.ts', `import x from '../../../shared/model/document';\nexport default x;\n`)).toEqual([]);
  });
});
