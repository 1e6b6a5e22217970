/**
 * One exchange exactly as CAS's RestAuthenticationHandler makes it (CAS 7 HttpUtils#prepareHttpRequest):
 * the configured method (POST by default), no body, `Authorization: Basic base64(utf8(user:encoded))`,
 * 5-second timeouts; then CAS's verdict on the answer.
 */
import { CasctlError, networkError } from '../errors.js';
import type { HttpClient } from '../io/http.js';
import { judgeResponse, type Verdict } from './judge.js';

export const CAS_TIMEOUT_SECONDS = 5;

export interface ProbeInput {
  url: string;
  method: string;
  username: string;
  /** the password after the encoder: what travels */
  encodedPassword: string;
  timeoutMs: number;
}

export interface ProbeExchange {
  method: string;
  url: string;
  status: number;
  contentType?: string;
  ms: number;
  bodyBytes: number;
}

export interface ProbeOutcome extends Verdict {
  exchange: ProbeExchange;
}

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/** Timeouts keep their code (E_TIMEOUT, exit 4) but say what CAS would have done. */
function explainTimeout(error: unknown, timeoutMs: number): unknown {
  if (error instanceof CasctlError && error.code === 'E_TIMEOUT') {
    const casNote =
      timeoutMs / 1000 >= CAS_TIMEOUT_SECONDS
        ? `CAS would have timed out too (it waits ${CAS_TIMEOUT_SECONDS} s to connect and ${CAS_TIMEOUT_SECONDS} s for data) and refused the login`
        : `CAS waits ${CAS_TIMEOUT_SECONDS} s, longer than this --timeout`;
    return networkError('E_TIMEOUT', `${error.message}: ${casNote}`, {
      cause: error,
      hint: 'the endpoint must answer well within 5 s; check its logs and its own back end (LDAP, database)',
    });
  }
  return error;
}

export async function probeEndpoint(input: ProbeInput, http: HttpClient, now?: () => Date): Promise<ProbeOutcome> {
  const method = input.method.toUpperCase();
  let response;
  try {
    response = await http.request({
      method,
      url: input.url,
      headers: { authorization: basicAuthorization(input.username, input.encodedPassword) },
      timeoutMs: input.timeoutMs,
    });
  } catch (error) {
    throw explainTimeout(error, input.timeoutMs);
  }
  const contentType = response.headers['content-type'];
  const verdict = judgeResponse(response, input.username, now?.());
  return {
    ...verdict,
    exchange: {
      method,
      url: response.url,
      status: response.status,
      contentType: Array.isArray(contentType) ? contentType[0] : contentType,
      ms: Math.round(response.ms),
      bodyBytes: Buffer.byteLength(response.body, 'utf8'),
    },
  };
}
