import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY_META, DEVELOPMENT_CONTENT_SECURITY_POLICY_META } from './main/security/csp';

const root = import.meta.dirname;

/** Injects the CSP <meta> (single source: main/security/csp.ts); main also sends it as a response header. */
function contentSecurityPolicyMeta(): Plugin {
  let policy = CONTENT_SECURITY_POLICY_META;
  return {
    name: 'ecs-designer:csp-meta',
    configResolved(config) {
      if (config.command === 'serve') policy = DEVELOPMENT_CONTENT_SECURITY_POLICY_META;
    },
    transformIndexHtml: {
      order: 'pre',
      handler: () => [
        { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' },
      ],
    },
  };
}

/**
 * Fails the main process build when its entry reaches the AWS SDK through static imports. Loading and initialising
 * the SDK's clients took ~0.7 s before the window could open; deploying, importing from an account and refreshing
 * prices load it when they first run (dynamic import(), e.g. main/deploy/loadEngine.ts).
 */
function noAwsSdkAtStartup(): Plugin {
  return {
    name: 'ecs-designer:no-aws-sdk-at-startup',
    generateBundle(_options, bundle) {
      const chunks = new Map(Object.values(bundle).flatMap((o) => (o.type === 'chunk' ? [[o.fileName, o] as const] : [])));
      const pending = [...chunks.values()].filter((c) => c.isEntry).map((c) => c.fileName);
      const seen = new Set<string>();
      while (pending.length > 0) {
        const name = pending.pop()!;
        if (seen.has(name)) continue;
        seen.add(name);
        for (const imported of chunks.get(name)?.imports ?? []) {
          if (/^@(?:aws-sdk|smithy)\//.test(imported)) {
            this.error(`${imported} is imported when the main process starts (from ${name}): import what needs the AWS SDK with a dynamic import() where it runs`);
          }
          if (chunks.has(imported)) pending.push(imported);
        }
      }
    },
  };
}

export default defineConfig({
  main: {
    plugins: [noAwsSdkAtStartup()],
    build: {
      outDir: resolve(root, 'out/main'),
      rolldownOptions: {
        input: { index: resolve(root, 'main/electron/index.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // Sandboxed preloads cannot load ES modules or node_modules: one self-contained CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), contentSecurityPolicyMeta()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: {
        input: { index: resolve(root, 'renderer/index.html') },
      },
    },
  },
});
