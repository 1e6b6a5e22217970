/**
 * Reading definitions as CAS does: every planted mistake (JSON and YAML) gives its finding at its place,
 * CAS's own puppeteer definitions load, and the @class rules follow --cas-version.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintRegistry, readDefinitions, type SourceFile } from '../../../src/service/lint.js';
import { readServiceDefinition } from '../../../src/service/definition.js';
import type { CasVersion } from '../../../src/service/model.js';

const FIXTURES = join(__dirname, '../../fixtures/services');

async function sources(dir: string): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.(json|ya?ml)$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    out.push({ path: relative(FIXTURES, path), text: await readFile(path, 'utf8') });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

async function lint(dir: string, version: CasVersion = '8') {
  return lintRegistry(await readDefinitions(await sources(join(FIXTURES, dir)), version), version);
}

// code → [file, line, column] of the finding the directory plants
const PLANTED: Record<'json' | 'yaml', Record<string, [string, number, number]>> = {
  json: {
    'blank-name': ['App-1.json', 4, 3],
    'blank-service-id': ['App-1.json', 3, 3],
    disabled: ['App-1.json', 8, 5],
    'duplicate-id': ['Billing-1.json', 5, 3],
    'duplicate-key': ['App-1.json', 6, 3],
    'file-name': ['app.json', 1, 1],
    'http-and-https': ['AppLegacy-2.json', 3, 3],
    'invalid-regex': ['App-1.json', 3, 16],
    'missing-class': ['App-1.json', 1, 1],
    'missing-id': ['App-1.json', 1, 1],
    'no-trailing-wildcard': ['App-1.json', 3, 16],
    'order-tie': ['Portal-2.json', 6, 3],
    'parse-error': ['App-1.json', 3, 30],
    'regex-untranslatable': ['App-1.json', 3, 16],
    'removed-class': ['App-1.json', 2, 3],
    shadowed: ['Payroll-3.json', 1, 1],
    'unescaped-dot': ['App-1.json', 3, 16],
    'unknown-class': ['App-1.json', 2, 3],
    'unknown-property': ['App-1.json', 6, 3],
    'untyped-collection': ['App-1.json', 8, 26],
    'untyped-object': ['App-1.json', 8, 27],
  },
  yaml: {
    'blank-name': ['App-1.yml', 3, 1],
    'blank-service-id': ['App-1.yml', 2, 1],
    disabled: ['App-1.yml', 6, 3],
    'duplicate-id': ['Billing-1.yml', 4, 1],
    'file-name': ['app.yml', 2, 1],
    'http-and-https': ['AppLegacy-2.yml', 2, 1],
    'invalid-regex': ['App-1.yml', 2, 12],
    'missing-class': ['App-1.yml', 1, 1],
    'missing-id': ['App-1.yml', 2, 1],
    'no-trailing-wildcard': ['App-1.yml', 2, 12],
    'order-tie': ['Portal-2.yml', 5, 1],
    'parse-error': ['App-1.yml', 4, 1],
    'regex-untranslatable': ['App-1.yml', 2, 12],
    'removed-class': ['App-1.yml', 1, 5],
    shadowed: ['Payroll-3.yml', 2, 1],
    'unescaped-dot': ['App-1.yml', 2, 12],
    'unknown-class': ['App-1.yml', 1, 5],
    'unknown-property': ['App-1.yml', 6, 3],
    'untyped-collection': ['App-1.yml', 7, 3],
    'untyped-object': ['App-1.yml', 7, 5],
  },
};

const ERRORS = new Set(['blank-name', 'blank-service-id', 'duplicate-id', 'invalid-regex', 'missing-class', 'parse-error', 'removed-class', 'unknown-class', 'untyped-collection', 'untyped-object']);

describe('planted mistakes', () => {
  for (const format of ['json', 'yaml'] as const) {
    it(`has a fixture directory for every code, in ${format}`, async () => {
      const dirs = (await readdir(join(FIXTURES, 'mistakes', format))).sort();
      expect(dirs).toEqual(Object.keys(PLANTED[format]).sort());
    });
    for (const [code, [file, line, column]] of Object.entries(PLANTED[format])) {
      it(`${format}/${code}: ${ERRORS.has(code) ? 'error' : 'warning'} at ${file}:${line}:${column}, with its consequence`, async () => {
        const report = await lint(`mistakes/${format}/${code}`);
        const finding = report.findings.find((f) => f.code === code);
        expect(finding, JSON.stringify(report.findings)).toBeDefined();
        expect([finding!.file.split('/').pop(), finding!.line, finding!.column]).toEqual([file, line, column]);
        expect(finding!.severity).toBe(ERRORS.has(code) ? 'error' : 'warning');
        expect(finding!.message).toMatch(/CAS (skips this file|drops this service|ignores this property|keeps|loads it|matches|'s watcher)|never be chosen|casctl cannot|the name decides|travel unencrypted|only .* itself matches|also matches/);
        expect(report.ok).toBe(!report.findings.some((f) => f.severity === 'error'));
        if (ERRORS.has(code)) expect(report.ok).toBe(false);
      });
    }
  }
});

describe('@class by CAS version', () => {
  it('RegexRegisteredService: a warning up to 7.0, an error (file skipped) from 7.1', async () => {
    for (const [version, severity, code, loaded] of [
      ['6.6', 'warning', 'deprecated-class', 1],
      ['7.0', 'warning', 'deprecated-class', 1],
      ['7.1', 'error', 'removed-class', 0],
      ['8', 'error', 'removed-class', 0],
    ] as const) {
      const report = await lint('mistakes/json/removed-class', version);
      expect(report.findings.map((f) => [f.severity, f.code]), version).toEqual([[severity, code]]);
      expect(report.services).toBe(loaded);
    }
  });

  it('org.jasig names: rewritten with a warning on 6.6, unknown (file skipped) from 7.0', async () => {
    const on66 = await lint('mistakes/yaml/unknown-class', '6.6');
    expect(on66.findings.map((f) => f.code)).toEqual(['jasig-class', 'deprecated-class']);
    expect(on66.services).toBe(1);
    const on70 = await lint('mistakes/yaml/unknown-class', '7.0');
    expect(on70.findings.map((f) => f.code)).toEqual(['unknown-class']);
  });

  it('CasRegisteredService does not exist before 6.6; StartsWith matching only from 7.1', async () => {
    const text = `{ "@class": "org.apereo.cas.services.CasRegisteredService", "serviceId": "https://a.example.org/", "name": "A", "id": 1,
      "matchingStrategy": { "@class": "org.apereo.cas.services.StartsWithRegisteredServiceMatchingStrategy", "expectedUrl": "https://a.example.org/" } }`;
    const on70 = await readServiceDefinition('A-1.json', text, { version: '7.0' });
    expect(on70.definition).toBeUndefined();
    expect(on70.findings.map((f) => f.code)).toEqual(['unknown-class']);
    const on71 = await readServiceDefinition('A-1.json', text, { version: '7.1' });
    expect(on71.definition?.strategy).toBe('StartsWith');
  });

  it('reads Hjson as CAS does: comments, quoteless values and trailing commas are fine', async () => {
    const text = `# payroll\n{\n  "@class": org.apereo.cas.services.CasRegisteredService\n  serviceId: ^https://pay\\.example\\.org/.*\n  name: Payroll\n  id: 7, // seven\n  evaluationOrder: 3,\n}\n`;
    const r = await readServiceDefinition('Payroll-7.json', text, { version: '8' });
    expect(r.findings).toEqual([]);
    expect(r.definition).toMatchObject({ id: 7, name: 'Payroll', serviceId: '^https://pay\\.example\\.org/.*', evaluationOrder: 3, strategy: 'FullRegex', enabled: true });
  });
});

describe("CAS's own definitions (apereo/cas puppeteer scenarios)", () => {
  it('load without errors on the versions they were written for, and report only what is true of them', async () => {
    const scenarios = (await readdir(join(FIXTURES, 'apereo'), { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(scenarios.length).toBeGreaterThanOrEqual(20);
    const all: string[] = [];
    for (const scenario of scenarios) {
      const version = scenario === 'service-registry-replication-hazelcast' || scenario === 'attribute-repository-resolve-perservice' ? '7.0' : '8';
      const report = await lint(`apereo/${scenario}`, version);
      for (const f of report.findings) all.push(`${scenario} ${f.severity} ${f.code}`);
      const errors = report.findings.filter((f) => f.severity === 'error');
      // The registry-chain scenario registers SharedApplication-3000 in both its JSON and YAML registries.
      if (scenario === 'service-registry-chain') expect(errors.map((f) => f.code)).toEqual(['duplicate-id']);
      else expect(errors, scenario).toEqual([]);
    }
    // what these files really contain: bare URLs without .*, one unescaped host dot, RegexRegisteredService on 7.0
    expect(all).toContain('attribute-release-value-filters warning unescaped-dot');
    expect(all).toContain('adfs-login warning no-trailing-wildcard');
    expect(all).toContain('service-registry-replication-hazelcast warning deprecated-class');
    expect(all.filter((line) => / (unknown-property|untyped-|parse-error|missing-class)/.test(line))).toEqual([]);
  });
});
