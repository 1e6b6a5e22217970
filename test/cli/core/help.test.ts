import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../../helpers/run-casctl.js';

async function leafPaths(): Promise<string[][]> {
  const { buildProgram } = await import('../../../src/cli/program.js');
  const { newRuntime } = await import('../../../src/cli/main.js');
  const runtime = newRuntime({ streams: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }, env: {} });
  const root = await buildProgram(runtime, '0.0.0', [], true);
  const out: string[][] = [];
  const walk = (command: Command, path: string[]) => {
    if (command.commands.length === 0) out.push(path);
    for (const sub of command.commands) walk(sub, [...path, sub.name()]);
  };
  walk(root, []);
  return out;
}

describe('help of every command', async () => {
  const paths = (await leafPaths()).filter((p) => p[0] !== 'help');
  it('covers every family', () => {
    expect(new Set(paths.map((p) => p[0]))).toEqual(new Set(['acme', 'jwks', 'jwk-gen', 'ticket', 'rest-auth', 'crypto', 'account', 'service', 'completion']));
  });
  for (const path of paths) {
    it(`casctl ${path.join(' ')} --help exits 0 with a description and examples, on stdout only`, async () => {
      const r = await runInProcess([...path, '--help']);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^Usage: casctl /);
      expect(r.stdout).toMatch(/\nExamples?:/);
    });
  }
});
