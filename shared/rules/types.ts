import type { Design } from '../model/document';
import type { DesignNode, NodeKind, NodeOf } from '../model/nodes';
import type { Finding, Severity } from '../findings';
import type { TaskDefFacts } from './taskdef/facts';
import type { DesignReader } from './design/reader';

/** A step of a path: an object member name or an array index. */
export type Segment = string | number;

/** What every rule has, whatever it checks: the catalog row of docs/rules.md. */
export type RuleInfo = {
  /** Stable id, `area/name`. Never renamed once released (designs store it in ignore lists). */
  id: string;
  severity: Severity;
  /** One line: what the rule is about. */
  title: string;
  /** What it checks and why, for the rule table (one or two sentences). */
  description: string;
  /** AWS documentation page that explains the underlying fact. */
  docUrl: string;
  /** Ids of quick fixes (QUICK_FIXES) that resolve its findings unambiguously. */
  fixes?: readonly string[];
};

/** Report callback of a task-definition rule: a path into the RegisterTaskDefinition JSON and the message. */
export type TaskDefReport = (path: readonly Segment[], message: string, extra?: { fixes?: readonly string[] }) => void;

/**
 * A rule over one resolved RegisterTaskDefinition JSON. Written once, it runs on raw task-definition files and on
 * every task-definition node of a design (its paths are then mapped to the nodes the values came from).
 */
export type TaskDefRule = RuleInfo & {
  scope: 'taskDefinition';
  check: (t: TaskDefFacts, report: TaskDefReport) => void;
};

/** Where a design finding points: a node (and a path under it) or an edge. */
export type DesignTarget =
  | { nodeId: string; path?: readonly Segment[] }
  | { edgeId: string; nodeId: string; path?: readonly Segment[] };

export type DesignReport = (at: DesignTarget, message: string, extra?: { fixes?: readonly string[] }) => void;

/**
 * A rule that needs the whole design (cross-resource). It is anchored at one node kind and runs once per node of
 * that kind; everything it reads goes through the reader, which records what the result depends on so the
 * validator can re-run it only when one of those nodes or their edges change.
 */
export type DesignRule<K extends NodeKind = NodeKind> = RuleInfo & {
  scope: 'design';
  /** The node kinds the rule runs on (once per node). */
  anchor: readonly K[];
  check: (node: NodeOf<K>, r: DesignReader, report: DesignReport) => void;
};

export type Rule = TaskDefRule | DesignRule;

/** Declares a design rule with its node type inferred from the anchor kinds. */
export function designRule<K extends NodeKind>(rule: DesignRule<K>): DesignRule {
  return rule as unknown as DesignRule;
}

/** A pure model → model command that resolves a finding unambiguously. */
export type QuickFix = {
  id: string;
  label: string;
  /** Rules whose findings it resolves. */
  ruleIds: readonly string[];
  /** The design with the finding fixed; the same design object when the fix does not apply. */
  apply: (design: Design, finding: Finding) => Design;
};

export type ValidateOptions = {
  /** Rule ids (or `area/*` prefixes) suppressed everywhere, e.g. from `--ignore`. */
  ignore?: readonly string[];
};

export type { DesignNode };
