/**
 * `rotate --actuator` / `revoke --actuator`: ask a running CAS to rotate or revoke its own keystore
 * through its actuator endpoint (apereo/cas `OidcJwksRotationEndpoint`, since 6.5.0): endpoint id
 * `oidcJwks`, `GET <cas>/actuator/oidcJwks/rotate` and `GET <cas>/actuator/oidcJwks/revoke`, each
 * answering 200 with the resulting keystore as a public JWKS (`PUBLIC_ONLY`). The endpoint is off by
 * default (`management.endpoint.oidcJwks.access=UNRESTRICTED` on 7.x+, `…oidcJwks.enabled=true` on 6.x)
 * and must be exposed (`management.endpoints.web.exposure.include`).
 */
import { refusedError } from '../errors.js';
import type { HttpClient } from '../io/http.js';
import type { Jwk } from './keystore.js';

export type ActuatorOperation = 'rotate' | 'revoke';

export interface ActuatorCall {
  operation: ActuatorOperation;
  url: string;
  status: number;
  /** the keystore CAS holds after the operation, public members only */
  keys: Jwk[];
}

export function actuatorUrl(base: string, operation: ActuatorOperation): string {
  let root = base.trim().replace(/\/+$/, '');
  if (!/\/actuator$/.test(root)) root = `${root}/actuator`;
  return `${root}/oidcJwks/${operation}`;
}

export interface ActuatorInput {
  base: string;
  operations: ActuatorOperation[];
  /** HTTP basic credentials, when CAS protects its actuators with them */
  auth?: { user: string; password: string };
}

export async function callActuator(client: HttpClient, input: ActuatorInput): Promise<ActuatorCall[]> {
  const calls: ActuatorCall[] = [];
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (input.auth) headers.Authorization = `Basic ${Buffer.from(`${input.auth.user}:${input.auth.password}`).toString('base64')}`;
  for (const operation of input.operations) {
    const url = actuatorUrl(input.base, operation);
    const response = await client.request({ method: 'GET', url, headers });
    if (response.status === 401 || response.status === 403) {
      throw refusedError('E_ACTUATOR_DENIED', `CAS refused ${url}: HTTP ${response.status}`, {
        hint: 'pass --actuator-user and --actuator-password-file if CAS protects its actuators with basic authentication, and allow the endpoint (cas.monitor.endpoints.endpoint.oidcJwks.access)',
      });
    }
    if (response.status === 404) {
      throw refusedError('E_ACTUATOR_NOT_FOUND', `CAS has no ${url} (HTTP 404)`, {
        hint: 'enable and expose the oidcJwks endpoint: management.endpoint.oidcJwks.access=UNRESTRICTED (CAS 7+; enabled=true on 6.5/6.6) and management.endpoints.web.exposure.include=oidcJwks',
      });
    }
    if (response.status !== 200) {
      throw refusedError('E_ACTUATOR_FAILED', `CAS answered ${url} with HTTP ${response.status}`, {
        hint: 'see the CAS server log for the reason',
      });
    }
    let keys: unknown;
    try {
      keys = (JSON.parse(response.body) as { keys?: unknown }).keys;
    } catch {
      keys = undefined;
    }
    if (!Array.isArray(keys)) {
      throw refusedError('E_ACTUATOR_FAILED', `CAS answered ${url} with something that is not a JWKS`, {
        hint: 'check that the URL is the CAS server prefix (https://cas.example.org/cas)',
      });
    }
    calls.push({ operation, url, status: response.status, keys: keys as Jwk[] });
  }
  return calls;
}
