import { describe, expect, it } from 'vitest';
import { commandPaths } from '../../helpers/command-tree.js';
import { runInProcess } from '../../helpers/run-casctl.js';

describe('help of every command', async () => {
  const paths = (await commandPaths({ leavesOnly: true })).filter((p) => p[0] !== 'help');
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
