import { describe, expect, it } from 'vitest';
import { CasctlError } from '../../../src/errors.js';
import { parseJwkGenFlags, type JwkGenFlags } from '../../../src/jwk/options.js';

function refusal(flags: JwkGenFlags, json = false): CasctlError {
  try {
    parseJwkGenFlags(flags, { json });
  } catch (error) {
    if (error instanceof CasctlError) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(flags)}`);
}

describe('parseJwkGenFlags: the jar\'s messages, in the jar\'s order', () => {
  it.each<[JwkGenFlags, string, string]>([
    [{}, 'E_JWK_TYPE_MISSING', 'Key type must be supplied.'],
    [{ size: '512' }, 'E_JWK_TYPE_MISSING', 'Key type must be supplied.'],
    [{ type: 'oct' }, 'E_JWK_SIZE_MISSING', 'Key size (in bits) is required for key type oct'],
    [{ type: 'RSA', size: '' }, 'E_JWK_SIZE_MISSING', 'Key size (in bits) is required for key type RSA'],
    [{ type: 'oct', size: '12' }, 'E_JWK_SIZE_INVALID', 'Key size (in bits) must be divisible by 8, got 12'],
    [{ type: 'oct', size: '0x0c' }, 'E_JWK_SIZE_INVALID', 'Key size (in bits) must be divisible by 8, got 12'],
    [{ type: 'oct', size: '512b' }, 'E_JWK_SIZE_INVALID', 'Invalid key size: For input string: "512b"'],
    [{ type: 'RSA', size: '0x' }, 'E_JWK_SIZE_INVALID', 'Invalid key size: For input string: "" under radix 16'],
    [{ type: 'EC' }, 'E_JWK_CURVE_MISSING', 'Curve is required for key type EC'],
    [{ type: 'OKP', curve: '' }, 'E_JWK_CURVE_MISSING', 'Curve is required for key type OKP'],
    [{ type: 'EC', curve: 'Ed25519' }, 'E_JWK_CURVE_INVALID', 'Curve Ed25519 is not valid for key type EC'],
    [{ type: 'OKP', curve: 'P-256' }, 'E_JWK_CURVE_INVALID', 'Curve P-256 is not valid for key type OKP'],
    [{ type: 'EC', curve: 'p-256' }, 'E_JWK_CURVE_INVALID', 'Curve p-256 is not valid for key type EC'],
    [{ type: 'rsa', size: '2048' }, 'E_JWK_TYPE_UNKNOWN', 'Unknown key type: rsa'],
    [{ type: 'oct', size: '512', usage: 'signature' }, 'E_JWK_USE_INVALID', "Invalid key usage, must be 'sig' or 'enc', got signature"],
    // the usage is checked before the key type, as in the jar
    [{ type: 'nope', usage: 'x' }, 'E_JWK_USE_INVALID', "Invalid key usage, must be 'sig' or 'enc', got x"],
    [
      { type: 'oct', size: '512', id: 'a', idGenerator: 'sha1', idGroup: ['g', 'i'] },
      'E_USAGE',
      "Failed to parse arguments: The option 'i' was specified but an option from this group has already been selected: 'g'",
    ],
    [
      { noGenerateId: true, id: 'a', idGroup: ['I', 'i'] },
      'E_USAGE',
      "Failed to parse arguments: The option 'i' was specified but an option from this group has already been selected: 'I'",
    ],
    [{ type: 'OKP', curve: 'Ed25519', x509: true }, 'E_JWK_X509_TYPE', 'Unknown key type for X509 encoding: OKP'],
    [{ type: 'oct', size: '512', x509: true }, 'E_JWK_X509_TYPE', 'Unknown key type for X509 encoding: oct'],
  ])('%j → %s %s', (flags, code, message) => {
    const error = refusal(flags);
    expect(error.category).toBe('usage');
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
  });

  it('refuses sizes the jar would crash on', () => {
    expect(refusal({ type: 'oct', size: '0' }).message).toBe('Key size (in bits) must be positive, got 0');
    expect(refusal({ type: 'oct', size: '-8' }).message).toBe('Key size (in bits) must be positive, got -8');
    expect(refusal({ type: 'RSA', size: '256' }).message).toBe('RSA keys must be at least 512 bits long');
    expect(refusal({ type: 'RSA', size: '32768' }).message).toBe('RSA keys must be no longer than 16384 bits');
  });

  it('accepts Integer.decode sizes', () => {
    for (const size of ['512', '0x200', '#200', '01000', '+512']) {
      const request = parseJwkGenFlags({ type: 'oct', size }, { json: false });
      expect(request.spec).toMatchObject({ kty: 'oct', size: 512 });
    }
  });

  it('chooses the key ID generator as the jar does', () => {
    const kid = (flags: JwkGenFlags) => parseJwkGenFlags({ type: 'oct', size: '8', ...flags }, { json: false }).spec.kid;
    expect(kid({})).toEqual({ kind: 'timestamp' });
    expect(kid({ idGenerator: 'sha1' })).toEqual({ kind: 'sha1' });
    expect(kid({ id: '' })).toEqual({ kind: 'none' });
    expect(kid({ noGenerateId: true })).toEqual({ kind: 'none' });
    expect(kid({ id: 'x' })).toEqual({ kind: 'specified', kid: 'x' });
    const unknown = parseJwkGenFlags({ type: 'oct', size: '8', idGenerator: 'sha265' }, { json: false });
    expect(unknown.spec.kid).toEqual({ kind: 'timestamp' });
    expect(unknown.warnings.join()).toContain("unknown key ID generator 'sha265'");
  });

  it('refuses casctl-only combinations with a usage error', () => {
    expect(refusal({ type: 'RSA', size: '2048', kOnly: true }).message).toBe('--k-only works with -t oct only');
    expect(refusal({ type: 'oct', size: '512', kOnly: true, keySet: true }).message).toBe(
      '--k-only prints the bare k value: it cannot be combined with -S',
    );
    expect(refusal({ type: 'oct', size: '512', kOnly: true }, true).message).toContain('--json');
    expect(refusal({ type: 'EC', curve: 'P-256', pubKeyOutput: 'p.json' }).message).toBe("-P/--pubKeyOutput needs '-o/--output' as well");
    expect(refusal({ type: 'oct', size: '512', output: 'a', pubKeyOutput: 'b' }).message).toBe(
      'an oct key has no public key to write to -P/--pubKeyOutput',
    );
    expect(refusal({ type: 'EC', curve: 'P-256', output: 'a', pubKeyOutput: 'a' }).message).toContain('same file');
    expect(refusal({ type: 'EC', curve: 'P-256', showPubKey: true }, true).message).toContain('--json');
  });

  it('warns about flags the jar ignores with -o', () => {
    const request = parseJwkGenFlags({ type: 'EC', curve: 'P-256', output: 'f', x509: true, showPubKey: true }, { json: false });
    expect(request.warnings).toHaveLength(2);
  });
});
