// Runs one of casctl's bundles (dist/casctl-<name>.cjs: the core and one command family; dist/casctl.cjs:
// the whole CLI), compiled with a V8 code cache: shared by the two forms' start-up shims (bin/casctl for an
// npm install, scripts/sea-main.cjs in the single executable), which differ only in where the source and
// the cache come from.
'use strict';
const vm = require('node:vm');

/** The families with a bundle of their own (scripts/build.mjs FAMILIES, src/commands/index.ts). */
const FAMILIES = ['acme', 'jwks', 'jwk-gen', 'ticket', 'rest-auth', 'crypto', 'account', 'service'];

/**
 * The bundle a command line runs, and the name of its code cache. The rule is targetFamily()'s in
 * src/commands/index.ts (the first word not starting with '-', or the word after `help`; casctl's root
 * options take no value), so the one family main() loads is always in the bundle picked: 'all' (the whole
 * CLI) where every family is loaded (completion, help --man), the family's own, else 'root' (no family:
 * the root help, usage errors).
 */
function bundleName(args) {
  const words = args.filter((a) => !a.startsWith('-'));
  if (words[0] === 'completion' || (words[0] === 'help' && args.includes('--man'))) return 'all';
  const name = words[0] === 'help' ? words[1] : words[0];
  return FAMILIES.includes(name) ? name : 'root';
}

/** Its file name in dist/ (and its asset name in the single executable). */
const bundleFile = (name) => (name === 'all' ? 'casctl.cjs' : `casctl-${name}.cjs`);

/**
 * Compiles `source` as a CommonJS module (the wrapper Node itself uses) with `cachedData` if any, and runs
 * its main(). V8 checks the cache (its version, flags, the source's length) and ignores one that does not fit.
 * Returns the script (for createCachedData) and whether the cache was taken.
 */
function runBundle(source, filename, dirname, cachedData) {
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename, cachedData });
  const cacheTaken = cachedData !== undefined && script.cachedDataRejected === false;
  const bundleModule = { exports: {} };
  script.runInThisContext()(bundleModule.exports, require, bundleModule, filename, dirname);
  void bundleModule.exports.main();
  return { script, cacheTaken };
}

module.exports = { bundleName, bundleFile, runBundle };
