import { isPlainObject } from '../json';
import type { ReportBuilder } from './report';

/** AWS::NoValue: the property is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/**
 * A reference to a resource of the template, kept as text: `${Logical}` for Ref, `${Logical.Attr}` for GetAtt
 * (the same text Fn::Sub would show). The importer turns references in role/target/log group/… positions into
 * edges; anywhere else the text stays visible in the design and is listed in the report.
 */
export function refToken(logicalId: string, attribute?: string): string {
  return attribute === undefined ? `\${${logicalId}}` : `\${${logicalId}.${attribute}}`;
}

/** A cross-stack reference (Fn::ImportValue) kept as text. */
export function importToken(exportName: string): string {
  return `\${import:${exportName}}`;
}

/** The export name of a value that is one cross-stack reference. */
export function importedExport(value: unknown): string | undefined {
  return typeof value === 'string' ? /^\$\{import:(.*)\}$/s.exec(value)?.[1] : undefined;
}

/** The logical id a value refers to, when the whole value is one resource reference. */
export function referencedResource(value: unknown, resources: ReadonlySet<string>): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}$/.exec(value);
  return m && resources.has(m[1]!) ? m[1] : undefined;
}

/** Every resource referenced anywhere in a string (Sub/Join results), in order. */
export function referencedResources(value: unknown, resources: ReadonlySet<string>): string[] {
  if (typeof value !== 'string') return [];
  return [...value.matchAll(/\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}/g)].map((m) => m[1]!).filter((id) => resources.has(id));
}

type Template = {
  Parameters?: Record<string, unknown>;
  Mappings?: Record<string, unknown>;
  Conditions?: Record<string, unknown>;
  Resources: Record<string, unknown>;
};

/**
 * Evaluates CloudFormation intrinsic functions against the parameter defaults: Ref, Fn::GetAtt, Fn::Sub, Fn::Join,
 * Fn::Select, Fn::Split, Fn::If (+ Equals/Not/And/Or/Condition), Fn::FindInMap, Fn::GetAZs, Fn::Base64.
 * Pseudo parameters become the design's deploy-time placeholders (`<account>`, `<region>`). What cannot be
 * evaluated (a parameter without default, Fn::ImportValue, Fn::Cidr…) becomes `${…}` text and a report entry.
 */
export class CfnResolver {
  readonly resources: ReadonlySet<string>;
  private readonly params = new Map<string, unknown>();
  private readonly conditionCache = new Map<string, boolean>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly template: Template,
    private readonly report: ReportBuilder,
    private readonly stackName: string,
  ) {
    this.resources = new Set(Object.keys(template.Resources));
    for (const [name, spec] of Object.entries(template.Parameters ?? {})) {
      const allowed = isPlainObject(spec) && Array.isArray(spec['AllowedValues']) ? (spec['AllowedValues'] as unknown[]) : [];
      if (isPlainObject(spec) && spec['Default'] === undefined && allowed.length > 0) {
        this.params.set(name, String(allowed[0]));
        report.warn(`Parameters.${name}`, `parameter ${name} has no default; used its first allowed value "${String(allowed[0])}"`);
      } else if (isPlainObject(spec) && spec['Default'] !== undefined) {
        const d = spec['Default'];
        this.params.set(name, typeof spec['Type'] === 'string' && spec['Type'].startsWith('List<') || spec['Type'] === 'CommaDelimitedList' ? String(d).split(',').map((s) => s.trim()) : typeof d === 'number' ? String(d) : d);
      }
    }
  }

  condition(name: string, path: string): boolean {
    const cached = this.conditionCache.get(name);
    if (cached !== undefined) return cached;
    const def = this.template.Conditions?.[name];
    if (def === undefined) {
      this.once(`cond:${name}`, path, `condition ${name} is not defined; treated as false`);
      return false;
    }
    this.conditionCache.set(name, false);
    const v = this.truth(def, `Conditions.${name}`);
    this.conditionCache.set(name, v);
    return v;
  }

  private truth(v: unknown, path: string): boolean {
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    if (!isPlainObject(v)) return false;
    const [fn, arg] = Object.entries(v)[0] ?? [];
    const list = Array.isArray(arg) ? arg : [arg];
    switch (fn) {
      case 'Fn::Equals':
        return JSON.stringify(this.resolve(list[0], path)) === JSON.stringify(this.resolve(list[1], path));
      case 'Fn::Not':
        return !this.truth(list[0], path);
      case 'Fn::And':
        return list.every((x) => this.truth(x, path));
      case 'Fn::Or':
        return list.some((x) => this.truth(x, path));
      case 'Condition':
        return this.condition(String(arg), path);
      default:
        return false;
    }
  }

  private once(key: string, path: string, message: string): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.report.warn(path, message);
  }

  private pseudo(name: string): string | string[] | typeof NO_VALUE | undefined {
    switch (name) {
      case 'AWS::AccountId':
        return '<account>';
      case 'AWS::Region':
        return '<region>';
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return this.stackName;
      case 'AWS::StackId':
        return `arn:aws:cloudformation:<region>:<account>:stack/${this.stackName}`;
      case 'AWS::NoValue':
        return NO_VALUE;
      case 'AWS::NotificationARNs':
        return [];
      default:
        return undefined;
    }
  }

  private ref(name: string, path: string): unknown {
    const p = this.pseudo(name);
    if (p !== undefined) return p;
    if (this.params.has(name)) return this.params.get(name);
    if (this.resources.has(name)) return refToken(name);
    if (this.template.Parameters?.[name] !== undefined) this.once(`param:${name}`, `Parameters.${name}`, `parameter ${name} has no default; its references stay as \${${name}}`);
    else this.once(`ref:${name}`, path, `Ref ${name}: no such parameter or resource; kept as \${${name}}`);
    return `\${${name}}`;
  }

  /** Resolves every intrinsic in a value; objects lose keys that resolve to AWS::NoValue. */
  resolve(v: unknown, path: string): unknown {
    if (Array.isArray(v)) return v.map((x, i) => this.resolve(x, `${path}[${i}]`)).filter((x) => x !== NO_VALUE);
    if (!isPlainObject(v)) return v;
    const keys = Object.keys(v);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::') || keys[0] === 'Condition')) return this.intrinsic(keys[0]!, v[keys[0]!], path);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const r = this.resolve(x, `${path}.${k}`);
      if (r !== NO_VALUE) out[k] = r;
    }
    return out;
  }

  private str(v: unknown, path: string): string {
    const r = this.resolve(v, path);
    return typeof r === 'string' ? r : typeof r === 'number' || typeof r === 'boolean' ? String(r) : JSON.stringify(r);
  }

  private intrinsic(fn: string, arg: unknown, path: string): unknown {
    const list = Array.isArray(arg) ? arg : [arg];
    switch (fn) {
      case 'Ref':
        return this.ref(String(arg), path);
      case 'Condition':
        return this.condition(String(arg), path);
      case 'Fn::GetAtt': {
        const [res, ...attr] = typeof arg === 'string' ? arg.split('.') : list.map((x) => this.str(x, path));
        if (res === undefined || !this.resources.has(res)) {
          this.once(`getatt:${String(res)}`, path, `Fn::GetAtt ${String(res)}: no such resource`);
        }
        return refToken(res ?? '', attr.join('.'));
      }
      case 'Fn::Sub': {
        const [text, vars] = typeof arg === 'string' ? [arg, {}] : [list[0], list[1]];
        const local = isPlainObject(vars) ? Object.fromEntries(Object.entries(vars).map(([k, x]) => [k, this.str(x, path)])) : {};
        return String(text).replace(/\$\{(!?)([^}]+)\}/g, (all, bang: string, name: string) => {
          if (bang === '!') return `\${${name}}`;
          if (local[name] !== undefined) return local[name];
          const dot = name.indexOf('.');
          if (dot > 0 && this.resources.has(name.slice(0, dot))) return refToken(name.slice(0, dot), name.slice(dot + 1));
          const r = this.ref(name, path);
          return typeof r === 'string' ? r : Array.isArray(r) ? r.join(',') : all;
        });
      }
      case 'Fn::Join': {
        const sep = this.str(list[0], path);
        const items = this.resolve(list[1], path);
        return (Array.isArray(items) ? items : [items]).map((x) => (typeof x === 'string' ? x : String(x))).join(sep);
      }
      case 'Fn::Select': {
        const idx = Number(this.str(list[0], path));
        const items = this.resolve(list[1], path);
        if (Array.isArray(items) && items[idx] !== undefined) return items[idx];
        this.once(`select:${path}`, path, 'Fn::Select: index out of range or list unknown; kept as ${unresolved}');
        return '${unresolved}';
      }
      case 'Fn::Split': {
        const sep = this.str(list[0], path);
        return this.str(list[1], path).split(sep);
      }
      case 'Fn::If': {
        const cond = this.condition(String(list[0]), path);
        return this.resolve(cond ? list[1] : list[2], path);
      }
      case 'Fn::Equals':
      case 'Fn::Not':
      case 'Fn::And':
      case 'Fn::Or':
        return this.truth({ [fn]: arg }, path);
      case 'Fn::FindInMap': {
        const [map, top, second] = list.map((x) => this.str(x, path));
        const found = (this.template.Mappings?.[map ?? ''] as Record<string, Record<string, unknown>> | undefined)?.[top ?? '']?.[second ?? ''];
        if (found !== undefined) return found;
        this.once(`map:${path}`, path, `Fn::FindInMap ${map}/${top}/${second}: not in the template mappings; kept as \${unresolved}`);
        return '${unresolved}';
      }
      case 'Fn::GetAZs':
        return ['<region>a', '<region>b', '<region>c'];
      case 'Fn::Base64':
        return this.str(arg, path);
      case 'Fn::ImportValue': {
        const name = this.str(arg, path);
        this.once(`import:${name}:${path}`, path, `Fn::ImportValue ${name}: an output of another stack; kept as \${import:${name}}`);
        return importToken(name);
      }
      default:
        this.once(`fn:${fn}:${path}`, path, `${fn} cannot be evaluated offline; the value is kept as \${unresolved}`);
        return '${unresolved}';
    }
  }
}
