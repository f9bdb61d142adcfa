/**
 * AWS CDK renderer: turns the resource IR into a TypeScript CDK app using aws-cdk-lib's L1 (`Cfn*`) constructs,
 * which mirror CloudFormation 1:1. Parameters become `CfnParameter`s, outputs `CfnOutput`s, references
 * `x.ref` / `x.attrY`, pseudo parameters `cdk.Aws.*` and intrinsic functions `cdk.Fn.*`.
 *
 * Files: `bin/app.ts`, `lib/<name>-stack.ts`, `package.json`, `cdk.json`, `tsconfig.json`.
 */

import type { GeneratedFile, IrExpr, IrObject, IrOutput, IrParameter, IrResource, IrTemplate, IrValue } from './ir';
import { IR_EXPR, isIrExpr } from './ir';
import { camelVariable } from './cdkNames';
import { TextMemo, textOnce } from './textChunks';

/** aws-cdk-lib / constructs versions the generated app pins (the ones this repository builds and tests with). */
export const CDK_LIB_VERSION = '2.276.0';
export const CONSTRUCTS_VERSION = '^10.0.0';

export interface CdkOptions {
  /** Stack name (also the CDK stack id); letters, digits and hyphens, starting with a letter. */
  readonly stackName: string;
}

/**
 * The CDK property name of a CloudFormation property name, following aws-cdk-lib's generated L1 code:
 * acronyms become words (`RoleARN` → `roleArn`, `VPCZoneIdentifier` → `vpcZoneIdentifier`,
 * `TargetGroupARNs` → `targetGroupArns`).
 */
export function cdkPropertyName(cfnName: string): string {
  return CDK_NAME_EXCEPTIONS[cfnName] ?? convertName(cfnName);
}

function convertName(cfnName: string): string {
  const words = cfnName.match(/[A-Z]+s(?=[A-Z0-9]|$)|[A-Z]+(?=[A-Z][a-z]|[0-9]|$)|[A-Z]?[a-z]+|[A-Z]+|[0-9]+/g) ?? [cfnName];
  return words
    .map((w, i) => {
      if (i > 0 && w.length > 2 && /^[A-Z]+s$/.test(w)) return w.charAt(0) + w.slice(1).toLowerCase();
      const lower = w.toLowerCase();
      return i === 0 ? lower : lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join('');
}

/** Names aws-cdk-lib's code generator spells differently from its own rule (checked against aws-cdk-lib in tests). */
const CDK_NAME_EXCEPTIONS: Readonly<Record<string, string>> = {
  AutonomousDataStorageSizeInTBs: 'autonomousDataStorageSizeInTBs',
  Build: 'buildProperty',
  CNAMEs: 'cnamEs',
  CallbackURLs: 'callbackUrLs',
  DataStorageSizeInTBs: 'dataStorageSizeInTBs',
  DbNodeStorageSizeInGBs: 'dbNodeStorageSizeInGBs',
  Equals: 'equalTo',
  GetObject: 'objectAccess',
  LogoutURLs: 'logoutUrLs',
  MemoryPerOracleComputeUnitInGBs: 'memoryPerOracleComputeUnitInGBs',
  MemorySizeInGBs: 'memorySizeInGBs',
  PreferredCacheClusterAZs: 'preferredCacheClusterAZs',
  ReplicationServersSecurityGroupsIDs: 'replicationServersSecurityGroupsIDs',
  SizeInMBs: 'sizeInMBs',
  ThroughputHintInMBs: 'throughputHintInMBs',
};

/** Properties whose value is a JSON document (typed `any` in aws-cdk-lib): written exactly as in CloudFormation. */
const JSON_PROPERTIES = new Set(['PolicyDocument', 'AssumeRolePolicyDocument', 'FileSystemPolicy', 'RepositoryPolicyText']);
/** Properties whose value is a string map: keys kept, values rendered normally. */
const MAP_PROPERTIES = new Set(['DockerLabels', 'Options', 'DriverOpts', 'Labels']);
/** Per-type properties that are JSON maps in aws-cdk-lib although other types use the same name for tag lists. */
const TYPE_JSON_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  'AWS::SSM::Parameter': ['Tags'],
};

const MODULE_ALIASES: Readonly<Record<string, string>> = {
  ElasticLoadBalancingV2: 'elbv2',
  ApplicationAutoScaling: 'appscaling',
};

const PSEUDO: Readonly<Record<string, string>> = {
  'AWS::Region': 'cdk.Aws.REGION',
  'AWS::AccountId': 'cdk.Aws.ACCOUNT_ID',
  'AWS::Partition': 'cdk.Aws.PARTITION',
  'AWS::StackName': 'cdk.Aws.STACK_NAME',
  'AWS::URLSuffix': 'cdk.Aws.URL_SUFFIX',
};

function typeParts(type: string, where: string): { service: string; resource: string } {
  const m = /^AWS::([A-Za-z0-9]+)::([A-Za-z0-9]+)$/.exec(type);
  if (m === null) throw new Error(`CDK: ${where} has resource type "${type}", which is not AWS::Service::Resource`);
  return { service: m[1]!, resource: m[2]! };
}

function moduleAlias(service: string): string {
  return MODULE_ALIASES[service] ?? service.toLowerCase();
}

/**
 * Whether text has a character tsString or templateText escapes: \\ ' ` newline, carriage return, tab or $ (most
 * text has none: it is written as it is). A scan of character codes, as every string value is checked.
 */
function hasTsEscape(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c || c === 0x27 || c === 0x60 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x24) return true;
  }
  return false;
}

function tsString(text: string): string {
  if (!hasTsEscape(text)) return `'${text}'`;
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

function templateText(text: string): string {
  if (!hasTsEscape(text)) return text;
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${').replace(/\r/g, '\\r').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
}

function objectKey(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : tsString(key);
}

const MAX_INLINE = 90;


type Mode = 'props' | 'json' | 'map';

/** A parameter or resource of the template. */
interface Declared {
  variable: string;
  /** Its index among the template's resources; -1 for a parameter. */
  readonly index: number;
  readonly param: IrParameter | undefined;
  /** Whether a reference or dependency names it (it is written with a variable then). */
  used: boolean;
  /** `variable.ref`, made at its first reference (most resources are referred to several times). */
  refText: string | undefined;
}

class Writer {
  /** Parameters and resources by logical id: one lookup per reference gives its variable, kind and index. */
  readonly declared = new Map<string, Declared>();
  /** The resources' entries, by index among the template's resources. */
  readonly resourceEntries: Declared[] = [];
  /**
   * The resources each resource refers to (indexes, first-seen order, each once), for the order of the stack:
   * those of resource i are refList[refStart[i]] up to refList[refStart[i + 1]]. Noted by expr as it writes
   * resource `listing` (see writeResource), or by a walk before writing (collectRefs).
   */
  readonly refStart: Int32Array;
  readonly refList: number[] = [];
  /** Per resource index, the resource whose references last listed it (no repeats in one resource's list). */
  private readonly listedBy: Int32Array;
  /** The resource whose references are being listed; -1: none (references only mark what they name as used). */
  private listing = -1;
  /**
   * Key texts of object members (few distinct names, repeated in every resource), made once per rendering: CDK
   * property names of CloudFormation property names (props) and keys written as they are (JSON documents, maps).
   */
  private readonly propKeys = new Map<string, string>();
  private readonly plainKeys = new Map<string, string>();
  /** Member lines' leads (indentation, key text and `: `) per indentation, of props and of plain keys. */
  private readonly propLeads = new TextMemo<string>();
  private readonly plainLeads = new TextMemo<string>();
  /** Openings and closings of multi-line lists and objects (see opening, closing), by lead and by indentation and end. */
  private readonly listOpenings = new Map<string, string>();
  private readonly objectOpenings = new Map<string, string>();
  private readonly listClosings = new TextMemo<string>();
  private readonly objectClosings = new TextMemo<string>();
  /** The mode of each property name in props, without the per-type ones (see memberMode), made once per rendering. */
  private readonly propModes = new Map<string, Mode>();
  /** TYPE_JSON_PROPERTIES of the type of the resource being written. */
  private typeJson: readonly string[] | undefined;
  /** Texts around a string value without escapes: its lead and an opening quote, a closing quote and its end. */
  private readonly quoteLeads = new Map<string, string>();
  private readonly quoteEnds = new Map<string, string>();
  /** The indentation one level deeper than an indentation. */
  private readonly deeperThan = new Map<string, string>();
  /** `attrX` of a GetAtt attribute name. */
  private readonly attrNames = new Map<string, string>();
  /** Per resource type: its service's module alias and `new alias.CfnResource(this, ` (made once per rendering). */
  private readonly types = new Map<string, { alias: string; ctor: string; service: string }>();

  constructor(readonly template: IrTemplate) {
    const taken = new Set<string>();
    // A repeated parameter id: the last one is the parameter (each still takes a variable name).
    for (const p of template.parameters) this.declared.set(p.id, { variable: camelVariable(p.id, taken), index: -1, param: p, used: false, refText: undefined });
    const resources = template.resources;
    for (let i = 0; i < resources.length; i++) {
      const r = resources[i]!;
      if (this.declared.has(r.id)) throw new Error(`CDK: logical id "${r.id}" is declared twice in the template`);
      // The variable is named once the module aliases are taken (below).
      const entry: Declared = { variable: '', index: i, param: undefined, used: false, refText: undefined };
      this.declared.set(r.id, entry);
      this.resourceEntries.push(entry);
    }
    for (const r of resources) taken.add(this.typeParts(r).alias);
    for (const entry of this.resourceEntries) entry.variable = camelVariable(resources[entry.index]!.id, taken);
    this.refStart = new Int32Array(resources.length + 1);
    this.listedBy = new Int32Array(resources.length).fill(-1);
  }

  /** Whether `id` is a resource of the template. */
  isResource(id: string): boolean {
    const d = this.declared.get(id);
    return d !== undefined && d.index >= 0;
  }

  /**
   * `new alias.CfnX(this, 'Id', { …properties… });` and a line end, written into `out`, listing the resources
   * it refers to (see refList). Called for each resource in template order (or each after collectRefs).
   */
  writeResource(out: string[], index: number): void {
    const r = this.template.resources[index]!;
    out.push(this.typeParts(r).ctor, tsString(r.id));
    this.listing = index;
    try {
      this.writeValue(out, r.properties, '    ', 'props', r.type, r.id, ', ', ');\n');
    } finally {
      this.listing = -1;
    }
    this.refStart[index + 1] = this.refList.length;
  }

  /**
   * Lists the resources the properties of resource `index` refer to (see refList) and marks what they refer to as
   * used, without writing them (expressions are not checked). Called for each resource in template order.
   */
  collectRefs(index: number, properties: IrValue): void {
    this.listing = index;
    this.collect(properties);
    this.listing = -1;
    this.refStart[index + 1] = this.refList.length;
  }

  /** Walks a value in the order it is written (list items, members, expression parts) for the ids it refers to. */
  private collect(v: IrValue): void {
    if (typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) this.collect(v[i]!);
    } else if (IR_EXPR in v) {
      const e = v as IrExpr;
      switch (e.__ir) {
        case 'ref':
        case 'getAtt': {
          // An unknown id fails when the value is written.
          const d = this.declared.get(e.target);
          if (d !== undefined) this.note(d);
          break;
        }
        case 'concat':
          for (const part of e.parts) if (typeof part !== 'string') this.collect(part);
          break;
        case 'select':
          this.collect(e.list);
          break;
        case 'base64':
          this.collect(e.value);
          break;
        default:
          break;
      }
    } else {
      for (const k in v) this.collect((v as IrObject)[k]!);
    }
  }

  /** A reference to `d`: used, and listed for the resource being written or walked when it is a resource. */
  private note(d: Declared): void {
    d.used = true;
    if (d.index >= 0 && this.listing >= 0 && this.listedBy[d.index] !== this.listing) {
      this.listedBy[d.index] = this.listing;
      this.refList.push(d.index);
    }
  }

  typeParts(r: IrResource): { alias: string; ctor: string; service: string } {
    let parts = this.types.get(r.type);
    if (parts === undefined) {
      const { service, resource } = typeParts(r.type, r.id);
      const alias = moduleAlias(service);
      parts = { alias, ctor: `new ${alias}.Cfn${resource}(this, `, service };
      this.types.set(r.type, parts);
    }
    return parts;
  }

  /** The parameter or resource `id`; `where` names the reference in errors (see expr). */
  private entry(id: string, where: string | undefined): Declared {
    return this.declared.get(id) ?? this.unknown(id, where);
  }

  private unknown(id: string, where: string | undefined): never {
    throw new Error(`CDK: ${where ?? this.where()} refers to "${id}", which is neither a parameter nor a resource of the template`);
  }

  /** `attrRoleArn` of the GetAtt attribute `Role.Arn`. */
  private attrName(attribute: string): string {
    let text = this.attrNames.get(attribute);
    if (text === undefined) {
      const name = cdkPropertyName(attribute.replace(/\./g, ''));
      text = `attr${name.charAt(0).toUpperCase()}${name.slice(1)}`;
      this.attrNames.set(attribute, text);
    }
    return text;
  }

  /**
   * An expression as TypeScript; `stringContext` when it is interpolated into a string. `where` names it in
   * errors (undefined: the value being written, see `where()`).
   */
  expr(e: IrExpr, where: string | undefined, stringContext: boolean): string {
    switch (e.__ir) {
      case 'ref': {
        const d = this.entry(e.target, where);
        this.note(d);
        const param = d.param;
        const v = d.variable;
        if (param === undefined) return d.refText ?? (d.refText = `${v}.ref`);
        if (stringContext) return `${v}.valueAsString`;
        if (param.type === 'Number') return `${v}.valueAsNumber`;
        if (param.type.startsWith('List<') || param.type === 'CommaDelimitedList') return `${v}.valueAsList`;
        return `${v}.valueAsString`;
      }
      case 'getAtt': {
        const d = this.declared.get(e.target);
        if (d?.param !== undefined) throw new Error(`CDK: ${where ?? this.where()} takes attribute "${e.attribute}" of parameter "${e.target}"`);
        if (d === undefined) this.unknown(e.target, where);
        this.note(d);
        return `${d.variable}.${this.attrName(e.attribute)}`;
      }
      case 'concat': {
        let text = '`';
        for (const p of e.parts) text += typeof p === 'string' ? templateText(p) : `\${${this.expr(p, where, true)}}`;
        return `${text}\``;
      }
      case 'select':
        return `cdk.Fn.select(${e.index}, ${this.expr(e.list, where, false)})`;
      case 'azs':
        return 'cdk.Fn.getAzs()';
      case 'base64': {
        const inner = typeof e.value === 'string' ? tsString(e.value) : isIrExpr(e.value) ? this.expr(e.value, where, true) : undefined;
        if (inner === undefined) throw new Error(`CDK: ${where ?? this.where()} takes Base64 of something that is not a string`);
        return `cdk.Fn.base64(${inner})`;
      }
      case 'pseudo': {
        const text = PSEUDO[e.name];
        if (text === undefined) throw new Error(`CDK: ${where ?? this.where()} uses unknown pseudo parameter ${String(e.name)}`);
        return text;
      }
    }
  }

  /** Where the value being written is: a root (resource id, output) and the path below it, as text only for errors. */
  private root = '';
  private readonly path: (string | number)[] = [];

  private where(): string {
    let text = this.root;
    for (const p of this.path) text += typeof p === 'number' ? `[${p}]` : `.${p}`;
    return text;
  }

  /** A value as TypeScript (see write). */
  value(v: IrValue, indent: string, mode: Mode, type: string, where: string): string {
    const out: string[] = [];
    this.writeValue(out, v, indent, mode, type, where, '', '');
    return out.join('');
  }

  /** Writes a value as TypeScript into `out` (pieces of text) after `lead` and followed by `end`; `where` names it in errors. */
  writeValue(out: string[], v: IrValue, indent: string, mode: Mode, type: string, where: string, lead: string, end: string): void {
    this.root = where;
    this.path.length = 0;
    this.typeJson = TYPE_JSON_PROPERTIES[type];
    this.write(out, v, indent, mode, lead, end);
  }

  /** The mode of a member `k` of an object written in `mode` (props: of a resource of the type being written). */
  private memberMode(k: string, mode: Mode): Mode {
    if (mode !== 'props') return mode === 'map' ? 'json' : mode;
    if (this.typeJson?.includes(k) === true) return 'json';
    let m = this.propModes.get(k);
    if (m === undefined) {
      m = JSON_PROPERTIES.has(k) ? 'json' : MAP_PROPERTIES.has(k) ? 'map' : 'props';
      this.propModes.set(k, m);
    }
    return m;
  }

  /**
   * `lead` and the opening bracket of a multi-line list or object (`[` or `{`) and its line end, as one piece made
   * once per rendering: leads are few (indentations, member leads), and a piece costs more to join than the copy.
   */
  private opening(lead: string, bracket: '[' | '{'): string {
    return bracket === '[' ? textOnce(this.listOpenings, lead, '', '[\n') : textOnce(this.objectOpenings, lead, '', '{\n');
  }

  /** The indentation, closing bracket and `end` of a multi-line list or object, as one piece made once per rendering. */
  private closing(indent: string, bracket: ']' | '}', end: string): string {
    const closings = bracket === ']' ? this.listClosings : this.objectClosings;
    return closings.get(indent, end) ?? closings.set(indent, end, `${indent}${bracket}${end}`);
  }

  /** The key text of a member `k` of an object written in `mode` (a CDK property name in props). */
  private memberKey(k: string, mode: Mode): string {
    const keys = mode === 'props' ? this.propKeys : this.plainKeys;
    let key = keys.get(k);
    if (key === undefined) {
      key = objectKey(mode === 'props' ? cdkPropertyName(k) : k);
      keys.set(k, key);
    }
    return key;
  }

  /** `indent`, the key text of member `k` of an object written in `mode` and `: `. */
  private memberLead(indent: string, k: string, mode: Mode): string {
    const leads = mode === 'props' ? this.propLeads : this.plainLeads;
    return leads.get(indent, k) ?? leads.set(indent, k, `${indent}${this.memberKey(k, mode)}: `);
  }

  /** `lead` and an opening quote. */
  private quoteAfter(lead: string): string {
    return textOnce(this.quoteLeads, lead, '', "'");
  }

  /** A closing quote and `end`. */
  private quoteBefore(end: string): string {
    return textOnce(this.quoteEnds, end, "'", '');
  }

  private deeper(indent: string): string {
    return textOnce(this.deeperThan, indent, '', '  ');
  }

  /**
   * The text of a value when it is written on one line, undefined when it spans lines: a list or object whose
   * one-line form would be too long or hold something multi-line, an object holding lists or objects.
   */
  private oneLine(v: IrValue, indent: string, mode: Mode): string | undefined {
    if (typeof v === 'string') return tsString(v);
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new Error(`CDK: ${this.where()} is not a finite number`);
      return String(v);
    }
    if (typeof v === 'boolean') return String(v);
    if (isIrExpr(v)) return this.expr(v, undefined, false);
    const inner = this.deeper(indent);
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      let text = '[';
      for (let i = 0; i < v.length; i++) {
        this.path.push(i);
        const item = this.oneLine(v[i]!, inner, mode);
        this.path.pop();
        if (item === undefined) return undefined;
        text += i === 0 ? item : `, ${item}`;
        if (text.length + indent.length > MAX_INLINE) return undefined;
      }
      text += ']';
      return text.length + indent.length <= MAX_INLINE ? text : undefined;
    }
    // Only objects of scalars and expressions have a one-line form (checked before any text is made).
    for (const k in v) {
      const item = v[k]!;
      if (typeof item === 'object' && !isIrExpr(item)) return undefined;
    }
    let text = '';
    for (const k in v) {
      const item = v[k]!;
      this.path.push(k);
      const itemText = this.oneLine(item, inner, this.memberMode(k, mode));
      this.path.pop();
      text += `${text === '' ? '{ ' : ', '}${this.memberKey(k, mode)}: ${itemText ?? ''}`;
      if (text.length + indent.length > MAX_INLINE) return undefined;
    }
    if (text === '') return '{}';
    text += ' }';
    return text.length + indent.length <= MAX_INLINE ? text : undefined;
  }

  /**
   * A value after `lead` (the text before it on its first line), on one line when it fits (see oneLine), else
   * one list item or object member per line, followed by `end` (joined to the value's last piece: pieces cost
   * more to join than the copy; a multi-line value's lead shares the piece of its opening bracket).
   */
  private write(out: string[], v: IrValue, indent: string, mode: Mode, lead: string, end: string): void {
    if (typeof v === 'string' && !hasTsEscape(v)) {
      // Most values: the text itself between its lead with an opening quote and a closing quote with its end, both
      // made once per rendering (no string made for the value that the join would then have to flatten).
      out.push(this.quoteAfter(lead), v, this.quoteBefore(end));
      return;
    }
    const text = this.oneLine(v, indent, mode);
    if (text !== undefined) {
      if (lead !== '') out.push(lead);
      out.push(end === '' ? text : text + end);
      return;
    }
    const inner = this.deeper(indent);
    if (Array.isArray(v)) {
      out.push(this.opening(lead, '['));
      for (let i = 0; i < v.length; i++) {
        this.path.push(i);
        this.write(out, v[i]!, inner, mode, inner, ',\n');
        this.path.pop();
      }
      out.push(this.closing(indent, ']', end));
      return;
    }
    // Scalars and expressions always fit on one line: this is an object.
    const obj = v as IrObject;
    out.push(this.opening(lead, '{'));
    for (const k in obj) {
      this.path.push(k);
      this.write(out, obj[k]!, inner, this.memberMode(k, mode), this.memberLead(inner, k, mode), ',\n');
      this.path.pop();
    }
    out.push(this.closing(indent, '}', end));
  }
}

function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((s) => s !== '')
    .map((s) => s.charAt(0).toUpperCase() + s.slice(1))
    .join('');
}

function kebab(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
}

const VISITING = 1;
const DONE = 2;

/**
 * Resource indexes ordered so every resource comes after the resources it refers to (stable otherwise), from the
 * references the writer listed.
 */
function topologicalOrder(t: IrTemplate, w: Writer): number[] {
  const resources = t.resources;
  const state = new Uint8Array(resources.length);
  const out: number[] = [];
  const { refStart, refList } = w;
  // The resources being visited, outermost first (the cycle named in the error).
  const path: string[] = [];
  const visit = (i: number): void => {
    const s = state[i];
    const r = resources[i]!;
    if (s === DONE) return;
    if (s === VISITING) throw new Error(`CDK: resources refer to each other in a cycle: ${[...path, r.id].join(' → ')}`);
    state[i] = VISITING;
    path.push(r.id);
    for (let k = refStart[i]!, end = refStart[i + 1]!; k < end; k++) visit(refList[k]!);
    if (r.dependsOn !== undefined) {
      for (const d of r.dependsOn) {
        const dep = w.declared.get(d);
        if (dep !== undefined && dep.index >= 0) visit(dep.index);
      }
    }
    path.pop();
    state[i] = DONE;
    out.push(i);
  };
  for (let i = 0; i < resources.length; i++) visit(i);
  return out;
}

/** `text` without the newlines it ends with (a scan from the end: the stack body is megabytes). */
function withoutTrailingNewlines(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  return text.slice(0, end);
}

function parameterCode(p: IrParameter, variable: string, used: boolean): string {
  const props: string[] = [`      type: ${tsString(p.type)},`, `      description: ${tsString(p.description)},`];
  if (p.default !== undefined) props.push(`      default: ${typeof p.default === 'number' ? String(p.default) : tsString(p.default)},`);
  if (p.allowedValues !== undefined && p.allowedValues.length > 0) {
    props.push(`      allowedValues: [${p.allowedValues.map(tsString).join(', ')}],`);
  }
  const ctor = `new cdk.CfnParameter(this, ${tsString(p.id)}, {\n${props.join('\n')}\n    });`;
  return used ? `    const ${variable} = ${ctor}` : `    ${ctor}`;
}

/** Marks the resources `r` depends on, and `r` itself, as written with a variable (addResourceDependency). */
function noteDependencies(w: Writer, r: IrResource, index: number): void {
  if (r.dependsOn === undefined || r.dependsOn.length === 0) return;
  for (const d of r.dependsOn) {
    const dep = w.declared.get(d);
    if (dep !== undefined) dep.used = true;
  }
  w.resourceEntries[index]!.used = true;
}

/** `r.addResourceDependency(d);` lines of a resource, into `out`. */
function dependencyLines(w: Writer, r: IrResource, out: string[]): void {
  if (r.dependsOn === undefined) return;
  const variable = w.declared.get(r.id)!.variable;
  for (const dep of r.dependsOn) {
    if (!w.isResource(dep)) throw new Error(`CDK: ${r.id} depends on "${dep}", which is not a resource of the template`);
    out.push(`    ${variable}.addResourceDependency(${w.declared.get(dep)!.variable});`, '\n');
  }
}

function outputCode(w: Writer, o: IrOutput): string {
  const value =
    isIrExpr(o.value) ? w.expr(o.value, `output ${o.id}`, true) : typeof o.value === 'string' ? tsString(o.value) : Array.isArray(o.value) ? `cdk.Fn.join(',', ${w.value(o.value, '    ', 'json', '', `output ${o.id}`)})` : tsString(String(o.value as number | boolean));
  // Outputs share the stack's construct namespace with resources and parameters, CloudFormation's do not: a
  // clashing output gets another construct id and keeps its logical id.
  const clash = w.declared.has(o.id);
  const ctor = `new cdk.CfnOutput(this, ${tsString(clash ? `${o.id}Output` : o.id)}, {\n      description: ${tsString(o.description)},\n      value: ${value},\n    })`;
  return clash ? `    ${ctor}.overrideLogicalId(${tsString(o.id)});` : `    ${ctor};`;
}

/**
 * The statements of the stack's constructor. One pass writes each resource in template order and lists what it
 * refers to as it goes (no walk over the properties before writing them); the texts are then put in an order where
 * each resource comes after those it refers to, and the parameters and resources something refers to get their
 * `const`. A template that cannot be written fails with the error the writing order meets first (see firstError).
 */
function stackBody(w: Writer, t: IrTemplate): string {
  const resources = t.resources;
  const texts: string[] = [];
  const pieces: string[] = [];
  for (let i = 0; i < resources.length; i++) {
    w.writeResource(pieces, i);
    texts.push(pieces.join(''));
    pieces.length = 0;
    noteDependencies(w, resources[i]!, i);
  }
  const outputs = t.outputs.map((o) => outputCode(w, o));
  const ordered = topologicalOrder(t, w);

  // The statements as pieces of text, joined once: a few per resource.
  const body: string[] = [];
  for (const p of t.parameters) {
    const d = w.declared.get(p.id)!;
    body.push(parameterCode(p, d.variable, d.used), '\n');
  }
  if (t.parameters.length > 0) body.push('\n');
  for (const i of ordered) {
    const r = resources[i]!;
    const d = w.resourceEntries[i]!;
    if (r.comment !== undefined) body.push(`    // ${r.comment.replace(/\n/g, ' ')}`, '\n');
    body.push(d.used ? `    const ${d.variable} = ` : '    ', texts[i]!);
    dependencyLines(w, r, body);
    body.push('\n');
  }
  for (const o of outputs) body.push(o, '\n');
  return body.join('');
}

/**
 * The error of a template stackBody cannot write, as writing in stack order meets it: a cycle first, then the
 * resources in their order in the stack, then the outputs. (stackBody writes in template order, so the first error
 * it meets may be another one.)
 */
function firstError(t: IrTemplate): unknown {
  try {
    const w = new Writer(t);
    const resources = t.resources;
    for (let i = 0; i < resources.length; i++) w.collectRefs(i, resources[i]!.properties);
    const pieces: string[] = [];
    for (const i of topologicalOrder(t, w)) {
      w.writeResource(pieces, i);
      dependencyLines(w, resources[i]!, pieces);
    }
    for (const o of t.outputs) outputCode(w, o);
  } catch (e) {
    return e;
  }
  return undefined;
}

function stackCode(t: IrTemplate, className: string): string {
  const w = new Writer(t);
  let body: string;
  try {
    body = stackBody(w, t);
  } catch (e) {
    throw firstError(t) ?? e;
  }

  const modules = new Map<string, string>();
  for (const r of t.resources) {
    const { alias, service } = w.typeParts(r);
    modules.set(alias, `aws-${service.toLowerCase()}`);
  }

  const imports = [
    `import * as cdk from 'aws-cdk-lib';`,
    ...[...modules].sort(([a], [b]) => a.localeCompare(b)).map(([alias, mod]) => `import * as ${alias} from 'aws-cdk-lib/${mod}';`),
    `import type { Construct } from 'constructs';`,
  ];

  return `${imports.join('\n')}

/**
 * ${t.description.replace(/\*\//g, '* /').replace(/\n/g, '\n * ')}
 *
 * L1 constructs (Cfn*) mirror the CloudFormation resources one to one.
 */
export class ${className} extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, { description: ${tsString(t.description)}, ...props });

${withoutTrailingNewlines(body)}
  }
}
`;
}

/** Renders a template as a CDK TypeScript app. */
export function renderCdk(t: IrTemplate, opts: CdkOptions): GeneratedFile[] {
  if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(opts.stackName)) {
    throw new Error(`CDK: stack name "${opts.stackName}" must start with a letter and contain only letters, digits and hyphens`);
  }
  const className = `${pascal(opts.stackName)}Stack`;
  const fileBase = `${kebab(opts.stackName)}-stack`;
  const packageName = kebab(opts.stackName);

  const app = `#!/usr/bin/env node
import * as cdk from 'aws-cdk-lib';
import { ${className} } from '../lib/${fileBase}';

const app = new cdk.App();
new ${className}(app, ${tsString(opts.stackName)});
app.synth();
`;

  const packageJson = {
    name: packageName,
    version: '0.1.0',
    private: true,
    bin: { [packageName]: 'bin/app.js' },
    scripts: { build: 'tsc', synth: 'cdk synth', deploy: 'cdk deploy' },
    dependencies: { 'aws-cdk-lib': CDK_LIB_VERSION, constructs: CONSTRUCTS_VERSION },
    devDependencies: { '@types/node': '^22.0.0', 'aws-cdk': '^2.1000.0', 'ts-node': '^10.9.2', typescript: '~5.9.0' },
  };

  const cdkJson = {
    app: 'npx ts-node --prefer-ts-exts bin/app.ts',
    watch: { include: ['**'], exclude: ['README.md', 'cdk*.json', '**/*.d.ts', '**/*.js', 'tsconfig.json', 'package*.json', 'node_modules'] },
    context: {},
  };

  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'commonjs',
      lib: ['es2022'],
      strict: true,
      noImplicitReturns: true,
      noUnusedLocals: true,
      esModuleInterop: true,
      skipLibCheck: true,
      declaration: true,
      inlineSourceMap: true,
      types: ['node'],
    },
    exclude: ['node_modules', 'cdk.out'],
  };

  return [
    { path: 'bin/app.ts', contents: app },
    { path: `lib/${fileBase}.ts`, contents: stackCode(t, className) },
    { path: 'package.json', contents: `${JSON.stringify(packageJson, null, 2)}\n` },
    { path: 'cdk.json', contents: `${JSON.stringify(cdkJson, null, 2)}\n` },
    { path: 'tsconfig.json', contents: `${JSON.stringify(tsconfig, null, 2)}\n` },
  ];
}
