/**
 * What --verbose may show. Passwords, Authorization headers, ticket-granting tickets, private JWK
 * members and EAB keys are replaced before any line reaches stderr.
 */
export const REDACTED = '***';

const SECRET_FIELDS = new Set(['password', 'pass', 'passwd', 'secret', 'token', 'key', 'hmac', 'client_secret']);
const PRIVATE_JWK_MEMBERS = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth']);

/** Replaces every occurrence of each known secret value (longest first, so substrings do not leak). */
export function redactValues(text: string, secrets: Iterable<string | undefined>): string {
  const values = [...secrets].filter((s): s is string => typeof s === 'string' && s.length >= 3);
  values.sort((a, b) => b.length - a.length);
  let out = text;
  for (const value of values) {
    out = out.split(value).join(REDACTED);
    // The same secret may travel URL- or form-encoded.
    const encoded = encodeURIComponent(value);
    if (encoded !== value) out = out.split(encoded).join(REDACTED);
    const formEncoded = encoded.replace(/%20/g, '+');
    if (formEncoded !== encoded) out = out.split(formEncoded).join(REDACTED);
  }
  return out;
}

/** TGT ids (`TGT-1-…`) are bearer credentials for a whole SSO session. */
export function redactTicketGrantingTickets(text: string): string {
  return text.replace(/\bTGT-[A-Za-z0-9._~-]+/g, `TGT-${REDACTED}`);
}

export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    const lower = name.toLowerCase();
    if (lower === 'authorization' || lower === 'proxy-authorization') {
      const scheme = text.split(' ')[0];
      out[name] = scheme && scheme !== text ? `${scheme} ${REDACTED}` : REDACTED;
    } else if (lower === 'cookie') {
      out[name] = text.replace(/=([^;,\s]+)/g, `=${REDACTED}`);
    } else if (lower === 'set-cookie') {
      // Only each cookie's value is secret; attributes (Path, Expires, …) help debugging.
      const cookies = Array.isArray(value) ? value : [text];
      out[name] = cookies.map((cookie) => cookie.replace(/^([^=;]+)=[^;]*/, `$1=${REDACTED}`)).join(', ');
    } else {
      out[name] = text;
    }
  }
  return out;
}

/** application/x-www-form-urlencoded body with secret fields blanked. */
export function redactForm(body: string): string {
  return body
    .split('&')
    .map((pair) => {
      const [name] = pair.split('=', 1);
      return name !== undefined && SECRET_FIELDS.has(decodeURIComponent(name).toLowerCase()) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
}

/** A JWK or JWKS with its private members blanked. */
export function redactJwk<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => redactJwk(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(value)) {
      out[name] = PRIVATE_JWK_MEMBERS.has(name) && typeof member === 'string' ? REDACTED : redactJwk(member);
    }
    return out as T;
  }
  return value;
}
