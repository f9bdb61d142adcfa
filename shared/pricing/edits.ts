import { connect, removeEdges, setEdgeProperties, setNodeProperties, type EditResult } from '../commands/edit';
import { DesignIndex, DesignSettingsSchema, type Design } from '../model/document';
import type { DesignCostSettings, WhatIf } from './estimate';

/*
 * Edits the cost features make, as pure Design → Design functions (the renderer records them in the undo history):
 * changing an assumption, and applying a "what if".
 */

export type CostSettingKey = keyof DesignCostSettings;

/** Sets (or, with undefined, removes) one cost assumption in the design settings; checked by the settings schema. */
export function setCostAssumption(design: Design, key: CostSettingKey, value: number | undefined): EditResult {
  const current: Record<string, number | undefined> = { ...design.settings.cost };
  if (value === undefined) delete current[key];
  else current[key] = value;
  const cost = Object.keys(current).length === 0 ? undefined : current;
  const { cost: _old, ...rest } = design.settings;
  const parsed = DesignSettingsSchema.safeParse(cost === undefined ? rest : { ...rest, cost });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${key}: ${issue?.message ?? 'invalid value'}` };
  }
  if (design.settings.cost?.[key] === value) return { ok: true, design };
  return { ok: true, design: { ...design, settings: parsed.data } };
}

/** Whether a what-if can be applied as an edit, and if not, why. */
export function whatIfApplicability(design: Design, w: WhatIf): { ok: true } | { ok: false; reason: string } {
  const index = new DesignIndex(design);
  const service = index.node(w.serviceId);
  if (service?.kind !== 'service') return { ok: false, reason: 'the service is no longer in the design' };
  if (w.kind === 'arm64') {
    const td = index.targetOf(service.id, 'service-task-definition');
    return td?.kind === 'taskDefinition' ? { ok: true } : { ok: false, reason: 'the service has no task definition' };
  }
  return spotProviderFor(index, service.id) ? { ok: true } : { ok: false, reason: 'add a FARGATE_SPOT capacity provider to the cluster first' };
}

function spotProviderFor(index: DesignIndex, serviceId: string): string | undefined {
  const cluster = index.targetOf(serviceId, 'service-cluster');
  if (!cluster) return undefined;
  return index
    .incoming(cluster.id, 'capacity-provider-cluster')
    .map((e) => index.node(e.source))
    .find((n) => n?.kind === 'fargateCapacityProvider' && n.properties.provider === 'FARGATE_SPOT')?.id;
}

/**
 * Applies a what-if: ARM64 sets the task definition's runtimePlatform.cpuArchitecture; Fargate Spot replaces the
 * service's capacity provider strategy with the cluster's FARGATE_SPOT provider (weight 1) and drops its launch type.
 */
export function applyWhatIf(design: Design, w: WhatIf): EditResult {
  const can = whatIfApplicability(design, w);
  if (!can.ok) return can;
  const index = new DesignIndex(design);
  if (w.kind === 'arm64') {
    const td = index.targetOf(w.serviceId, 'service-task-definition');
    if (td?.kind !== 'taskDefinition') return { ok: false, reason: 'the service has no task definition' };
    const p = td.properties;
    return setNodeProperties(design, td.id, { ...p, runtimePlatform: { ...p.runtimePlatform, cpuArchitecture: 'ARM64', operatingSystemFamily: p.runtimePlatform?.operatingSystemFamily ?? 'LINUX' } });
  }
  const spot = spotProviderFor(index, w.serviceId);
  const service = index.node(w.serviceId);
  if (spot === undefined || service?.kind !== 'service') return { ok: false, reason: 'add a FARGATE_SPOT capacity provider to the cluster first' };
  let next = removeEdges(design, index.outgoing(w.serviceId, 'service-capacity-provider').map((e) => e.id));
  if (service.properties.launchType !== undefined) {
    const { launchType: _drop, ...props } = service.properties;
    const r = setNodeProperties(next, service.id, props);
    if (!r.ok) return r;
    next = r.design;
  }
  const c = connect(next, w.serviceId, spot);
  if (!c.ok) return c;
  return setEdgeProperties(c.design, c.edge.id, { weight: 1 });
}
