/**
 * The resource IR: one graph of infrastructure resources built from a design, 1:1 with CloudFormation
 * resource types, which every infrastructure-as-code renderer (CloudFormation, Terraform, CDK) turns into text.
 * No renderer walks the design itself; they all read this.
 *
 * Property names and shapes are exactly CloudFormation's (PascalCase, as in the resource type's schema).
 * References between entries are expressions (`IrExpr`), never pre-rendered strings, so each renderer can
 * write them in its own syntax (`!Ref X`, `aws_ecs_cluster.x.arn`, `cluster.attrArn`).
 */

/** A value inside resource properties, parameters' defaults or outputs. */
export type IrValue = string | number | boolean | IrValue[] | IrObject | IrExpr;
export interface IrObject {
  [key: string]: IrValue;
}

/** Marker property that distinguishes expressions from plain objects (never a CloudFormation property name). */
export const IR_EXPR = '__ir' as const;

export type IrExpr =
  /** Ref of a resource (its primary identifier, as CloudFormation's Ref returns it) or of a parameter. */
  | { readonly __ir: 'ref'; readonly target: string }
  /** Fn::GetAtt of a resource attribute (CloudFormation attribute name, e.g. "Arn", "DNSName"). */
  | { readonly __ir: 'getAtt'; readonly target: string; readonly attribute: string }
  /** A string built from literal text and expressions (rendered as Fn::Sub / Fn::Join, interpolation, template literal). */
  | { readonly __ir: 'concat'; readonly parts: readonly (string | IrExpr)[] }
  /** Fn::Select of one item of a list-valued expression. */
  | { readonly __ir: 'select'; readonly index: number; readonly list: IrExpr }
  /** Fn::GetAZs for the current region (list of Availability Zone names). */
  | { readonly __ir: 'azs' }
  /** Fn::Base64 of a string (user data). */
  | { readonly __ir: 'base64'; readonly value: IrValue }
  /** A pseudo parameter of the deployment target. */
  | { readonly __ir: 'pseudo'; readonly name: IrPseudo };

export type IrPseudo = 'AWS::Region' | 'AWS::AccountId' | 'AWS::Partition' | 'AWS::StackName' | 'AWS::URLSuffix';

export const ir = {
  ref: (target: string): IrExpr => ({ __ir: 'ref', target }),
  getAtt: (target: string, attribute: string): IrExpr => ({ __ir: 'getAtt', target, attribute }),
  concat: (...parts: (string | IrExpr)[]): IrExpr => ({ __ir: 'concat', parts }),
  select: (index: number, list: IrExpr): IrExpr => ({ __ir: 'select', index, list }),
  azs: (): IrExpr => ({ __ir: 'azs' }),
  base64: (value: IrValue): IrExpr => ({ __ir: 'base64', value }),
  pseudo: (name: IrPseudo): IrExpr => ({ __ir: 'pseudo', name }),
} as const;

export function isIrExpr(value: unknown): value is IrExpr {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && IR_EXPR in value;
}

/**
 * An environment-specific input (CloudFormation parameter, Terraform variable, CDK CfnParameter).
 * `type` is a CloudFormation parameter type; `AWS::SSM::Parameter::Value<…>` parameters resolve a public SSM
 * parameter (the ECS-optimized AMI id) whose name is the default.
 */
export interface IrParameter {
  readonly id: string;
  readonly type:
    | 'String'
    | 'Number'
    | 'CommaDelimitedList'
    | 'AWS::EC2::VPC::Id'
    | 'AWS::EC2::Subnet::Id'
    | 'List<AWS::EC2::Subnet::Id>'
    | 'AWS::EC2::SecurityGroup::Id'
    | 'List<AWS::EC2::SecurityGroup::Id>'
    | 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>';
  readonly description: string;
  readonly default?: string | number;
  readonly allowedValues?: readonly string[];
  /** Design node the parameter stands for, when it stands for one. */
  readonly nodeId?: string;
}

export interface IrResource {
  /** Logical id: alphanumeric, unique in the template, stable for a given design (derived from node names). */
  readonly id: string;
  /** CloudFormation resource type, e.g. "AWS::ECS::Service". */
  readonly type: string;
  readonly properties: IrObject;
  /** Explicit ordering that references alone do not express (e.g. a service after its listener). */
  readonly dependsOn?: readonly string[];
  /** Design node this resource was built from (several resources may come from one node). */
  readonly nodeId?: string;
  /** One line on why the resource exists, for comments in the rendered text. */
  readonly comment?: string;
}

export interface IrOutput {
  readonly id: string;
  readonly description: string;
  readonly value: IrValue;
}

export interface IrTemplate {
  readonly description: string;
  readonly parameters: readonly IrParameter[];
  readonly resources: readonly IrResource[];
  readonly outputs: readonly IrOutput[];
}

/** A value with its IR expressions replaced by a renderer's form `R` of them. */
export type Replaced<R> = string | number | boolean | R | Replaced<R>[] | { [key: string]: Replaced<R> };

/** Keys and indexes from a value down to one of its members. */
export type IrPath = readonly (string | number)[];

/** A path as text after a location: `[2].Name`. */
export function pathText(path: IrPath): string {
  let text = '';
  for (const p of path) text += typeof p === 'number' ? `[${p}]` : `.${p}`;
  return text;
}

/**
 * `value` with each IR expression replaced by `convert(expression, path)` (the path is only valid during the
 * call). Lists and maps without an expression inside are returned as they are, and one is copied only from its
 * first member that changes: most of a template is plain data, which the renderers share with the IR.
 */
export function replaceExprs<R>(value: IrValue, convert: (e: IrExpr, path: IrPath) => R): Replaced<R> {
  const path: (string | number)[] = [];
  const walk = (v: IrValue): Replaced<R> => {
    if (typeof v !== 'object') return v;
    if (isIrExpr(v)) return convert(v, path);
    if (Array.isArray(v)) {
      let out: Replaced<R>[] | undefined;
      for (let i = 0; i < v.length; i++) {
        const item = v[i]!;
        path.push(i);
        const converted = walk(item);
        path.pop();
        if (out === undefined && converted !== item) out = v.slice(0, i) as Replaced<R>[];
        if (out !== undefined) out.push(converted);
      }
      return out ?? (v as Replaced<R>[]);
    }
    let out: { [key: string]: Replaced<R> } | undefined;
    for (const k in v) {
      const item = v[k]!;
      path.push(k);
      const converted = walk(item);
      path.pop();
      if (out === undefined && converted !== item) {
        out = {};
        for (const before in v) {
          if (before === k) break;
          out[before] = v[before] as Replaced<R>;
        }
      }
      if (out !== undefined) out[k] = converted;
    }
    return out ?? (v as { [key: string]: Replaced<R> });
  };
  return walk(value);
}

/** Every logical id an expression refers to (resources and parameters), in first-seen order. */
export function referencedIds(value: IrValue, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencedIds(item, into);
  } else if (isIrExpr(value)) {
    switch (value.__ir) {
      case 'ref':
      case 'getAtt':
        into.add(value.target);
        break;
      case 'concat':
        for (const part of value.parts) if (typeof part !== 'string') referencedIds(part, into);
        break;
      case 'select':
        referencedIds(value.list, into);
        break;
      case 'base64':
        referencedIds(value.value, into);
        break;
      case 'azs':
      case 'pseudo':
        break;
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) referencedIds(item, into);
  }
  return into;
}

/** One file a renderer produces, with a path relative to the output folder (forward slashes). */
export interface GeneratedFile {
  readonly path: string;
  readonly contents: string;
}
