import { DOC } from '../docs';
import type { TaskDefRule } from '../types';
import { containerLabel, describeMemories, FARGATE_SIZES, fargateSizeFor, snapFargateSize } from './facts';

const FAMILY = /^[A-Za-z0-9_-]{1,255}$/;

export const familyRule: TaskDefRule = {
  id: 'taskdef/family',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'Family name is 1–255 letters, digits, hyphens and underscores',
  description: 'RegisterTaskDefinition rejects a family with other characters (for example a template placeholder such as `<TASK_NAME>`).',
  docUrl: DOC.family,
  check(t, report) {
    const f = t.td.family;
    if (!FAMILY.test(f)) {
      report(
        ['family'],
        f === ''
          ? 'family is empty: AWS requires a family name of 1–255 letters, digits, hyphens and underscores. Name the task definition.'
          : `family "${f}" is not accepted by AWS: use 1–255 letters, digits, hyphens and underscores (no spaces, dots or placeholders).`,
      );
    }
  },
};

export const taskSizeFormatRule: TaskDefRule = {
  id: 'taskdef/cpu-memory-format',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'Task cpu and memory are numbers of CPU units / MiB, or vCPU / GB',
  description: 'Task-level `cpu` accepts "256" or "0.25 vCPU"; `memory` accepts "512" or "1 GB". Anything else is rejected at registration.',
  docUrl: DOC.taskSizeParam,
  check(t, report) {
    if (t.cpu.state === 'invalid' && !t.unresolved(t.cpu.raw)) {
      report(['cpu'], `task cpu "${t.cpu.raw}" is not a number of CPU units ("1024") or vCPUs ("1 vCPU"): AWS rejects it. Write it as CPU units, e.g. "512".`);
    }
    if (t.memory.state === 'invalid' && !t.unresolved(t.memory.raw)) {
      report(['memory'], `task memory "${t.memory.raw}" is not a number of MiB ("2048") or GB ("2 GB"): AWS rejects it. Write it in MiB, e.g. "1024".`);
    }
  },
};

export const fargateSizeRequiredRule: TaskDefRule = {
  id: 'fargate/task-size-required',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'Fargate task definitions set task-level cpu and memory',
  description: 'When `requiresCompatibilities` contains FARGATE, task-level `cpu` and `memory` are required.',
  docUrl: DOC.taskSize,
  fixes: ['fargate/snap-task-size'],
  check(t, report) {
    if (!t.fargate) return;
    const snap = snapFargateSize(undefined, undefined, t.windows);
    if (t.cpu.state === 'absent') report(['cpu'], `task cpu is missing: Fargate needs task-level cpu and memory. Set cpu, e.g. "${snap.cpu}".`);
    if (t.memory.state === 'absent') report(['memory'], `task memory is missing: Fargate needs task-level cpu and memory. Set memory, e.g. "${snap.memory}".`);
  },
};

const CPU_VALUES = FARGATE_SIZES.map((s) => s.cpu).join(', ');

export const fargateSizeRule: TaskDefRule = {
  id: 'fargate/task-size',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'Fargate cpu/memory is a supported pair',
  description:
    'Fargate supports fixed cpu/memory combinations (256 → 512/1024/2048 MiB … 16384 → 32–120 GiB). Other values are rejected with "Invalid \'cpu\' setting for task". The quick fix snaps to the nearest valid pair, cpu up first, then memory up.',
  docUrl: DOC.taskSize,
  fixes: ['fargate/snap-task-size'],
  check(t, report) {
    if (!t.fargate || t.cpu.state !== 'ok') return;
    const size = fargateSizeFor(t.cpu.value);
    if (!size) {
      const snap = snapFargateSize(t.cpu.value, t.memory.state === 'ok' ? t.memory.value : undefined, t.windows);
      report(['cpu'], `cpu ${t.cpu.value} is not a Fargate task size: use one of ${CPU_VALUES} CPU units (nearest valid pair: cpu ${snap.cpu}, memory ${snap.memory} MiB).`);
      return;
    }
    if (t.memory.state !== 'ok') return;
    if (!size.memory.includes(t.memory.value)) {
      const snap = snapFargateSize(t.cpu.value, t.memory.value, t.windows);
      report(
        ['memory'],
        `cpu ${size.cpu} allows memory ${describeMemories(size)} MiB on Fargate; got ${t.memory.value}. Use a supported pair (nearest: cpu ${snap.cpu}, memory ${snap.memory} MiB).`,
      );
    }
  },
};

export const fargateWindowsRule: TaskDefRule = {
  id: 'fargate/windows-unsupported',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'Windows on Fargate: 1–4 vCPU, X86_64, no EFS, FireLens or ephemeral storage',
  description:
    'Windows containers on Fargate support task cpu 1024, 2048 or 4096 on X86_64 only, and no EFS volumes, FireLens or ephemeralStorage (Fargate Spot is checked on the service).',
  docUrl: DOC.windowsPlatform,
  fixes: ['fargate/snap-task-size'],
  check(t, report) {
    const none = { fixes: [] };
    if (!t.fargate || !t.windows) return;
    if (t.cpu.state === 'ok' && !(fargateSizeFor(t.cpu.value)?.windows ?? false)) {
      report(['cpu'], `cpu ${t.cpu.value} is not available for Windows on Fargate: Windows tasks need 1024, 2048 or 4096 CPU units. Raise cpu to at least 1024.`);
    }
    if (t.td.runtimePlatform?.cpuArchitecture === 'ARM64') {
      report(['runtimePlatform', 'cpuArchitecture'], 'Windows containers on Fargate run on X86_64 only: set cpuArchitecture to X86_64 or use Linux for ARM64.', none);
    }
    (t.td.volumes ?? []).forEach((v, i) => {
      if (v.efsVolumeConfiguration !== undefined) {
        report(['volumes', i, 'efsVolumeConfiguration'], `volume "${v.name ?? i}" is an EFS volume: EFS is not supported for Windows containers on Fargate. Use FSx for Windows File Server, or run on EC2.`, none);
      }
    });
    t.containers.forEach((c, i) => {
      if (c.firelensConfiguration !== undefined) report(['containerDefinitions', i, 'firelensConfiguration'], `${containerLabel(c, i)}: FireLens is not supported for Windows containers on Fargate; use the awslogs driver.`, none);
      else if (c.logConfiguration?.logDriver === 'awsfirelens')
        report(['containerDefinitions', i, 'logConfiguration', 'logDriver'], `${containerLabel(c, i)}: the awsfirelens log driver is not supported for Windows containers on Fargate; use awslogs.`, none);
    });
    if (t.td.ephemeralStorage !== undefined) report(['ephemeralStorage'], 'ephemeralStorage is not supported for Windows containers on Fargate: remove it.', none);
  },
};

export const fargateOsFamilyRule: TaskDefRule = {
  id: 'platform/fargate-os-family',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'Fargate supports LINUX and Windows Server 2019/2022 (and later) only',
  description: 'WINDOWS_SERVER_2016_FULL, WINDOWS_SERVER_2004_CORE and WINDOWS_SERVER_20H2_CORE run on EC2 container instances only.',
  docUrl: DOC.runtimePlatform,
  check(t, report) {
    if (!t.fargate || t.os === undefined) return;
    if (['WINDOWS_SERVER_2016_FULL', 'WINDOWS_SERVER_2004_CORE', 'WINDOWS_SERVER_20H2_CORE'].includes(t.os)) {
      report(['runtimePlatform', 'operatingSystemFamily'], `${t.os} is not available on Fargate: use WINDOWS_SERVER_2019_CORE/FULL or WINDOWS_SERVER_2022_CORE/FULL, or run the task on EC2.`);
    }
  },
};

export const cpuSumRule: TaskDefRule = {
  id: 'container/cpu-sum',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'Container cpu adds up to at most the task cpu',
  description: 'The sum of the containers\' `cpu` must not exceed the task-level `cpu`; AWS rejects the task definition otherwise.',
  docUrl: DOC.standardParams,
  fixes: ['fargate/snap-task-size'],
  check(t, report) {
    if (t.cpu.state !== 'ok') return;
    let sum = 0;
    for (const c of t.containers) sum += c.cpu ?? 0;
    if (sum > t.cpu.value) {
      report(['cpu'], `the containers reserve ${sum} CPU units in total, more than the task cpu ${t.cpu.value}: raise the task cpu or lower the containers' cpu.`, {
        fixes: t.fargate ? ['fargate/snap-task-size'] : [],
      });
    }
  },
};

export const memorySumRule: TaskDefRule = {
  id: 'container/memory-sum',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'Container memory adds up to at most the task memory',
  description: 'The sum of the containers\' `memory` (or `memoryReservation` where no hard limit is set) must not exceed the task-level `memory`.',
  docUrl: DOC.memory,
  fixes: ['fargate/snap-task-size'],
  check(t, report) {
    if (t.memory.state !== 'ok') return;
    let sum = 0;
    for (const c of t.containers) sum += c.memory ?? c.memoryReservation ?? 0;
    if (sum > t.memory.value) {
      report(['memory'], `the containers need ${sum} MiB of memory in total, more than the task memory ${t.memory.value} MiB: raise the task memory or lower the containers' memory.`, {
        fixes: t.fargate ? ['fargate/snap-task-size'] : [],
      });
    }
  },
};

export const memoryRequiredRule: TaskDefRule = {
  id: 'container/memory-required',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'Without task memory, every container sets memory or memoryReservation',
  description: 'On EC2 (and EXTERNAL) a task definition without task-level `memory` needs `memory` or `memoryReservation` on every container.',
  docUrl: DOC.memory,
  check(t, report) {
    if (t.memory.state !== 'absent' || t.fargate) return;
    t.containers.forEach((c, i) => {
      if (c.memory === undefined && c.memoryReservation === undefined) {
        report(['containerDefinitions', i, 'memory'], `${containerLabel(c, i)} has neither memory nor memoryReservation and the task has no memory: AWS rejects it. Set memoryReservation (soft limit) or memory (hard limit), or task-level memory.`);
      }
    });
  },
};

export const memoryReservationRule: TaskDefRule = {
  id: 'container/memory-reservation',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'memory (hard limit) is greater than memoryReservation (soft limit)',
  description: 'When a container sets both, `memory` must be greater than `memoryReservation`.',
  docUrl: DOC.memory,
  check(t, report) {
    t.containers.forEach((c, i) => {
      if (c.memory !== undefined && c.memoryReservation !== undefined && c.memory <= c.memoryReservation) {
        report(['containerDefinitions', i, 'memoryReservation'], `${containerLabel(c, i)}: memoryReservation ${c.memoryReservation} MiB must be lower than memory ${c.memory} MiB (the hard limit). Lower the reservation or raise memory.`);
      }
    });
  },
};

export const memoryMinimumRule: TaskDefRule = {
  id: 'container/memory-minimum',
  scope: 'taskDefinition',
  severity: 'error',
  title: 'Container memory is at least 6 MiB',
  description: 'Docker needs at least 6 MiB for a container; smaller `memory` or `memoryReservation` values are rejected.',
  docUrl: DOC.memory,
  check(t, report) {
    t.containers.forEach((c, i) => {
      for (const key of ['memory', 'memoryReservation'] as const) {
        const v = c[key];
        if (v !== undefined && v < 6) report(['containerDefinitions', i, key], `${containerLabel(c, i)}: ${key} ${v} MiB is below the 6 MiB minimum. Set at least 6.`);
      }
    });
  },
};

export const SIZE_RULES = [
  familyRule,
  taskSizeFormatRule,
  fargateSizeRequiredRule,
  fargateSizeRule,
  fargateWindowsRule,
  fargateOsFamilyRule,
  cpuSumRule,
  memorySumRule,
  memoryRequiredRule,
  memoryReservationRule,
  memoryMinimumRule,
];
