/**
 * Where probe and check take what CAS would use: flags first, then `--cas-config` (the
 * `cas.authn.rest[N].*` settings of CAS's own cas.properties / application.yml), then CAS's defaults
 * (POST, no password encoding, UTF-8, strength 16).
 */
import { usageError } from '../errors.js';
import { loadCasConfig } from '../io/cas-config.js';
import { parseEncoderType, type EncoderConfig } from './encoders.js';

/** HttpMethod values CAS 7's `cas.authn.rest[].method` accepts. */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE'];

export interface EndpointOptions {
  url?: string;
  method?: string;
  passwordEncoder?: string;
  encodingAlgorithm?: string;
  characterEncoding?: string;
  encoderStrength?: number;
  casConfig?: string;
  handler?: number;
}

export interface EndpointSettings {
  url: string;
  method: string;
  encoder: EncoderConfig;
  /** `password-encoder.secret` found in the CAS configuration (a crypt salt) */
  configSecret?: string;
  /** which values came from the CAS configuration, for --verbose */
  fromConfig: string[];
}

export function checkUrl(value: string, flag = '--url'): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usageError('E_USAGE', `${flag} is not a URL: '${value}'`, { hint: 'give the full endpoint, e.g. https://auth.example.org/cas/authn' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError('E_USAGE', `${flag} must be an http or https URL, got '${url.protocol}'`);
  }
  if (url.username || url.password) {
    throw usageError('E_USAGE', `${flag} must not carry credentials; CAS sends them in the Authorization header`);
  }
  return url.href;
}

export async function resolveEndpoint(options: EndpointOptions, env: Record<string, string | undefined>): Promise<EndpointSettings> {
  const fromConfig: string[] = [];
  let fromCas: (name: string) => string | undefined = () => undefined;
  if (options.casConfig) {
    const config = await loadCasConfig(options.casConfig, env);
    const prefix = `cas.authn.rest[${options.handler ?? 0}]`;
    fromCas = (name) => {
      const value = config.get(`${prefix}.${name}`);
      if (value !== undefined && value.trim() !== '') {
        fromConfig.push(`${prefix}.${name}`);
        return value.trim();
      }
      return undefined;
    };
  } else if (options.handler !== undefined) {
    throw usageError('E_USAGE', '--handler selects a cas.authn.rest[N] entry and needs --cas-config');
  }
  const rawUrl = options.url ?? fromCas('uri');
  if (!rawUrl) {
    throw usageError('E_USAGE', 'the endpoint URL is required', {
      hint: options.casConfig ? `${options.casConfig} has no cas.authn.rest[${options.handler ?? 0}].uri; pass --url` : 'pass --url (or --cas-config with cas.authn.rest[0].uri)',
    });
  }
  const url = checkUrl(rawUrl, options.url ? '--url' : `cas.authn.rest[${options.handler ?? 0}].uri`);
  const method = (options.method ?? fromCas('method') ?? 'POST').toUpperCase();
  if (!METHODS.includes(method)) {
    throw usageError('E_USAGE', `invalid method '${method}'; options are ${METHODS.join(', ')}`);
  }
  const type = parseEncoderType(options.passwordEncoder ?? fromCas('password-encoder.type') ?? 'NONE');
  const strengthText = options.encoderStrength === undefined ? fromCas('password-encoder.strength') : undefined;
  const strength = options.encoderStrength ?? (strengthText !== undefined ? Number(strengthText) : 16);
  if (!Number.isInteger(strength)) throw usageError('E_USAGE', `password-encoder.strength must be a whole number, got '${strengthText}'`);
  const encoder: EncoderConfig = {
    type,
    encodingAlgorithm: options.encodingAlgorithm ?? fromCas('password-encoder.encoding-algorithm'),
    characterEncoding: options.characterEncoding ?? fromCas('password-encoder.character-encoding') ?? 'UTF-8',
    strength,
  };
  const configSecret = type === 'glibc-crypt' ? fromCas('password-encoder.secret') : undefined;
  return { url, method, encoder, configSecret, fromConfig };
}

/** The encoder as JSON for --json (never the secret). */
export function describeEncoder(encoder: EncoderConfig): Record<string, unknown> {
  const out: Record<string, unknown> = { type: encoder.type };
  if (encoder.type === 'default') Object.assign(out, { encodingAlgorithm: encoder.encodingAlgorithm, characterEncoding: encoder.characterEncoding });
  if (encoder.type === 'glibc-crypt') Object.assign(out, { encodingAlgorithm: encoder.encodingAlgorithm, strength: encoder.strength });
  return out;
}
