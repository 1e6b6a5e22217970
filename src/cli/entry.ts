/**
 * The bundle's entry (dist/casctl.cjs): the one program both forms run, bin/casctl from an npm install
 * and the single executable (dist/bin/casctl-linux-x64). It only exports: the start-up shims call main(),
 * and scripts/build-man.mjs renders the man pages from the same command tree with manPages().
 */
export { main, manPages } from './main.js';
