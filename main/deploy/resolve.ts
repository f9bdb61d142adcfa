import { isIrExpr, type IrObject, type IrParameter, type IrPseudo, type IrTemplate, type IrValue } from '../../shared/iac/ir';
import type { LiveResource } from './types';
import { containsUnknown, unknownValue } from './values';

export interface ResolveEnv {
  readonly parameters: ReadonlyMap<string, string | string[]>;
  readonly pseudo: Readonly<Record<IrPseudo, string>>;
  /** Live state of resources known so far (read or applied); a resource missing here resolves to UNKNOWN. */
  readonly resources: ReadonlyMap<string, LiveResource>;
  readonly azs: readonly string[];
}

export class ParameterError extends Error {
  override name = 'ParameterError';
}

const LIST_TYPES = new Set(['CommaDelimitedList', 'List<AWS::EC2::Subnet::Id>', 'List<AWS::EC2::SecurityGroup::Id>']);

/** Parameter values from the input map (CLI --param Key=Value) or their defaults; missing ones are an error naming them. */
export function resolveParameters(template: IrTemplate, input: Readonly<Record<string, string>>): Map<string, string | string[]> {
  const out = new Map<string, string | string[]>();
  const missing: string[] = [];
  const known = new Set(template.parameters.map((p) => p.id));
  const unknownInputs = Object.keys(input).filter((k) => !known.has(k));
  if (unknownInputs.length > 0) throw new ParameterError(`unknown parameter${unknownInputs.length > 1 ? 's' : ''}: ${unknownInputs.join(', ')} (the design has: ${[...known].join(', ') || 'none'})`);
  for (const p of template.parameters) {
    const raw = input[p.id] ?? (p.default !== undefined ? String(p.default) : undefined);
    if (raw === undefined) {
      missing.push(describeParam(p));
      continue;
    }
    if (p.allowedValues && !p.allowedValues.includes(raw)) throw new ParameterError(`parameter ${p.id}: "${raw}" is not one of ${p.allowedValues.join(', ')}`);
    if (p.type === 'Number' && !Number.isFinite(Number(raw))) throw new ParameterError(`parameter ${p.id}: "${raw}" is not a number`);
    out.set(p.id, LIST_TYPES.has(p.type) ? raw.split(',').map((s) => s.trim()).filter((s) => s !== '') : raw);
  }
  if (missing.length > 0) throw new ParameterError(`missing parameter value${missing.length > 1 ? 's' : ''} (pass --param Key=Value): ${missing.join('; ')}`);
  return out;
}

function describeParam(p: IrParameter): string {
  return `${p.id} (${p.type}) — ${p.description}`;
}

/** What CloudFormation's Ref returns / GetAtt for the live resource. */
function attribute(live: LiveResource, name: string | undefined): string | undefined {
  if (name === undefined) return live.physicalId;
  return live.attributes[name];
}

export function resolveValue(value: IrValue, env: ResolveEnv): IrValue {
  if (Array.isArray(value)) return value.map((v) => resolveValue(v, env));
  if (isIrExpr(value)) {
    switch (value.__ir) {
      case 'ref': {
        const param = env.parameters.get(value.target);
        if (param !== undefined) return param;
        const live = env.resources.get(value.target);
        return live ? live.physicalId : unknownValue(`${value.target}`);
      }
      case 'getAtt': {
        const live = env.resources.get(value.target);
        const v = live ? attribute(live, value.attribute) : undefined;
        if (live && v === undefined) throw new Error(`${value.target}.${value.attribute}: the resource type ${live.type} has no such attribute in the deploy engine`);
        return v ?? unknownValue(`${value.target}.${value.attribute}`);
      }
      case 'concat': {
        const parts = value.parts.map((p) => (typeof p === 'string' ? p : resolveValue(p, env)));
        if (parts.some(containsUnknown)) return unknownValue(parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(''));
        return parts.map((p) => (Array.isArray(p) ? p.join(',') : String(p as string))).join('');
      }
      case 'select': {
        const list = resolveValue(value.list, env);
        if (containsUnknown(list)) return unknownValue(`item ${value.index}`);
        if (!Array.isArray(list)) throw new Error(`select: the list expression did not resolve to a list`);
        const item = list[value.index];
        if (item === undefined) throw new Error(`select: index ${value.index} is outside a list of ${list.length}`);
        return item;
      }
      case 'azs':
        return [...env.azs];
      case 'base64': {
        const inner = resolveValue(value.value, env);
        if (containsUnknown(inner)) return unknownValue('base64 of a value');
        return Buffer.from(typeof inner === 'string' ? inner : JSON.stringify(inner), 'utf8').toString('base64');
      }
      case 'pseudo':
        return env.pseudo[value.name];
    }
  }
  if (typeof value === 'object' && value !== null) {
    const out: IrObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = resolveValue(v, env);
    return out;
  }
  return value;
}
