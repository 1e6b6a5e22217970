// Runs dist/casctl.cjs, the whole CLI in one CommonJS file, compiled with a V8 code cache: shared by the
// two forms' start-up shims (bin/casctl for an npm install, scripts/sea-main.cjs in the single executable),
// which differ only in where the source and the cache come from.
'use strict';
const vm = require('node:vm');

/** Families with a cache of their own: each holds the functions its commands compiled. */
const FAMILIES = ['acme', 'jwks', 'jwk-gen', 'ticket', 'rest-auth', 'crypto', 'account', 'service', 'completion', 'help'];

/** The cache a command line uses: its family's, else the root one (help, usage errors). */
function cacheName(args) {
  const word = args.find((a) => !a.startsWith('-'));
  return FAMILIES.includes(word) ? word : 'root';
}

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

module.exports = { cacheName, runBundle };
