/** Container image references: `[registry/]repository[:tag][@digest]`, split so the registry part can be a node. */
export type ImageRef = { registry?: string; path: string; tag?: string; digest?: string };

export function parseImageRef(image: string): ImageRef {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let registry: string | undefined;
  const firstSlash = rest.indexOf('/');
  if (firstSlash > 0) {
    const first = rest.slice(0, firstSlash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(firstSlash + 1);
    }
  }
  const ref: ImageRef = { path: rest };
  if (registry !== undefined) ref.registry = registry;
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

/** The part after the repository: `tag`, `sha256:…` or `tag@sha256:…` (what a container stores as imageTag). */
export function imageSuffix(ref: ImageRef): string | undefined {
  if (ref.tag !== undefined && ref.digest !== undefined) return `${ref.tag}@${ref.digest}`;
  return ref.tag ?? ref.digest;
}

/** Joins a repository URI and an imageTag: a digest (`algo:hex`) takes `@`, a tag (or `tag@digest`) takes `:`. */
export function joinImage(repository: string, imageTag: string | undefined): string {
  if (imageTag === undefined) return repository;
  const isDigestOnly = imageTag.includes(':') && !imageTag.includes('@');
  return `${repository}${isDigestOnly ? '@' : ':'}${imageTag}`;
}

export type EcrRegistry = { accountId: string; region: string; domain: string; fips: boolean };

const ECR_REGISTRY = /^(\d{12})\.dkr\.ecr(-fips)?\.([a-z0-9-]+)\.(amazonaws\.com(?:\.cn)?)$/;

/** `123456789012.dkr.ecr.eu-west-1.amazonaws.com` → its parts; anything else → undefined. */
export function parseEcrRegistry(registry: string): EcrRegistry | undefined {
  const m = ECR_REGISTRY.exec(registry);
  if (!m) return undefined;
  return { accountId: m[1]!, region: m[3]!, domain: m[4]!, fips: m[2] !== undefined };
}

export function ecrRegistryHost(accountId: string, region: string, domain = 'amazonaws.com'): string {
  return `${accountId}.dkr.ecr.${region}.${domain}`;
}

/** Where a public image comes from, for the external-image node. */
export function classifyRegistry(registry: string | undefined): 'dockerhub' | 'ecr-public' | 'other' {
  if (registry === undefined || registry === 'docker.io' || registry === 'registry-1.docker.io') return 'dockerhub';
  if (registry === 'public.ecr.aws') return 'ecr-public';
  return 'other';
}
