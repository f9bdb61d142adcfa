import { Document, isMap, isScalar } from 'yaml';
import { isIrExpr, type IrExpr, type IrTemplate, type IrValue } from './ir';

/**
 * CloudFormation text of a resource IR (YAML or JSON). Reads only the IR: intrinsic functions are written in
 * their full form (`Ref`, `Fn::GetAtt`, `Fn::Sub`, …), which both YAML and JSON templates accept.
 */
export type CfnFormat = 'yaml' | 'json';

type Json = string | number | boolean | Json[] | { [key: string]: Json };

function subPart(part: string | IrExpr): string | undefined {
  if (typeof part === 'string') return part.replace(/\$\{/g, '${!');
  switch (part.__ir) {
    case 'ref':
      return `\${${part.target}}`;
    case 'getAtt':
      return `\${${part.target}.${part.attribute}}`;
    case 'pseudo':
      return `\${${part.name}}`;
    default:
      return undefined;
  }
}

function expr(e: IrExpr): Json {
  switch (e.__ir) {
    case 'ref':
      return { Ref: e.target };
    case 'getAtt':
      return { 'Fn::GetAtt': [e.target, e.attribute] };
    case 'pseudo':
      return { Ref: e.name };
    case 'azs':
      return { 'Fn::GetAZs': '' };
    case 'select':
      return { 'Fn::Select': [String(e.index), expr(e.list)] };
    case 'base64':
      return { 'Fn::Base64': value(e.value) };
    case 'concat': {
      const sub = e.parts.map(subPart);
      // Fn::Sub when every part has a ${} form (readable); Fn::Join otherwise.
      if (sub.every((s): s is string => s !== undefined)) return { 'Fn::Sub': sub.join('') };
      return { 'Fn::Join': ['', e.parts.map((p) => (typeof p === 'string' ? p : expr(p)))] };
    }
  }
}

function value(v: IrValue): Json {
  if (Array.isArray(v)) return v.map(value);
  if (isIrExpr(v)) return expr(v);
  if (typeof v === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [k, x] of Object.entries(v)) out[k] = value(x);
    return out;
  }
  return v;
}

/** The template as a JSON value (what `aws cloudformation deploy` reads). */
export function cloudFormationTemplate(t: IrTemplate): { [key: string]: Json } {
  const out: { [key: string]: Json } = { AWSTemplateFormatVersion: '2010-09-09', Description: t.description.slice(0, 1024) };
  if (t.parameters.length > 0) {
    const params: { [key: string]: Json } = {};
    for (const p of t.parameters) {
      const entry: { [key: string]: Json } = { Type: p.type, Description: p.description.slice(0, 4000) };
      if (p.default !== undefined) entry['Default'] = p.default;
      if (p.allowedValues !== undefined) entry['AllowedValues'] = [...p.allowedValues];
      params[p.id] = entry;
    }
    out['Parameters'] = params;
  }
  const resources: { [key: string]: Json } = {};
  for (const r of t.resources) {
    const entry: { [key: string]: Json } = { Type: r.type };
    if (r.dependsOn !== undefined && r.dependsOn.length > 0) entry['DependsOn'] = [...r.dependsOn];
    entry['Properties'] = value(r.properties);
    resources[r.id] = entry;
  }
  out['Resources'] = resources;
  if (t.outputs.length > 0) {
    const outputs: { [key: string]: Json } = {};
    for (const o of t.outputs) outputs[o.id] = { Description: o.description, Value: value(o.value) };
    out['Outputs'] = outputs;
  }
  return out;
}

export function renderCloudFormation(t: IrTemplate, opts: { format: CfnFormat }): string {
  const template = cloudFormationTemplate(t);
  if (opts.format === 'json') return `${JSON.stringify(template, null, 2)}\n`;
  const doc = new Document(template);
  // Why-comments above resources (YAML only; JSON has no comments).
  const resources = doc.get('Resources');
  if (isMap(resources)) {
    const comments = new Map(t.resources.flatMap((r) => (r.comment !== undefined ? [[r.id, r.comment] as const] : [])));
    for (const pair of resources.items) {
      if (isScalar(pair.key) && typeof pair.key.value === 'string') {
        const c = comments.get(pair.key.value);
        if (c !== undefined) pair.key.commentBefore = ` ${c.replace(/\n/g, ' ')}`;
      }
    }
  }
  return doc.toString({ lineWidth: 0 });
}
