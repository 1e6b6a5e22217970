/**
 * `casctl service` through bin/casctl as a user runs it: lint and match on CAS's own definitions and the
 * planted mistakes, --remote against the actuator stand-in (basic auth, 404 for no service), secrets
 * never on argv, and match's verdicts against Java's regex engine.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startActuator, type ActuatorStandIn } from '../../helpers/cas-actuator.js';
import { JavaRegexOracle } from '../../helpers/java-regex-oracle.js';
import { REPO_ROOT, runBin } from '../../helpers/run-casctl.js';

const A = 'test/fixtures/services/apereo';
const M = 'test/fixtures/services/mistakes';
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at /);

describe('service lint', () => {
  it("reads all 33 of CAS's own definitions: the only errors are what CAS 8 really does with them", async () => {
    const r = await runBin(['--json', 'service', 'lint', A]);
    const doc = JSON.parse(r.stdout);
    expect(doc.files).toBe(33);
    // one registry of 33 files from many scenarios: ids collide (Sample-1 everywhere), and the
    // hazelcast scenario's RegexRegisteredService is gone in CAS 8
    const codes = new Set(doc.findings.filter((f: { severity: string }) => f.severity === 'error').map((f: { code: string }) => f.code));
    expect([...codes].sort()).toEqual(['duplicate-id', 'removed-class']);
    expect(r.code).toBe(1);
    noStack(r.stderr);
  });

  it('one scenario at a time, exit 0, with a human summary', async () => {
    const r = await runBin(['service', 'lint', `${A}/attribute-repository-restful-chain`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 file, 1 service loaded (CAS 8): 0 errors, 1 warning');
    expect(r.stdout).toContain('[no-trailing-wildcard]');
  });

  it('NO_COLOR and a pipe: no escape codes; a missing path is exit 3 with no stack trace', async () => {
    const r = await runBin(['service', 'lint', `${M}/json/unknown-property`], { env: { NO_COLOR: '1' } });
    expect(r.stdout).not.toContain('\u001b[');
    expect(r.stdout).toContain('accessStrategy.enable is not a property of DefaultRegisteredServiceAccessStrategy: CAS ignores this property [unknown-property]');
    expect(r.stdout).toContain('hint: did you mean accessStrategy.enabled?');
    const missing = await runBin(['service', 'lint', `${M}/nope`]);
    expect(missing.code).toBe(3);
    noStack(missing.stderr);
  });
});

describe('service match', () => {
  it('names the shadowing catch-all as the winner and exits 0', async () => {
    const r = await runBin(['service', 'match', 'https://payroll.example.org/run', `${M}/json/shadowed`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"HTTPS and IMAPS" (id 10000001)');
    expect(r.stdout).toContain('evaluationOrder  1');
  });

  it('explains a miss: scheme, host, port and a missing .*', async () => {
    const r = await runBin(['service', 'match', 'https://localhost:9859/anything/cas/extra', `${A}/attribute-definition-store`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('no service definition matches https://localhost:9859/anything/cas/extra');
    expect(r.stdout).toContain('a missing .*');
    const port = await runBin(['--json', 'service', 'match', 'https://localhost:9860/anything/cas', `${A}/attribute-definition-store`]);
    expect(JSON.parse(port.stdout).closest[0].differences).toEqual(['port: the URL has 9860, the serviceId wants 9859']);
  });

  describe('--remote, against a stand-in for the registeredServices actuator endpoint', () => {
    let actuator: ActuatorStandIn;
    const PASSWORD = 'act-secret-p4ss';
    beforeAll(async () => {
      const Hjson = (await import('hjson')).default;
      const json = async (path: string) => JSON.stringify(Hjson.parse(await readFile(join(REPO_ROOT, path), 'utf8')));
      actuator = await startActuator({
        user: 'actuator',
        password: PASSWORD,
        answers: {
          // what CAS answered for these URLs: the catch-all, and for one URL a definition not in the local files
          'https://payroll.example.org/run': await json(`${M}/json/shadowed/HTTPSandIMAPS-10000001.json`),
          'https://app.example.org/': await json(`${M}/json/disabled/App-1.json`),
        },
      });
    });
    afterAll(() => actuator?.close());

    it('agrees with the local files; the password comes from the environment, never argv', async () => {
      const r = await runBin(
        ['--json', 'service', 'match', 'https://payroll.example.org/run', `${M}/json/shadowed`, '--remote', actuator.url, '--actuator-user', 'actuator', '--actuator-password-env', 'ACT_PW'],
        { env: { ACT_PW: PASSWORD } },
      );
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout);
      expect(doc.remote).toMatchObject({ status: 200, allowed: true, agree: true, service: { id: 10000001, name: 'HTTPS and IMAPS' } });
      const last = actuator.requests.at(-1)!;
      expect(last.path).toBe('/cas/actuator/registeredServices/https%3A%2F%2Fpayroll.example.org%2Frun');
      expect(last.authorization).toBe(`Basic ${Buffer.from(`actuator:${PASSWORD}`).toString('base64')}`);
      expect(r.stdout + r.stderr).not.toContain(PASSWORD);
    });

    it('says when they disagree, and follows the running CAS for the exit code (password from stdin)', async () => {
      const r = await runBin(['service', 'match', 'https://app.example.org/', `${M}/json/http-and-https`, '--remote', actuator.url, '--actuator-user', 'actuator', '--actuator-password-stdin'], {
        input: `${PASSWORD}\n`,
      });
      // locally "App" (enabled) matches; the running CAS holds it disabled
      expect(r.stdout).toContain('local files and running CAS agree');
      expect(r.stdout).toContain('disabled');
      expect(r.code).toBe(1);
      const other = await runBin(['--json', 'service', 'match', 'https://payroll.example.org/run', `${M}/json/order-tie`, '--remote', actuator.url, '--actuator-user', 'actuator', '--actuator-password-env', 'ACT_PW'], {
        env: { ACT_PW: PASSWORD },
      });
      expect(JSON.parse(other.stdout).remote).toMatchObject({ agree: false });
    });

    it('404 is "no service" (exit 1); only --remote, no local files, works too', async () => {
      const r = await runBin(['--json', 'service', 'match', 'https://nobody.example.org/', '--remote', actuator.url, '--actuator-user', 'actuator', '--actuator-password-env', 'ACT_PW'], {
        env: { ACT_PW: PASSWORD },
      });
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout).remote).toMatchObject({ status: 404, allowed: false });
    });

    it('401 without credentials: exit 1 with a hint, no stack trace', async () => {
      const r = await runBin(['service', 'match', 'https://payroll.example.org/run', '--remote', actuator.url]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('HTTP 401');
      expect(r.stderr).toContain('--actuator-user');
      noStack(r.stderr);
    });

    it('an actuator that is not exposed (Spring\'s JSON 404 page) is exit 1 with the settings to enable it', async () => {
      const r = await runBin(['service', 'match', 'https://payroll.example.org/run', '--remote', actuator.url.replace(/\/cas$/, '/other'), '--actuator-user', 'actuator', '--actuator-password-env', 'ACT_PW'], {
        env: { ACT_PW: PASSWORD },
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('has no registeredServices endpoint');
      expect(r.stderr).toContain('management.endpoints.web.exposure.include=registeredServices');
    });

    it('an unreachable CAS is exit 4', async () => {
      const r = await runBin(['service', 'match', 'https://a.example.org/', '--remote', 'http://127.0.0.1:9/cas', '--timeout', '2']);
      expect(r.code).toBe(4);
    });
  });

  describe("match's winner is the first definition in CAS's order that Java's regex engine matches", () => {
    let oracle: JavaRegexOracle;
    beforeAll(() => {
      oracle = JavaRegexOracle.compile();
    });
    afterAll(() => oracle?.dispose());

    it('for URLs built to hit, miss and tie', async () => {
      const registries = [`${M}/json/shadowed`, `${M}/json/order-tie`, `${M}/yaml/order-tie`, `${M}/json/http-and-https`, `${A}/attribute-release-value-filters`, `${A}/service-registry-chain`];
      const urls = ['https://portal.example.org/x', 'https://payroll.example.org/', 'HTTPS://APP.EXAMPLE.ORG/A', 'http://app.example.org/', 'https://localhost:9859/anything/3', 'https://localhost:9859/anything/json/x', 'imaps://x', 'https://httpbin.org/anything/1'];
      let checked = 0;
      const runs: { url: string; registry: string; order: { id: number; serviceId: string }[]; winner?: { id: number; enabled: boolean }; code: number | null }[] = [];
      for (const registry of registries) {
        for (const url of urls) {
          const r = await runBin(['--json', 'service', 'match', url, registry]);
          const doc = JSON.parse(r.stdout);
          runs.push({ url, registry, order: [...doc.passed, ...(doc.winner ? [doc.winner] : [])], winner: doc.winner, code: r.code });
        }
      }
      const verdicts = oracle.judge(runs.flatMap((run) => run.order.map((s) => ({ pattern: s.serviceId, url: run.url }))));
      let at = 0;
      for (const run of runs) {
        const mine = verdicts.slice(at, at + run.order.length);
        at += run.order.length;
        const javaFirst = mine.findIndex((v) => v.valid && v.matches);
        expect(javaFirst === -1 ? undefined : run.order[javaFirst]!.id, `${run.url} in ${run.registry}`).toBe(run.winner?.id);
        expect(run.code).toBe(run.winner && run.winner.enabled ? 0 : 1);
        checked++;
      }
      expect(checked).toBe(registries.length * urls.length);
    });
  });
});
