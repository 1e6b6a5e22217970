/**
 * Ticket validation: /validate (CAS 1), /serviceValidate (CAS 2), /p3/serviceValidate (CAS 3), XML or
 * JSON. The verdict comes from the body only: CAS answers 200 for failures too
 * (CAS-Protocol-Specification §2.4–2.5; cas-behaviour.md §1 "Validation endpoints").
 */
import { refusedError } from '../errors.js';
import type { HttpClient, HttpResponse } from '../io/http.js';
import { endpoint } from './server.js';
import { parseXmlDocument } from './xml.js';

export type Protocol = 1 | 2 | 3;
export type ValidationFormat = 'xml' | 'json';

export interface ValidateRequest {
  service: string;
  ticket: string;
  protocol: Protocol;
  format: ValidationFormat;
  renew?: boolean;
}

export interface ValidationSuccess {
  ok: true;
  user: string;
  /** every attribute as a list of values, in the order CAS sent them */
  attributes: Record<string, string[]>;
  proxyGrantingTicket?: string;
  proxies?: string[];
}

export interface ValidationFailure {
  ok: false;
  /** CAS's code (INVALID_TICKET, INVALID_SERVICE, …), or casctl's when the answer was unreadable */
  code: string;
  description: string;
  /** true when the answer could not be read at all (not XML/JSON/CAS 1 text) */
  unreadable?: boolean;
}

export type ValidationResult = (ValidationSuccess | ValidationFailure) & { protocol: Protocol; status: number };

export function validationPath(protocol: Protocol): string {
  return protocol === 1 ? '/validate' : protocol === 2 ? '/serviceValidate' : '/p3/serviceValidate';
}

export async function validateTicket(http: HttpClient, server: string, request: ValidateRequest): Promise<ValidationResult> {
  const query: Record<string, string | undefined> = {
    service: request.service,
    ticket: request.ticket,
    renew: request.renew ? 'true' : undefined,
    format: request.protocol !== 1 && request.format === 'json' ? 'JSON' : undefined,
  };
  const response = await http.request({ method: 'GET', url: endpoint(server, validationPath(request.protocol), query) });
  return { ...interpretValidation(response, request), protocol: request.protocol, status: response.status };
}

const unreadable = (response: HttpResponse, what: string): ValidationFailure => ({
  ok: false,
  code: 'E_VALIDATION_RESPONSE_INVALID',
  description: `${what} (HTTP ${response.status}, ${response.body.length} bytes from ${new URL(response.url).pathname})`,
  unreadable: true,
});

/** Reads a validation answer; never throws for what CAS said, only describes it. */
export function interpretValidation(response: HttpResponse, request: Pick<ValidateRequest, 'protocol' | 'format'>): ValidationSuccess | ValidationFailure {
  if (request.protocol === 1) return parseCas1(response);
  const body = response.body.trim();
  // Some servers (django-cas-server) ignore format=JSON and answer XML: read what came.
  if (body.startsWith('{')) return parseJson(response);
  if (body.startsWith('<')) return parseXml(response);
  return unreadable(response, 'the answer is neither XML nor JSON');
}

/** CAS 1.0: `yes\n<user>\n` or `no\n\n` (text/plain). */
export function parseCas1(response: HttpResponse): ValidationSuccess | ValidationFailure {
  const lines = response.body.split(/\r?\n/);
  if (lines[0] === 'yes' && lines[1] && lines[1].trim() !== '') {
    return { ok: true, user: lines[1], attributes: {} };
  }
  if (lines[0] === 'no') return { ok: false, code: 'INVALID_TICKET', description: 'CAS 1.0 /validate answered "no"' };
  return unreadable(response, 'the answer is not a CAS 1.0 yes/no reply');
}

type XmlNode = { '#text'?: string; [name: string]: unknown };
const text = (node: unknown): string => {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return text(node[0]);
  const value = (node as XmlNode)['#text'];
  return typeof value === 'string' ? value : '';
};

export function parseXml(response: HttpResponse): ValidationSuccess | ValidationFailure {
  const options = {
    removeNSPrefix: true,
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: true,
    alwaysCreateTextNode: true,
    // every attribute may repeat (multi-valued), and so may proxies
    isArray: (_name: string, jPath: unknown) => {
      const path = String(jPath);
      return path.startsWith('serviceResponse.authenticationSuccess.attributes.') || path === 'serviceResponse.authenticationSuccess.proxies.proxy';
    },
  };
  let document: Record<string, unknown> | undefined;
  try {
    document = parseXmlDocument(response.body, options);
  } catch {
    document = undefined;
  }
  if (!document) return unreadable(response, 'the answer is not well-formed XML');
  const root = document.serviceResponse as XmlNode | undefined;
  if (!root || typeof root !== 'object') return unreadable(response, 'the XML answer has no cas:serviceResponse');
  const failure = root.authenticationFailure as XmlNode | undefined;
  if (failure) {
    const code = typeof failure['@code'] === 'string' ? (failure['@code'] as string) : 'UNKNOWN';
    return { ok: false, code, description: text(failure).replace(/\s+/g, ' ').trim() };
  }
  const success = root.authenticationSuccess as XmlNode | undefined;
  if (!success) return unreadable(response, 'the XML answer has neither authenticationSuccess nor authenticationFailure');
  const user = text(success.user).trim();
  if (!user) return unreadable(response, 'the XML answer has no cas:user');
  const attributes: Record<string, string[]> = {};
  const attributeNode = success.attributes as Record<string, unknown> | undefined;
  if (attributeNode && typeof attributeNode === 'object') {
    for (const [name, values] of Object.entries(attributeNode)) {
      if (name === '#text' || name.startsWith('@')) continue;
      attributes[name] = (Array.isArray(values) ? values : [values]).map((v) => text(v));
    }
  }
  const result: ValidationSuccess = { ok: true, user, attributes };
  const pgt = text(success.proxyGrantingTicket).trim();
  if (pgt) result.proxyGrantingTicket = pgt;
  const proxies = (success.proxies as XmlNode | undefined)?.proxy;
  if (Array.isArray(proxies)) result.proxies = proxies.map((p) => text(p));
  return result;
}

const scalarList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((v) => v !== null && v !== undefined).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));

/** `{"serviceResponse":{"authenticationSuccess":{…}}}` or `{"serviceResponse":{"authenticationFailure":{"code","description"}}}`. */
export function parseJson(response: HttpResponse): ValidationSuccess | ValidationFailure {
  let document: unknown;
  try {
    document = JSON.parse(response.body);
  } catch {
    return unreadable(response, 'the answer is not valid JSON');
  }
  const root = (document as { serviceResponse?: Record<string, unknown> } | null)?.serviceResponse;
  if (!root || typeof root !== 'object') return unreadable(response, 'the JSON answer has no serviceResponse');
  const failure = root.authenticationFailure as { code?: unknown; description?: unknown } | undefined;
  if (failure && typeof failure === 'object') {
    return {
      ok: false,
      code: typeof failure.code === 'string' ? failure.code : 'UNKNOWN',
      description: typeof failure.description === 'string' ? failure.description.trim() : '',
    };
  }
  const success = root.authenticationSuccess as Record<string, unknown> | undefined;
  if (!success || typeof success !== 'object') return unreadable(response, 'the JSON answer has neither authenticationSuccess nor authenticationFailure');
  if (typeof success.user !== 'string' || success.user === '') return unreadable(response, 'the JSON answer has no user');
  const attributes: Record<string, string[]> = {};
  if (success.attributes && typeof success.attributes === 'object') {
    for (const [name, value] of Object.entries(success.attributes as Record<string, unknown>)) attributes[name] = scalarList(value);
  }
  const result: ValidationSuccess = { ok: true, user: success.user, attributes };
  if (typeof success.proxyGrantingTicket === 'string') result.proxyGrantingTicket = success.proxyGrantingTicket;
  if (Array.isArray(success.proxies)) result.proxies = scalarList(success.proxies);
  return result;
}

/** A failed validation as the error a judging command reports (exit 1). */
export function validationError(failure: ValidationFailure) {
  return refusedError(
    failure.unreadable ? failure.code : 'E_TICKET_REJECTED',
    failure.unreadable ? `cannot read the validation answer: ${failure.description}` : `CAS rejected the ticket: ${failure.code}: ${failure.description}`,
  );
}
