/**
 * `service match --remote`: asks the running CAS itself. Its `registeredServices` actuator endpoint
 * (RegisteredServicesEndpoint, `GET <cas>/actuator/registeredServices/{id}`) takes a numeric id or a
 * URL-encoded service URL; for a URL it runs CAS's own findServiceBy and answers 200 with the chosen
 * definition as JSON (default typing, as in the files), or 404 when none matches. Off by default:
 * management.endpoints.web.exposure.include=registeredServices and the endpoint's access/enabled flag.
 */
import { networkError, refusedError } from '../errors.js';
import type { HttpClient } from '../io/http.js';

export interface RemoteService {
  id?: number;
  name?: string;
  serviceId?: string;
  evaluationOrder?: number;
  className?: string;
  enabled?: boolean;
}

export interface RemoteAnswer {
  url: string;
  status: number;
  /** undefined: CAS found no service for the URL */
  service?: RemoteService;
}

export function registeredServicesUrl(base: string, serviceUrl: string): string {
  let root = base.trim().replace(/\/+$/, '');
  if (!/\/actuator$/.test(root)) root = `${root}/actuator`;
  return `${root}/registeredServices/${encodeURIComponent(serviceUrl)}`;
}

export async function askRemote(client: HttpClient, base: string, serviceUrl: string, auth?: { user: string; password: string }): Promise<RemoteAnswer> {
  const url = registeredServicesUrl(base, serviceUrl);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (auth) headers.Authorization = `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
  const response = await client.request({ method: 'GET', url, headers });
  if (response.status === 401 || response.status === 403) {
    throw refusedError('E_ACTUATOR_DENIED', `CAS refused ${url.replace(/\/registeredServices\/.*/, '/registeredServices/…')}: HTTP ${response.status}`, {
      hint: 'pass --actuator-user and --actuator-password-file (or -env/-stdin) if CAS protects its actuators, and allow the endpoint (cas.monitor.endpoints.endpoint.registeredServices.access)',
    });
  }
  if (response.status === 404 && response.body.trim() === '') return { url, status: 404 };
  if (response.status === 404) {
    // Spring's own 404 page (endpoint not exposed) carries a body; CAS's "no such service" does not.
    const notExposed = /"error"\s*:\s*"Not Found"|Whitelabel|<html/i.test(response.body);
    if (!notExposed) return { url, status: 404 };
    throw refusedError('E_ACTUATOR_NOT_FOUND', `CAS has no registeredServices endpoint at ${url.replace(/\/registeredServices\/.*/, '/registeredServices')} (HTTP 404)`, {
      hint: 'enable and expose it: management.endpoints.web.exposure.include=registeredServices and management.endpoint.registeredServices.access=UNRESTRICTED (enabled=true on 6.x)',
    });
  }
  if (response.status >= 500) throw networkError('E_ACTUATOR_FAILED', `CAS answered HTTP ${response.status} for ${url}`, { hint: 'the CAS server log has the cause' });
  if (response.status !== 200) throw refusedError('E_ACTUATOR_FAILED', `CAS answered HTTP ${response.status} for ${url}`);
  if (response.body.trim() === '') return { url, status: 200 };
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body);
  } catch {
    throw refusedError('E_ACTUATOR_FAILED', `CAS answered ${url} with something that is not JSON`, { hint: 'check that the URL is the CAS prefix (https://cas.example.org/cas)' });
  }
  const o = (parsed ?? {}) as Record<string, unknown>;
  const access = (o.accessStrategy ?? {}) as Record<string, unknown>;
  const service: RemoteService = {
    ...(typeof o.id === 'number' ? { id: o.id } : {}),
    ...(typeof o.name === 'string' ? { name: o.name } : {}),
    ...(typeof o.serviceId === 'string' ? { serviceId: o.serviceId } : {}),
    ...(typeof o.evaluationOrder === 'number' ? { evaluationOrder: o.evaluationOrder } : {}),
    ...(typeof o['@class'] === 'string' ? { className: o['@class'] } : {}),
    enabled: access.enabled !== false,
  };
  return { url, status: 200, service };
}
