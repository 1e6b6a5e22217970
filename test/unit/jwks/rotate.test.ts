import { describe, expect, it } from 'vitest';
import { assembleJwk } from '../../../src/jwks/keygen.js';
import { STATES, type Jwk, type StateName } from '../../../src/jwks/keystore.js';
import { revokeKeys, rotateKeys, type KeyFactory } from '../../../src/jwks/rotate.js';

// Rotation logic does not depend on key material: a factory that stamps kids in order.
function factory(): KeyFactory {
  let n = 0;
  return async (use, state) => assembleJwk({ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'd' }, `new-${++n}`, use, undefined, state);
}
const k = (kid: string, use: string, state?: StateName | number): Jwk => ({
  kty: 'EC',
  kid,
  use,
  ...(state === undefined ? {} : { state: typeof state === 'number' ? state : STATES[state] }),
});
const view = (keys: Jwk[]) => keys.map((j) => `${j.kid}:${j.use}:${j.state}`);

describe('rotateKeys (CAS OidcDefaultJsonWebKeystoreRotationService#rotate)', () => {
  it('current → previous, future → current, new future sig + enc appended', async () => {
    const { keys, changes } = await rotateKeys([k('c1', 'sig', 'current'), k('c2', 'enc', 'current'), k('f1', 'sig', 'future'), k('f2', 'enc', 'future')], factory());
    expect(view(keys)).toEqual(['c1:sig:2', 'c2:enc:2', 'f1:sig:0', 'f2:enc:0', 'new-1:sig:1', 'new-2:enc:1']);
    expect(changes.map((c) => c.kind)).toEqual(['state', 'state', 'state', 'state', 'added', 'added']);
  });

  it('previous keys stay; a key without state counts as current (state appended last)', async () => {
    const { keys } = await rotateKeys([k('p', 'sig', 'previous'), k('legacy', 'sig'), k('f', 'sig', 'future')], factory());
    expect(view(keys)).toEqual(['p:sig:2', 'legacy:sig:2', 'f:sig:0', 'new-1:sig:1', 'new-2:enc:1']);
    expect(Object.keys(keys[1]!)).toEqual(['kty', 'kid', 'use', 'state']);
  });

  it('an unknown state counts as current, as CAS reads it', async () => {
    const { keys } = await rotateKeys([k('odd', 'sig', 9), k('f', 'sig', 'future')], factory());
    expect(view(keys)).toEqual(['odd:sig:2', 'f:sig:0', 'new-1:sig:1', 'new-2:enc:1']);
  });

  it('no current key left (no future keys): new current sig + enc too, after the future ones', async () => {
    const { keys } = await rotateKeys([k('c', 'sig', 'current')], factory());
    expect(view(keys)).toEqual(['c:sig:2', 'new-1:sig:1', 'new-2:enc:1', 'new-3:sig:0', 'new-4:enc:0']);
  });

  it('does not modify its input', async () => {
    const input = [k('c', 'sig', 'current')];
    await rotateKeys(input, factory());
    expect(input[0]!.state).toBe(0);
  });

  it('N rotations of a generated keystore: 2N previous, 2 current, 2 future', async () => {
    let keys = [k('c1', 'sig', 'current'), k('c2', 'enc', 'current'), k('f1', 'sig', 'future'), k('f2', 'enc', 'future')];
    const make = factory();
    for (let i = 0; i < 5; i++) keys = (await rotateKeys(keys, make)).keys;
    const count = (s: number) => keys.filter((j) => j.state === s).length;
    expect([count(2), count(0), count(1)]).toEqual([10, 2, 2]);
  });
});

describe('revokeKeys (CAS #revoke)', () => {
  it('removes every previous key and nothing else', () => {
    const { keys, changes } = revokeKeys([k('p1', 'sig', 'previous'), k('c', 'sig', 'current'), k('p2', 'enc', 'previous'), k('x', 'sig')]);
    expect(view(keys)).toEqual(['c:sig:0', 'x:sig:undefined']);
    expect(changes).toEqual([
      { kind: 'removed', kid: 'p1', use: 'sig', state: 'previous' },
      { kind: 'removed', kid: 'p2', use: 'enc', state: 'previous' },
    ]);
  });
});
