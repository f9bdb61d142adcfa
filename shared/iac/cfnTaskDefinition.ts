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

const RENAMED_MEMBERS = new Set(Object.keys(RENAMED).map((k) => k.slice(k.indexOf('.') + 1)));

/** Capitalized member names, per conversion call set (names repeat in every container). */
type Names = Map<string, string>;

function cfnName(parent: string, key: string, capitalized: Names): string {
  if (RENAMED_MEMBERS.has(key)) {
    const renamed = RENAMED[`${parent}.${key}`] ?? RENAMED[key];
    if (renamed !== undefined) return renamed;
  }
  let name = capitalized.get(key);
  if (name === undefined) {
    name = key.charAt(0).toUpperCase() + key.slice(1);
    capitalized.set(key, name);
  }
  return name;
}

function convert(value: unknown, parent: string, names: Names): IrValue {
  if (Array.isArray(value)) return value.map((v) => convert(v, parent, names));
  if (typeof value === 'object' && value !== null) {
    const out: IrObject = {};
    const obj = value as Record<string, unknown>;
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      if (v === undefined) continue;
      const name = cfnName(parent, k, names);
      out[name] = STRING_MAPS.has(name) && isStringMap(v) ? { ...v } : convert(v, name, names);
    }
    return out;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  throw new Error(`task definition value of type ${typeof value} under ${parent} has no CloudFormation form`);
}

function isStringMap(v: unknown): v is Record<string, string> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const obj = v as Record<string, unknown>;
  for (const k of Object.keys(obj)) if (typeof obj[k] !== 'string') return false;
  return true;
}

/**
 * AWS::ECS::TaskDefinition properties of a RegisterTaskDefinition input. `names` remembers converted member
 * names; pass one map for all task definitions of a template.
 */
export function cfnTaskDefinitionProperties(input: Record<string, unknown>, names: Map<string, string> = new Map()): IrObject {
  return convert(input, 'TaskDefinition', names) as IrObject;
}
