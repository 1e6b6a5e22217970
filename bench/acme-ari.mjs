#!/usr/bin/env node
// What a cron run that finds nothing due costs with ARI (RFC 9773): wall time and HTTPS requests of
// `casctl acme issue` on a certificate that is not due, against Debian's pebble behind the test front
// (test/helpers/acme-front.ts adds renewalInfo and answers the ARI GETs with a window 30 days ahead), next to
// bare `node -e 0` in the same run:
//   ari-fetch    the remembered answer has expired: one ARI GET
//   remembered   inside the last answer's Retry-After: no request
//   no-ari       --no-ari: the lifetime rule only, no request
// Usage: node bench/acme-ari.mjs [runs]   (needs pebble, openssl; npm run build first)
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[2] ?? 20);
const work = mkdtempSync(join(tmpdir(), 'casctl-bench-ari-'));
const bundle = join(work, 'front.mjs');
await build({
  stdin: {
    contents: "export { startPebble } from './test/helpers/pebble.ts'; export { startAcmeFront } from './test/helpers/acme-front.ts';",
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: bundle,
  logLevel: 'error',
});
// The front lives in this process: children must be awaited, never spawnSync'ed (that would block it).
const run = (args, env) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stderr }));
  });
const { startPebble, startAcmeFront } = await import(pathToFileURL(bundle).href);
const pebble = await startPebble({ authzReuse: 100 });
const front = await startAcmeFront(pebble);
try {
  const env = { ...process.env, HOME: work, XDG_CONFIG_HOME: join(work, 'config'), XDG_DATA_HOME: join(work, 'data') };
  const dir = join(work, 'cert');
  const state = join(dir, 'domain-chain.pem.casctl.json');
  const casctl = (extra) => [join(root, 'bin/casctl'), '--quiet', 'acme', 'issue', '--server', front.directory, '--ca-file', pebble.tlsCaFile, '--agree-tos', '--http-port', String(pebble.httpPort), '--listen', '127.0.0.1', '--dir', dir, '-d', 'cas.example.org', ...extra];
  const first = await run(casctl([]), env);
  if (first.status !== 0) throw new Error(first.stderr);
  const iso = (ms) => new Date(ms).toISOString();
  front.config.ari = () => ({ status: 200, json: { suggestedWindow: { start: iso(Date.now() + 30 * 86400e3), end: iso(Date.now() + 31 * 86400e3) } }, retryAfter: '21600' });
  const expire = () => {
    const s = JSON.parse(readFileSync(state, 'utf8'));
    if (s.ari) s.ari.nextFetch = iso(Date.now() - 1000);
    writeFileSync(state, JSON.stringify(s));
  };
  const cases = {
    'node -e 0': { args: ['-e', '0'] },
    'ari-fetch': { args: casctl([]), prepare: expire },
    remembered: { args: casctl([]) },
    'no-ari': { args: casctl(['--no-ari']) },
  };
  // one warm-up each, then interleaved runs so machine load hits every case alike
  const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  const requests = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let i = -1; i < runs; i++) {
    for (const [name, c] of Object.entries(cases)) {
      c.prepare?.();
      front.requests.length = 0;
      const t0 = performance.now();
      const r = await run(c.args, env);
      const ms = performance.now() - t0;
      if (r.status !== 0) throw new Error(`${name}: exit ${r.status}\n${r.stderr}`);
      if (i >= 0) times[name].push(ms), requests[name].push(front.requests.length);
    }
  }
  const stat = (xs) => {
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
    const median = [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    return { mean, sd, median };
  };
  console.log(`node ${process.version}, ${runs} runs each, pebble behind the ARI front on loopback`);
  const base = stat(times['node -e 0']).mean;
  for (const name of Object.keys(cases)) {
    const s = stat(times[name]);
    const req = [...new Set(requests[name])].join('/');
    console.log(`${name.padEnd(11)} ${s.mean.toFixed(0).padStart(5)} ms ± ${s.sd.toFixed(0).padStart(3)} (median ${s.median.toFixed(0)})  requests per run: ${name === 'node -e 0' ? '-' : req}  ratio to node: ${(s.mean / base).toFixed(2)}`);
  }
} finally {
  await front.stop();
  await pebble.stop();
  rmSync(work, { recursive: true, force: true });
}
