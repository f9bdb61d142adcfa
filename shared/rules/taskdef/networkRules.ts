import type { PortMapping } from '../../aws/ecsModel.generated';
import { DOC } from '../docs';
import type { TaskDefRule } from '../types';
import { containerLabel } from './facts';

const RESERVED_HOST_PORTS = new Set([22, 2375, 2376, 51678, 51679, 51680]);

export const fargateAwsvpcRule: TaskDefRule = {
  id: 'network/fargate-awsvpc',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'Fargate task definitions use the awsvpc network mode',
  description: 'Fargate supports only `awsvpc`: each task gets its own elastic network interface.',
  docUrl: DOC.networkMode,
  fixes: ['network/set-awsvpc'],
  check(t, report) {
    if (!t.fargate || t.td.networkMode === 'awsvpc') return;
    report(
      ['networkMode'],
      t.td.networkMode === undefined
        ? 'networkMode is not set (bridge on EC2): Fargate supports only awsvpc. Set networkMode to "awsvpc".'
        : `networkMode "${t.td.networkMode}" is not supported on Fargate, which supports only awsvpc. Set networkMode to "awsvpc".`,
    );
  },
};

export const networkModePlatformRule: TaskDefRule = {
  id: 'network/mode-platform',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'Network mode is supported by the platform',
  description: 'EC2 Windows supports the default (NAT) mode and awsvpc; EXTERNAL (ECS Anywhere) supports bridge, host and none.',
  docUrl: DOC.networkMode,
  check(t, report) {
    const mode = t.td.networkMode;
    if (mode === undefined) return;
    if (t.windows && !t.fargate && mode !== 'awsvpc') {
      report(['networkMode'], `networkMode "${mode}" is not supported for Windows containers: leave networkMode unset (default NAT mode) or use "awsvpc".`);
    }
    if (t.external && mode === 'awsvpc') {
      report(['networkMode'], 'awsvpc is not supported for EXTERNAL (ECS Anywhere) task definitions: use bridge, host or none.');
    }
  },
};

export const awsvpcHostPortRule: TaskDefRule = {
  id: 'network/awsvpc-host-port',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'In awsvpc and host mode, hostPort is omitted or equals containerPort',
  description: 'Tasks in awsvpc and host mode use the container port on their own interface / the host: `hostPort` must be omitted or equal to `containerPort` (`0` is not allowed).',
  docUrl: DOC.portMappings,
  fixes: ['network/host-port-to-container-port'],
  check(t, report) {
    if (t.networkMode !== 'awsvpc' && t.networkMode !== 'host') return;
    t.containers.forEach((c, i) => {
      (c.portMappings ?? []).forEach((pm, j) => {
        if (pm.hostPort === undefined || pm.containerPortRange !== undefined || pm.hostPort === pm.containerPort) return;
        const why =
          pm.hostPort === 0
            ? `hostPort 0 (a dynamic host port) exists only in bridge mode`
            : `hostPort ${pm.hostPort} differs from containerPort ${pm.containerPort ?? '(unset)'}`;
        report(['containerDefinitions', i, 'portMappings', j, 'hostPort'], `${containerLabel(c, i)}: ${why}; in ${t.networkMode} mode hostPort must be omitted or equal to containerPort. Remove hostPort.`);
      });
    });
  },
};

export const portRangeRule: TaskDefRule = {
  id: 'network/port-range',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'Ports are 1–65535 and every port mapping has a container port',
  description: '`containerPort` is 1–65535 and `hostPort` 0–65535; a port mapping needs `containerPort` or `containerPortRange`.',
  docUrl: DOC.portMappings,
  check(t, report) {
    t.containers.forEach((c, i) => {
      (c.portMappings ?? []).forEach((pm, j) => {
        const at = ['containerDefinitions', i, 'portMappings', j];
        if (pm.containerPort === undefined && pm.containerPortRange === undefined) {
          report([...at, 'containerPort'], `${containerLabel(c, i)}: port mapping ${j + 1} has no containerPort: set the port the application listens on.`);
        }
        if (pm.containerPort !== undefined && (pm.containerPort < 1 || pm.containerPort > 65535)) {
          report([...at, 'containerPort'], `${containerLabel(c, i)}: containerPort ${pm.containerPort} is outside 1–65535.`);
        }
        if (pm.hostPort !== undefined && (pm.hostPort < 0 || pm.hostPort > 65535)) {
          report([...at, 'hostPort'], `${containerLabel(c, i)}: hostPort ${pm.hostPort} is outside 0–65535.`);
        }
      });
    });
  },
};

const proto = (pm: PortMapping) => pm.protocol ?? 'tcp';

export const duplicateContainerPortRule: TaskDefRule = {
  id: 'network/duplicate-container-port',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'A container maps each port/protocol once',
  description: 'The same `containerPort` with the same protocol twice in one container is rejected.',
  docUrl: DOC.portMappings,
  check(t, report) {
    t.containers.forEach((c, i) => {
      const seen = new Set<string>();
      (c.portMappings ?? []).forEach((pm, j) => {
        if (pm.containerPort === undefined) return;
        const key = `${pm.containerPort}/${proto(pm)}`;
        if (seen.has(key)) report(['containerDefinitions', i, 'portMappings', j, 'containerPort'], `${containerLabel(c, i)}: containerPort ${key} is mapped twice. Remove the duplicate port mapping.`);
        seen.add(key);
      });
    });
  },
};

export const duplicateHostPortRule: TaskDefRule = {
  id: 'network/duplicate-host-port',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'Two containers of a task do not claim the same fixed host port',
  description:
    'In bridge mode a fixed `hostPort`, in awsvpc and host mode the container port itself, is claimed on the task\'s network: two containers cannot bind the same port and protocol.',
  docUrl: DOC.portMappings,
  check(t, report) {
    const claims = new Map<string, number>();
    const shared = t.networkMode === 'awsvpc' || t.networkMode === 'host';
    t.containers.forEach((c, i) => {
      (c.portMappings ?? []).forEach((pm, j) => {
        const port = shared ? (pm.hostPort ?? pm.containerPort) : pm.hostPort;
        if (port === undefined || port === 0) return;
        const key = `${port}/${proto(pm)}`;
        const owner = claims.get(key);
        if (owner !== undefined && owner !== i) {
          const other = t.containers[owner];
          report(
            ['containerDefinitions', i, 'portMappings', j, pm.hostPort !== undefined ? 'hostPort' : 'containerPort'],
            `${containerLabel(c, i)} and ${other ? containerLabel(other, owner) : 'another container'} both use port ${key} on the task's network: the second cannot start. Give each container its own port.`,
          );
        } else if (owner === undefined) claims.set(key, i);
      });
    });
  },
};

export const fixedHostPortRule: TaskDefRule = {
  id: 'network/fixed-host-port',
  scope: 'taskDefinition',
  severity: 'warning',
  title: 'A fixed hostPort in bridge mode allows one task per instance',
  description: 'With a fixed `hostPort` in bridge mode only one task fits on each container instance; omit `hostPort` (or use 0) for a dynamic port behind a load balancer.',
  docUrl: DOC.portMappings,
  check(t, report) {
    if (t.networkMode !== 'bridge' && t.networkMode !== 'default') return;
    t.containers.forEach((c, i) => {
      (c.portMappings ?? []).forEach((pm, j) => {
        if (pm.hostPort !== undefined && pm.hostPort !== 0) {
          report(['containerDefinitions', i, 'portMappings', j, 'hostPort'], `${containerLabel(c, i)}: fixed hostPort ${pm.hostPort} lets only one task of this definition run per container instance. Omit hostPort for a dynamic host port if the service runs more tasks than instances.`);
        }
      });
    });
  },
};

export const reservedHostPortRule: TaskDefRule = {
  id: 'network/reserved-host-port',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'Host ports 22, 2375, 2376 and 51678–51680 are reserved',
  description: 'On a container instance these ports belong to SSH, Docker and the ECS agent; a task that claims one cannot be placed.',
  docUrl: DOC.portMappings,
  check(t, report) {
    if (t.networkMode === 'awsvpc' || t.networkMode === 'none') return;
    t.containers.forEach((c, i) => {
      (c.portMappings ?? []).forEach((pm, j) => {
        const port = t.networkMode === 'host' ? (pm.hostPort ?? pm.containerPort) : pm.hostPort;
        if (port !== undefined && RESERVED_HOST_PORTS.has(port)) {
          report(
            ['containerDefinitions', i, 'portMappings', j, pm.hostPort !== undefined ? 'hostPort' : 'containerPort'],
            `${containerLabel(c, i)}: host port ${port} is reserved on container instances (SSH 22, Docker 2375/2376, ECS agent 51678–51680): the task cannot be placed. Use another port.`,
          );
        }
      });
    });
  },
};

export const noneModePortsRule: TaskDefRule = {
  id: 'network/none-port-mappings',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'networkMode none has no port mappings',
  description: 'A task with networkMode `none` has no external connectivity, so port mappings are rejected.',
  docUrl: DOC.networkMode,
  check(t, report) {
    if (t.networkMode !== 'none') return;
    t.containers.forEach((c, i) => {
      if ((c.portMappings ?? []).length > 0) report(['containerDefinitions', i, 'portMappings'], `${containerLabel(c, i)} has port mappings but networkMode is "none": remove them or choose another network mode.`);
    });
  },
};

export const linksRule: TaskDefRule = {
  id: 'network/links-bridge-only',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'links work only in bridge mode',
  description: '`links` is a Docker bridge-network feature; in awsvpc and host mode containers reach each other on localhost.',
  docUrl: DOC.standardParams,
  check(t, report) {
    if (t.networkMode === 'bridge') return;
    t.containers.forEach((c, i) => {
      if ((c.links ?? []).length > 0) {
        report(['containerDefinitions', i, 'links'], `${containerLabel(c, i)} uses links, which only work in bridge mode (networkMode is ${t.td.networkMode ?? 'default'}). Remove links; containers of an ${t.networkMode} task reach each other on localhost.`);
      }
    });
  },
};

const PORT_RANGE = /^(\d{1,5})-(\d{1,5})$/;

export const containerPortRangeRule: TaskDefRule = {
  id: 'network/container-port-range',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'containerPortRange is "start-end", in bridge or awsvpc mode, without containerPort/hostPort',
  description: '`containerPortRange` is supported in bridge and awsvpc mode only, written as "start-end" (1–65535), and excludes `containerPort` and `hostPort` in the same mapping.',
  docUrl: DOC.portMappings,
  check(t, report) {
    t.containers.forEach((c, i) => {
      (c.portMappings ?? []).forEach((pm, j) => {
        if (pm.containerPortRange === undefined) return;
        const at = ['containerDefinitions', i, 'portMappings', j, 'containerPortRange'];
        if (t.networkMode !== 'bridge' && t.networkMode !== 'awsvpc') {
          report(at, `${containerLabel(c, i)}: containerPortRange is supported only in bridge and awsvpc mode, not ${t.networkMode}.`);
          return;
        }
        const m = PORT_RANGE.exec(pm.containerPortRange);
        const start = m ? Number(m[1]) : NaN;
        const end = m ? Number(m[2]) : NaN;
        if (!m || start < 1 || end > 65535 || start >= end) {
          report(at, `${containerLabel(c, i)}: containerPortRange "${pm.containerPortRange}" must be "start-end" with 1 ≤ start < end ≤ 65535.`);
        } else if (pm.containerPort !== undefined || pm.hostPort !== undefined) {
          report(at, `${containerLabel(c, i)}: a port mapping with containerPortRange may not also set containerPort or hostPort. Split it into separate mappings.`);
        }
      });
    });
  },
};

export const NETWORK_RULES = [
  fargateAwsvpcRule,
  networkModePlatformRule,
  awsvpcHostPortRule,
  portRangeRule,
  duplicateContainerPortRule,
  duplicateHostPortRule,
  fixedHostPortRule,
  reservedHostPortRule,
  noneModePortsRule,
  linksRule,
  containerPortRangeRule,
];
