#!/usr/bin/env node
// Build: one ESM bundle for the CLI core and every command's definitions (commander included), and
// one chunk per lazily imported handler (esbuild code splitting), so a command parses only what it runs.
// Runtime dependencies other than commander stay in node_modules and load on demand with import().
// Type checking is done by `tsc --noEmit` before this script (see package.json "build").
import { rmSync, readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).filter((name) => name !== 'commander');

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: ['src/cli/main.ts'],
  outdir: 'dist',
  outbase: 'src',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  sourcemap: 'linked',
  legalComments: 'none',
  // src/man/<page>.md prose, imported as text by the man-page code (casctl help --man, scripts/build-man.mjs)
  loader: { '.md': 'text' },
  logLevel: 'warning',
  // commander is CommonJS: inside an ESM bundle its require() calls need a real require.
  banner: { js: "import { createRequire as __casctlCreateRequire } from 'node:module'; const require = __casctlCreateRequire(import.meta.url);" },
});
