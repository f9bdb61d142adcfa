import Editor from '@monaco-editor/react';
import type { ReactNode } from 'react';
// Monaco from the app's lazy setup (local package, workers), plus the syntax colouring of the exported formats.
import '../inspector/monacoSetup';
import 'monaco-editor/languages/definitions/yaml/register';
import 'monaco-editor/languages/definitions/hcl/register';
import 'monaco-editor/languages/definitions/typescript/register';
import { JSON_PREVIEW_LANGUAGE } from './jsonPreviewLanguage';

/** Monaco's language id for a generated file. */
export function previewLanguage(path: string): string {
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  if (/\.json$/i.test(path)) return JSON_PREVIEW_LANGUAGE;
  if (/\.(tf|hcl)$/i.test(path)) return 'hcl';
  if (/\.ts$/i.test(path)) return 'typescript';
  return 'plaintext';
}

function currentTheme(): 'vs' | 'vs-dark' {
  const pinned = document.documentElement.dataset['theme'];
  if (pinned === 'dark') return 'vs-dark';
  if (pinned === 'light') return 'vs';
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'vs-dark' : 'vs';
}

/** Read-only Monaco view of one generated file (loaded lazily with the export dialog's preview). */
export default function IacPreview({ path, text }: { readonly path: string; readonly text: string }): ReactNode {
  return (
    <Editor
      height="100%"
      value={text}
      language={previewLanguage(path)}
      theme={currentTheme()}
      options={{
        readOnly: true,
        domReadOnly: true,
        minimap: { enabled: false },
        scrollBeyondLastLine: false,
        fontSize: 12,
        automaticLayout: true,
        renderValidationDecorations: 'off',
        ariaLabel: `Preview of ${path}`,
      }}
    />
  );
}
