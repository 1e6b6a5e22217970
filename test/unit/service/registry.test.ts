import { describe, expect, it } from 'vitest';
import type { ServiceDefinition } from '../../../src/service/definition.js';
import { buildRegistry, compareIgnoreCase, compareServices, definitionMatches, normalizeServiceUrl, sampleUrls } from '../../../src/service/registry.js';
import { compileJavaRegex } from '../../../src/service/java-regex.js';

function def(partial: Partial<ServiceDefinition>): ServiceDefinition {
  const serviceId = partial.serviceId ?? '^https://app\\.example\\.org/.*';
  return {
    file: 'x.json',
    format: 'json',
    className: 'org.apereo.cas.services.CasRegisteredService',
    kind: 'cas',
    priority: 2147483647,
    name: 'App',
    evaluationOrder: 0,
    strategy: 'FullRegex',
    literalCaseInsensitive: false,
    enabled: true,
    ssoEnabled: true,
    at: { line: 1, column: 1 },
    ...partial,
    serviceId,
    regex: compileJavaRegex(serviceId),
  };
}

describe("CAS's order", () => {
  it('sorts by evaluation priority, evaluationOrder, name ignoring case, serviceId, then id', () => {
    const list = [
      def({ name: 'b', id: 5 }),
      def({ name: 'B', id: 4, serviceId: '^https://a\\.example\\.org/.*' }),
      def({ name: 'a', id: 3, evaluationOrder: 1 }),
      def({ name: 'Z', id: 2 }),
      def({ name: 'z', id: 1, priority: 1 }),
      def({ name: 'b', id: 0 }),
    ];
    expect([...list].sort(compareServices).map((d) => d.id)).toEqual([1, 4, 0, 5, 2, 3]);
  });

  it('compares names as String.compareToIgnoreCase does', () => {
    expect(compareIgnoreCase('apple', 'Banana')).toBeLessThan(0);
    expect(compareIgnoreCase('ABC', 'abc')).toBe(0);
    expect(compareIgnoreCase('_x', 'ax')).toBeLessThan(0); // '_' (95) < 'a' (97) after folding
    expect(compareIgnoreCase('ab', 'abc')).toBeLessThan(0);
  });

  it('keeps the first of duplicate ids in that order', () => {
    const first = def({ name: 'Alpha', id: 1, file: 'b.json' });
    const second = def({ name: 'beta', id: 1, file: 'a.json' });
    const { services, duplicates } = buildRegistry([second, first]);
    expect(services).toEqual([first]);
    expect(duplicates).toEqual([{ kept: first, dropped: second }]);
  });
});

describe('service URL and matching strategies', () => {
  it('cuts only ;jsessionid (AbstractServiceFactory.cleanupUrl)', () => {
    expect(normalizeServiceUrl('https://a.example.org/app;jsessionid=ABC?x=1#f')).toBe('https://a.example.org/app?x=1#f');
    expect(normalizeServiceUrl('https://a.example.org/app;jsessionid=ABC')).toBe('https://a.example.org/app');
    expect(normalizeServiceUrl('https://A.example.org:443/app/')).toBe('https://A.example.org:443/app/');
  });

  it('FullRegex needs the whole URL, PartialRegex a part, Literal equality, StartsWith a prefix', () => {
    const url = 'https://app.example.org/login';
    expect(definitionMatches(def({ serviceId: 'https://app\\.example\\.org' }), url)).toBe(false);
    expect(definitionMatches(def({ serviceId: 'https://app\\.example\\.org', strategy: 'PartialRegex' }), url)).toBe(true);
    expect(definitionMatches(def({ serviceId: ' https://APP.example.org/login ', strategy: 'Literal' }), url)).toBe(false);
    expect(definitionMatches(def({ serviceId: ' https://APP.example.org/login ', strategy: 'Literal', literalCaseInsensitive: true }), url)).toBe(true);
    expect(definitionMatches(def({ serviceId: 'x', strategy: 'StartsWith', expectedUrl: 'https://app.example.org/' }), url)).toBe(true);
    expect(definitionMatches(def({ serviceId: '^https://{x}' }), url)).toBe(false);
    expect(definitionMatches(def({ serviceId: '^https://\\p{InGreek}' }), url)).toBeUndefined();
  });

  it('derives the URLs a definition is written for from its literal parts', () => {
    expect(sampleUrls(def({ serviceId: '^(https|http)://app\\.example\\.org(:443)?/.*' }))).toEqual([
      'https://app.example.org/',
      'https://app.example.org/casctl-probe',
      'https://app.example.org/?casctl=probe',
    ]);
    expect(sampleUrls(def({ serviceId: '^https://[a-z]+\\.example\\.org/.*' }))).toEqual([]);
  });
});
