#!/usr/bin/env node
// `npm run build:bin`: dist/bin/casctl-linux-x64, a Node single executable application (SEA) holding
// dist/casctl.cjs, the same bundle bin/casctl runs (build it first: `npm run build`), and V8 code caches
// for it. The running Node's own binary is copied, so the caches made here by running the bundle with this
// Node fit it; the host needs nothing else.
// https://nodejs.org/docs/latest-v20.x/api/single-executable-applications.html
//
// Why not the SEA's own "useCodeCache"/"useSnapshot": on Node 20 its code cache is made by compiling the
// main script without running it, so it holds the top level only (measured: jwk-gen 1.4x node -e 0);
// caches made after running a command hold the functions that command compiled. The SEA main script is
// therefore a small shim (scripts/sea-main.cjs) that runs the embedded bundle with its family's cache,
// as bin/casctl does with a cache in the user's cache directory. A start-up snapshot of the whole CLI,
// evaluated (tried 2026-12-06): a 6.5 MB blob whose deserialisation made `--version` 14 ms slower than
// `node -e 0` and `jwk-gen` slower than this shim; even a snapshot holding only node:crypto costs more
// than loading it.
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
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
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// One cache per family (bin/run-bundle.cjs cacheName), each made by running commands of that family
// through bin/casctl with this Node and an empty cache directory.
const work = mkdtempSync(join(tmpdir(), 'casctl-sea-'));
const cacheHome = join(work, 'cache');
const keystore = join(work, 'keystore.jwks');
const services = join(work, 'services');
mkdirSync(services);
writeFileSync(
  join(services, 'App-1.json'),
  JSON.stringify({ '@class': 'org.apereo.cas.services.CasRegisteredService', serviceId: '^https://app\\.example\\.org/.*', name: 'App', id: 1 }),
);
const warm = [
  ['--help'],
  ['jwk-gen', '-t', 'oct', '-s', '512'],
  ['jwks', 'show', '--file', keystore],
  ['crypto', 'keys', '--feature', 'token'],
  ['acme', 'issue', '--help'],
  ['ticket', 'check', '--help'],
  ['rest-auth', 'probe', '--help'],
  ['account', 'new-properties', '--help'],
  ['service', 'lint', services],
  ['service', 'match', 'https://app.example.org/home', services],
  ['completion', 'bash'],
  ['help', 'jwks'],
];
// No NODE_OPTIONS: V8 rejects a cache made under other flags than the executable runs with.
const casctl = (args, env) =>
  execFileSync(process.execPath, [join(root, 'bin/casctl'), ...args], { stdio: 'ignore', env: { ...process.env, NODE_OPTIONS: '', ...env } });
casctl(['jwks', 'generate', '--file', keystore, '--quiet'], { CASCTL_CODE_CACHE: '0' });
for (const args of warm) casctl(args, { XDG_CACHE_HOME: cacheHome, CASCTL_CODE_CACHE: '' });
const assets = { version: join(work, 'version') };
// Every bundle (dist/casctl.cjs and dist/casctl-<name>.cjs), as the same file name.
for (const file of readdirSync(join(root, 'dist'))) if (/^casctl(-[a-z-]+)?\.cjs$/.test(file)) assets[file] = join(root, 'dist', file);
writeFileSync(assets.version, pkg.version);
for (const file of readdirSync(join(cacheHome, 'casctl'))) {
  const family = /-node[^-]+-[^-]+-(.+)\.v8cache$/.exec(file)?.[1];
  if (family) assets[`${family}.v8cache`] = join(cacheHome, 'casctl', file);
}

const main = join(work, 'sea-main.cjs');
await build({ entryPoints: [join(root, 'scripts/sea-main.cjs')], outfile: main, bundle: true, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'warning' });
writeFileSync(
  config,
  JSON.stringify({ main, output: blob, disableExperimentalSEAWarning: true, useCodeCache: false, useSnapshot: false, assets }, null, 2),
);
execFileSync(process.execPath, ['--experimental-sea-config', config], { stdio: ['ignore', 'ignore', 'inherit'] });

rmSync(out, { force: true });
copyFileSync(process.execPath, out);
chmodSync(out, 0o755);
const { inject } = createRequire(import.meta.url)('postject');
await inject(out, 'NODE_SEA_BLOB', readFileSync(blob), { sentinelFuse: 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2' });
rmSync(blob);
rmSync(config);
dropPageCache(out);
rmSync(work, { recursive: true, force: true });

// The binary must run on its own: its version, from a directory with no node_modules and no package.json.
const version = execFileSync(out, ['--version'], { cwd: '/', env: { PATH: '/usr/bin:/bin' }, encoding: 'utf8' }).trim();
const expected = pkg.version;
if (version !== expected) throw new Error(`${out} --version printed '${version}', expected ${expected}`);
console.log(`${out.slice(root.length)}: casctl ${version}, Node ${process.version}, ${(statSync(out).size / 2 ** 20).toFixed(1)} MiB`);

/**
 * Writes the file's pages to disk and drops them from the page cache, so that it is next read the way an
 * installed binary is after a reboot. Only memory accounting changes: on Linux 6.x ext4 keeps a file just
 * written in large page-cache folios, and a process mapping it is charged whole folios, so any freshly
 * written executable peaks higher (measured: a written copy of node itself, `node -e 0`, 59.7 MiB; the same
 * file re-read from disk, 40.2 MiB). GNU dd's `iflag=nocache count=0` is posix_fadvise(DONTNEED) on the file.
 */
function dropPageCache(file) {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    execFileSync('dd', [`if=${file}`, 'iflag=nocache', 'count=0', 'status=none'], { stdio: 'ignore' });
  } catch {
    // no GNU dd: the binary is the same, its peak RSS just reads higher until the kernel evicts the pages
  }
}
