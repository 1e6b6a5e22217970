#!/usr/bin/env node
// `npm run build:bin`: dist/bin/casctl-linux-x64, a Node single executable application (SEA) of
// dist/casctl.cjs, the same bundle bin/casctl runs (build it first: `npm run build`). The running Node
// (its own binary, copied) carries the bundle and V8's code cache for it; the host needs nothing else.
// https://nodejs.org/docs/latest-v20.x/api/single-executable-applications.html
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'dist/casctl.cjs');
if (!existsSync(bundle)) throw new Error('dist/casctl.cjs is missing: run `npm run build` first');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 6)) throw new Error(`Node ${process.version}: a single executable with a code cache needs Node >= 20.6`);
if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`this builds casctl-linux-x64; this is ${process.platform}-${process.arch}`);

const outDir = join(root, 'dist/bin');
const out = join(outDir, 'casctl-linux-x64');
const blob = join(outDir, 'casctl.blob');
const config = join(outDir, 'sea-config.json');
mkdirSync(outDir, { recursive: true });
writeFileSync(
  config,
  JSON.stringify({ main: bundle, output: blob, disableExperimentalSEAWarning: true, useCodeCache: true, useSnapshot: false }, null, 2),
);
execFileSync(process.execPath, ['--experimental-sea-config', config], { stdio: ['ignore', 'ignore', 'inherit'] });

rmSync(out, { force: true });
copyFileSync(process.execPath, out);
chmodSync(out, 0o755);
const { inject } = createRequire(import.meta.url)('postject');
await inject(out, 'NODE_SEA_BLOB', readFileSync(blob), { sentinelFuse: 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2' });
rmSync(blob);
rmSync(config);

// The binary must run on its own: its version, from a directory with no node_modules and no package.json.
const version = execFileSync(out, ['--version'], { cwd: '/', env: { PATH: '/usr/bin:/bin' }, encoding: 'utf8' }).trim();
const expected = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
if (version !== expected) throw new Error(`${out} --version printed '${version}', expected ${expected}`);
console.log(`${out.slice(root.length)}: casctl ${version}, Node ${process.version}, ${(statSync(out).size / 2 ** 20).toFixed(1)} MiB`);
