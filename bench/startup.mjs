#!/usr/bin/env node
// Start-up benchmark: casctl's light commands in both forms (npm install: `node bin/casctl`; the single
// executable: dist/bin/casctl-linux-x64) against a bare `node -e 0`, in one run.
// Usage: npm run build && npm run build:bin && node bench/startup.mjs [--pairs N]
// Each command runs in alternating pairs with `node -e 0` (A B A B …); its figure is the median of the
// per-pair ratios, so load on the machine that drifts during the run hits both sides alike.
// Peak RSS comes from GNU time (%M), when /usr/bin/time is installed.
// NODE_EXTRA_CA_CERTS, when set, makes Node read that bundle at the start of every process, `node -e 0`
// included (about 50 ms on a full Debian CA bundle): the table then has a second column without it.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const pairs = Number(arg('--pairs', '20'));
const work = mkdtempSync(join(tmpdir(), 'casctl-bench-'));
const node = process.execPath;
const bin = join(root, 'bin/casctl');
const sea = join(root, 'dist/bin/casctl-linux-x64');
const keystore = join(work, 'keystore.jwks');
const baseEnv = { ...process.env, XDG_CACHE_HOME: join(work, 'cache') };
delete baseEnv.CASCTL_CODE_CACHE;
execFileSync(node, [bin, 'jwks', 'generate', '--file', keystore, '--quiet'], { stdio: 'ignore', env: baseEnv });

const commands = [
  ['--version'],
  ['jwk-gen', '-t', 'oct', '-s', '512'],
  ['--help'],
  ['jwks', 'show', '--file', keystore],
  ['crypto', 'keys', '--feature', 'token'],
];
const label = (args) => `casctl ${args.map((a) => (a === keystore ? 'K' : a)).join(' ')}`;
const forms = [{ name: 'npm', run: (args) => [node, [bin, ...args]] }];
if (existsSync(sea)) forms.push({ name: 'single executable', run: (args) => [sea, args] });
const baseline = [node, ['-e', '0']];

function time([command, args], env) {
  const start = process.hrtime.bigint();
  const r = spawnSync(command, args, { stdio: 'ignore', env });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}`);
  return ms;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function measure(env) {
  const cases = forms.flatMap((form) => commands.map((args) => ({ form: form.name, args, cmd: form.run(args), ratios: [], ms: [] })));
  // the peer the README compares `jwk-gen -t oct -s 512` with
  cases.push({ form: 'peer', args: null, label: 'openssl rand -base64 64', cmd: ['openssl', ['rand', '-base64', '64']], ratios: [], ms: [] });
  const base = [];
  for (const c of cases) for (let i = 0; i < 3; i++) time(c.cmd, env); // warm-up: page cache, code caches
  for (let i = 0; i < pairs; i++) {
    for (const c of cases) {
      const a = time(baseline, env);
      const b = time(c.cmd, env);
      base.push(a);
      c.ratios.push(b / a);
      c.ms.push(b);
    }
  }
  return { base: median(base), cases };
}

function peakRss([command, args], env) {
  if (!existsSync('/usr/bin/time')) return undefined;
  let peak = 0;
  for (let i = 0; i < 3; i++) {
    const r = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    peak = Math.max(peak, Number(r.stderr.trim().split('\n').at(-1)) / 1024);
  }
  return peak;
}

const loadBefore = loadavg()[0];
const withExtra = measure(baseEnv);
let withoutExtra;
if (process.env.NODE_EXTRA_CA_CERTS) {
  const env = { ...baseEnv };
  delete env.NODE_EXTRA_CA_CERTS;
  withoutExtra = measure(env);
}

const mib = (v) => (v === undefined ? 'n/a' : `${v.toFixed(1)} MiB`);
const seaSize = existsSync(sea) ? `, single executable ${(statSync(sea).size / 2 ** 20).toFixed(0)} MiB` : ' (single executable not built: npm run build:bin)';
console.log(`${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model.trim()})${seaSize}, load average ${loadBefore.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end`);
console.log(`median of ${pairs} alternating pairs with \`node -e 0\` (${withExtra.base.toFixed(1)} ms${withoutExtra ? `; ${withoutExtra.base.toFixed(1)} ms without NODE_EXTRA_CA_CERTS` : ''})\n`);
const head = withoutExtra
  ? '| form | command | × node -e 0 | ms | × node -e 0, no NODE_EXTRA_CA_CERTS | ms | peak RSS | aim (issue 12) |\n|---|---|---|---|---|---|---|---|'
  : '| form | command | × node -e 0 | ms | peak RSS | aim (issue 12) |\n|---|---|---|---|---|---|';
console.log(head);
console.log(`| node | \`node -e 0\` | 1.00 | ${withExtra.base.toFixed(1)} |${withoutExtra ? ` 1.00 | ${withoutExtra.base.toFixed(1)} |` : ''} ${mib(peakRss(baseline, baseEnv))} | |`);
// the issue's aims: npm form <= 1.2x, single executable <= 1.1x, peak RSS <= 60 MiB
const AIM = { npm: 1.2, 'single executable': 1.1 };
const mark = (ok) => (ok ? '✔' : '✘');
withExtra.cases.forEach((c, i) => {
  const other = withoutExtra?.cases[i];
  const cells = [c.form, `\`${c.label ?? label(c.args)}\``, `${median(c.ratios).toFixed(2)}×`, median(c.ms).toFixed(1)];
  if (other) cells.push(`${median(other.ratios).toFixed(2)}×`, median(other.ms).toFixed(1));
  const rss = peakRss(c.cmd, baseEnv);
  cells.push(mib(rss));
  const aim = AIM[c.form];
  const ratios = [median(c.ratios), ...(other ? [median(other.ratios)] : [])];
  cells.push(aim ? `≤${aim}×: ${ratios.map((r) => mark(r <= aim)).join(' ')}; ≤60 MiB: ${rss === undefined ? 'n/a' : mark(rss <= 60)}` : '');
  console.log(`| ${cells.join(' | ')} |`);
});
rmSync(work, { recursive: true, force: true });
