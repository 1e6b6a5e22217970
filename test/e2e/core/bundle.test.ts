/**
 * dist/casctl.cjs, the one file both forms run: what a Node 20 single executable needs of it
 * (scripts/build.mjs checks the same at build time; this keeps a hand-edited build script honest).
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/run-casctl.js';
// @ts-expect-error: a plain ES module of the build scripts, without types
import { codeOutsideStrings } from '../../../scripts/bundle-code.mjs';

const code = readFileSync(`${REPO_ROOT}/dist/casctl.cjs`, 'utf8');
const codeOnly: string = codeOutsideStrings(code);
const pkg = JSON.parse(readFileSync(`${REPO_ROOT}/package.json`, 'utf8')) as { version: string };

describe('dist/casctl.cjs', () => {
  it('has no import() left ("A dynamic import callback was not specified" in a single executable)', () => {
    expect(codeOnly.match(/\bimport\(/g) ?? []).toEqual([]);
    // the check is not vacuous: the man pages' prose inside the bundle does mention import()
    expect(code).toMatch(/\bimport\(/);
  });

  it("requires nothing but Node's builtins: every library is inside", () => {
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const required = [...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!);
    expect(required.length).toBeGreaterThan(10);
    expect([...new Set(required.filter((id) => !builtins.has(id)))]).toEqual([]);
  });

  it("carries the version, replaces acme-client's axios and @peculiar crypto, and is pure ASCII", () => {
    expect(JSON.parse(readFileSync(`${REPO_ROOT}/dist/casctl.json`, 'utf8'))).toMatchObject({ version: pkg.version, bytes: Buffer.byteLength(code) });
    expect(code).toContain(JSON.stringify(pkg.version));
    // esbuild names every bundled module by its path, as a string key: node_modules/commander/… is there, axios is not
    expect(code).toMatch(/["']node_modules\/commander\//);
    expect(code).not.toMatch(/["']node_modules\/(axios|@peculiar)\//);
    expect(code).toContain('acme-client-shims.ts');
    expect(/[^\x00-\x7f]/.test(code)).toBe(false);
  });
});
