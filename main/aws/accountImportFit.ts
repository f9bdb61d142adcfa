import { NODE_PROPERTY_SCHEMAS, type NodeKind, type NodePropsInput } from '../../shared/model/nodes';

/** One thing of the account that the design does not carry (or carries differently). */
export interface AccountImportWarning {
  /** What it belongs to, e.g. `service web` or `target group tg-web`. */
  readonly resource: string;
  readonly message: string;
}

function deleteAt(obj: unknown, path: readonly PropertyKey[]): boolean {
  if (path.length === 0 || obj === null || typeof obj !== 'object') return false;
  let cur = obj as Record<PropertyKey, unknown>;
  for (const key of path.slice(0, -1)) {
    const next = cur[key];
    if (next === null || typeof next !== 'object') return false;
    cur = next as Record<PropertyKey, unknown>;
  }
  const last = path[path.length - 1]!;
  if (Array.isArray(cur) && typeof last === 'number') {
    cur.splice(last, 1);
    return true;
  }
  if (!(last in cur)) return false;
  delete cur[last];
  return true;
}

/**
 * Fits values read from AWS into a node kind's property schema: a value the schema refuses is dropped (and its
 * parent object when that is what is refused) and reported, so a surprising value never stops the import.
 * Returns undefined when the remainder still does not fit (a required property is missing).
 */
export function fitProps<K extends NodeKind>(kind: K, props: Record<string, unknown>, resource: string, warnings: AccountImportWarning[]): NodePropsInput<K> | undefined {
  const copy = structuredClone(props);
  for (let attempt = 0; attempt < 25; attempt++) {
    const parsed = NODE_PROPERTY_SCHEMAS[kind].safeParse(copy);
    if (parsed.success) return copy as NodePropsInput<K>;
    const issue = parsed.error.issues[0]!;
    const path = issue.path;
    const shown = `/${path.map(String).join('/')}`;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        deleteAt(copy, [...path, key]);
        warnings.push({ resource, message: `${[...path, key].map(String).join('.')} is not part of the design model; not imported` });
      }
      continue;
    }
    if (!deleteAt(copy, path)) {
      warnings.push({ resource, message: `cannot be represented in the design (${shown}: ${issue.message}); not imported` });
      return undefined;
    }
    warnings.push({ resource, message: `${path.map(String).join('.')}: value not accepted by the design model (${issue.message}); not imported` });
  }
  warnings.push({ resource, message: 'too many values the design model does not accept; not imported' });
  return undefined;
}

/** A copy without undefined / null values (AWS SDK output has many), recursively. */
export function compact<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => compact(v)) as T;
  if (value instanceof Date) return value;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) out[k] = compact(v);
    return out as T;
  }
  return value;
}

/**
 * DescribeTaskDefinition answers with values AWS fills in that mean the same as leaving them out: empty lists
 * (environment, mountPoints, volumesFrom, portMappings, volumes, placementConstraints, tags…), container `cpu: 0`
 * (no reservation) and EFS `rootDirectory: "/"`. They are dropped so the design says what was registered.
 */
export function dropAwsFilledDefaults(describeOutput: { taskDefinition?: unknown; tags?: unknown }): { taskDefinition?: unknown; tags?: unknown } {
  const dropEmpty = (obj: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) if (!(Array.isArray(v) && v.length === 0)) out[k] = v;
    return out;
  };
  const td = describeOutput.taskDefinition;
  if (td === null || typeof td !== 'object') return describeOutput;
  const task = dropEmpty(td as Record<string, unknown>);
  if (Array.isArray(task['containerDefinitions'])) {
    task['containerDefinitions'] = task['containerDefinitions'].map((c: unknown) => {
      if (c === null || typeof c !== 'object') return c;
      const container = dropEmpty(c as Record<string, unknown>);
      if (container['cpu'] === 0) delete container['cpu'];
      return container;
    });
  }
  if (Array.isArray(task['volumes'])) {
    task['volumes'] = task['volumes'].map((v: unknown) => {
      const efs = (v as { efsVolumeConfiguration?: Record<string, unknown> } | null)?.efsVolumeConfiguration;
      if (!efs || efs['rootDirectory'] !== '/') return v;
      const { rootDirectory: _root, ...rest } = efs;
      return { ...(v as object), efsVolumeConfiguration: rest };
    });
  }
  const tags = Array.isArray(describeOutput.tags) && describeOutput.tags.length === 0 ? undefined : describeOutput.tags;
  return { taskDefinition: task, ...(tags === undefined ? {} : { tags }) };
}
