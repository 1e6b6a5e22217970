import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { colorLevel, detectTerminal, type OutStream } from '../../../src/io/terminal.js';

function stream(tty: boolean, depth = 8): OutStream {
  const s = new PassThrough() as unknown as OutStream;
  s.isTTY = tty;
  s.getColorDepth = () => depth;
  return s;
}

describe('colorLevel', () => {
  it('is off for a pipe and on for a terminal', () => {
    expect(colorLevel(stream(false), {})).toBe(0);
    expect(colorLevel(stream(true, 8), {})).toBe(2);
    expect(colorLevel(stream(true, 24), {})).toBe(3);
    expect(colorLevel(stream(true, 4), {})).toBe(1);
  });
  it('honours NO_COLOR (any non-empty value) on a terminal, which chalk does not', () => {
    expect(colorLevel(stream(true), { NO_COLOR: '1' })).toBe(0);
    expect(colorLevel(stream(true), { NO_COLOR: 'yes' })).toBe(0);
    expect(colorLevel(stream(true), { NO_COLOR: '' })).toBe(2);
  });
  it('lets FORCE_COLOR force a level even into a pipe, and FORCE_COLOR=0 switch it off', () => {
    expect(colorLevel(stream(false), { FORCE_COLOR: '1' })).toBe(1);
    expect(colorLevel(stream(false), { FORCE_COLOR: '3' })).toBe(3);
    expect(colorLevel(stream(false), { FORCE_COLOR: '' })).toBe(1);
    expect(colorLevel(stream(true), { FORCE_COLOR: '0' })).toBe(0);
    expect(colorLevel(stream(true), { FORCE_COLOR: 'false' })).toBe(0);
  });
  it('puts --no-color above FORCE_COLOR, and TERM=dumb switches a terminal off', () => {
    expect(colorLevel(stream(true), { FORCE_COLOR: '3' }, { color: false })).toBe(0);
    expect(colorLevel(stream(true), { TERM: 'dumb' })).toBe(0);
  });
});

describe('detectTerminal', () => {
  const input = (tty: boolean) => Object.assign(new PassThrough(), { isTTY: tty });
  it('decides per stream: stdout piped while stderr is a terminal', () => {
    const t = detectTerminal({ stdin: input(true), stdout: stream(false), stderr: stream(true) }, {});
    expect(t.stdoutColor).toBe(0);
    expect(t.stderrColor).toBe(2);
    expect(t.canPrompt).toBe(true);
    expect(t.spinners).toBe(true);
  });
  it('never prompts without a TTY on stdin, with --no-input or CASCTL_NO_INPUT', () => {
    const streams = { stdin: input(false), stdout: stream(true), stderr: stream(true) };
    expect(detectTerminal(streams, {}).canPrompt).toBe(false);
    const tty = { ...streams, stdin: input(true) };
    expect(detectTerminal(tty, {}, { input: false }).canPrompt).toBe(false);
    expect(detectTerminal(tty, { CASCTL_NO_INPUT: '1' }).canPrompt).toBe(false);
  });
  it('shows no spinner under --json, --quiet, CI or when stderr is not a terminal', () => {
    const streams = { stdin: input(true), stdout: stream(true), stderr: stream(true) };
    expect(detectTerminal(streams, {}, { json: true }).spinners).toBe(false);
    expect(detectTerminal(streams, {}, { quiet: true }).spinners).toBe(false);
    expect(detectTerminal(streams, { CI: 'true' }).spinners).toBe(false);
    expect(detectTerminal({ ...streams, stderr: stream(false) }, {}).spinners).toBe(false);
  });
});
