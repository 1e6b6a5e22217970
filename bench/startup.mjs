#!/usr/bin/env node
// Startup benchmark: casctl's light commands against a bare `node -e 0`, in one hyperfine run.
// Usage: npm run build && node bench/startup.mjs [--runs N]
// Prints a table of means and ratios to bare node (the README's figures come from here).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = process.argv.includes('--runs') ? process.argv[process.argv.indexOf('--runs') + 1] : '30';
const work = mkdtempSync(join(tmpdir(), 'casctl-bench-'));
const node = process.execPath;
const bin = join(root, 'bin/casctl');
const keystore = join(work, 'keystore.jwks');
try {
  execFileSync(node, [bin, 'jwks', 'generate', '--file', keystore, '--quiet'], { stdio: 'ignore' });
} catch {
  /* jwks may not exist in an older build: its row then reports the error exit */
}

const cases = [
  ['node -e 0', `${node} -e 0`],
  ['casctl --version', `${node} ${bin} --version`],
  ['casctl --help', `${node} ${bin} --help`],
  ['casctl jwk-gen -t oct -s 512', `${node} ${bin} jwk-gen -t oct -s 512`],
  ['casctl jwks show', `${node} ${bin} jwks show --file ${keystore}`],
  ['openssl rand -base64 64', 'openssl rand -base64 64'],
];
const out = join(work, 'hyperfine.json');
const args = ['-N', '--warmup', '3', '--runs', runs, '--export-json', out, '--ignore-failure'];
for (const [name, command] of cases) args.push('-n', name, command);
execFileSync('hyperfine', args, { stdio: ['ignore', 'ignore', 'inherit'] });
const { results } = JSON.parse(readFileSync(out, 'utf8'));
const base = results[0].mean;
console.log(`node ${process.version}, ${runs} runs each (hyperfine -N --warmup 3)\n`);
console.log('| command | mean | ± σ | × bare node |');
console.log('|---|---|---|---|');
for (const r of results) {
  console.log(`| \`${r.command}\` | ${(r.mean * 1000).toFixed(1)} ms | ${(r.stddev * 1000).toFixed(1)} ms | ${(r.mean / base).toFixed(2)} |`);
}
rmSync(work, { recursive: true, force: true });
