/**
 * The registry as CAS holds it after loading: definitions in CAS's order
 * (DefaultServicesManager.getCandidateServicesToMatch: evaluationPriority, evaluationOrder, name ignoring
 * case, serviceId, id), duplicate ids resolved (first in that order kept), and how each definition
 * matches a service URL (RegisteredServiceMatchingStrategy).
 */
import type { ServiceDefinition } from './definition.js';

/** java.lang.String#compareToIgnoreCase */
export function compareIgnoreCase(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let c1 = a[i]!;
    let c2 = b[i]!;
    if (c1 === c2) continue;
    c1 = c1.toUpperCase().length === 1 ? c1.toUpperCase() : c1;
    c2 = c2.toUpperCase().length === 1 ? c2.toUpperCase() : c2;
    if (c1 === c2) continue;
    c1 = c1.toLowerCase().length === 1 ? c1.toLowerCase() : c1;
    c2 = c2.toLowerCase().length === 1 ? c2.toLowerCase() : c2;
    if (c1 !== c2) return c1.charCodeAt(0) - c2.charCodeAt(0);
  }
  return a.length - b.length;
}

/** java.lang.String#compareTo (UTF-16 code units) */
const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function compareServices(a: ServiceDefinition, b: ServiceDefinition): number {
  return (
    a.priority - b.priority ||
    a.evaluationOrder - b.evaluationOrder ||
    compareIgnoreCase(a.name, b.name) ||
    compareStrings(a.serviceId, b.serviceId) ||
    (a.id ?? Number.MIN_SAFE_INTEGER) - (b.id ?? Number.MIN_SAFE_INTEGER)
  );
}

export interface Duplicate {
  kept: ServiceDefinition;
  dropped: ServiceDefinition;
}

/** Sorted in CAS's order; of definitions sharing an id, CAS keeps the first and drops the others. */
export function buildRegistry(definitions: ServiceDefinition[]): { services: ServiceDefinition[]; duplicates: Duplicate[] } {
  const sorted = [...definitions].sort(compareServices);
  const byId = new Map<number, ServiceDefinition>();
  const services: ServiceDefinition[] = [];
  const duplicates: Duplicate[] = [];
  for (const definition of sorted) {
    const key = definition.id ?? Number.MIN_SAFE_INTEGER;
    const kept = byId.get(key);
    if (kept) duplicates.push({ kept, dropped: definition });
    else {
      byId.set(key, definition);
      services.push(definition);
    }
  }
  return { services, duplicates };
}

/** AbstractServiceFactory.cleanupUrl: the only change CAS makes to a service URL is cutting `;jsessionid=…`. */
export function normalizeServiceUrl(url: string): string {
  const jsession = url.indexOf(';jsession');
  if (jsession === -1) return url;
  const question = url.indexOf('?');
  if (question < jsession) return url.slice(0, jsession);
  return url.slice(0, jsession) + url.slice(question);
}

/** true/false, or undefined when casctl cannot reproduce the serviceId's regex. */
export function definitionMatches(definition: ServiceDefinition, url: string): boolean | undefined {
  switch (definition.strategy) {
    case 'FullRegex':
    case 'PartialRegex': {
      const regex = definition.regex;
      if (!regex) return false;
      if (!regex.ok) return regex.kind === 'invalid' ? false : undefined;
      return definition.strategy === 'FullRegex' ? regex.full.test(url) : regex.partial.test(url);
    }
    case 'Literal': {
      const expected = definition.serviceId.trim();
      return definition.literalCaseInsensitive ? expected.toUpperCase() === url.toUpperCase() && expected.toLowerCase() === url.toLowerCase() : expected === url;
    }
    case 'StartsWith':
      return url.startsWith(definition.expectedUrl ?? definition.serviceId);
  }
}

/**
 * URLs a definition was plainly written for, derived from its serviceId's literal parts
 * (`^https://app\.example\.org/.*` → https://app.example.org/, …/casctl-probe, …?a=b), kept only if the
 * definition itself matches them. Empty when the pattern is too general to guess.
 */
export function sampleUrls(definition: ServiceDefinition): string[] {
  let text = definition.strategy === 'StartsWith' ? (definition.expectedUrl ?? definition.serviceId) : definition.serviceId.trim();
  if (definition.strategy === 'FullRegex' || definition.strategy === 'PartialRegex') {
    text = text
      .replace(/^\^/, '')
      .replace(/\$$/, '')
      .replace(/\((?:\?:)?https?\|https?\)/gi, 'https')
      .replace(/https\?/gi, 'https')
      .replace(/\((?:\?:)?[^()]*\)\?/g, '')
      .replace(/\.\*\??|\.\+\??/g, '')
      .replace(/\\([./:\-?&=])/g, '$1');
    if (/[\\[\](){}|*+?^$]/.test(text.replace(/\?[^?]*$/, ''))) return [];
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/]/i.test(text)) return [];
  const candidates = [text, `${text.replace(/\/$/, '')}/`, `${text.replace(/\/$/, '')}/casctl-probe`, `${text}${text.includes('?') ? '&' : '?'}casctl=probe`];
  return [...new Set(candidates)].filter((url) => definitionMatches(definition, url) === true);
}
