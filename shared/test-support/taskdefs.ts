/** Fields of describe-task-definition output that RegisterTaskDefinition does not take (listed independently of the code under test). */
const READ_ONLY = ['taskDefinitionArn', 'revision', 'status', 'requiresAttributes', 'compatibilities', 'registeredAt', 'registeredBy', 'deregisteredAt', 'deleteRequestedAt'];

/** What RegisterTaskDefinition receives for a task-definition file: unwrapped, read-only fields and JSON nulls (= absent for AWS) removed. */
export function expectedRegisterInput(raw: Record<string, unknown>): Record<string, unknown> {
  const wrapped = typeof raw['taskDefinition'] === 'object' && raw['taskDefinition'] !== null;
  const inner = { ...((wrapped ? raw['taskDefinition'] : raw) as Record<string, unknown>) };
  if (wrapped && raw['tags'] !== undefined && inner['tags'] === undefined) inner['tags'] = raw['tags'];
  for (const k of READ_ONLY) delete inner[k];
  return withoutNulls(inner) as Record<string, unknown>;
}

function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, withoutNulls(x)]));
  return v;
}
