#!/usr/bin/env node
// Build: the whole CLI (every command, every runtime dependency) as ONE CommonJS file, dist/casctl.cjs.
// bin/casctl runs it with V8's code cache (see bin/casctl); the single executable (scripts/build-bin.mjs)
// embeds the same file. One CommonJS file because a Node 20 single executable cannot import() from its
// main script, and because one file compiled from a code cache starts faster than many ES modules.
// Type checking is done by `tsc --noEmit` before this script (see package.json "build").
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { codeOutsideStrings } from './bundle-code.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const shims = join(root, 'src/acme/acme-client-shims.ts');
const acmeClientSrc = join(root, 'node_modules/acme-client/src') + sep;

// acme-client's `./axios` and `./crypto` become casctl's shims (src/acme/client.ts explains why).
const replaced = new Set();
const acmeClientShims = {
  name: 'acme-client-shims',
  setup(b) {
    b.onResolve({ filter: /^\.\/(axios|crypto)$/ }, (args) => {
      if (!args.importer.startsWith(acmeClientSrc)) return undefined;
      const name = args.path.slice(2);
      replaced.add(name);
      return { path: name, namespace: 'acme-client-shim' };
    });
    b.onLoad({ filter: /.*/, namespace: 'acme-client-shim' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(shims)}).${args.path === 'axios' ? 'axiosModule' : 'cryptoModule'};`,
      resolveDir: dirname(shims),
      loader: 'js',
    }));
  },
};

// debug (acme-client's logger) tries require('supports-color') in a try block: absent in both forms alike.
const absentOptional = {
  name: 'absent-optional',
  setup(b) {
    b.onResolve({ filter: /^supports-color$/ }, (args) => ({ path: args.path, namespace: 'absent' }));
    b.onLoad({ filter: /.*/, namespace: 'absent' }, (args) => ({ contents: `throw new Error('${args.path} is not bundled');`, loader: 'js' }));
  },
};

// commander requires node:child_process (and with it net, dgram, streams: ~4 ms) at load, for executable
// subcommands casctl never has: loaded on first use instead.
const commanderChildProcess = {
  name: 'commander-lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!text.includes(eager)) throw new Error(`commander changed: ${eager} not found in ${args.path}`);
      return { contents: text.replace(eager, "const childProcess = { get spawn() { return require('node:child_process').spawn; } };"), loader: 'js' };
    });
  },
};

// Per-command bundles. Every run loads one bundle whole (read, then compiled from its code cache), so a
// command that loads only the core and its own family reads and deserialises a third to a tenth of the
// full file. Same sources, same code: src/commands/index.ts's loaders for the families a bundle leaves out
// become a rejection that names the missing family, and bin/run-bundle.cjs bundleName() picks the bundle with
// the rule targetFamily() uses, so an omitted family's loader is never called. `all` is the whole CLI
// (completion, help --man, man-page rendering, --debug); `root` has no family (root help, usage errors).
const commandsIndex = join(root, 'src/commands/index.ts');
const FAMILY_LOADER = /load: \(\) => import\('\.\/([a-z-]+)\/index\.js'\)/g;
// The families are the loaders of src/commands/index.ts's FAMILIES table (bin/run-bundle.cjs lists them too:
// test/e2e/core/bundle.test.ts keeps the two equal).
const FAMILIES = [...readFileSync(commandsIndex, 'utf8').matchAll(FAMILY_LOADER)].map((match) => match[1]);
if (FAMILIES.length === 0) throw new Error(`no family loaders found in ${commandsIndex}: did its form change?`);
const mainTs = join(root, 'src/cli/main.ts');
const completionTs = join(root, 'src/commands/completion.ts');
function onlyFamily(family) {
  return {
    name: 'only-family',
    setup(b) {
      b.onLoad({ filter: /[\\/]src[\\/]commands[\\/]index\.ts$/ }, (args) => {
        if (args.path !== commandsIndex) return undefined;
        const text = readFileSync(args.path, 'utf8');
        const contents = text.replace(FAMILY_LOADER, (whole, name) =>
          name === family ? whole : `load: () => Promise.reject(new Error('casctl: the ${name} commands are not in this bundle'))`,
        );
        return { contents, loader: 'ts' };
      });
      // help --man and completion build the whole tree: they run the `all` bundle, never these.
      b.onLoad({ filter: /[\\/]src[\\/](cli[\\/]main|commands[\\/]completion)\.ts$/ }, (args) => {
        if (args.path !== mainTs && args.path !== completionTs) return undefined;
        const text = readFileSync(args.path, 'utf8');
        const lazy = args.path === mainTs ? ["import('../man/index.js')"] : ["import('../cli/completion.js')"];
        let contents = text;
        for (const call of lazy) {
          if (!contents.includes(call)) throw new Error(`${args.path}: ${call} not found`);
          contents = contents.split(call).join(`Promise.reject(new Error('casctl: ${call.slice(8, -2)} is not in this bundle'))`);
        }
        return { contents, loader: 'ts' };
      });
    },
  };
}

rmSync(join(root, 'dist'), { recursive: true, force: true });
const outfile = join(root, 'dist/casctl.cjs');
const options = (file, plugins, sourcemap) => ({
  entryPoints: [join(root, 'src/cli/entry.ts')],
  outfile: file,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // import() becomes require(): nothing may be left for a single executable's main script to import().
  supported: { 'dynamic-import': false },
  // the "require" builds of dual packages (fast-xml-parser's single-file build, not its ESM tree)
  mainFields: ['main', 'module'],
  conditions: ['require', 'node', 'default'],
  define: { __CASCTL_VERSION__: JSON.stringify(pkg.version), 'import.meta.url': 'undefined' },
  plugins: [acmeClientShims, absentOptional, commanderChildProcess, ...plugins],
  metafile: true,
  sourcemap,
  legalComments: 'none',
  // src/man/<page>.md prose, imported as text by the man-page code (casctl help --man, scripts/build-man.mjs)
  loader: { '.md': 'text' },
  // smaller to read and to hash; names stay (stack traces under --debug map back through the source map)
  minifyWhitespace: true,
  minifySyntax: true,
  charset: 'ascii',
  logLevel: 'warning',
});
const result = await build(options(outfile, [], 'linked'));
const partial = {};
for (const name of ['root', ...FAMILIES]) {
  const file = join(root, `dist/casctl-${name}.cjs`);
  partial[name] = { file, result: await build(options(file, [onlyFamily(name)], false)) };
  // CASCTL_METAFILE=1: what each bundle holds (esbuild metafile, for https://esbuild.github.io/analyze/)
  if (process.env.CASCTL_METAFILE) writeFileSync(`${file}.meta.json`, JSON.stringify(partial[name].result.metafile));
}

// Checks that keep every bundle honest: the shims took effect, no import() left, nothing outside node's builtins required.
const { builtinModules } = await import('node:module');
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const bundles = {};
for (const [name, { file, result: r }] of [['all', { file: outfile, result }], ...Object.entries(partial)]) {
  const inputs = Object.keys(r.metafile.inputs);
  for (const unwanted of ['node_modules/axios/', 'node_modules/@peculiar/']) {
    if (inputs.some((input) => input.includes(unwanted))) throw new Error(`${unwanted} ended up in ${file}`);
  }
  const code = readFileSync(file, 'utf8');
  // bin/casctl reads it as latin1 (a one-byte string, several ms faster than utf8 for 1.4 MB): ASCII only.
  if (/[^\x00-\x7f]/.test(code)) throw new Error(`${file} is not pure ASCII`);
  if (/\bimport\(/.test(codeOutsideStrings(code))) throw new Error(`an import() is left in ${file}`);
  const external = Object.values(r.metafile.outputs)
    .flatMap((o) => o.imports ?? [])
    .filter((i) => i.external && !builtins.has(i.path))
    .map((i) => i.path);
  if (external.length > 0) throw new Error(`${file} requires modules outside node's builtins: ${[...new Set(external)].join(', ')}`);
  bundles[name] = { hash: createHash('sha256').update(code).digest('hex').slice(0, 16), bytes: Buffer.byteLength(code) };
}
// acme-client's shims: in the full bundle and in acme's (the only one that holds acme-client).
if (replaced.size !== 2) throw new Error(`acme-client shims not applied (${[...replaced].join(', ') || 'none'}): did acme-client change?`);

// The full bundle's hash keys every code cache of this build (bin/casctl); each bundle's length is checked before its cache is used.
writeFileSync(
  join(root, 'dist/casctl.json'),
  `${JSON.stringify({ version: pkg.version, hash: bundles.all.hash, bytes: bundles.all.bytes, bundles })}\n`,
);
