/*
 * Monaco, from the local package (never a CDN), with only what a JSON editor needs: the editor core, the
 * contributions people use while editing JSON (hover, completion, find, folding, bracket matching, formatting,
 * multi-cursor, line operations, context menu) and the JSON language service in its own worker. Importing
 * 'monaco-editor' itself would bundle every language (~4.5 MB). Loaded only by the lazy JSON tab.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/editor/browser/coreCommands';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard';
import 'monaco-editor/editor/contrib/contextmenu/browser/contextmenu';
import 'monaco-editor/editor/contrib/cursorUndo/browser/cursorUndo';
import 'monaco-editor/editor/contrib/find/browser/findController';
import 'monaco-editor/editor/contrib/folding/browser/folding';
import 'monaco-editor/editor/contrib/format/browser/formatActions';
import 'monaco-editor/editor/contrib/gotoError/browser/gotoError';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution';
import 'monaco-editor/editor/contrib/linesOperations/browser/linesOperations';
import 'monaco-editor/editor/contrib/multicursor/browser/multicursor';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations';
import 'monaco-editor/editor/common/standaloneStrings';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
// The JSON mode's language features pull in editor contributions (code lens, drop into editor) whose services must
// be registered before the first editor is created: load it with the editor, not after.
import 'monaco-editor/languages/features/json/jsonMode';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';
import { loader } from '@monaco-editor/react';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

self.MonacoEnvironment = {
  getWorker(_id: string, label: string): Worker {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

loader.config({ monaco });

type SchemaEntry = { uri: string; fileMatch: string[]; schema: unknown };
const schemas = new Map<string, SchemaEntry>();

/** Registers the JSON Schema of one editor model (completion, hover and schema diagnostics for it). */
export function registerModelSchema(modelUri: string, schemaUri: string, schema: unknown): void {
  const prev = schemas.get(modelUri);
  if (prev && prev.schema === schema) return;
  schemas.set(modelUri, { uri: `${schemaUri}#${encodeURIComponent(modelUri)}`, fileMatch: [modelUri], schema });
  jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    trailingCommas: 'error',
    enableSchemaRequest: false,
    schemaValidation: 'warning',
    schemas: [...schemas.values()],
  });
}

export { monaco };
