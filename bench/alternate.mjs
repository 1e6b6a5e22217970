// Times commands in alternation (A B C, A B C, …) rather than all runs of A then all of B as hyperfine
// does: on a machine shared with other jobs, load drifts over a minute, and alternation spreads that
// drift over every command alike, so ratios between them stay fair.
// usage: node bench/alternate.mjs OUT.json RUNS WARMUP 'name=command args…' …   (commands are split on
// spaces and run without a shell; each must exit 0). Writes {results: [{command, median, q1, q3, runs}]}
// with times in seconds, as hyperfine's --export-json does, and prints one line per command.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const [out, runsArg, warmupArg, ...specs] = process.argv.slice(2);
const commands = specs.map((spec) => {
  const at = spec.indexOf('=');
  return { name: spec.slice(0, at), argv: spec.slice(at + 1).split(' ').filter(Boolean), times: [] };
});
const once = (command) => {
  const started = process.hrtime.bigint();
  const result = spawnSync(command.argv[0], command.argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${command.name} exited ${result.status}: ${result.stderr}`);
  return seconds;
};
for (let i = 0; i < Number(warmupArg); i++) for (const command of commands) once(command);
for (let i = 0; i < Number(runsArg); i++) for (const command of commands) command.times.push(once(command));

const quantile = (sorted, q) => {
  const at = (sorted.length - 1) * q;
  return sorted[Math.floor(at)] + (sorted[Math.ceil(at)] - sorted[Math.floor(at)]) * (at - Math.floor(at));
};
const results = commands.map(({ name, times }) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { command: name, median: quantile(sorted, 0.5), q1: quantile(sorted, 0.25), q3: quantile(sorted, 0.75), runs: times };
});
writeFileSync(out, JSON.stringify({ results }, null, 2));
for (const r of results) {
  console.log(`  ${r.command.padEnd(32)} median ${(r.median * 1000).toFixed(1).padStart(7)} ms  (quartiles ${(r.q1 * 1000).toFixed(1)}–${(r.q3 * 1000).toFixed(1)})`);
}
