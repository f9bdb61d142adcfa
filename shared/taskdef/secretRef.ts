/** `secrets[].valueFrom` and `repositoryCredentials.credentialsParameter` references, split into the secret and the key. */
export type SecretRef = {
  store: 'secretsmanager' | 'ssm';
  /** ARN of the secret itself (without JSON key / version suffix), when the reference is an ARN. */
  arn?: string;
  /** Parameter name, when the reference is a bare SSM parameter name. */
  name?: string;
  jsonKey?: string;
  versionStage?: string;
  versionId?: string;
};

const SM_ARN = /^(arn:[a-z-]+:secretsmanager:[^:]*:[^:]*:secret:[^:]+)(?::([^:]*):([^:]*):([^:]*))?$/;
const SSM_ARN = /^arn:[a-z-]+:ssm:/;

export function parseSecretRef(valueFrom: string): SecretRef {
  const sm = SM_ARN.exec(valueFrom);
  if (sm) {
    const ref: SecretRef = { store: 'secretsmanager', arn: sm[1]! };
    if (sm[2]) ref.jsonKey = sm[2];
    if (sm[3]) ref.versionStage = sm[3];
    if (sm[4]) ref.versionId = sm[4];
    // Keep the reference exact: a suffix we would not write back the same way stays part of the ARN.
    if (formatSecretRef(ref) !== valueFrom) return { store: 'secretsmanager', arn: valueFrom };
    return ref;
  }
  if (/^arn:[a-z-]+:secretsmanager:/.test(valueFrom)) return { store: 'secretsmanager', arn: valueFrom };
  if (SSM_ARN.test(valueFrom)) return { store: 'ssm', arn: valueFrom };
  return { store: 'ssm', name: valueFrom };
}

export function formatSecretRef(ref: SecretRef): string {
  const base = ref.arn ?? ref.name ?? '';
  if (ref.store !== 'secretsmanager' || (ref.jsonKey === undefined && ref.versionStage === undefined && ref.versionId === undefined)) return base;
  return `${base}:${ref.jsonKey ?? ''}:${ref.versionStage ?? ''}:${ref.versionId ?? ''}`;
}
