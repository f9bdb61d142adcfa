/**
 * Terraform renderer: turns the resource IR (CloudFormation-shaped) into HCL for the `hashicorp/aws` provider.
 *
 * Each CloudFormation type maps to one `aws_*` resource (plus the companion resources Terraform splits out of a
 * CloudFormation resource, e.g. an ECR lifecycle policy or the rules of a security group). Property mappings are
 * declared in `terraformMappings.ts`; this file resolves expressions and lays out the files:
 * `versions.tf` (provider requirements), `providers.tf`, `variables.tf`, `main.tf` (data sources and
 * resources) and `outputs.tf`.
 */

import type { GeneratedFile, IrExpr, IrObject, IrParameter, IrPath, IrResource, IrTemplate, IrValue } from './ir';
import { isIrExpr, pathText, referencedIds, replaceExprs } from './ir';
import { hcl, HclFileWriter, HclIr, HclRaw, HclTemplate, renderHclFile, type HclBodyItem, type HclIrStyle, type HclValue } from './hcl';
import { TF_TYPES, type TfContext, type TfKeyRenaming, type TfRefOptions, type TfResourceOut } from './terraformMappings';
import { isAlnum, isDigit, isLower, isUpper } from './asciiChars';
import { TextMemo } from './textChunks';

export const TERRAFORM_AWS_PROVIDER_VERSION = '~> 5.0';
export const TERRAFORM_REQUIRED_VERSION = '>= 1.5.0';

/**
 * `WebService` → `web_service`, `ALBListener80` → `alb_listener80`: Terraform's naming convention. Words break
 * before an upper-case letter that follows a lower-case letter or digit, before the last capital of a run that
 * starts a word (`ALBListener`), and at anything not a letter or digit; words are joined with `_` in lower case.
 * One pass over the characters (a render names every resource, variable and output), joining lower-cased slices
 * of whole words rather than single characters.
 */
export function snakeCase(id: string): string {
  let out = '';
  /** Start of the current word, -1 between words. */
  let start = -1;
  const endWord = (end: number): void => {
    if (start < 0) return;
    const word = id.slice(start, end).toLowerCase();
    out = out === '' ? word : `${out}_${word}`;
    start = -1;
  };
  for (let j = 0; j < id.length; j++) {
    const c = id.charCodeAt(j);
    if (!isAlnum(c)) {
      endWord(j);
      continue;
    }
    if (start >= 0 && isUpper(c)) {
      const prev = id.charCodeAt(j - 1);
      if (isLower(prev) || isDigit(prev) || (isUpper(prev) && j + 1 < id.length && isLower(id.charCodeAt(j + 1)))) endWord(j);
    }
    if (start < 0) start = j;
  }
  endWord(id.length);
  if (out === '') return 'r';
  return isDigit(out.charCodeAt(0)) ? `r_${out}` : out;
}


/** `snakeCase(id)`, with `_2`, `_3`… added while the name is taken already; takes it. */
function uniqueName(id: string, taken: Set<string>): string {
  const base = snakeCase(id);
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  taken.add(name);
  return name;
}

function uniqueNames(ids: readonly string[], taken: Set<string>): Map<string, string> {
  const names = new Map<string, string>();
  for (const id of ids) names.set(id, uniqueName(id, taken));
  return names;
}

/** Pseudo parameters: the data source each needs and the expression standing for it (one read-only value each). */
const PSEUDO: Record<string, { data: string; value: HclRaw }> = {
  'AWS::Region': { data: 'AWS::Region', value: hcl.raw('data.aws_region.current.name') },
  'AWS::AccountId': { data: 'AWS::AccountId', value: hcl.raw('data.aws_caller_identity.current.account_id') },
  'AWS::Partition': { data: 'AWS::Partition', value: hcl.raw('data.aws_partition.current.partition') },
  'AWS::URLSuffix': { data: 'AWS::Partition', value: hcl.raw('data.aws_partition.current.dns_suffix') },
};

const STACK_NAME_VARIABLE = 'stack_name';
const STACK_NAME = hcl.raw(`var.${STACK_NAME_VARIABLE}`);
const AZ_NAMES = hcl.raw('data.aws_availability_zones.available.names');

/**
 * What a logical id of the template stands for: a parameter, or a resource and its Terraform name. One lookup per
 * reference (a template of thousands of resources refers to each several times, and lookups in tables that large
 * are costly: a parameter, a resource type and a resource name were looked up in a table each).
 */
type Target =
  | { readonly param: IrParameter; readonly resource?: undefined }
  | { readonly param?: undefined; readonly resource: IrResource; readonly name: string };
type ResourceTarget = Target & { readonly resource: IrResource };

const NO_OPTIONS: TfRefOptions = {};

/** The text of a location: `where`, a key below it (if any) and a path below that. */
function at(where: string, key: string | undefined, path: IrPath): string {
  return (key === undefined ? where : `${where}.${key}`) + pathText(path);
}

const NO_PATH: IrPath = [];

class Context implements TfContext {
  readonly dataSources = new Set<string>();
  readonly ssmParameters = new Set<string>();
  usesStackName = false;
  readonly variableNames: Map<string, string>;
  /** Parameters and resources by logical id. */
  private readonly targets = new Map<string, Target>();
  /** Resources a scalable target's ResourceId refers to. */
  private readonly scaled = new Set<string>();

  constructor(readonly template: IrTemplate) {
    for (const p of template.parameters) this.targets.set(p.id, { param: p });
    // Terraform reserves some variable names (meta-arguments of module blocks).
    this.variableNames = uniqueNames(
      template.parameters.map((p) => p.id),
      new Set([STACK_NAME_VARIABLE, 'source', 'version', 'providers', 'count', 'for_each', 'lifecycle', 'depends_on', 'locals']),
    );
    const takenNames = new Set<string>();
    for (const r of template.resources) {
      // Set, then compare sizes: one hash operation for a new id. Names in template order.
      const size = this.targets.size;
      this.targets.set(r.id, { resource: r, name: uniqueName(r.id, takenNames) });
      if (this.targets.size === size) throw new Error(`Terraform: logical id "${r.id}" is declared twice in the template`);
      if (r.type === 'AWS::ApplicationAutoScaling::ScalableTarget' && r.properties.ResourceId !== undefined) {
        referencedIds(r.properties.ResourceId, this.scaled);
      }
    }
  }

  isScaled(id: string): boolean {
    return this.scaled.has(id);
  }

  private readonly lowerFirstKeys = new Map<string, string>();

  lowerFirst(key: string): string {
    let lower = this.lowerFirstKeys.get(key);
    if (lower === undefined) {
      lower = key.charAt(0).toLowerCase() + key.slice(1);
      this.lowerFirstKeys.set(key, lower);
    }
    return lower;
  }

  private readonly derivedNames = new TextMemo<(key: string) => string>();

  derived(make: (key: string) => string, key: string): string {
    return this.derivedNames.get(make, key) ?? this.derivedNames.set(make, key, make(key));
  }

  private resource(id: string): ResourceTarget {
    const target = this.targets.get(id);
    if (target?.resource === undefined) throw new Error(`Terraform: "${id}" is not a resource of the template`);
    return target;
  }

  resourceName(id: string): string {
    return this.resource(id).name;
  }

  resourceType(id: string): string {
    return this.resource(id).resource.type;
  }

  /** `aws_x.name.attr` of a resource, with the attribute a CloudFormation attribute (or "Ref") maps to. */
  private resourceAttr(target: ResourceTarget, cfnAttr: string, where: string, key: string | undefined, path: IrPath): HclValue {
    const { id, type } = target.resource;
    const mapping = TF_TYPES[type];
    if (mapping === undefined) throw new Error(`Terraform: no mapping for resource type ${type} (resource "${id}")`);
    const attr = cfnAttr === 'Ref' ? mapping.ref : mapping.attributes[cfnAttr];
    if (attr === undefined) {
      throw new Error(`Terraform: ${at(where, key, path)} uses attribute "${cfnAttr}" of ${type} "${id}", which has no Terraform equivalent`);
    }
    const base = `${mapping.tfType}.${target.name}`;
    return typeof attr === 'string' ? hcl.traversal(`${base}.${attr}`) : attr(base);
  }

  /** A Ref of a resource read as the Terraform attribute `tfAttr` (TfRefOptions.refAttr). */
  private resourceRefAs(target: ResourceTarget, tfAttr: string): HclValue {
    return hcl.traversal(`${TF_TYPES[target.resource.type]?.tfType ?? ''}.${target.name}.${tfAttr}`);
  }

  /**
   * The HCL value of an IR value. A list or map is written by the HCL writer as it stands (HclIr), its
   * expressions resolved as they are written: no HCL copy of it is made.
   */
  expr(value: IrValue, where: string, opts: TfRefOptions = NO_OPTIONS, key?: string): HclValue {
    // A scalar, or an expression (most values that are not scalars): no wrapper.
    if (typeof value !== 'object' || value === null) return value;
    if (isIrExpr(value)) return this.irExpr(value, where, key, NO_PATH, opts);
    return new HclIr(value, new IrStyle(this, value, where, key, opts));
  }

  renamedExpr(value: IrValue, where: string, keys: TfKeyRenaming): HclValue {
    if (typeof value !== 'object' || value === null) return value;
    if (isIrExpr(value)) return this.irExpr(value, where, undefined, NO_PATH, NO_OPTIONS);
    return new HclIr(value, new RenamingStyle(new IrStyle(this, value, where, undefined, NO_OPTIONS), keys));
  }

  /**
   * An expression inside `top` (an IR list or map at `where` and `key`), resolved as the writer reaches it. Its
   * location below `top` is not tracked while writing: on an error, the whole value is converted again, which
   * throws the same error with the exact location.
   */
  memberExpr(e: IrExpr, top: IrValue, where: string, key: string | undefined, opts: TfRefOptions): HclValue {
    try {
      return this.irExpr(e, where, key, NO_PATH, opts);
    } catch (err) {
      replaceExprs(top, (x, path) => this.irExpr(x, where, key, path, opts));
      throw err;
    }
  }

  /** An expression at `path` below `where` and `key` (the location's text is made only for an error). */
  private irExpr(e: IrExpr, where: string, key: string | undefined, path: IrPath, opts: TfRefOptions): HclValue {
    switch (e.__ir) {
      case 'ref': {
        const target = this.targets.get(e.target);
        if (target?.param !== undefined) return this.parameterRef(target.param);
        const resource = this.resource(e.target);
        const override = opts.refAttr?.[resource.resource.type];
        if (override !== undefined) return this.resourceRefAs(resource, override);
        return this.resourceAttr(resource, 'Ref', where, key, path);
      }
      case 'getAtt': {
        const target = this.targets.get(e.target);
        if (target?.param !== undefined) throw new Error(`Terraform: ${at(where, key, path)} takes attribute "${e.attribute}" of parameter "${e.target}"`);
        return this.resourceAttr(this.resource(e.target), e.attribute, where, key, path);
      }
      case 'concat':
        return new HclTemplate(e.parts.map((p) => (typeof p === 'string' ? p : this.irExpr(p, where, key, path, NO_OPTIONS))));
      case 'select': {
        const list = this.irExpr(e.list, where, key, path, NO_OPTIONS);
        if (!(list instanceof HclRaw)) throw new Error(`Terraform: ${at(where, key, path)} selects from something that is not a list`);
        return hcl.raw(`${list.text}[${e.index}]`);
      }
      case 'azs':
        this.dataSources.add('azs');
        return AZ_NAMES;
      case 'base64':
        return hcl.call('base64encode', this.expr(e.value, at(where, key, path)));
      case 'pseudo': {
        if (e.name === 'AWS::StackName') {
          this.usesStackName = true;
          return STACK_NAME;
        }
        const pseudo = PSEUDO[e.name];
        if (pseudo === undefined) throw new Error(`Terraform: ${at(where, key, path)} uses unknown pseudo parameter ${String(e.name)}`);
        this.dataSources.add(pseudo.data);
        return pseudo.value;
      }
    }
  }

  private parameterRef(p: IrParameter): HclValue {
    const name = this.variableNames.get(p.id)!;
    if (p.type === 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>') {
      this.ssmParameters.add(p.id);
      return hcl.traversal(`nonsensitive(data.aws_ssm_parameter.${name}.value)`);
    }
    return hcl.traversal(`var.${name}`);
  }
}

/** How the writer reads an IR value given to Context.expr: keys as they are, expressions resolved by the context. */
class IrStyle implements HclIrStyle {
  constructor(
    private readonly ctx: Context,
    private readonly top: IrValue,
    private readonly where: string,
    private readonly at: string | undefined,
    private readonly opts: TfRefOptions,
  ) {}

  expr(e: IrExpr): HclValue {
    return this.ctx.memberExpr(e, this.top, this.where, this.at, this.opts);
  }

  key(key: string): string {
    return key;
  }

  under(): HclIrStyle {
    return this;
  }
}

/** An IrStyle whose keys are renamed, except below the keys whose maps are kept as written (TfKeyRenaming). */
class RenamingStyle implements HclIrStyle {
  constructor(
    private readonly plain: IrStyle,
    private readonly keys: TfKeyRenaming,
  ) {}

  expr(e: IrExpr): HclValue {
    return this.plain.expr(e);
  }

  key(key: string): string {
    return this.keys.rename(key);
  }

  under(key: string): HclIrStyle {
    return this.keys.keepBelow.has(key) ? this.plain : this;
  }
}

function variableType(p: IrParameter): string {
  switch (p.type) {
    case 'Number':
      return 'number';
    case 'CommaDelimitedList':
    case 'List<AWS::EC2::Subnet::Id>':
    case 'List<AWS::EC2::SecurityGroup::Id>':
      return 'list(string)';
    default:
      return 'string';
  }
}

function variableDefault(p: IrParameter): HclValue | undefined {
  if (p.default === undefined) return undefined;
  if (variableType(p) === 'list(string)') {
    const text = String(p.default);
    return text === '' ? [] : text.split(',').map((s) => s.trim());
  }
  if (variableType(p) === 'number') return typeof p.default === 'number' ? p.default : Number(p.default);
  return String(p.default);
}

function variableBlock(ctx: Context, p: IrParameter): HclBodyItem {
  const name = ctx.variableNames.get(p.id)!;
  const isSsm = p.type === 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>';
  const body: HclBodyItem[] = [
    hcl.attr('description', isSsm ? `${p.description} (name of the public SSM parameter holding the AMI id)` : p.description),
    hcl.attr('type', hcl.raw(variableType(p))),
  ];
  const def = variableDefault(p);
  if (def !== undefined) body.push(hcl.attr('default', def));
  if (p.allowedValues !== undefined && p.allowedValues.length > 0) {
    body.push(
      hcl.blank(),
      hcl.block('validation', [], [
        hcl.attr('condition', hcl.call('contains', [...p.allowedValues], hcl.raw(`var.${name}`))),
        hcl.attr('error_message', `${name} must be one of: ${p.allowedValues.join(', ')}.`),
      ]),
    );
  }
  return hcl.block('variable', [name], body);
}

function dataSourceItems(ctx: Context): HclBodyItem[] {
  const items: HclBodyItem[] = [];
  if (ctx.dataSources.has('AWS::Region')) items.push(hcl.block('data', ['aws_region', 'current'], []), hcl.blank());
  if (ctx.dataSources.has('AWS::AccountId')) items.push(hcl.block('data', ['aws_caller_identity', 'current'], []), hcl.blank());
  if (ctx.dataSources.has('AWS::Partition')) items.push(hcl.block('data', ['aws_partition', 'current'], []), hcl.blank());
  if (ctx.dataSources.has('azs')) {
    items.push(hcl.block('data', ['aws_availability_zones', 'available'], [hcl.attr('state', 'available')]), hcl.blank());
  }
  for (const id of ctx.ssmParameters) {
    const name = ctx.variableNames.get(id)!;
    items.push(
      hcl.comment(`Resolves the public SSM parameter named by var.${name} (the ECS-optimized AMI id).`),
      hcl.block('data', ['aws_ssm_parameter', name], [hcl.attr('name', hcl.raw(`var.${name}`))]),
      hcl.blank(),
    );
  }
  return items;
}

function resourceItems(out: TfResourceOut): HclBodyItem[] {
  const items: HclBodyItem[] = [];
  if (out.comment !== undefined) items.push(hcl.comment(out.comment));
  items.push(hcl.block('resource', [out.tfType, out.name], out.body), hcl.blank());
  return items;
}

const POLICY_TYPES = new Set(['aws_iam_role_policy', 'aws_iam_role_policy_attachment']);

/** Adds addresses to a resource's depends_on (creating it, after a blank line, when absent). */
function addDependsOn(out: TfResourceOut, addresses: readonly string[]): void {
  const i = out.body.findIndex((item) => item.kind === 'attr' && item.name === 'depends_on');
  const existing = i >= 0 ? (out.body[i] as { value: readonly HclRaw[] }).value.map((v) => v.text) : [];
  const all = [...new Set([...existing, ...addresses])].map((a) => hcl.traversal(a));
  if (i >= 0) out.body[i] = hcl.attr('depends_on', all);
  else out.body.push(hcl.blank(), hcl.attr('depends_on', all));
}

/**
 * Appends to `needed` the addresses of the policies of every role `value` refers to, in the order the references
 * come (repeats included: depends_on drops them). A walk of its own rather than referencedIds: it visits every
 * property of every resource, and needs neither a set of ids nor a list of each object's values.
 */
function rolePolicyAddresses(value: IrValue, rolePolicies: ReadonlyMap<string, readonly string[]>, needed: string[]): void {
  if (typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value as readonly IrValue[]) rolePolicyAddresses(item, rolePolicies, needed);
    return;
  }
  if (!isIrExpr(value)) {
    const obj = value as IrObject;
    for (const key in obj) rolePolicyAddresses(obj[key]!, rolePolicies, needed);
    return;
  }
  switch (value.__ir) {
    case 'ref':
    case 'getAtt': {
      const policies = rolePolicies.get(value.target);
      if (policies !== undefined) for (const a of policies) needed.push(a);
      break;
    }
    case 'concat':
      for (const part of value.parts) if (typeof part !== 'string') rolePolicyAddresses(part, rolePolicies, needed);
      break;
    case 'select':
      rolePolicyAddresses(value.list, rolePolicies, needed);
      break;
    case 'base64':
      rolePolicyAddresses(value.value, rolePolicies, needed);
      break;
    case 'azs':
    case 'pseudo':
      break;
  }
}

/** Renders a whole template as a Terraform root module. */
export function renderTerraform(t: IrTemplate): GeneratedFile[] {
  const ctx = new Context(t);
  /** The names taken per Terraform type (no address text made per resource for this check). */
  const taken = new Map<string, Set<string>>();
  const render = (r: IrResource): TfResourceOut[] => {
    const mapping = TF_TYPES[r.type];
    if (mapping === undefined) throw new Error(`Terraform: no mapping for resource type ${r.type} (resource "${r.id}")`);
    const outs = mapping.render(r, ctx);
    for (const out of outs) {
      let names = taken.get(out.tfType);
      if (names === undefined) {
        names = new Set();
        taken.set(out.tfType, names);
      }
      // Add, then compare sizes: one hash operation per name.
      const size = names.size;
      names.add(out.name);
      if (names.size === size) throw new Error(`Terraform: two resources are both named ${out.tfType}.${out.name}`);
    }
    return outs;
  };
  const isIam = (r: IrResource): boolean => r.type.startsWith('AWS::IAM::');

  // IAM resources first (written later in template order): the policies attached to each role must be known
  // before any resource that uses the role is written. Their HCL is kept until then: small, since the policy
  // documents in it are the IR's own (HclIr), read when written.
  const iamOuts = new Map<IrResource, TfResourceOut[]>();
  /** Per IAM role: the Terraform addresses of the policies attached to it. */
  const rolePolicies = new Map<string, string[]>();
  const addPolicy = (roleId: string, address: string): void => {
    rolePolicies.set(roleId, [...(rolePolicies.get(roleId) ?? []), address]);
  };
  for (const r of t.resources) {
    if (!isIam(r)) continue;
    const outs = render(r);
    for (const out of outs) {
      if (!POLICY_TYPES.has(out.tfType)) continue;
      const key = `${out.tfType}.${out.name}`;
      if (r.type === 'AWS::IAM::Role') addPolicy(r.id, key);
      else for (const role of referencedIds(r.properties.Roles ?? [])) addPolicy(role, key);
    }
    iamOuts.set(r, outs);
  }
  // An instance profile stands for its role.
  for (const r of t.resources) {
    if (r.type !== 'AWS::IAM::InstanceProfile') continue;
    for (const role of referencedIds(r.properties.Roles ?? [])) for (const a of rolePolicies.get(role) ?? []) addPolicy(r.id, a);
  }

  // Resources in template order, each written as soon as it is rendered (a large module holds no resource bodies).
  // CloudFormation creates a role's inline policies with the role, so whatever uses the role waits for them;
  // in Terraform they are separate resources: a task definition, launch template or instance profile that uses
  // the role depends on its policies explicitly (else tasks may start before they may pull images or read secrets).
  const resourceText = new HclFileWriter();
  const needed: string[] = [];
  for (const r of t.resources) {
    const iam = iamOuts.get(r);
    if (iam !== undefined) {
      for (const out of iam) resourceText.write(resourceItems(out));
      continue;
    }
    const outs = render(r);
    if (outs.some((out) => POLICY_TYPES.has(out.tfType))) throw new Error(`internal: ${r.type} "${r.id}" renders an IAM policy resource`);
    if (rolePolicies.size > 0) {
      needed.length = 0;
      rolePolicyAddresses(r.properties, rolePolicies, needed);
      if (needed.length > 0 && outs[0] !== undefined) addDependsOn(outs[0], needed);
    }
    for (const out of outs) resourceText.write(resourceItems(out));
  }

  const outputs: HclBodyItem[] = [];
  const outputNames = uniqueNames(
    t.outputs.map((o) => o.id),
    new Set(),
  );
  for (const o of t.outputs) {
    outputs.push(
      hcl.block('output', [outputNames.get(o.id)!], [
        hcl.attr('description', o.description),
        hcl.attr('value', ctx.expr(o.value, `output ${o.id}`)),
      ]),
      hcl.blank(),
    );
  }

  const variables: HclBodyItem[] = [];
  if (ctx.usesStackName) {
    variables.push(
      hcl.block('variable', [STACK_NAME_VARIABLE], [
        hcl.attr('description', 'Name prefix standing in for the CloudFormation stack name.'),
        hcl.attr('type', hcl.raw('string')),
        hcl.attr('default', snakeCase(t.resources[0]?.id ?? 'stack').replace(/_/g, '-')),
      ]),
      hcl.blank(),
    );
  }
  for (const p of t.parameters) variables.push(variableBlock(ctx, p), hcl.blank());

  // The head of main.tf (description, data sources) is known once everything is rendered; it ends with a blank
  // line, which separates it from the resources.
  const head = renderHclFile([hcl.comment(t.description), hcl.blank(), ...dataSourceItems(ctx)]);
  const resourcesText = resourceText.text();

  const files: GeneratedFile[] = [
    {
      path: 'versions.tf',
      contents: renderHclFile([
        hcl.block('terraform', [], [
          hcl.attr('required_version', TERRAFORM_REQUIRED_VERSION),
          hcl.blank(),
          hcl.block('required_providers', [], [
            hcl.attr('aws', { source: 'hashicorp/aws', version: TERRAFORM_AWS_PROVIDER_VERSION }),
          ]),
        ]),
      ]),
    },
    {
      path: 'providers.tf',
      contents: renderHclFile([
        hcl.comment('Region and credentials come from the environment (AWS_REGION, AWS_PROFILE, …).'),
        hcl.block('provider', ['aws'], []),
      ]),
    },
  ];
  if (variables.length > 0) files.push({ path: 'variables.tf', contents: renderHclFile(variables) });
  files.push({ path: 'main.tf', contents: resourcesText === '' ? head : `${head}\n${resourcesText}` });
  if (outputs.length > 0) files.push({ path: 'outputs.tf', contents: renderHclFile(outputs) });
  return files;
}
