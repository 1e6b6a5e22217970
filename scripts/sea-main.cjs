// Entry shim of the single executable (its SEA main script; scripts/build-bin.mjs bundles it with
// bin/run-bundle.cjs). Runs the embedded bundle the command line picks (bin/run-bundle.cjs), the very file an npm install runs, with the
// code cache its family got at build time from this same Node binary (V8 ignores it if it does not fit).
'use strict';
const sea = require('node:sea');
const { bundleName, bundleFile, runBundle } = require('../bin/run-bundle.cjs');

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // Fast path: the version is all this needs.
  process.stdout.write(`${sea.getAsset('version', 'utf8')}\n`);
} else {
  // getRawAsset: a view of the executable's own mapped bytes, not the copy getAsset makes (about 0.4 ms
  // for a bundle and its cache); both are only read here (the bundle once, into a string; the cache by V8).
  const asset = (key) => {
    try {
      return Buffer.from(sea.getRawAsset ? sea.getRawAsset(key) : sea.getAsset(key));
    } catch {
      return undefined;
    }
  };
  // ASCII by construction (scripts/build.mjs checks): latin1 is the cheapest way to a V8 string.
  const name = bundleName(args);
  const source = asset(bundleFile(name)).latin1Slice();
  const cachedData = process.env.CASCTL_CODE_CACHE === '0' ? undefined : asset(`${name}.v8cache`);
  // __filename and __dirname as the executable's: the bundle reads no file beside it.
  runBundle(source, process.execPath, require('node:path').dirname(process.execPath), cachedData);
}
