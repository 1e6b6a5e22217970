import { readFile, readdir, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modifyKeystore, replaceKeystore } from '../../../src/jwks/store.js';
import { tempDir } from '../../helpers/tmp.js';

const dir = await tempDir('casctl-jwks-store-');
const key = (kid: string, state: number) => ({ kty: 'oct', kid, use: 'sig', k: 'c2VjcmV0LXNlY3JldC1zZWNyZXQ', state });

describe('modifyKeystore', () => {
  it('replaces under the lock, keeps a 0600 backup, removes temp files killed runs left (older than a minute)', async () => {
    const file = join(dir, 'ks.jwks');
    await replaceKeystore(file, [key('a', 0)], false);
    const old = join(dir, '.ks.jwks.4242.0123456789ab.tmp');
    const fresh = join(dir, '.ks.jwks.4243.0123456789ab.tmp');
    const unrelated = join(dir, '.other.jwks.4242.0123456789ab.tmp');
    for (const path of [old, fresh, unrelated]) await writeFile(path, 'partial');
    const past = new Date(Date.now() - 5 * 60_000);
    await utimes(old, past, past);
    await utimes(unrelated, past, past);
    const result = await modifyKeystore(file, async (current) => ({ keys: [...current!.parsed.keys, key('b', 1)], result: 'done' }), { verb: 'change' });
    expect(result).toMatchObject({ result: 'done', written: true, backupPath: `${file}.bak` });
    expect(JSON.parse(await readFile(file, 'utf8')).keys.map((k: { kid: string }) => k.kid)).toEqual(['a', 'b']);
    expect(JSON.parse(await readFile(`${file}.bak`, 'utf8')).keys.map((k: { kid: string }) => k.kid)).toEqual(['a']);
    expect((await stat(`${file}.bak`)).mode & 0o777).toBe(0o600);
    const left = await readdir(dir);
    expect(left).not.toContain('.ks.jwks.4242.0123456789ab.tmp');
    expect(left).toContain('.ks.jwks.4243.0123456789ab.tmp');
    expect(left).toContain('.other.jwks.4242.0123456789ab.tmp');
    expect(left).not.toContain('ks.jwks.lock');
  });

  it('never calls the change on an invalid keystore, and never writes it', async () => {
    const file = join(dir, 'bad.jwks');
    await writeFile(file, '{"keys":[{"kty":"oct","kid":"x","k":"AA","state":"1"}]}');
    let called = false;
    await expect(
      modifyKeystore(file, async () => ((called = true), { keys: [], result: null }), { verb: 'rotate' }),
    ).rejects.toMatchObject({ category: 'input', code: 'E_KEYSTORE_INVALID', message: expect.stringContaining('refusing to rotate it') });
    expect(called).toBe(false);
    expect(await readFile(file, 'utf8')).toBe('{"keys":[{"kty":"oct","kid":"x","k":"AA","state":"1"}]}');
  });

  it('a file that changed after it was read (lock taken over meanwhile) is not overwritten: E_KEYSTORE_CHANGED', async () => {
    const file = join(dir, 'raced.jwks');
    await replaceKeystore(file, [key('a', 0)], false);
    const theirs = JSON.stringify({ keys: [key('theirs', 0)] });
    await expect(
      modifyKeystore(
        file,
        async () => {
          await writeFile(file, theirs); // another writer, as if it had stolen a stale lock
          return { keys: [key('mine', 0)], result: null };
        },
        { verb: 'rotate' },
      ),
    ).rejects.toMatchObject({ category: 'input', code: 'E_KEYSTORE_CHANGED' });
    expect(await readFile(file, 'utf8')).toBe(theirs);
  });

  it('dry run: computes, writes nothing, takes no lock', async () => {
    const file = join(dir, 'dry.jwks');
    await replaceKeystore(file, [key('a', 0)], false);
    const before = await readFile(file, 'utf8');
    const result = await modifyKeystore(file, async () => ({ keys: [], result: 'plan' }), { verb: 'rotate', dryRun: true });
    expect(result).toEqual({ result: 'plan', written: false, created: false });
    expect(await readFile(file, 'utf8')).toBe(before);
  });
});
