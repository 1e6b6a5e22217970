/**
 * generate → show → export → rotate → revoke through bin/casctl, checked against python3-jwcrypto and
 * the jose CLI: file content, order, states, modes, backups, and an ID token signed with the key `show`
 * names verifying against the `export` output.
 */
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp.js';
import { casctl, casctlJson, countStates, jose, jwcrypto, LOAD_ALL, modeOf, readKeys, requirePeers, type Key } from './helpers.js';

requirePeers();
const dir = await tempDir('casctl-jwks-e2e-');
const KID = /^cas-[A-Za-z]{8}$/;

describe('generate', () => {
  const file = join(dir, 'keystore.jwks');
  let keys: Key[];

  beforeAll(async () => {
    const result = await casctl(['jwks', 'generate', '--file', file]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/created .*keystore\.jwks \(RSA 2048, 4 keys; CAS signs with cas-[A-Za-z]{8}\)/);
    keys = await readKeys(file);
  });

  it('writes four keys as CAS does: current sig, current enc, future sig, future enc; 0600; one compact line', async () => {
    expect(keys.map((k) => [k.use, k.state])).toEqual([
      ['sig', 0],
      ['enc', 0],
      ['sig', 1],
      ['enc', 1],
    ]);
    for (const key of keys) {
      expect(key.kid).toMatch(KID);
      expect(Object.keys(key)).toEqual(['kty', 'kid', 'use', 'n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi', 'state']);
      expect(Buffer.from(key.n as string, 'base64url').length * 8).toBe(2048);
    }
    expect(new Set(keys.map((k) => k.kid)).size).toBe(4);
    expect(await modeOf(file)).toBe(0o600);
    const text = await readFile(file, 'utf8');
    expect(text.startsWith('{"keys":[{"kty":"RSA"')).toBe(true);
    expect(text).not.toContain('\n');
  });

  it('every key loads in python3-jwcrypto with its private part', async () => {
    const lines = (await jwcrypto(LOAD_ALL, [file])).trim().split('\n');
    expect(lines.map((l) => l.split(' ').slice(0, 3))).toEqual(keys.map((k) => [k.kid, 'RSA', 'True']));
  });

  it('every key loads in the jose CLI (jose jwk pub strips exactly the private members)', async () => {
    for (const key of keys) {
      const pub = await jose(['jwk', 'pub', '-i', '-'], JSON.stringify(key));
      expect(pub.code, pub.stderr).toBe(0);
      const parsed = JSON.parse(pub.stdout) as Record<string, unknown>;
      expect(parsed).toMatchObject({ kty: 'RSA', n: key.n, e: key.e });
      expect(parsed.d).toBeUndefined();
    }
  });

  it('refuses to replace an existing keystore without --force (exit 3, file unchanged)', async () => {
    const before = await readFile(file, 'utf8');
    const result = await casctl(['jwks', 'generate', '--file', file]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`error: refusing to overwrite existing keystore ${file}`);
    expect(result.stderr).toContain('hint: pass --force');
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('--dry-run prints the keys and writes nothing', async () => {
    const target = join(dir, 'dry.jwks');
    const result = await casctl(['jwks', 'generate', '--file', target, '--dry-run', '--type', 'EC']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`dry run: would write ${target} with:`);
    expect(result.stdout).toMatch(/cas-[A-Za-z]{8}\s+EC\s+P-256\s+sig\s+ES256\s+current\s+yes\s+yes/);
    await expect(readFile(target)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('EC keystores: P-256/ES256, P-384/ES384, P-521/ES512, loadable by jwcrypto', async () => {
    for (const [size, crv, alg] of [
      ['256', 'P-256', 'ES256'],
      ['384', 'P-384', 'ES384'],
      ['521', 'P-521', 'ES512'],
    ] as const) {
      const target = join(dir, `ec${size}.jwks`);
      const result = await casctl(['jwks', 'generate', '--file', target, '--type', 'EC', '--size', size, '--key-id', 'sso']);
      expect(result.code, result.stderr).toBe(0);
      const ecKeys = await readKeys(target);
      expect(ecKeys.map((k) => [k.kty, k.crv, k.use, k.alg, k.state])).toEqual([
        ['EC', crv, 'sig', alg, 0],
        ['EC', crv, 'enc', undefined, 0],
        ['EC', crv, 'sig', alg, 1],
        ['EC', crv, 'enc', undefined, 1],
      ]);
      expect(ecKeys.every((k) => /^sso-[A-Za-z]{8}$/.test(k.kid))).toBe(true);
      const loaded = (await jwcrypto(LOAD_ALL, [target])).trim().split('\n');
      expect(loaded.every((l) => l.includes(' EC True '))).toBe(true);
    }
  });

  it('takes path, type, size and key id from --cas-config (older setting names, file: prefix)', async () => {
    const props = join(dir, 'cas.properties');
    const target = join(dir, 'from-config.jwks');
    await writeFile(
      props,
      `cas.authn.oidc.jwks.jwks-file=file:${target}\ncas.authn.oidc.jwks.jwks-type=EC\ncas.authn.oidc.jwks.jwks-key-size=384\ncas.authn.oidc.jwks.jwks-key-id=node\n`,
    );
    const result = await casctlJson<{ file: string; type: string; size: number }>(['jwks', 'generate', '--cas-config', props]);
    expect(result).toMatchObject({ file: target, type: 'EC', size: 384 });
    const cfgKeys = await readKeys(target);
    expect(cfgKeys.map((k) => k.crv)).toEqual(['P-384', 'P-384', 'P-384', 'P-384']);
    expect(cfgKeys[0]!.kid).toMatch(/^node-[A-Za-z]{8}$/);
  });

  it('a classpath: keystore setting is exit 3 with an explanation', async () => {
    const props = join(dir, 'classpath.properties');
    await writeFile(props, 'cas.authn.oidc.jwks.file-system.jwks-file=classpath:keystore.jwks\n');
    const result = await casctl(['--json', 'jwks', 'show', '--cas-config', props]);
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout).error.code).toBe('E_CONFIG_CLASSPATH');
    expect(result.stderr).toContain('a classpath resource lives inside the CAS web application');
  });
});

describe('show, export and an ID token', () => {
  const file = join(dir, 'token.jwks');

  beforeAll(async () => {
    expect((await casctl(['jwks', 'generate', '--file', file])).code).toBe(0);
    // One rotation, so the keystore holds previous, current and future keys.
    expect((await casctl(['jwks', 'rotate', '--file', file])).code).toBe(0);
  });

  it('show names the first current sig key with a private part; list is an alias', async () => {
    const keys = await readKeys(file);
    const shown = await casctlJson<{ signingKid: string; keys: { kid: string; state: string; signing: boolean }[] }>(['jwks', 'show', '--file', file]);
    const expected = keys.find((k) => k.use === 'sig' && k.state === 0)!;
    expect(shown.signingKid).toBe(expected.kid);
    expect(shown.keys.map((k) => [k.kid, k.state])).toEqual(keys.map((k) => [k.kid, ['current', 'future', 'previous'][k.state]]));
    expect(shown.keys.filter((k) => k.signing).map((k) => k.kid)).toEqual([expected.kid]);
    const human = await casctl(['jwks', 'list', '--file', file]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^KID\s+KTY\s+SIZE\s+USE\s+ALG\s+STATE\s+PRIVATE\s+SIGNS/);
    expect(human.stdout).toContain(`CAS signs ID tokens with ${expected.kid}`);
    expect(human.stdout.split('\n').filter((l) => l.startsWith('cas-'))).toHaveLength(6);
  });

  it('export publishes every key without private members; --state filters; --out writes a file', async () => {
    const keys = await readKeys(file);
    const exported = JSON.parse((await casctl(['jwks', 'export', '--file', file])).stdout) as { keys: Key[] };
    expect(exported.keys.map((k) => k.kid)).toEqual(keys.map((k) => k.kid));
    for (const key of exported.keys) {
      expect(Object.keys(key)).toEqual(['kty', 'kid', 'use', 'n', 'e', 'state']);
    }
    const current = await casctlJson<{ keys: Key[] }>(['jwks', 'export', '--file', file, '--state', 'current']);
    expect(current.keys.map((k) => k.kid)).toEqual(keys.filter((k) => k.state === 0).map((k) => k.kid));
    const out = join(dir, 'public.jwks');
    const written = await casctl(['jwks', 'export', '--file', file, '--out', out]);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stderr).toContain(`wrote 6 public keys to ${out}`);
    expect(JSON.parse(await readFile(out, 'utf8'))).toEqual(exported);
    expect(await modeOf(out)).toBe(0o644);
    // Independent check: jose strips nothing more from what we publish.
    for (const key of exported.keys) {
      expect(JSON.parse((await jose(['jwk', 'pub', '-i', '-'], JSON.stringify(key))).stdout)).toMatchObject({ n: key.n, e: key.e });
    }
  });

  it('an ID token signed (jwcrypto) with the key show names verifies against export (jose CLI and jwcrypto)', async () => {
    const { signingKid } = await casctlJson<{ signingKid: string }>(['jwks', 'show', '--file', file]);
    const privateJwk = (await readKeys(file)).find((k) => k.kid === signingKid)!;
    const token = (
      await jwcrypto(
        `
import sys, json, time
from jwcrypto import jwk, jwt
key = jwk.JWK(**json.loads(sys.argv[1]))
claims = {"iss": "https://cas.example.org/cas/oidc", "sub": "casuser", "aud": "client", "iat": int(time.time()), "exp": int(time.time()) + 300}
t = jwt.JWT(header={"alg": "RS256", "kid": key["kid"], "typ": "JWT"}, claims=claims)
t.make_signed_token(key)
print(t.serialize())
`,
        [JSON.stringify(privateJwk)],
      )
    ).trim();
    const jwksFile = join(dir, 'published.jwks');
    const exported = await casctl(['jwks', 'export', '--file', file]);
    await writeFile(jwksFile, exported.stdout);

    const verified = await jose(['jws', 'ver', '-i', token, '-k', jwksFile, '-O', '-']);
    expect(verified.code, verified.stderr).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ sub: 'casuser', aud: 'client' });

    const claims = await jwcrypto(
      `
import sys, json
from jwcrypto import jwk, jwt
keys = jwk.JWKSet.from_json(open(sys.argv[1]).read())
assert all(not k.has_private for k in keys), "export leaked a private key"
t = jwt.JWT(jwt=sys.argv[2], key=keys)
print(t.claims)
`,
      [jwksFile, token],
    );
    expect(JSON.parse(claims)).toMatchObject({ sub: 'casuser' });

    // The same token does not verify against keys CAS does not sign with.
    const futureFile = join(dir, 'future.jwks');
    await writeFile(futureFile, (await casctl(['jwks', 'export', '--file', file, '--state', 'future'])).stdout);
    expect((await jose(['jws', 'ver', '-i', token, '-k', futureFile])).code).not.toBe(0);
  });
});

describe('rotate and revoke', () => {
  const file = join(dir, 'rotate.jwks');

  beforeAll(async () => {
    expect((await casctl(['jwks', 'generate', '--file', file])).code).toBe(0);
  });

  it("rotate: current → previous, future → current, two new future keys; backup is the old file, 0600", async () => {
    const before = await readFile(file, 'utf8');
    const old = await readKeys(file);
    await chmod(file, 0o640);
    const result = await casctl(['jwks', 'rotate', '--file', file]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`rotated ${file}; CAS signs with ${old[2]!.kid}; backup ${file}.bak`);
    const keys = await readKeys(file);
    expect(keys.slice(0, 4).map((k) => [k.kid, k.state])).toEqual([
      [old[0]!.kid, 2],
      [old[1]!.kid, 2],
      [old[2]!.kid, 0],
      [old[3]!.kid, 0],
    ]);
    expect(keys.slice(4).map((k) => [k.use, k.state, k.kty])).toEqual([
      ['sig', 1, 'RSA'],
      ['enc', 1, 'RSA'],
    ]);
    // Untouched members of rotated keys stay byte for byte.
    expect({ ...keys[2], state: 1 }).toEqual(old[2]);
    expect(await readFile(`${file}.bak`, 'utf8')).toBe(before);
    expect(await modeOf(`${file}.bak`)).toBe(0o600);
    // An existing file keeps its mode.
    expect(await modeOf(file)).toBe(0o640);
    await chmod(file, 0o600);
    const loaded = (await jwcrypto(LOAD_ALL, [file])).trim().split('\n');
    expect(loaded).toHaveLength(6);
  });

  it('--dry-run prints the plan and leaves the file and its backup alone', async () => {
    const before = await readFile(file, 'utf8');
    const backup = await readFile(`${file}.bak`, 'utf8');
    const result = await casctl(['jwks', 'rotate', '--file', file, '--revoke', '--dry-run']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`dry run: rotate would change ${file} as follows (nothing written):`);
    expect(result.stdout).toMatch(/removed \(was previous\)/);
    expect(result.stdout).toMatch(/current -> previous/);
    expect(result.stdout).toMatch(/new future key \(RSA 2048\)/);
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(await readFile(`${file}.bak`, 'utf8')).toBe(backup);
  });

  it('rotate --revoke: the old previous keys go, the key that signed until now stays as previous', async () => {
    const old = await readKeys(file);
    const signer = old.find((k) => k.use === 'sig' && k.state === 0)!;
    const result = await casctlJson<{ changes: { kind: string }[] }>(['jwks', 'rotate', '--file', file, '--revoke']);
    expect(result.changes.filter((c) => c.kind === 'removed')).toHaveLength(2);
    const keys = await readKeys(file);
    expect(countStates(keys)).toEqual({ previous: 2, current: 2, future: 2 });
    expect(keys.find((k) => k.kid === signer.kid)?.state).toBe(2);
    expect(keys.some((k) => k.kid === old[0]!.kid)).toBe(false);
  });

  it('revoke removes every previous key; with none left it changes nothing', async () => {
    const result = await casctlJson<{ changes: unknown[]; written: boolean }>(['jwks', 'revoke', '--file', file]);
    expect(result).toMatchObject({ written: true });
    expect(result.changes).toHaveLength(2);
    expect(countStates(await readKeys(file))).toEqual({ previous: 0, current: 2, future: 2 });
    const before = await readFile(file, 'utf8');
    const again = await casctl(['jwks', 'revoke', '--file', file]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('has no previous keys: nothing to revoke');
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('rotate keeps the type already in the file; --type changes it', async () => {
    const ec = join(dir, 'ec-rotate.jwks');
    expect((await casctl(['jwks', 'generate', '--file', ec, '--type', 'EC', '--size', '384'])).code).toBe(0);
    expect((await casctl(['jwks', 'rotate', '--file', ec])).code).toBe(0);
    expect((await readKeys(ec)).slice(4).map((k) => k.crv)).toEqual(['P-384', 'P-384']);
    expect((await casctl(['jwks', 'rotate', '--file', ec, '--type', 'RSA'])).code).toBe(0);
    expect((await readKeys(ec)).slice(6).map((k) => k.kty)).toEqual(['RSA', 'RSA']);
  });

  it('a missing keystore is exit 3 naming generate', async () => {
    const result = await casctl(['jwks', 'rotate', '--file', join(dir, 'missing.jwks')]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('does not exist');
    expect(result.stderr).toContain('casctl jwks generate');
  });
});
