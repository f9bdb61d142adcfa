import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LogicalIds, joinOverlapping, pascalCase } from './logicalIds';

/** The rule LogicalIds.take implements, written plainly: the first of base, base2, base3, … not taken yet (case-insensitively). */
class PlainIds {
  private readonly used = new Set<string>();

  take(name: string, suffix = ''): string {
    let base = pascalCase(name);
    if (base.length === 0) base = suffix.length > 0 ? '' : 'Resource';
    if (!/^[A-Za-z]/.test(base)) base = `R${base}`;
    if (suffix.length > 0) base = joinOverlapping(base, suffix);
    if (!/^[A-Za-z]/.test(base)) base = `R${base}`;
    if (base.length > 240) base = base.slice(0, 240);
    let id = base;
    for (let n = 2; this.used.has(id.toLowerCase()); n++) id = `${base}${n}`;
    this.used.add(id.toLowerCase());
    return id;
  }
}

describe('LogicalIds', () => {
  it('makes ids alphanumeric, readable and unique (case-insensitively), without repeating words at the seam', () => {
    const ids = new LogicalIds();
    expect(ids.take('web-cluster', 'Cluster')).toBe('WebCluster');
    expect(ids.take('web', 'Cluster')).toBe('WebCluster2');
    expect(ids.take('files-execution', 'ExecutionRole')).toBe('FilesExecutionRole');
    expect(ids.take('/ecs/1st', 'LogGroup')).toBe('Ecs1stLogGroup');
    expect(ids.take('9lives', 'Service')).toBe('R9livesService');
    expect(joinOverlapping('FilesFiles', 'ImageTag')).toBe('FilesFilesImageTag');
  });

  it('numbers repeats of a name in order, skipping ids taken directly or in another case', () => {
    const ids = new LogicalIds();
    expect(ids.take('web', 'Service')).toBe('WebService');
    expect(ids.take('web3', 'Service')).toBe('Web3Service');
    expect(ids.take('web', 'Service')).toBe('WebService2');
    expect(ids.take('WEB', 'Service')).toBe('WEBService3');
    expect(ids.take('web-service-4')).toBe('WebService4');
    expect(ids.take('web', 'Service')).toBe('WebService5');
    expect(ids.take('web service', '')).toBe('WebService6');
  });

  it('gives the ids the plain rule gives, for any sequence of names (with repeats, cases and digits)', () => {
    const name = fc.constantFrom('web', 'Web', 'WEB', 'web2', 'web 2', 'api', 'api-service', 'Api Service2', '2api', '', 'x'.repeat(245));
    const suffix = fc.constantFrom('', 'Service', 'ServiceName', 'TaskDefinition', 'Task');
    fc.assert(
      fc.property(fc.array(fc.tuple(name, suffix), { maxLength: 60 }), (takes) => {
        const ids = new LogicalIds();
        const plain = new PlainIds();
        for (const [n, s] of takes) expect(ids.take(n, s)).toBe(plain.take(n, s));
      }),
    );
  });

  it('takes a thousand repeats of one name', () => {
    const ids = new LogicalIds();
    const taken = Array.from({ length: 1000 }, () => ids.take('cpu-70', 'Policy'));
    expect(taken.slice(0, 3)).toEqual(['Cpu70Policy', 'Cpu70Policy2', 'Cpu70Policy3']);
    expect(taken.at(-1)).toBe('Cpu70Policy1000');
    expect(new Set(taken).size).toBe(1000);
  });
});
