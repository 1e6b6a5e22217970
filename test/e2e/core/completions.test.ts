import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT, runBin } from '../../helpers/run-casctl.js';

const committed = {
  bash: `${REPO_ROOT}/completions/casctl.bash`,
  zsh: `${REPO_ROOT}/completions/_casctl`,
  fish: `${REPO_ROOT}/completions/casctl.fish`,
};

describe('shell completions', () => {
  for (const [shell, file] of Object.entries(committed)) {
    it(`completions/ for ${shell} match what the command tree generates (run 'npm run completions')`, async () => {
      const r = await runBin(['completion', shell]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(readFileSync(file, 'utf8'));
    });
  }

  it('are valid scripts for bash, zsh and fish', () => {
    expect(spawnSync('bash', ['-n', committed.bash]).status).toBe(0);
    const zsh = spawnSync('zsh', ['-n', committed.zsh]);
    expect(zsh.error, 'zsh is missing (.ci/run installs it)').toBeUndefined();
    expect(zsh.status).toBe(0);
    const fish = spawnSync('fish', ['--no-execute', committed.fish]);
    expect(fish.error, 'fish is missing (.ci/run installs it)').toBeUndefined();
    expect(fish.status).toBe(0);
  });

  const complete = (words: string[]) =>
    execFileSync('bash', ['-c', `source ${committed.bash}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _casctl; printf '%s\\n' "\${COMPREPLY[@]}"`], {
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean);

  it('bash completes commands, subcommands, options and option values', () => {
    expect(complete(['casctl', 'jw'])).toEqual(expect.arrayContaining(['jwks', 'jwk-gen']));
    expect(complete(['casctl', 'jwks', 'ro'])).toEqual(['rotate']);
    expect(complete(['casctl', 'completion', ''])).toEqual(expect.arrayContaining(['--json', '--help']));
    expect(complete(['casctl', '--json', 'jwk-gen', '-t', ''])).toEqual(expect.arrayContaining(['RSA', 'oct', 'EC', 'OKP']));
  });

  it('fish loads the script and offers subcommands', () => {
    const out = execFileSync('fish', ['-c', `source ${committed.fish}; complete -C 'casctl jwks '`], { encoding: 'utf8' });
    expect(out).toMatch(/^rotate\b/m);
    expect(BIN).toBeTruthy();
  });
});
