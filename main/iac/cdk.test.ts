import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CDK_LIB_VERSION, cdkPropertyName, renderCdk } from '../../shared/iac/cdk';
import { ir, isIrExpr, type IrTemplate, type IrValue } from '../../shared/iac/ir';
import { FULL_TEMPLATE } from '../../shared/iac/testdata/fullTemplate';
import { buildResourceGraph } from '../../shared/iac/build';
import { everyKindDesign } from '../../shared/iac/buildTestDesigns';
import { PATTERNS } from '../../shared/patterns/index';
import { cfnLint, synthCdkApps, type CfnTemplateJson } from './cdkSynth';
import { REPO_ROOT } from './hcl2json';

/** An output and a resource with the same logical id (separate namespaces in CloudFormation, not in CDK). */
const OUTPUT_CLASH: IrTemplate = {
  description: 'Output named like a resource',
  parameters: [],
  resources: [{ id: 'Logs', type: 'AWS::Logs::LogGroup', properties: { RetentionInDays: 7 } }],
  outputs: [{ id: 'Logs', description: 'the log group', value: ir.ref('Logs') }],
};

const PATTERN_SETTINGS = { region: 'eu-central-1', accountId: '123456789012' };

/** The CloudFormation JSON an IR value stands for, in the shape aws-cdk-lib synthesizes it. */
function toCfn(v: IrValue): unknown {
  if (Array.isArray(v)) return v.map(toCfn);
  if (isIrExpr(v)) {
    switch (v.__ir) {
      case 'ref':
        return { Ref: v.target };
      case 'getAtt':
        return { 'Fn::GetAtt': [v.target, v.attribute] };
      case 'pseudo':
        return { Ref: v.name };
      case 'azs':
        return { 'Fn::GetAZs': '' };
      case 'select':
        return { 'Fn::Select': [v.index, toCfn(v.list)] };
      case 'base64':
        return { 'Fn::Base64': toCfn(v.value) };
      case 'concat': {
        const parts: unknown[] = [];
        for (const p of v.parts) {
          const last = parts.at(-1);
          if (typeof p === 'string' && typeof last === 'string') parts[parts.length - 1] = last + p;
          else if (p !== '') parts.push(typeof p === 'string' ? p : toCfn(p));
        }
        return parts.length === 1 ? parts[0] : { 'Fn::Join': ['', parts] };
      }
    }
  }
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, toCfn(item)]));
  return v;
}

describe('cdkPropertyName', () => {
  it('names every CloudFormation property as aws-cdk-lib does', async () => {
    const pairs = new Map<string, string>();
    const lib = path.join(REPO_ROOT, 'node_modules', 'aws-cdk-lib');
    for (const dir of await readdir(lib)) {
      if (!dir.startsWith('aws-')) continue;
      let names: string[];
      try {
        names = await readdir(path.join(lib, dir, 'lib'));
      } catch {
        continue;
      }
      for (const name of names.filter((n) => n.endsWith('.generated.js'))) {
        const text = await readFile(path.join(lib, dir, 'lib', name), 'utf8');
        // Generated mappers read `properties.<cdkName>` into `<CfnName>:`.
        for (const m of text.matchAll(/([A-Za-z0-9]+):[A-Za-z0-9.()]*\(properties\.([A-Za-z0-9]+)\)/g)) pairs.set(m[1]!, m[2]!);
      }
    }
    expect(pairs.size).toBeGreaterThan(10_000);
    const wrong = [...pairs].filter(([cfn, cdk]) => cdkPropertyName(cfn) !== cdk).map(([cfn, cdk]) => `${cfn} → ${cdkPropertyName(cfn)}, aws-cdk-lib ${cdk}`);
    expect(wrong).toEqual([]);
  }, 60_000);

  it('pins the aws-cdk-lib version this repository builds with', async () => {
    const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'node_modules', 'aws-cdk-lib', 'package.json'), 'utf8')) as { version: string };
    expect(CDK_LIB_VERSION).toBe(pkg.version);
  });
});

describe('renderCdk', () => {
  it('writes an idiomatic app layout', () => {
    const files = renderCdk(FULL_TEMPLATE, { stackName: 'shop-prod' });
    expect(files.map((f) => f.path)).toEqual(['bin/app.ts', 'lib/shop-prod-stack.ts', 'package.json', 'cdk.json', 'tsconfig.json']);
    const stack = files[1]!.contents;
    expect(stack).toContain('export class ShopProdStack extends cdk.Stack {');
    expect(stack).toContain("const cluster = new ecs.CfnCluster(this, 'Cluster', {");
    expect(stack).toContain("webService.addResourceDependency(webListenerRule);");
    expect(stack).toContain('desiredCount: webDesiredCount.valueAsNumber,');
    expect(stack).toContain('subnets: extraSubnetIds.valueAsList,');
    expect(stack).toContain("'awslogs-region': cdk.Aws.REGION");
    expect(stack).toContain('image: `${webRepository.attrRepositoryUri}:${webImageTag.valueAsString}`,');
    expect(files[0]!.contents).toContain("new ShopProdStack(app, 'shop-prod');");
    expect(JSON.parse(files[2]!.contents)).toMatchObject({ dependencies: { 'aws-cdk-lib': CDK_LIB_VERSION } });
  });

  it('rejects bad stack names and cyclic references with clear errors', () => {
    expect(() => renderCdk(FULL_TEMPLATE, { stackName: '1 bad' })).toThrow('stack name "1 bad"');
    const cyclic: IrTemplate = {
      description: 'x',
      parameters: [],
      outputs: [],
      resources: [
        { id: 'A', type: 'AWS::Logs::LogGroup', properties: { LogGroupName: ir.ref('B') } },
        { id: 'B', type: 'AWS::Logs::LogGroup', properties: { LogGroupName: ir.ref('A') } },
      ],
    };
    expect(() => renderCdk(cyclic, { stackName: 'S' })).toThrow('cycle: A → B → A');
  });

  it('gives an output named like a resource another construct id and keeps its logical id', () => {
    expect(renderCdk(OUTPUT_CLASH, { stackName: 'S' })[1]!.contents).toContain(
      "new cdk.CfnOutput(this, 'LogsOutput', {\n      description: 'the log group',\n      value: logs2.ref,\n    }).overrideLogicalId('Logs');",
    );
  });
});

describe('renderCdk apps synthesize offline and pass cfn-lint', () => {
  // The hand-built fixture (every mapped type), every pattern design and the every-node-kind designs (created and
  // existing resources), in one tsc / synth / cfn-lint run.
  const apps = [
    { name: 'full', stackName: 'Shop', template: FULL_TEMPLATE },
    { name: 'output-clash', stackName: 'OutputClash', template: OUTPUT_CLASH },
    ...PATTERNS.map((p) => ({ name: p.id, stackName: p.id, template: buildResourceGraph(p.build({ settings: PATTERN_SETTINGS })) })),
    { name: 'every-kind', stackName: 'every-kind', template: buildResourceGraph(everyKindDesign()) },
    { name: 'every-kind-existing', stackName: 'every-kind-existing', template: buildResourceGraph(everyKindDesign({ existing: true })) },
  ];
  let synth: Awaited<ReturnType<typeof synthCdkApps>>;

  beforeAll(async () => {
    synth = await synthCdkApps(apps.map((a) => ({ name: a.name, stackName: a.stackName, files: renderCdk(a.template, { stackName: a.stackName }) })));
  }, 300_000);
  afterAll(async () => {
    await synth?.cleanup();
  });

  it('cfn-lint reports zero errors on the synthesized templates', async () => {
    const findings = await cfnLint([...synth.templatePaths.values()]);
    expect(findings.filter((f) => f.level === 'Error').map((f) => `${f.rule} ${f.path.join('.')}: ${f.message}`)).toEqual([]);
  }, 120_000);

  for (const app of apps) {
    it(`${app.name}: same logical ids, types, properties, parameters and outputs as the IR`, () => {
      const t = synth.templates.get(app.name)!;
      const resources = Object.entries(t.Resources ?? {}).filter(([, r]) => r.Type !== 'AWS::CDK::Metadata');
      expect(resources.map(([id, r]) => `${id} ${r.Type}`).sort()).toEqual(app.template.resources.map((r) => `${r.id} ${r.type}`).sort());
      for (const r of app.template.resources) {
        const synthesized = (t.Resources ?? {})[r.id] as CfnTemplateJson['Resources'] extends Record<string, infer R> | undefined ? R & { DependsOn?: string[] } : never;
        expect(synthesized.Properties ?? {}, r.id).toEqual(toCfn(r.properties));
        if (r.dependsOn !== undefined) expect(synthesized.DependsOn, r.id).toEqual([...r.dependsOn]);
      }
      for (const p of app.template.parameters) expect(Object.keys(t.Parameters ?? {})).toContain(p.id);
      expect(Object.keys(t.Outputs ?? {}).sort()).toEqual(app.template.outputs.map((o) => o.id).sort());
    });
  }
});
