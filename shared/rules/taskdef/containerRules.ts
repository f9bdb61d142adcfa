import { parseImageRef } from '../../taskdef/imageRef';
import { DOC } from '../docs';
import type { Segment, TaskDefReport, TaskDefRule } from '../types';
import { containerLabel, type TaskDefFacts } from './facts';

const NAME = /^[A-Za-z0-9_-]{1,255}$/;
const IMAGE_CHARS = /^[A-Za-z0-9._:/#@-]+$/;

export const containerCountRule: TaskDefRule = {
  id: 'container/count',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'A task definition has 1–10 containers',
  description: 'RegisterTaskDefinition accepts between one and ten container definitions.',
  docUrl: DOC.containerDefinitions,
  check(t, report) {
    const n = t.containers.length;
    if (n === 0) report(['containerDefinitions'], 'the task definition has no containers: add at least one container.');
    else if (n > 10) report(['containerDefinitions'], `the task definition has ${n} containers; AWS allows at most 10. Split it into several task definitions.`);
  },
};

export const containerNameRule: TaskDefRule = {
  id: 'container/name',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'Container names are 1–255 letters, digits, hyphens and underscores',
  description: 'Every container needs a `name` of 1–255 characters from `[A-Za-z0-9_-]`; other containers, links and load balancers refer to it.',
  docUrl: DOC.standardParams,
  check(t, report) {
    t.containers.forEach((c, i) => {
      if (c.name === undefined || c.name === '') report(['containerDefinitions', i, 'name'], `container ${i + 1} has no name: AWS requires one. Name it, e.g. "app".`);
      else if (!NAME.test(c.name)) report(['containerDefinitions', i, 'name'], `container name "${c.name}" is not accepted: use 1–255 letters, digits, hyphens and underscores.`);
    });
  },
};

export const containerNameUniqueRule: TaskDefRule = {
  id: 'container/name-unique',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'Container names are unique within the task definition',
  description: 'Two containers with the same name are rejected; dependsOn, links and load balancers could not tell them apart.',
  docUrl: DOC.standardParams,
  check(t, report) {
    t.containers.forEach((c, i) => {
      if (c.name !== undefined && c.name !== '' && t.containerIndex.get(c.name) !== i) {
        report(['containerDefinitions', i, 'name'], `container name "${c.name}" is used twice in the task definition: give each container its own name.`);
      }
    });
  },
};

export const imageRule: TaskDefRule = {
  id: 'container/image',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'Every container has a valid image reference',
  description:
    '`image` is required, at most 255 characters of letters, digits and `- _ : . / # @`. A template placeholder left in the image (`{{…}}`, spaces) makes the pull fail.',
  docUrl: DOC.standardParams,
  check(t, report) {
    t.containers.forEach((c, i) => {
      const at: Segment[] = ['containerDefinitions', i, 'image'];
      const image = c.image;
      if (image === undefined || image.trim() === '') {
        report(at, `${containerLabel(c, i)} has no image: connect an ECR repository or external image, or set image (e.g. "public.ecr.aws/nginx/nginx:1.27").`);
      } else if (t.unresolved(image)) {
        return;
      } else if (image.length > 255) {
        report(at, `${containerLabel(c, i)}: the image reference is ${image.length} characters long; AWS allows 255.`);
      } else if (!IMAGE_CHARS.test(image)) {
        report(at, `${containerLabel(c, i)}: image "${image}" is not a valid image reference (only letters, digits and - _ : . / # @ are allowed); it looks like an unfilled template. Write the real repository and tag.`);
      }
    });
  },
};

const TAG_CACHE = new Map<string, 'none' | 'latest' | 'ok'>();

/** Whether an image reference is pinned: 'none' (no tag, no digest), 'latest', or 'ok' (memoized). */
function imagePinning(image: string): 'none' | 'latest' | 'ok' {
  const cached = TAG_CACHE.get(image);
  if (cached !== undefined) return cached;
  const ref = parseImageRef(image);
  const result = ref.digest !== undefined ? 'ok' : ref.tag === undefined ? 'none' : ref.tag === 'latest' ? 'latest' : 'ok';
  if (TAG_CACHE.size > 10_000) TAG_CACHE.clear();
  TAG_CACHE.set(image, result);
  return result;
}

export const imageTagRule: TaskDefRule = {
  id: 'container/image-tag',
  scope: 'taskDefinition',
  severity: 'warning',
  title: 'Images are pinned to a tag other than latest (or a digest)',
  description: 'An image without a tag, or tagged `latest`, can change between deployments: tasks of one service may run different code and rollbacks do not restore the old image.',
  docUrl: DOC.images,
  check(t, report) {
    for (let i = 0; i < t.containers.length; i++) {
      const c = t.containers[i]!;
      const image = c.image;
      if (image === undefined || image === '' || t.unresolved(image) || !IMAGE_CHARS.test(image)) continue;
      const pin = imagePinning(image);
      if (pin === 'ok') continue;
      report(
        ['containerDefinitions', i, 'image'],
        `${containerLabel(c, i)}: image "${image}" ${pin === 'none' ? 'has no tag, so it means :latest' : 'uses the :latest tag'}, which is not reproducible: deployments and scale-outs may pull different code. Pin a version tag or a digest.`,
      );
    }
  },
};

export const essentialRule: TaskDefRule = {
  id: 'container/essential',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'At least one container is essential',
  description: 'A task definition needs at least one essential container (`essential` absent means true); otherwise it is rejected.',
  docUrl: DOC.standardParams,
  fixes: ['container/set-essential'],
  check(t, report) {
    if (t.containers.length === 0) return;
    if (t.containers.some((c) => c.essential !== false)) return;
    if (t.containers.length === 1) {
      report(['containerDefinitions', 0, 'essential'], `${containerLabel(t.containers[0]!, 0)} is the only container and is not essential: AWS requires at least one essential container. Set essential to true.`);
    } else {
      report(['containerDefinitions'], 'no container is essential: AWS requires at least one essential container (the task stops when it stops). Mark the main container essential.', { fixes: [] });
    }
  },
};

export const volumesFromRule: TaskDefRule = {
  id: 'container/volumes-from',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'volumesFrom names another container of the task',
  description: '`volumesFrom[].sourceContainer` must be the name of another container in the same task definition.',
  docUrl: DOC.volumes,
  check(t, report) {
    t.containers.forEach((c, i) => {
      (c.volumesFrom ?? []).forEach((v, j) => {
        const at = ['containerDefinitions', i, 'volumesFrom', j, 'sourceContainer'];
        if (v.sourceContainer === undefined) report(at, `${containerLabel(c, i)}: volumesFrom entry ${j + 1} has no sourceContainer.`);
        else if (!t.containerIndex.has(v.sourceContainer)) report(at, `${containerLabel(c, i)}: volumesFrom names "${v.sourceContainer}", which is not a container of this task definition.`);
        else if (v.sourceContainer === c.name) report(at, `${containerLabel(c, i)} cannot mount volumes from itself.`);
      });
    });
  },
};

export const stopTimeoutRule: TaskDefRule = {
  id: 'fargate/stop-timeout',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'stopTimeout on Fargate is at most 120 seconds',
  description: 'Fargate allows a container stop timeout of up to 120 seconds.',
  docUrl: DOC.timeouts,
  check(t, report) {
    if (!t.fargate) return;
    t.containers.forEach((c, i) => {
      if (c.stopTimeout !== undefined && c.stopTimeout > 120) {
        report(['containerDefinitions', i, 'stopTimeout'], `${containerLabel(c, i)}: stopTimeout ${c.stopTimeout} s exceeds the Fargate maximum of 120 s. Lower it to 120 or less.`);
      }
    });
  },
};

export const fargateUnsupportedRule: TaskDefRule = {
  id: 'fargate/unsupported-parameter',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'No EC2-only parameters on Fargate',
  description:
    'Fargate rejects privileged, devices, maxSwap/swappiness, sharedMemorySize, tmpfs, dockerSecurityOptions, GPU resource requirements, placementConstraints, ipcMode, pidMode host, host sourcePath volumes and dockerVolumeConfiguration volumes.',
  docUrl: DOC.fargateParams,
  check(t, report) {
    if (!t.fargate) return;
    const why = 'is not supported on Fargate';
    const fix = t.fargateOnly ? 'Remove it' : 'Remove it, or drop FARGATE from requiresCompatibilities';
    t.containers.forEach((c, i) => {
      const l = containerLabel(c, i);
      if (c.privileged === true) report(['containerDefinitions', i, 'privileged'], `${l}: privileged ${why}. ${fix}.`);
      const lp = c.linuxParameters;
      if (lp?.devices !== undefined && lp.devices.length > 0) report(['containerDefinitions', i, 'linuxParameters', 'devices'], `${l}: linuxParameters.devices ${why}. ${fix}.`);
      for (const key of ['maxSwap', 'swappiness', 'sharedMemorySize'] as const) {
        if (lp?.[key] !== undefined) report(['containerDefinitions', i, 'linuxParameters', key], `${l}: linuxParameters.${key} ${why}. ${fix}.`);
      }
      if (lp?.tmpfs !== undefined && lp.tmpfs.length > 0) report(['containerDefinitions', i, 'linuxParameters', 'tmpfs'], `${l}: linuxParameters.tmpfs ${why}. ${fix}.`);
      if (c.dockerSecurityOptions !== undefined && c.dockerSecurityOptions.length > 0) report(['containerDefinitions', i, 'dockerSecurityOptions'], `${l}: dockerSecurityOptions ${why}. ${fix}.`);
      (c.resourceRequirements ?? []).forEach((r, j) => {
        if (r.type === 'GPU') report(['containerDefinitions', i, 'resourceRequirements', j], `${l}: GPU resource requirements are ${why.replace('is ', '')}; GPUs need EC2 GPU instances. ${fix}.`);
      });
    });
    if (t.td.placementConstraints !== undefined && t.td.placementConstraints.length > 0) report(['placementConstraints'], `placementConstraints ${why}. ${fix}.`);
    if (t.td.ipcMode !== undefined) report(['ipcMode'], `ipcMode ${why}. ${fix}.`);
    if (t.td.pidMode === 'host') report(['pidMode'], `pidMode "host" ${why} (only "task"). ${fix}.`);
    (t.td.volumes ?? []).forEach((v, i) => {
      if (v.host?.sourcePath !== undefined) report(['volumes', i, 'host', 'sourcePath'], `volume "${v.name ?? i}": host sourcePath bind mounts are ${why.replace('is ', '')} (there is no host). Use a task-scoped bind mount (omit sourcePath) or EFS.`);
      if (v.dockerVolumeConfiguration !== undefined) report(['volumes', i, 'dockerVolumeConfiguration'], `volume "${v.name ?? i}": Docker volumes (dockerVolumeConfiguration) are ${why.replace('is ', '')}. Use EFS or a bind mount.`);
    });
  },
};

export const dependsOnMissingRule: TaskDefRule = {
  id: 'container/depends-on-missing',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'dependsOn names a container of the task',
  description: '`dependsOn[].containerName` must be another container of the same task definition.',
  docUrl: DOC.dependsOn,
  check(t, report) {
    t.containers.forEach((c, i) => {
      (c.dependsOn ?? []).forEach((d, j) => {
        if (!t.containerIndex.has(d.containerName)) {
          report(['containerDefinitions', i, 'dependsOn', j, 'containerName'], `${containerLabel(c, i)} depends on "${d.containerName}", which is not a container of this task definition. Fix the name or remove the dependency.`);
        }
      });
    });
  },
};

export const dependsOnHealthyRule: TaskDefRule = {
  id: 'container/depends-on-healthy',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'A HEALTHY dependency has a health check',
  description: 'The HEALTHY condition waits for the target container\'s health check to pass; without a `healthCheck` the dependent container never starts.',
  docUrl: DOC.dependsOn,
  check(t, report) {
    t.containers.forEach((c, i) => {
      (c.dependsOn ?? []).forEach((d, j) => {
        if (d.condition !== 'HEALTHY') return;
        const k = t.containerIndex.get(d.containerName);
        if (k === undefined) return;
        if (t.containers[k]?.healthCheck === undefined) {
          report(['containerDefinitions', i, 'dependsOn', j, 'condition'], `${containerLabel(c, i)} waits for "${d.containerName}" to be HEALTHY, but that container has no healthCheck: it would never start. Add a healthCheck to "${d.containerName}" or use condition START.`);
        }
      });
    });
  },
};

export const dependsOnEssentialRule: TaskDefRule = {
  id: 'container/depends-on-essential',
  scope: 'taskDefinition',
  severity: 'warning',
  title: 'COMPLETE/SUCCESS dependencies target non-essential containers',
  description: 'COMPLETE and SUCCESS wait for the target to exit; when an essential container exits the whole task stops, so the target should be non-essential (an init container).',
  docUrl: DOC.dependsOn,
  check(t, report) {
    t.containers.forEach((c, i) => {
      (c.dependsOn ?? []).forEach((d, j) => {
        if (d.condition !== 'COMPLETE' && d.condition !== 'SUCCESS') return;
        const k = t.containerIndex.get(d.containerName);
        if (k === undefined) return;
        if (t.containers[k]?.essential !== false) {
          report(['containerDefinitions', i, 'dependsOn', j, 'condition'], `${containerLabel(c, i)} waits for "${d.containerName}" to ${d.condition === 'SUCCESS' ? 'succeed' : 'complete'}, but "${d.containerName}" is essential: when it exits the whole task stops. Set essential to false on "${d.containerName}".`);
        }
      });
    });
  },
};

/** Depth-first search over dependsOn; reports the dependency that closes a cycle. */
function visitDependencies(t: TaskDefFacts, i: number, stack: number[], state: Map<number, 1 | 2>, report: TaskDefReport): void {
  state.set(i, 1);
  const deps = t.containers[i]?.dependsOn ?? [];
  for (let j = 0; j < deps.length; j++) {
    const k = t.containerIndex.get(deps[j]!.containerName);
    if (k === undefined) continue;
    const s = state.get(k);
    if (s === 1) {
      const path = [...stack, i];
      const cycle = [...path.slice(path.indexOf(k)), k].map((n) => t.containers[n]?.name ?? String(n));
      report(['containerDefinitions', i, 'dependsOn', j, 'containerName'], `dependsOn cycle ${cycle.map((n) => `"${n}"`).join(' → ')}: these containers wait for each other and never start. Remove one of the dependencies.`);
    } else if (s === undefined) visitDependencies(t, k, [...stack, i], state, report);
  }
  state.set(i, 2);
}

export const dependsOnCycleRule: TaskDefRule = {
  id: 'container/depends-on-cycle',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'dependsOn has no cycles',
  description: 'Containers that (directly or indirectly) wait for each other never start.',
  docUrl: DOC.dependsOn,
  check(t, report) {
    const state = new Map<number, 1 | 2>();
    for (let i = 0; i < t.containers.length; i++) {
      if (!(t.containers[i]?.dependsOn?.length ?? 0)) continue;
      if (!state.has(i)) visitDependencies(t, i, [], state, report);
    }
  },
};

export const healthCheckCommandRule: TaskDefRule = {
  id: 'healthcheck/command',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'Health check command starts with CMD or CMD-SHELL',
  description: '`healthCheck.command` is `["CMD", exe, args…]` or `["CMD-SHELL", "shell command"]`; anything else is not run as intended.',
  docUrl: DOC.healthCheck,
  fixes: ['healthcheck/add-cmd-prefix'],
  check(t, report) {
    t.containers.forEach((c, i) => {
      const cmd = c.healthCheck?.command;
      if (cmd === undefined) return;
      const at = ['containerDefinitions', i, 'healthCheck', 'command'];
      if (cmd.length === 0) {
        report(at, `${containerLabel(c, i)}: the health check command is empty. Use ["CMD-SHELL", "curl -f http://localhost/ || exit 1"] or similar.`, { fixes: [] });
      } else if (cmd[0] !== 'CMD' && cmd[0] !== 'CMD-SHELL') {
        const suggestion = cmd.length === 1 ? `["CMD-SHELL", ${JSON.stringify(cmd[0])}]` : `["CMD", ${cmd.map((s) => JSON.stringify(s)).join(', ')}]`;
        report([...at, 0], `${containerLabel(c, i)}: the health check command starts with "${cmd[0]}" instead of CMD or CMD-SHELL. Write it as ${suggestion}.`);
      } else if (cmd.length < 2) {
        report(at, `${containerLabel(c, i)}: the health check command "${cmd[0]}" has nothing to run. Add the command after it.`, { fixes: [] });
      }
    });
  },
};

const HC_RANGES = [
  ['interval', 5, 300, 30],
  ['timeout', 2, 60, 5],
  ['retries', 1, 10, 3],
  ['startPeriod', 0, 300, 0],
] as const;

export const healthCheckRangeRule: TaskDefRule = {
  id: 'healthcheck/range',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'Health check timings are within the allowed ranges',
  description: 'interval 5–300 s (default 30), timeout 2–60 s (default 5), retries 1–10 (default 3), startPeriod 0–300 s.',
  docUrl: DOC.healthCheck,
  check(t, report) {
    t.containers.forEach((c, i) => {
      const hc = c.healthCheck;
      if (!hc) return;
      for (const [key, min, max, def] of HC_RANGES) {
        const v = hc[key];
        if (v !== undefined && (v < min || v > max)) {
          report(['containerDefinitions', i, 'healthCheck', key], `${containerLabel(c, i)}: health check ${key} ${v} is outside ${min}–${max}${key === 'retries' ? '' : ' seconds'} (default ${def}).`);
        }
      }
    });
  },
};

export const proxyConfigurationRule: TaskDefRule = {
  id: 'taskdef/proxy-configuration',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'App Mesh proxy configuration names a container and uses awsvpc',
  description: '`proxyConfiguration.containerName` must be a container of the task definition, and App Mesh proxy configuration requires the awsvpc network mode.',
  docUrl: DOC.proxy,
  check(t, report) {
    const p = t.td.proxyConfiguration;
    if (!p) return;
    if (!t.containerIndex.has(p.containerName)) {
      report(['proxyConfiguration', 'containerName'], `proxyConfiguration names container "${p.containerName}", which is not in the task definition: add the proxy (Envoy) container or fix the name.`);
    }
    if (t.networkMode !== 'awsvpc') report(['proxyConfiguration'], `App Mesh proxy configuration requires networkMode awsvpc (it is ${t.networkMode}).`);
  },
};

export const CONTAINER_RULES = [
  containerCountRule,
  containerNameRule,
  containerNameUniqueRule,
  imageRule,
  imageTagRule,
  essentialRule,
  volumesFromRule,
  stopTimeoutRule,
  fargateUnsupportedRule,
  dependsOnMissingRule,
  dependsOnHealthyRule,
  dependsOnEssentialRule,
  dependsOnCycleRule,
  healthCheckCommandRule,
  healthCheckRangeRule,
  proxyConfigurationRule,
];
