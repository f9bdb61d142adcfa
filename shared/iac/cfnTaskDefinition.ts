import type { IrObject, IrValue } from './ir';

/**
 * RegisterTaskDefinition JSON (the ECS API's camelCase shapes, as shared/taskdef/export.ts writes them) →
 * AWS::ECS::TaskDefinition properties. Mostly the first letter goes upper case, with CloudFormation's exceptions:
 * renamed members, and string maps whose keys are data (log driver options, docker labels) and stay as they are.
 */

/** Members CloudFormation spells differently, keyed by `parent.member` (parent = the CloudFormation name of the enclosing member) or by member alone. */
const RENAMED: Readonly<Record<string, string>> = {
  efsVolumeConfiguration: 'EFSVolumeConfiguration',
  'EFSVolumeConfiguration.fileSystemId': 'FilesystemId',
  'AuthorizationConfig.iam': 'IAM',
  fsxWindowsFileServerVolumeConfiguration: 'FSxWindowsFileServerVolumeConfiguration',
  'ProxyConfiguration.properties': 'ProxyConfigurationProperties',
};

/** Members whose value is a string map: keys are kept verbatim. */
const STRING_MAPS: ReadonlySet<string> = new Set(['Options', 'DockerLabels', 'DriverOpts', 'Labels']);

/** What a member key becomes: its CloudFormation name and whether that name is one of the string-map members. */
type Member = {
  readonly name: string;
  readonly stringMap: boolean;
  /** For a key that some enclosing members rename (the `parent.member` entries of RENAMED): its member under each of them. */
  readonly underParent?: ReadonlyMap<string, Member>;
};

function memberOf(name: string): Member {
  return { name, stringMap: STRING_MAPS.has(name) };
}

/** The member of `key` wherever it occurs, with the parent-specific renames of RENAMED attached. */
function memberOfKey(key: string): Member {
  const member = memberOf(Object.hasOwn(RENAMED, key) ? RENAMED[key]! : key.charAt(0).toUpperCase() + key.slice(1));
  let underParent: Map<string, Member> | undefined;
  for (const k in RENAMED) {
    const dot = k.indexOf('.');
    if (dot >= 0 && k.slice(dot + 1) === key) (underParent ??= new Map()).set(k.slice(0, dot), memberOf(RENAMED[k]!));
  }
  return underParent === undefined ? member : { ...member, underParent };
}

/**
 * CloudFormation names of task definition members, looked up once per key and remembered for one conversion
 * call set (the same keys repeat in every container of every task definition): one map lookup per member, the
 * parent-specific renames carried by the entry of the few keys that have them (no second table to ask first).
 */
export class CfnMemberNames {
  private readonly members = new Map<string, Member>();

  of(parent: string, key: string): Member {
    let member = this.members.get(key);
    if (member === undefined) {
      member = memberOfKey(key);
      this.members.set(key, member);
    }
    return member.underParent?.get(parent) ?? member;
  }
}

function convert(value: unknown, parent: string, names: CfnMemberNames): IrValue {
  if (Array.isArray(value)) return value.map((v) => convert(v, parent, names));
  if (typeof value === 'object' && value !== null) {
    const out: IrObject = {};
    const obj = value as Record<string, unknown>;
    // for…in, not Object.keys: no key list per object (the input is plain JSON data, no inherited members).
    for (const k in obj) {
      const v = obj[k];
      if (v === undefined) continue;
      const member = names.of(parent, k);
      out[member.name] = member.stringMap && isStringMap(v) ? { ...v } : convert(v, member.name, names);
    }
    return out;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  throw new Error(`task definition value of type ${typeof value} under ${parent} has no CloudFormation form`);
}

function isStringMap(v: unknown): v is Record<string, string> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const obj = v as Record<string, unknown>;
  for (const k in obj) if (typeof obj[k] !== 'string') return false;
  return true;
}

/**
 * AWS::ECS::TaskDefinition properties of a RegisterTaskDefinition input. `names` remembers converted member
 * names; pass one for all task definitions of a template.
 */
export function cfnTaskDefinitionProperties(input: Record<string, unknown>, names = new CfnMemberNames()): IrObject {
  return convert(input, 'TaskDefinition', names) as IrObject;
}
