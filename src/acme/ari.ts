/**
 * ACME Renewal Information (RFC 9773), the pure part: the CertID (§4.1), reading a renewalInfo answer
 * (§4.2), clamping Retry-After (§4.3), the renewal time inside the window and the renewal decision.
 * No I/O here: src/acme/renewal.ts fetches and remembers.
 */
import { createHash, type X509Certificate } from 'node:crypto';

// ------------------------------------------------------------------------------------------ DER reading

interface Tlv {
  tag: number;
  /** content bytes */
  value: Buffer;
  /** offset just past this element */
  end: number;
}

/** One DER element at `offset` (definite lengths only, as DER requires). */
function readTlv(buf: Buffer, offset: number): Tlv {
  if (offset + 2 > buf.length) throw new Error('truncated DER');
  const tag = buf[offset]!;
  let length = buf[offset + 1]!;
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || start + count > buf.length) throw new Error('bad DER length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[start + i]!;
    start += count;
  }
  const end = start + length;
  if (end > buf.length) throw new Error('truncated DER');
  return { tag, value: buf.subarray(start, end), end };
}

function children(value: Buffer): Tlv[] {
  const out: Tlv[] = [];
  for (let offset = 0; offset < value.length; ) {
    const tlv = readTlv(value, offset);
    out.push(tlv);
    offset = tlv.end;
  }
  return out;
}

const OID_AUTHORITY_KEY_IDENTIFIER = Buffer.from([0x55, 0x1d, 0x23]); // 2.5.29.35

/**
 * The serial's DER INTEGER content bytes and the AKI keyIdentifier of a certificate, read from its DER
 * (TBSCertificate: [0] version, serialNumber, …, [3] extensions). Node's `serialNumber` drops the sign
 * byte (0x87654321 comes back as "87654321"), so the serial is taken from the DER itself.
 */
export function certIdParts(der: Buffer): { keyIdentifier?: Buffer; serial: Buffer } {
  const certificate = readTlv(der, 0);
  const tbs = readTlv(certificate.value, 0);
  const fields = children(tbs.value);
  let index = fields[0]?.tag === 0xa0 ? 1 : 0;
  const serialTlv = fields[index++];
  if (!serialTlv || serialTlv.tag !== 0x02) throw new Error('no serial number');
  let keyIdentifier: Buffer | undefined;
  const extensions = fields.find((f) => f.tag === 0xa3);
  if (extensions) {
    for (const extension of children(readTlv(extensions.value, 0).value)) {
      const parts = children(extension.value);
      if (parts[0]?.tag !== 0x06 || !parts[0].value.equals(OID_AUTHORITY_KEY_IDENTIFIER)) continue;
      const octets = parts.find((p) => p.tag === 0x04);
      if (!octets) continue;
      // AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING OPTIONAL, … }
      const id = children(readTlv(octets.value, 0).value).find((p) => p.tag === 0x80);
      if (id) keyIdentifier = Buffer.from(id.value);
    }
  }
  return { keyIdentifier, serial: Buffer.from(serialTlv.value) };
}

/**
 * RFC 9773 §4.1: base64url(AKI keyIdentifier) "." base64url(DER serial content), no padding.
 * undefined when the certificate has no AKI keyIdentifier (then ARI cannot be asked about it).
 */
export function ariCertId(cert: X509Certificate | Buffer): string | undefined {
  const der = Buffer.isBuffer(cert) ? cert : cert.raw;
  const { keyIdentifier, serial } = certIdParts(der);
  if (!keyIdentifier) return undefined;
  return `${keyIdentifier.toString('base64url')}.${serial.toString('base64url')}`;
}

// -------------------------------------------------------------------------------------- renewalInfo

export interface RenewalWindow {
  start: Date;
  end: Date;
}

export interface RenewalInfo {
  window: RenewalWindow;
  explanationURL?: string;
}

/** §4.2: `suggestedWindow` with RFC 3339 start < end, optional `explanationURL`. A reason string when unreadable. */
export function parseRenewalInfo(body: string): RenewalInfo | string {
  let data: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    data = JSON.parse(body);
  } catch {
    return 'the answer is not JSON';
  }
  const window = data?.suggestedWindow;
  if (!window || typeof window !== 'object') return 'the answer has no suggestedWindow';
  const rfc3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i;
  if (typeof window.start !== 'string' || typeof window.end !== 'string' || !rfc3339.test(window.start) || !rfc3339.test(window.end)) {
    return 'suggestedWindow start/end are not RFC 3339 timestamps';
  }
  const start = new Date(window.start);
  const end = new Date(window.end);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return 'suggestedWindow start/end are not valid dates';
  if (end.getTime() <= start.getTime()) return 'suggestedWindow ends before it starts';
  const info: RenewalInfo = { window: { start, end } };
  if (typeof data.explanationURL === 'string' && data.explanationURL !== '') info.explanationURL = data.explanationURL;
  return info;
}

// ------------------------------------------------------------------------------------- Retry-After

export const MIN_RETRY_AFTER_S = 60;
export const MAX_RETRY_AFTER_S = 86_400;
/** §4.3.3 long-term errors, and an answer without a usable Retry-After */
export const DEFAULT_RETRY_AFTER_S = 6 * 3600;

/**
 * §4.3: Retry-After (seconds or an HTTP date) clamped to [1 minute, 1 day], the RFC's own example
 * bounds; missing or unreadable → 6 hours (§4.3.3).
 */
export function clampRetryAfter(value: string | undefined, now: Date): { seconds: number; given?: number; clamped: boolean } {
  let seconds: number | undefined;
  const text = value?.trim();
  if (text && /^\d+$/.test(text)) seconds = Number(text);
  else if (text) {
    const date = Date.parse(text);
    if (!Number.isNaN(date)) seconds = Math.max(0, Math.round((date - now.getTime()) / 1000));
  }
  if (seconds === undefined) return { seconds: DEFAULT_RETRY_AFTER_S, clamped: false };
  const clamped = Math.min(MAX_RETRY_AFTER_S, Math.max(MIN_RETRY_AFTER_S, seconds));
  return { seconds: clamped, given: seconds, clamped: clamped !== seconds };
}

/**
 * When to ask again after a failed fetch (§4.3.3): temporary errors (5xx, timeouts, network) back off
 * 1 minute × 4^(failures−1) (1 min, 4 min, 16 min, 64 min, …) up to 6 hours; long-term errors
 * (4xx, an unreadable answer) wait 6 hours.
 */
export function errorBackoffSeconds(kind: 'temporary' | 'long-term', failures: number): number {
  if (kind === 'long-term') return DEFAULT_RETRY_AFTER_S;
  return Math.min(DEFAULT_RETRY_AFTER_S, 60 * 4 ** Math.max(0, failures - 1));
}

// ---------------------------------------------------------------------------------- renewal time

/**
 * §4.2 step 2, "a uniformly random point inside the window", made deterministic: the point comes from
 * SHA-256 of the CertID, the window and the host's name. Repeated cron runs in the same window agree
 * (no re-rolling into a renewal); different certificates, and different hosts sharing one certificate,
 * land at different, uniformly spread points.
 */
export function renewalTime(certId: string, window: RenewalWindow, host: string): Date {
  const digest = createHash('sha256').update(`${certId}\n${window.start.toISOString()}\n${window.end.toISOString()}\n${host}`).digest();
  // 52 bits: exact in a double, uniform in [0, 1).
  const fraction = Number(digest.readBigUInt64BE(0) >> 12n) / 2 ** 52;
  const span = window.end.getTime() - window.start.getTime();
  return new Date(window.start.getTime() + Math.floor(fraction * span));
}

export interface AriDecision {
  due: boolean;
  reason: string;
}

/**
 * §4.2 steps 3–5: renew when the chosen time has come (a window in the past included), or when it falls
 * before the next run (`intervalMs`, the time since the previous run, is casctl's estimate of the cron
 * interval: waiting for the next run would be late).
 */
export function ariDecision(window: RenewalWindow, chosen: Date, now: Date, intervalMs?: number): AriDecision {
  if (window.end.getTime() <= now.getTime()) return { due: true, reason: 'the renewal window has ended' };
  if (chosen.getTime() <= now.getTime()) return { due: true, reason: `the chosen renewal time ${chosen.toISOString()} has passed` };
  if (intervalMs !== undefined && intervalMs > 0 && now.getTime() + intervalMs >= chosen.getTime()) {
    return { due: true, reason: `the chosen renewal time ${chosen.toISOString()} comes before the next run (runs are ${formatDuration(intervalMs)} apart)` };
  }
  return { due: false, reason: `renewal time ${chosen.toISOString()} (window ${window.start.toISOString()} to ${window.end.toISOString()})` };
}

export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(ms / 3_600_000);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(ms / 86_400_000)} days`;
}
