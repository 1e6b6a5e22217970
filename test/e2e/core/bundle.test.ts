/**
 * dist/casctl.cjs (the whole CLI) and dist/casctl-<name>.cjs (the core and one family), the files both forms
 * run: what a Node 20 single executable needs of each (scripts/build.mjs checks the same at build time; this
 * keeps a hand-edited build script honest).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { describe, expect, it } from 'vitest';
import { FAMILIES as SOURCE_FAMILIES, targetFamily } from '../../../src/commands/index.js';
import { REPO_ROOT } from '../../helpers/run-casctl.js';
// @ts-expect-error: a plain ES module of the build scripts, without types
import { codeOutsideStrings } from '../../../scripts/bundle-code.mjs';
// @ts-expect-error: CommonJS beside bin/casctl, without types
import runBundle from '../../../bin/run-bundle.cjs';

const { bundleName, bundleFile } = runBundle as { bundleName: (args: string[]) => string; bundleFile: (name: string) => string };

const code = readFileSync(`${REPO_ROOT}/dist/casctl.cjs`, 'utf8');
const codeOnly: string = codeOutsideStrings(code);
const pkg = JSON.parse(readFileSync(`${REPO_ROOT}/package.json`, 'utf8')) as { version: string };

const info = JSON.parse(readFileSync(`${REPO_ROOT}/dist/casctl.json`, 'utf8')) as {
  version: string;
  bytes: number;
  bundles: Record<string, { hash: string; bytes: number }>;
};
const FAMILIES = ['acme', 'jwks', 'jwk-gen', 'ticket', 'rest-auth', 'crypto', 'account', 'service'];

describe('the per-family bundles', () => {
  it('exist for the root and every family, each listed in casctl.json with its length', () => {
    const files = readdirSync(`${REPO_ROOT}/dist`).filter((f) => /^casctl.*\.cjs$/.test(f));
    expect(files.sort()).toEqual(['all', 'root', ...FAMILIES].map(bundleFile).sort());
    for (const name of ['all', 'root', ...FAMILIES]) {
      expect(info.bundles[name]!.bytes).toBe(readFileSync(`${REPO_ROOT}/dist/${bundleFile(name)}`).length);
    }
  });

  it.each(['root', ...FAMILIES])('casctl-%s.cjs: no import(), only builtins required, ASCII, smaller than the whole CLI', (name) => {
    const partial = readFileSync(`${REPO_ROOT}/dist/${bundleFile(name)}`, 'utf8');
    expect(codeOutsideStrings(partial).match(/\bimport\(/g) ?? []).toEqual([]);
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const required = [...partial.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!);
    expect([...new Set(required.filter((id) => !builtins.has(id)))]).toEqual([]);
    expect(/[^\x00-\x7f]/.test(partial)).toBe(false);
    expect(partial.length).toBeLessThan(code.length * 0.6);
    // its own family's commands are in it, the others' are stubs
    for (const family of FAMILIES) {
      const stub = `the ${family} commands are not in this bundle`;
      if (family === name) expect(partial).not.toContain(stub);
      else expect(partial).toContain(stub);
    }
  });

  it('a command line runs the bundle holding the family main() loads for it (targetFamily), or the whole CLI', () => {
    expect(bundleName(['jwk-gen', '-t', 'oct'])).toBe('jwk-gen');
    expect(bundleName(['--json', 'jwks', 'show', '--file', 'acme'])).toBe('jwks');
    expect(bundleName(['help', 'ticket'])).toBe('ticket');
    expect(bundleName(['--help'])).toBe('root');
    expect(bundleName([])).toBe('root');
    expect(bundleName(['jwkgen'])).toBe('root');
    expect(bundleName(['help'])).toBe('root');
    expect(bundleName(['completion', 'bash'])).toBe('all');
    expect(bundleName(['help', '--man', 'jwks'])).toBe('all');
    expect(bundleName(['--man', 'help'])).toBe('all');
  });

  it("picks by the same rule as src/commands/index.ts targetFamily(), over the same families", () => {
    expect(SOURCE_FAMILIES.map((f) => f.name)).toEqual(FAMILIES);
    const lines = [['jwks', 'rotate'], ['-q', 'acme', 'issue'], ['help', 'crypto'], ['help', '-h', 'account'], ['service', 'jwks'], ['--debug'], ['x', 'jwks'], ['ticket']];
    for (const argv of lines) expect(bundleName(argv)).toBe(targetFamily(argv)?.name ?? 'root');
  });
});

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
