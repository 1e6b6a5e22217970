#!/usr/bin/env node
// Man pages: renders casctl(1) and one page per command from the built command tree (dist/casctl.cjs) and the
// src/man/<page>.md prose into dist/man/<page>.1. Run by `npm run build` after scripts/build.mjs.
// package.json "man" must list exactly these files (npm installs only listed pages); a test checks it,
// and `node scripts/build-man.mjs --update-package` rewrites the list after a command was added or removed.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url);
// dist/casctl.cjs, the bundle both forms run, exports manPages() beside main().
const { manPages } = createRequire(import.meta.url)('../dist/casctl.cjs');
const pages = await manPages();
const dir = new URL('dist/man/', root);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
for (const { name, roff } of pages) writeFileSync(new URL(`${name}.1`, dir), roff);

const packageFile = new URL('package.json', root);
const text = readFileSync(packageFile, 'utf8');
const pkg = JSON.parse(text);
const listed = pages.map(({ name }) => `dist/man/${name}.1`);
if (JSON.stringify(pkg.man ?? []) !== JSON.stringify(listed)) {
  if (process.argv.includes('--update-package')) {
    pkg.man = listed;
    writeFileSync(packageFile, `${JSON.stringify(pkg, null, 2)}\n`);
    console.error(`build-man: package.json "man" now lists ${listed.length} pages`);
  } else {
    console.error('build-man: package.json "man" does not list exactly dist/man/*.1: run node scripts/build-man.mjs --update-package');
  }
}
