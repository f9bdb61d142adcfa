import type { NodeKind } from '../model/nodes';
import { CAPACITY_RULES } from './design/capacityRules';
import { LB_SCALING_RULES } from './design/lbScalingRules';
import { RESOURCE_RULES } from './design/resourceRules';
import { SERVICE_RULES } from './design/serviceRules';
import { CONTAINER_RULES } from './taskdef/containerRules';
import { LOG_SECRET_ROLE_RULES } from './taskdef/logsSecretsRules';
import { NETWORK_RULES } from './taskdef/networkRules';
import { SIZE_RULES } from './taskdef/sizeRules';
import { VOLUME_SECURITY_RULES } from './taskdef/volumeSecurityRules';
import type { DesignRule, Rule, RuleInfo, TaskDefRule } from './types';

/** Rules over one resolved task definition: run on raw task-definition files and on every task-definition node. */
export const TASKDEF_RULES: readonly TaskDefRule[] = [...SIZE_RULES, ...NETWORK_RULES, ...CONTAINER_RULES, ...LOG_SECRET_ROLE_RULES, ...VOLUME_SECURITY_RULES];

/** Cross-resource rules that need the whole design. */
export const DESIGN_RULES: readonly DesignRule[] = [...SERVICE_RULES, ...CAPACITY_RULES, ...LB_SCALING_RULES, ...RESOURCE_RULES];

/** The rule catalog (docs/rules.md is generated from it). */
export const RULES: readonly Rule[] = [...TASKDEF_RULES, ...DESIGN_RULES];

export const RULE_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));

/** Design rules by the node kind they run on. */
export const DESIGN_RULES_BY_KIND: ReadonlyMap<NodeKind, readonly DesignRule[]> = (() => {
  const m = new Map<NodeKind, DesignRule[]>();
  for (const r of DESIGN_RULES) {
    for (const k of r.anchor) {
      const list = m.get(k);
      if (list) list.push(r);
      else m.set(k, [r]);
    }
  }
  return m;
})();

const API = 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html';

/**
 * Findings that come from reading a task-definition file against the AWS API schema (shared/aws/taskDefinition)
 * rather than from a rule of the catalog, and the validator's own safety net. Listed in docs/rules.md too.
 */
export const SCHEMA_RULES: readonly RuleInfo[] = [
  { id: 'schema/not-a-task-definition', severity: 'error', title: 'The file is a task definition', description: 'The JSON is an object with `containerDefinitions`, or describe-task-definition output `{"taskDefinition": …}`.', docUrl: API },
  { id: 'schema/unknown-property', severity: 'error', title: 'No unknown properties', description: 'The AWS API rejects members it does not know (e.g. Kubernetes\' `imagePullPolicy`); the message suggests the nearest known name.', docUrl: API },
  { id: 'schema/invalid-type', severity: 'error', title: 'Values have the API type', description: 'Strings, integers, booleans, arrays and objects where the API model says so (e.g. task `cpu` is a string, container `cpu` an integer).', docUrl: API },
  { id: 'schema/required', severity: 'error', title: 'Required members are present', description: '`family`, `containerDefinitions`, container `name` and `image`, and the required members of nested shapes.', docUrl: API },
  { id: 'schema/invalid-enum', severity: 'error', title: 'Enumerated values are valid', description: 'networkMode, requiresCompatibilities, protocol, log driver, dependsOn condition… take one of the values the API lists.', docUrl: API },
  { id: 'schema/invalid-value', severity: 'error', title: 'Values satisfy the API constraints', description: 'Lengths, ranges and patterns stated by the AWS API model (e.g. at most 50 tags).', docUrl: API },
  { id: 'internal/rule-error', severity: 'error', title: 'A rule failed to run', description: 'A rule threw on this input (a validator bug); the other rules still ran. Please report it.', docUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definitions.html' },
];
