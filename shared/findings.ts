/**
 * A finding: one problem or piece of advice about a design or a task-definition file. The canvas badges, the
 * problems panel, Monaco markers, the CLI (text/json/sarif) all show findings of this one shape.
 */
export type Severity = 'error' | 'warning' | 'info';

export type Finding = {
  /** Stable rule id, e.g. `fargate/task-size` or `schema/unknown-property`; documented in docs/rules.md. */
  rule: string;
  severity: Severity;
  /** What is wrong, why, and how to fix it — one or two sentences. */
  message: string;
  /** RFC 6901 JSON Pointer into the validated document (the design file, or the task-definition file). */
  path: string;
  /** Design node the finding is attached to (absent for raw task-definition files). */
  nodeId?: string;
  /** AWS documentation page that explains the rule. */
  docUrl?: string;
  /** Ids of quick fixes that resolve this finding unambiguously (see shared/rules). */
  fixes?: string[];
};

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
