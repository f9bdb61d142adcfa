import { isIrExpr, type IrObject, type IrValue } from '../../shared/iac/ir';
import type { PropertyChange } from './types';

/** Marker for a value that exists only after apply (a reference to a resource not created yet). */
export const UNKNOWN_PREFIX = '(known after apply: ';

export function unknownValue(what: string): string {
  return `${UNKNOWN_PREFIX}${what})`;
}

export function containsUnknown(value: unknown): boolean {
  if (typeof value === 'string') return value.startsWith(UNKNOWN_PREFIX);
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(containsUnknown);
  return false;
}

/** Keys whose children are free-form maps (their keys are data, never converted). */
const MAP_KEYS = new Set(['Options', 'DockerLabels', 'DriverOpts', 'Labels', 'options', 'dockerLabels', 'driverOpts', 'labels']);

/**
 * Members CloudFormation spells other than "first letter upper case" (task definition volumes and proxy
 * configuration, a service's placement strategies): `parent.member` or `member` → the SDK name, and the reverse for live properties.
 */
const CFN_TO_SDK: Readonly<Record<string, string>> = {
  EFSVolumeConfiguration: 'efsVolumeConfiguration',
  'EFSVolumeConfiguration.FilesystemId': 'fileSystemId',
  'AuthorizationConfig.IAM': 'iam',
  FSxWindowsFileServerVolumeConfiguration: 'fsxWindowsFileServerVolumeConfiguration',
  'ProxyConfiguration.ProxyConfigurationProperties': 'properties',
  PlacementStrategies: 'placementStrategy',
};
const SDK_TO_CFN: Readonly<Record<string, string>> = {
  efsVolumeConfiguration: 'EFSVolumeConfiguration',
  'efsVolumeConfiguration.fileSystemId': 'FilesystemId',
  'authorizationConfig.iam': 'IAM',
  fsxWindowsFileServerVolumeConfiguration: 'FSxWindowsFileServerVolumeConfiguration',
  'proxyConfiguration.properties': 'ProxyConfigurationProperties',
  placementStrategy: 'PlacementStrategies',
};

/** CloudFormation property shape (PascalCase) → SDK v3 input shape (camelCase), recursively. */
export function toSdkShape(value: unknown, parentKey = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => toSdkShape(v, parentKey));
  if (typeof value === 'object' && value !== null) {
    if (MAP_KEYS.has(parentKey)) return { ...(value as Record<string, unknown>) };
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[CFN_TO_SDK[`${parentKey}.${k}`] ?? CFN_TO_SDK[k] ?? camel(k)] = toSdkShape(v, k);
    return out;
  }
  return value;
}

/** SDK shape → CloudFormation shape (the inverse of toSdkShape), used for live properties. */
export function toCfnShape(value: unknown, parentKey = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => toCfnShape(v, parentKey));
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    if (MAP_KEYS.has(parentKey)) return { ...(value as Record<string, unknown>) };
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[SDK_TO_CFN[`${parentKey}.${k}`] ?? SDK_TO_CFN[k] ?? pascal(k)] = toCfnShape(v, k);
    return out;
  }
  return value;
}

function camel(key: string): string {
  return key.length > 0 ? key[0]!.toLowerCase() + key.slice(1) : key;
}
function pascal(key: string): string {
  return key.length > 0 ? key[0]!.toUpperCase() + key.slice(1) : key;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0);
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'string') return String(a) === b;
  if (typeof a === 'string' && typeof b === 'number') return a === String(b);
  if (typeof a === 'boolean' && typeof b === 'string') return String(a) === b;
  return a === b;
}

/**
 * Changes from `live` to `desired`: only what the desired value says is compared (AWS fills in defaults the design
 * does not mention; those are not changes), arrays element by element. `strictKeys` are keys whose presence live
 * and absence in desired IS a change (e.g. an environment list removed from a container).
 */
export function diffValues(desired: unknown, live: unknown, path = '', strictKeys: ReadonlySet<string> = new Set(), into: PropertyChange[] = []): PropertyChange[] {
  if (Array.isArray(desired)) {
    if (!Array.isArray(live) || live.length !== desired.length) {
      into.push({ path: path || '/', before: live, after: desired });
      return into;
    }
    desired.forEach((d, i) => diffValues(d, live[i], `${path}/${i}`, strictKeys, into));
    return into;
  }
  if (typeof desired === 'object' && desired !== null) {
    if (typeof live !== 'object' || live === null || Array.isArray(live)) {
      into.push({ path: path || '/', before: live, after: desired });
      return into;
    }
    const d = desired as Record<string, unknown>;
    const l = live as Record<string, unknown>;
    for (const [k, v] of Object.entries(d)) {
      if (isEmpty(v) && isEmpty(l[k])) continue;
      diffValues(v, l[k], `${path}/${k}`, strictKeys, into);
    }
    for (const k of Object.keys(l)) {
      if (!(k in d) && strictKeys.has(k) && !isEmpty(l[k])) into.push({ path: `${path}/${k}`, before: l[k], after: undefined });
    }
    return into;
  }
  if (!same(desired, live)) into.push({ path: path || '/', before: live, after: desired });
  return into;
}

export function tagsToRecord(tags: readonly { Key?: string; Value?: string; key?: string; value?: string }[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) {
    const k = t.Key ?? t.key;
    if (k !== undefined) out[k] = t.Value ?? t.value ?? '';
  }
  return out;
}

/** User tags from CloudFormation `Tags: [{Key, Value}]`. */
export function cfnTags(properties: IrObject): Record<string, string> {
  const tags = properties['Tags'];
  if (!Array.isArray(tags)) return {};
  return tagsToRecord(tags as { Key?: string; Value?: string }[]);
}

export function withoutKeys(properties: IrObject, keys: readonly string[]): IrObject {
  const out: IrObject = {};
  for (const [k, v] of Object.entries(properties)) if (!keys.includes(k)) out[k] = v;
  return out;
}

export function str(value: IrValue | undefined, what: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new Error(`${what} must be a string, got ${value === undefined ? 'nothing' : isIrExpr(value) ? 'an unresolved expression' : JSON.stringify(value)}`);
}

export function optStr(value: IrValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function optNum(value: IrValue | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/**
 * Tag changes from live to desired: tags to set or change, and live tags the design no longer has (a user tag removed
 * from the node). The design owns the whole tag set of a resource it owns, except the `aws:` tags AWS reserves.
 */
export function changedTags(desired: Readonly<Record<string, string>>, live: Readonly<Record<string, string>>): PropertyChange[] {
  const out: PropertyChange[] = [];
  for (const [k, v] of Object.entries(desired)) if (live[k] !== v) out.push({ path: `/Tags/${k}`, before: live[k], after: v });
  for (const k of removedTags(desired, live)) out.push({ path: `/Tags/${k}`, before: live[k], after: undefined });
  return out;
}

/** Live tag keys the desired tags no longer have (what an update untags); `aws:` tags are never ours to remove. */
export function removedTags(desired: Readonly<Record<string, string>>, live: Readonly<Record<string, string>>): string[] {
  return Object.keys(live).filter((k) => !(k in desired) && !k.toLowerCase().startsWith('aws:'));
}

/** True when the changes touch tags (set or removed). */
export function tagsChanged(changes: readonly PropertyChange[]): boolean {
  return changes.some((c) => c.path.startsWith('/Tags/'));
}

/** Tags as `[{Key, Value}]` (IAM, EC2, ECR, Secrets Manager, SSM, CloudWatch, Auto Scaling…). */
export function tagList(tags: Readonly<Record<string, string>>): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/**
 * A physical name for a resource the design does not name (CloudFormation would generate one): stable per design
 * and logical id, so a redeploy finds it again. `ecsd-<8 hex of the design id>-<logical id>`, cut to `max`.
 */
export function generatedName(designId: string, logicalId: string, max: number): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < designId.length; i++) {
    h ^= designId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `ecsd-${h.toString(16).padStart(8, '0')}-${logicalId}`.slice(0, max);
}

/** Sleep that tests never depend on for timing (polling only). */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function awsMessage(e: unknown): string {
  if (e instanceof Error) {
    // AWS error names say what kind of refusal it was (AccessDeniedException, …); our own step errors need no prefix.
    const name = e.name && e.name !== 'Error' && e.name !== 'DeployStepError' ? `${e.name}: ` : '';
    return `${name}${e.message.split('\n')[0] ?? ''}`;
  }
  return String(e);
}

export function errorName(e: unknown): string | undefined {
  return e instanceof Error ? e.name : undefined;
}
