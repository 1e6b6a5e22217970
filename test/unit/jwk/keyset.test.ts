import { describe, expect, it } from 'vitest';
import { parseKeySet, publicKeySet } from '../../../src/jwk/keyset.js';

describe('parseKeySet', () => {
  it('accepts a JWK set and keeps extra members and key members as they are', () => {
    const doc = parseKeySet('{"keys": [{"kty": "oct", "k": "AA", "x-note": 1}], "comment": "kept"}');
    expect(doc).toEqual({ keys: [{ kty: 'oct', k: 'AA', 'x-note': 1 }], comment: 'kept' });
  });
  it.each([
    ['[]', 'a JWK set must be a JSON object'],
    ['null', 'a JWK set must be a JSON object'],
    ['{"keys": {}}', 'Missing required "keys" member (an array)'],
    ['{"keys": [1]}', 'Invalid JWK at position 0: not a JSON object'],
    ['{"keys": [{"kty": "EC"}, {"kty": ""}]}', 'Invalid JWK at position 1: missing "kty"'],
  ])('refuses %s', (text, message) => {
    expect(() => parseKeySet(text)).toThrowError(message);
  });
});

describe('publicKeySet', () => {
  it('drops private members and oct (and unknown) keys, keeping member order', () => {
    const doc = parseKeySet(
      JSON.stringify({
        keys: [
          { kty: 'oct', k: 'AA', kid: 'o' },
          { p: '1', kty: 'RSA', q: '2', d: '3', e: 'AQAB', kid: 'r', qi: '4', dp: '5', dq: '6', n: '7' },
          { kty: 'EC', d: '1', crv: 'P-256', x: '2', y: '3' },
          { kty: 'OKP', d: '1', crv: 'Ed25519', x: '2' },
          { kty: 'weird', secret: 's' },
        ],
      }),
    );
    const result = publicKeySet(doc);
    expect(result.keys).toEqual([
      { kty: 'RSA', e: 'AQAB', kid: 'r', n: '7' },
      { kty: 'EC', crv: 'P-256', x: '2', y: '3' },
      { kty: 'OKP', crv: 'Ed25519', x: '2' },
    ]);
    expect(Object.keys(result.keys[0]!)).toEqual(['kty', 'e', 'kid', 'n']);
  });
});
