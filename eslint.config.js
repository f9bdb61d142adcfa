// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'url', 'util', 'stream', 'events', 'http', 'https', 'net', 'worker_threads'];
const UI = ['react', 'react/*', 'react-dom', 'react-dom/*', '@xyflow/*', 'monaco-editor', 'monaco-editor/*', '@monaco-editor/*', 'elkjs', 'elkjs/*'];

/**
 * The layer import matrix (architecture.md), enforced here and by the per-layer tsconfigs:
 *   shared/   → nothing but zod/yaml and itself (no electron, node:*, DOM libraries, React)
 *   main/     → shared/ (never renderer/)
 *   renderer/ → shared/ (never main/, electron or node:*)
 */
const layer = (files, message, { paths = [], regex = [] }) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...(paths.length ? [{ group: paths, message }] : []),
          ...regex.map((r) => ({ regex: r, message })),
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', '.tsbuild/**', 'test-results/**', 'playwright-report/**', 'shared/aws/ecsModel.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  layer(['shared/**/*.ts'], 'shared/ is the pure domain model: no electron, node:*, DOM/UI libraries, main/ or renderer/.', {
    paths: ['electron', ...NODE_BUILTINS, ...UI],
    regex: ['^(\\.\\./)+(main|renderer|e2e)(/|$)'],
  }),
  // Tests and test helpers of shared/ may read fixtures from disk.
  layer(['shared/**/*.test.ts', 'shared/test-support/**/*.ts'], 'shared/ tests may use node:*, never electron, UI libraries, main/ or renderer/.', {
    paths: ['electron', ...UI],
    regex: ['^(\\.\\./)+(main|renderer|e2e)(/|$)'],
  }),
  layer(['main/**/*.ts'], 'main/ imports shared/, never renderer/ or UI libraries.', {
    paths: UI,
    regex: ['^(\\.\\./)+renderer(/|$)'],
  }),
  layer(['renderer/**/*.{ts,tsx}'], 'renderer/ imports shared/, never main/, electron or node:* (use the IPC API).', {
    paths: ['electron', ...NODE_BUILTINS],
    regex: ['^(\\.\\./)+main(/|$)'],
  }),
);
