import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { z } from 'zod';
import { RegisterTaskDefinitionRequestSchema } from '../../../shared/aws/ecsModel.generated';
import { setNodeProperties } from '../../../shared/commands/edit';
import type { Finding } from '../../../shared/findings';
import { propertyPathOf, type Segment } from '../../../shared/inspector/formSchema';
import { locateJsonPath, positionAt } from '../../../shared/jsonLocate';
import { DesignIndex, type Design } from '../../../shared/model/document';
import { nodePropertiesJsonSchema } from '../../../shared/model/jsonSchema';
import type { DesignNode } from '../../../shared/model/nodes';
import { exportTaskDefinition } from '../../../shared/taskdef/export';
import { replaceTaskDefinition } from '../../../shared/taskdef/replace';
import { useFindings } from '../canvas/findings';
import { designStore } from '../store/designStore';
import { monaco, registerModelSchema } from './monacoSetup';
import { claimFocus, type FocusRequest } from './panelState';

type CodeEditor = Parameters<OnMount>[0];

let taskDefSchema: unknown;
function registerTaskDefinitionSchema(): unknown {
  taskDefSchema ??= { ...z.toJSONSchema(RegisterTaskDefinitionRequestSchema, { io: 'input', unrepresentable: 'any' }), title: 'RegisterTaskDefinition' };
  return taskDefSchema;
}

/** What the JSON tab shows: a node's properties, or for a task definition the RegisterTaskDefinition JSON export writes. */
export function jsonTextOf(design: Design, node: DesignNode, index: DesignIndex): string {
  if (node.kind === 'taskDefinition') {
    const out = exportTaskDefinition(design, node.id, index, { lenient: true });
    if (out.ok) return `${JSON.stringify(out.input, null, 2)}\n`;
  }
  return `${JSON.stringify(node.properties, null, 2)}\n`;
}

/** Where a finding points in the JSON tab's text (as a path into that JSON); [] for the whole document. */
function markerPath(f: Finding, node: DesignNode, index: DesignIndex): readonly Segment[] {
  const own = propertyPathOf(f.path, index.nodeIndex.get(node.id) ?? -1);
  if (own) return own;
  if (node.kind === 'taskDefinition') {
    const containers = index.containersOf(node.id);
    for (let ci = 0; ci < containers.length; ci++) {
      const p = propertyPathOf(f.path, index.nodeIndex.get(containers[ci]!.id) ?? -1);
      if (p) return ['containerDefinitions', ci, ...p];
      if (f.nodeId === containers[ci]!.id) return ['containerDefinitions', ci];
    }
  }
  return [];
}

function sameJson(a: string, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return false;
  }
}

function currentTheme(): 'vs' | 'vs-dark' {
  const pinned = document.documentElement.dataset['theme'];
  if (pinned === 'dark') return 'vs-dark';
  if (pinned === 'light') return 'vs';
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'vs-dark' : 'vs';
}

const SEVERITY = { error: monaco.MarkerSeverity.Error, warning: monaco.MarkerSeverity.Warning, info: monaco.MarkerSeverity.Info } as const;

interface JsonTabProps {
  readonly design: Design;
  readonly node: DesignNode;
  readonly focus: FocusRequest | null;
}

/**
 * The JSON tab: Monaco on the node's JSON with the kind's JSON Schema (completion, hover) and the validator's
 * findings as markers. Edits flow both ways: valid JSON the schema accepts is applied to the design (one undo
 * step while typing); a design change made elsewhere is pushed into the editor, keeping the cursor.
 */
export default function JsonTab({ design, node, focus }: JsonTabProps): ReactNode {
  const isTd = node.kind === 'taskDefinition';
  const index = useMemo(() => new DesignIndex(design), [design]);
  const text = useMemo(() => jsonTextOf(design, node, index), [design, node, index]);
  const modelUri = `file:///ecs-designer/${isTd ? 'task-definition' : node.kind}/${encodeURIComponent(node.id)}.json`;
  const editorRef = useRef<CodeEditor | null>(null);
  const [mounted, setMounted] = useState(0);
  const own = useRef<Design | null>(null);
  const pushing = useRef(false);
  const [status, setStatus] = useState<{ tone: 'error' | 'info'; text: string } | null>(null);
  const all = useFindings();
  const ids = useMemo(() => new Set([node.id, ...(isTd ? index.containersOf(node.id).map((c) => c.id) : [])]), [node.id, isTd, index]);
  const findings = useMemo(
    () => all.filter((f) => (f.nodeId !== undefined && ids.has(f.nodeId)) || [...ids].some((id) => propertyPathOf(f.path, index.nodeIndex.get(id) ?? -1) !== undefined)),
    [all, ids, index],
  );

  useEffect(() => {
    registerModelSchema(modelUri, isTd ? 'ecs-designer://schemas/register-task-definition.json' : `ecs-designer://schemas/${node.kind}.json`, isTd ? registerTaskDefinitionSchema() : nodePropertiesJsonSchema(node.kind));
  }, [modelUri, isTd, node.kind]);

  const onChange = (value: string | undefined) => {
    if (pushing.current || value === undefined) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      setStatus({ tone: 'info', text: 'Not valid JSON yet — the design keeps its last valid value.' });
      return;
    }
    let reason: string | undefined;
    let produced: Design | undefined;
    designStore.edit({ kind: 'merge', label: isTd ? 'Edit task definition JSON' : 'Edit JSON', key: `json:${node.id}` }, (d) => {
      const r = isTd ? replaceTaskDefinition(d, node.id, parsed) : setNodeProperties(d, node.id, parsed);
      if (!r.ok) {
        reason = 'reason' in r ? r.reason : r.message;
        return d;
      }
      produced = r.design;
      return r.design;
    });
    if (produced) own.current = produced;
    setStatus(reason === undefined ? null : { tone: 'error', text: `Not applied: ${reason}` });
  };

  // A change from elsewhere (form, canvas, undo, quick fix): push it into the editor, keeping the cursor.
  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model || design === own.current) return;
    const current = model.getValue();
    if (current === text || sameJson(current, text)) return;
    pushing.current = true;
    try {
      const selections = editor.getSelections();
      editor.executeEdits('ecs-designer', [{ range: model.getFullModelRange(), text }], selections ?? undefined);
      editor.pushUndoStop();
    } finally {
      pushing.current = false;
    }
    setStatus(null);
  }, [design, text, mounted]);

  // The validator's findings as markers.
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const value = model.getValue();
    const markers = findings.map((f) => {
      const range = locateJsonPath(value, markerPath(f, node, index)) ?? { start: 0, end: 1 };
      const start = positionAt(value, range.start);
      const end = positionAt(value, range.end);
      return {
        severity: SEVERITY[f.severity],
        message: `${f.message}${f.fixes?.length ? ' (quick fix in the Problems panel)' : ''}`,
        source: 'ECS Designer',
        code: f.docUrl ? { value: f.rule, target: monaco.Uri.parse(f.docUrl) } : f.rule,
        startLineNumber: start.lineNumber,
        startColumn: start.column,
        endLineNumber: end.lineNumber,
        endColumn: end.column,
      };
    });
    monaco.editor.setModelMarkers(model, 'ecs-designer', markers);
  }, [findings, node, index, text, mounted]);

  // "Go to this finding" from the Problems panel: reveal and select its range.
  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!focus || !editor || !model || !claimFocus(focus)) return;
    const value = model.getValue();
    const range = locateJsonPath(value, focus.path);
    if (!range) return;
    const s = positionAt(value, range.start);
    const e = positionAt(value, range.end);
    const r = new monaco.Range(s.lineNumber, s.column, e.lineNumber, e.column);
    editor.revealRangeInCenter(r);
    editor.setSelection(r);
    editor.focus();
  }, [focus, mounted]);

  // Leaving the editor after an applied edit shows the canonical JSON (a pasted describe-task-definition output
  // becomes the RegisterTaskDefinition JSON export writes), so markers and the text agree again.
  const applied = useRef(true);
  applied.current = status === null;
  const canonical = useRef(text);
  canonical.current = text;
  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    editor.onDidBlurEditorText(() => {
      const model = editor.getModel();
      if (!model || !applied.current) return;
      const current = model.getValue();
      if (current === canonical.current || sameJson(current, canonical.current)) return;
      pushing.current = true;
      try {
        editor.executeEdits('ecs-designer', [{ range: model.getFullModelRange(), text: canonical.current }]);
        editor.pushUndoStop();
      } finally {
        pushing.current = false;
      }
      setMounted((n) => n + 1); // markers follow the new text
    });
    setMounted((n) => n + 1);
  };

  return (
    <div className="json-tab">
      {isTd && <div className="json-note">The RegisterTaskDefinition JSON that export writes. Edit it, or paste a task definition from the AWS console to replace this one.</div>}
      <div className="json-editor nokey nodrag nowheel" data-testid="json-editor">
        <Editor
          language="json"
          path={modelUri}
          defaultValue={text}
          theme={currentTheme()}
          onChange={onChange}
          onMount={onMount}
          options={{
            minimap: { enabled: false },
            fontSize: 12,
            lineNumbersMinChars: 3,
            scrollBeyondLastLine: false,
            tabSize: 2,
            automaticLayout: true,
            wordWrap: 'on',
            fixedOverflowWidgets: true,
            renderLineHighlight: 'none',
            folding: true,
            glyphMargin: false,
            ariaLabel: isTd ? 'Task definition JSON' : 'Properties JSON',
          }}
        />
      </div>
      <div className={`json-status ${status?.tone === 'error' ? 'is-error' : ''}`} role="status" aria-live="polite">
        {status?.text ?? (findings.length > 0 ? `${findings.length} finding${findings.length === 1 ? '' : 's'} marked in the editor` : 'Valid')}
      </div>
    </div>
  );
}
