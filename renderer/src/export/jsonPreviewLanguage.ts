/**
 * JSON colouring for the Export dialog's read-only preview, without Monaco's JSON language service. The `json`
 * language (the inspector's editor needs it) sends each model to its worker for validation, document symbols and
 * folding ranges; for an 11 MB template the symbols alone came back as a message that took the page's thread over a
 * second to read, for an outline nobody asked for, and the validation markers are not shown in the preview anyway.
 * This language has the JSON mode's own tokenizer and bracket pairs, and nothing that reaches a worker.
 */
import { languages } from 'monaco-editor/editor/editor.api';
import { createTokenizationSupport } from 'monaco-editor/languages/features/json/tokenization';

export const JSON_PREVIEW_LANGUAGE = 'json-preview';

languages.register({ id: JSON_PREVIEW_LANGUAGE });
// Exported JSON has no comments: the strict scanner.
languages.setTokensProvider(JSON_PREVIEW_LANGUAGE, createTokenizationSupport(false));
languages.setLanguageConfiguration(JSON_PREVIEW_LANGUAGE, {
  brackets: [
    ['{', '}'],
    ['[', ']'],
  ],
});
