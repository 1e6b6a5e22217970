/** `casctl service` in-process: exit codes, one JSON document, --cas-config locations, usage errors. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runInProcess } from '../../helpers/run-casctl.js';
import { tempDir } from '../../helpers/tmp.js';

const M = join(REPO_ROOT, 'test/fixtures/services/mistakes');
const A = join(REPO_ROOT, 'test/fixtures/services/apereo');
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at /);
let dir: string;
beforeAll(async () => {
  dir = await tempDir('casctl-service-cli-');
});

describe('service lint (in-process)', () => {
  it('exit 0 with warnings only, exit 1 with errors; --json is one document with every finding', async () => {
    const warn = await runInProcess(['--json', 'service', 'lint', join(M, 'json/unescaped-dot')]);
    expect(warn.code).toBe(0);
    const doc = JSON.parse(warn.stdout);
    expect(doc).toMatchObject({ ok: true, casVersion: '8', files: 1, services: 1, errors: 0, warnings: 1 });
    expect(doc.findings[0]).toMatchObject({ severity: 'warning', code: 'unescaped-dot', line: 3, column: 16 });
    const bad = await runInProcess(['--json', 'service', 'lint', join(M, 'json/invalid-regex'), join(M, 'yaml/untyped-collection')]);
    expect(bad.code).toBe(1);
    const both = JSON.parse(bad.stdout);
    expect(both.findings.map((f: { code: string }) => f.code).sort()).toEqual(['invalid-regex', 'untyped-collection']);
    expect(bad.stdout.trim().split('\n').length).toBeGreaterThan(1); // pretty, but one document:
    expect(() => JSON.parse(bad.stdout)).not.toThrow();
  });

  it('prints file:line:column: severity: message [code] and a summary', async () => {
    const r = await runInProcess(['service', 'lint', join(M, 'json/removed-class')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${join(M, 'json/removed-class/App-1.json')}:2:3: error: "@class" RegexRegisteredService was removed in CAS 7.1, so CAS 8 cannot read it: CAS skips this file [removed-class]`);
    expect(r.stdout).toMatch(/✖ 1 file, 0 services loaded \(CAS 8\): 1 error, 0 warnings/);
    const old = await runInProcess(['service', 'lint', '--cas-version', '7.0', join(M, 'json/removed-class')]);
    expect(old.code).toBe(0);
    expect(old.stdout).toContain('[deprecated-class]');
  });

  it('exit 3 for a missing PATH; exit 2 for no PATH and no --cas-config, or a bad --cas-version', async () => {
    const missing = await runInProcess(['service', 'lint', join(dir, 'nope')]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('does not exist');
    noStack(missing.stderr);
    const none = await runInProcess(['service', 'lint']);
    expect(none.code).toBe(2);
    const version = await runInProcess(['service', 'lint', '--cas-version', '5.3', A]);
    expect(version.code).toBe(2);
    expect(version.stderr).toContain('--cas-version takes one of 6.6, 7.0, 7.1, 7.2, 7.3, 8');
  });

  it('takes the location from --cas-config (file: prefix), and a classpath: location is exit 3', async () => {
    const properties = join(dir, 'cas.properties');
    await writeFile(properties, `cas.service-registry.json.location=file:${join(M, 'json/disabled')}\n`);
    const r = await runInProcess(['--json', 'service', 'lint', '--cas-config', properties]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings.map((f: { code: string }) => f.code)).toEqual(['disabled']);
    const yml = join(dir, 'application.yml');
    await writeFile(yml, 'cas:\n  service-registry:\n    json:\n      location: classpath:services\n');
    const cp = await runInProcess(['service', 'lint', '--cas-config', yml]);
    expect(cp.code).toBe(3);
    expect(cp.stderr).toContain('classpath');
    const unset = join(dir, 'empty.properties');
    await writeFile(unset, 'cas.server.name=https://cas.example.org\n');
    const def = await runInProcess(['service', 'lint', '--cas-config', unset]);
    expect(def.code).toBe(3);
    expect(def.stderr).toContain("classpath:services");
  });
});

describe('service match (in-process)', () => {
  it('exit 0 for an enabled match, with the winner and every earlier definition', async () => {
    const r = await runInProcess(['--json', 'service', 'match', 'http://app.example.org/x;jsessionid=1?y=2', join(M, 'json/http-and-https')]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ serviceUrl: 'http://app.example.org/x?y=2', allowed: true, winner: { name: 'AppLegacy', id: 2, strategy: 'FullRegex', enabled: true } });
    expect(doc.passed).toEqual([expect.objectContaining({ name: 'App', reason: 'scheme: the serviceId accepts https, not http' })]);
  });

  it('exit 1 for a disabled match and for no match, with UNAUTHORIZED_SERVICE and the closest definitions', async () => {
    const disabled = await runInProcess(['service', 'match', 'https://app.example.org/', join(M, 'json/disabled')]);
    expect(disabled.code).toBe(1);
    expect(disabled.stdout).toContain('CAS answers: UNAUTHORIZED_SERVICE');
    expect(disabled.stdout).toContain('is not enabled in service registry');
    const none = await runInProcess(['--json', 'service', 'match', 'https://app.example.org/login', join(M, 'json/no-trailing-wildcard')]);
    expect(none.code).toBe(1);
    const doc = JSON.parse(none.stdout);
    expect(doc.casAnswer.code).toBe('UNAUTHORIZED_SERVICE');
    expect(doc.closest[0].differences[0]).toMatch(/^a missing \.\*/);
  });

  it('a URL is required; no registry and no --remote is a usage error', async () => {
    expect((await runInProcess(['service', 'match'])).code).toBe(2);
    expect((await runInProcess(['service', 'match', 'https://a.example.org/'])).code).toBe(2);
    expect((await runInProcess(['service', 'match', '', join(M, 'json/disabled')])).code).toBe(2);
  });
});
