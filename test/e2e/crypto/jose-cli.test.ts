/**
 * A second independent JOSE implementation: the `jose` C command-line tool (Debian package jose).
 * casctl's tokens verify and decrypt with it; tokens it builds in CAS's layout decode through casctl.
 * The HMAC JWK is the oct key whose bytes are the signing key TEXT (CAS's rule).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBin } from '../../helpers/run-casctl.js';
import { tempDir } from '../../helpers/tmp.js';
import { requireTool } from '../../helpers/tools.js';

const exec = promisify(execFile);
const signing = randomBytes(64).toString('base64url');
const encryption = randomBytes(64).toString('base64url');
const env = { SIG: signing, ENC: encryption };
const claims = { sub: 'casuser', iss: 'https://cas.example.org/cas', exp: 4102444800 };
let dir: string;
let sigJwk: string;
let encJwk: string;

const jose = async (args: string[]) => (await exec('jose', args, { maxBuffer: 1024 * 1024 })).stdout;

beforeAll(async () => {
  requireTool('jose', 'the jose CLI is an independent JOSE implementation');
  dir = await tempDir('casctl-jose-cli-');
  sigJwk = join(dir, 'sig.jwk');
  encJwk = join(dir, 'enc.jwk');
  await writeFile(sigJwk, JSON.stringify({ kty: 'oct', k: Buffer.from(signing, 'utf8').toString('base64url') }));
  await writeFile(encJwk, JSON.stringify({ kty: 'oct', k: encryption }));
});

describe('the jose CLI reads what casctl encodes', () => {
  it.each([
    ['ENCRYPT_AND_SIGN', '8'],
    ['ENCRYPT_AND_SIGN', '6'],
    ['SIGN_AND_ENCRYPT', '8'],
    ['SIGN_AND_ENCRYPT', '6'],
  ])('%s --compat %s', async (strategy, compat) => {
    const r = await runBin(['crypto', 'encode', '--signing-key-env', 'SIG', '--encryption-key-env', 'ENC', '--strategy', strategy, '--compat', compat, '--enc', 'A256CBC-HS512'], {
      env,
      input: JSON.stringify(claims),
    });
    expect(r.code).toBe(0);
    const token = join(dir, `token-${strategy}-${compat}`);
    await writeFile(token, r.stdout.trim());
    const inner = `${token}.inner`;
    if (strategy === 'ENCRYPT_AND_SIGN') {
      await writeFile(inner, await jose(['jws', 'ver', '-i', token, '-k', sigJwk, '-O-']));
      expect(JSON.parse(await jose(['jwe', 'dec', '-i', inner, '-k', encJwk]))).toEqual(claims);
    } else {
      await writeFile(inner, await jose(['jwe', 'dec', '-i', token, '-k', encJwk]));
      expect(JSON.parse(await jose(['jws', 'ver', '-i', inner, '-k', sigJwk, '-O-']))).toEqual(claims);
    }
  });
});

describe('casctl decodes what the jose CLI builds in CAS layout', () => {
  it('ENCRYPT_AND_SIGN: JWS HS512 over a JWE dir/A256CBC-HS512', async () => {
    const claimsFile = join(dir, 'claims.json');
    await writeFile(claimsFile, JSON.stringify(claims));
    const jwe = join(dir, 'inner.jwe');
    const jws = join(dir, 'outer.jws');
    await jose(['jwe', 'enc', '-I', claimsFile, '-k', encJwk, '-i', '{"protected":{"alg":"dir","enc":"A256CBC-HS512","cty":"JWT","typ":"JWT"}}', '-c', '-o', jwe]);
    await jose(['jws', 'sig', '-I', jwe, '-k', sigJwk, '-s', '{"protected":{"alg":"HS512","typ":"JWT"}}', '-c', '-o', jws]);
    const token = (await readFile(jws, 'utf8')).trim();
    const r = await runBin(['--json', 'crypto', 'decode', '--signing-key-env', 'SIG', '--encryption-key-env', 'ENC', token], { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, strategy: 'ENCRYPT_AND_SIGN', claims });
  });
});
