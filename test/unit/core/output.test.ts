import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Output } from '../../../src/io/output.js';
import type { Terminal } from '../../../src/io/terminal.js';

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer, _e: BufferEncoding, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

const terminal = (over: Partial<Terminal> = {}): Terminal => ({
  stdinIsTTY: false,
  stdoutIsTTY: false,
  stderrIsTTY: false,
  stdoutColor: 0,
  stderrColor: 0,
  canPrompt: false,
  spinners: false,
  ...over,
});

async function make(options: { json?: boolean; quiet?: boolean; verbose?: boolean }, t = terminal()) {
  const stdout = new Sink();
  const stderr = new Sink();
  const out = await Output.create(stdout, stderr, t, { json: false, quiet: false, verbose: false, ...options });
  return { out, stdout, stderr };
}

describe('Output', () => {
  it('--json: the result is the only thing on stdout, one document, chatter on stderr', async () => {
    const { out, stdout, stderr } = await make({ json: true });
    out.info('working');
    out.result({ ok: true }, 'human text');
    expect(JSON.parse(stdout.text)).toEqual({ ok: true });
    expect(stderr.text).toBe('working\n');
    expect(() => out.result({ again: true })).toThrow(/second JSON document/);
  });
  it('--quiet: only the result and errors', async () => {
    const { out, stdout, stderr } = await make({ quiet: true });
    out.info('x');
    out.warn('y');
    out.success('z');
    out.debug('v');
    out.result({}, 'the product');
    out.error('bad', 'do this');
    expect(stdout.text).toBe('the product\n');
    expect(stderr.text).toBe('error: bad\nhint: do this\n');
  });
  it('without a terminal a task prints one plain line and no spinner frames or escape codes', async () => {
    const { out, stderr } = await make({});
    const value = await out.task('Fetching', async () => 42);
    expect(value).toBe(42);
    expect(stderr.text).toBe('✔ Fetching\n');
  });
  it('colors each stream by its own level', async () => {
    const { out, stdout, stderr } = await make({}, terminal({ stderrColor: 1 }));
    out.warn('careful');
    out.result({}, (p) => p.red('plain'));
    expect(stderr.text).toContain('\u001b[');
    expect(stdout.text).toBe('plain\n');
  });
  it('debug lines only with --verbose', async () => {
    const quiet = await make({});
    quiet.out.debug('hidden');
    expect(quiet.stderr.text).toBe('');
    const loud = await make({ verbose: true });
    loud.out.debug('> GET /');
    expect(loud.stderr.text).toBe('> GET /\n');
  });
});
