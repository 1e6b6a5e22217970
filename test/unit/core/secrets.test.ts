import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Prompter } from '../../../src/io/prompt.js';
import { SecretReader } from '../../../src/io/secrets.js';
import { detectTerminal } from '../../../src/io/terminal.js';
import { tempDir } from '../../helpers/tmp.js';

function reader(stdinText: string | undefined, env: Record<string, string> = {}, tty = false) {
  const stdin = Object.assign(stdinText === undefined ? new PassThrough() : Readable.from([stdinText]), { isTTY: tty });
  const out = Object.assign(new PassThrough(), { isTTY: tty });
  const streams = { stdin, stdout: out, stderr: out };
  return new SecretReader(stdin, env, new Prompter(streams, detectTerminal(streams, env)));
}

describe('SecretReader', async () => {
  const dir = await tempDir();
  const request = (sources: object) => ({ flag: 'password', label: 'password', sources });

  it('reads a file and strips exactly one trailing newline', async () => {
    const file = join(dir, 'pw');
    await writeFile(file, 'Mellon  \n');
    expect(await reader(undefined).read(request({ file }))).toEqual({ value: 'Mellon  ', origin: `file ${file}` });
  });
  it('reads stdin and the environment', async () => {
    expect((await reader('from-stdin\n').read(request({ stdin: true }))).value).toBe('from-stdin');
    expect((await reader(undefined, { PW: 'from-env' }).read(request({ env: 'PW' }))).value).toBe('from-env');
  });
  it('fails with a usage error naming the flags when nothing is given and no TTY can prompt', async () => {
    await expect(reader(undefined).read(request({}))).rejects.toMatchObject({
      category: 'usage',
      code: 'E_INPUT_REQUIRED',
      hint: expect.stringContaining('--password-file F, --password-stdin or --password-env VAR'),
    });
  });
  it('rejects two sources at once, an unset variable and an empty secret', async () => {
    await expect(reader('x').read(request({ stdin: true, env: 'PW' }))).rejects.toMatchObject({ code: 'E_USAGE' });
    await expect(reader(undefined).read(request({ env: 'NOPE' }))).rejects.toMatchObject({ code: 'E_SECRET_ENV_UNSET' });
    await expect(reader('\n').read(request({ stdin: true }))).rejects.toMatchObject({ code: 'E_SECRET_EMPTY' });
  });
  it('maps a missing file to exit-3 input error', async () => {
    await expect(reader(undefined).read(request({ file: join(dir, 'nope') }))).rejects.toMatchObject({
      category: 'input',
      code: 'E_FILE_NOT_FOUND',
    });
  });
});
