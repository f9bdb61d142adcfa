import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Severity } from '../../shared/findings';
import { parseJson } from '../../shared/json';
import { ruleInfo } from '../../shared/rules/index';
import { INPUT_RULES, oneLine, type FileFinding } from './findings';
import { locateJsonPointer, type TextPosition } from '../../shared/jsonLocate';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** The tool name in SARIF output (`tool.driver.name`). */
export const PROGRAM_NAME_FOR_SARIF = 'ecs-designer';

/**
 * `tool.driver.informationUri` of the SARIF output: where to read about the tool and its rules. The project has
 * no public home page yet, so this is the AWS page on task-definition parameters that most rules explain; each
 * rule's own `helpUri` links its AWS documentation page.
 */
export const TOOL_INFORMATION_URI = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html';

export type SarifLevel = 'error' | 'warning' | 'note';

/** The parts of SARIF 2.1.0 the CLI writes. */
export type SarifLog = {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
};

export type SarifRun = {
  tool: { driver: SarifDriver };
  columnKind: 'utf16CodeUnits';
  results: SarifResult[];
};

export type SarifDriver = {
  name: string;
  version: string;
  semanticVersion: string;
  informationUri: string;
  rules: SarifRule[];
};

export type SarifRule = {
  id: string;
  shortDescription: { text: string };
  fullDescription?: { text: string };
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
};

export type SarifResult = {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: [
    {
      physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } };
      logicalLocations?: { fullyQualifiedName: string; kind: string }[];
    },
  ];
  properties?: { jsonPointer: string; nodeId?: string };
};

export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'info' ? 'note' : severity;
}

/**
 * The findings of one `validate` run as a SARIF 2.1.0 log, for GitHub code scanning (upload-sarif) and other
 * SARIF viewers: one run; `tool.driver.rules` holds every rule that fired; each result points at the file
 * (relative to `cwd`, forward slashes; a file outside `cwd` as an absolute file: URI) and at the line and column
 * where the JSON value of the finding's path starts in `texts.get(file)` (the deepest existing parent when the
 * path names a missing member; the syntax error's position for input/invalid-json).
 */
export function toSarif(findings: readonly FileFinding[], opts: { cwd: string; version: string; texts: ReadonlyMap<string, string> }): SarifLog {
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const results: SarifResult[] = [];
  for (const f of findings) {
    let index = ruleIndex.get(f.rule);
    if (index === undefined) {
      index = rules.length;
      ruleIndex.set(f.rule, index);
      rules.push(sarifRule(f));
    }
    const text = opts.texts.get(f.file);
    const at = text === undefined ? { line: 1, column: 1 } : position(f, text);
    const result: SarifResult = {
      ruleId: f.rule,
      ruleIndex: index,
      level: sarifLevel(f.severity),
      message: { text: oneLine(f.message) },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: artifactUri(f.file, opts.cwd) }, region: { startLine: at.line, startColumn: at.column } },
          ...(f.path === '' ? {} : { logicalLocations: [{ fullyQualifiedName: f.path, kind: 'member' }] }),
        },
      ],
      properties: f.nodeId === undefined ? { jsonPointer: f.path } : { jsonPointer: f.path, nodeId: f.nodeId },
    };
    results.push(result);
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: PROGRAM_NAME_FOR_SARIF, version: opts.version, semanticVersion: opts.version, informationUri: TOOL_INFORMATION_URI, rules } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

function sarifRule(f: FileFinding): SarifRule {
  const info = ruleInfo(f.rule) ?? INPUT_RULES.find((r) => r.id === f.rule);
  const help = info?.docUrl ?? f.docUrl;
  return {
    id: f.rule,
    shortDescription: { text: info?.title ?? f.rule },
    ...(info?.description === undefined ? {} : { fullDescription: { text: info.description } }),
    ...(help === undefined || help === '' ? {} : { helpUri: help }),
    defaultConfiguration: { level: sarifLevel(info?.severity ?? f.severity) },
  };
}

function position(f: FileFinding, text: string): TextPosition {
  if (f.rule === 'input/invalid-json') {
    const parsed = parseJson(text.startsWith('\uFEFF') ? text.slice(1) : text);
    if (!parsed.ok && parsed.line !== undefined && parsed.column !== undefined) return { line: parsed.line, column: parsed.column };
    return { line: 1, column: 1 };
  }
  return locateJsonPointer(text, f.path);
}

/** `file` as a URI reference relative to `cwd` with forward slashes, or an absolute file: URI when it lies outside `cwd`. */
export function artifactUri(file: string, cwd: string): string {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return pathToFileURL(absolute).href;
  return relative.split(path.sep).map(encodeURIComponent).join('/');
}
