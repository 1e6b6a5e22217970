#!/usr/bin/env bash
# `casctl ticket check` (TGT → ST → validate → logout) against the equivalent 4-request curl script
# and a bare `node -e 0` (plus `ticket check --help`: the CLI's own start, no request), on the same local CAS REST stand-in (test/helpers/cas-rest-server.ts), in one
# hyperfine run; then the three HTTP clients Node offers, 4 requests each (the transport choice).
# usage: bench/ticket.sh [runs]   (needs hyperfine, curl, esbuild from npm, and a built tree: npm run build)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-30}
work=$(mktemp -d)
server_pid=''
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# A private copy of the built tree (npm run build): other work in this tree may rebuild dist/ while the
# benchmark runs. bin/casctl keeps its code cache in XDG_CACHE_HOME, here a private one warmed before timing.
[ -f dist/casctl.cjs ] || npm run build >/dev/null
mkdir -p "$work/app"
cp -r bin package.json "$work/app/" && mkdir "$work/app/dist" && cp dist/*.cjs dist/casctl.json "$work/app/dist/"   # not dist/bin: the single executable is 100 MiB
export XDG_CACHE_HOME="$work/cache"
casctl="$work/app/bin/casctl"
# the stand-in is TypeScript: compile it alone into the temp dir
node --input-type=module -e '
import { build } from "esbuild";
await build({ entryPoints: ["test/helpers/cas-rest-server.ts"], outdir: process.argv[1], format: "esm", platform: "node", target: "node20", logLevel: "warning" });' "$work/server"
printf '%s' 'b3nch & +=% pw' >"$work/pw"   # no newline: curl's @file sends every byte
cat >"$work/server.mjs" <<JS
import { startCasRestServer } from '$work/server/cas-rest-server.js';
const cas = await startCasRestServer({ users: { casuser: 'b3nch & +=% pw' } });
console.log(cas.url);
JS
node "$work/server.mjs" >"$work/url" &
server_pid=$!
for _ in $(seq 50); do [ -s "$work/url" ] && break; sleep 0.1; done
server=$(cat "$work/url")
service='https://app.example.org/bench'

# both must pass before they are timed
bench/ticket-curl.sh "$server" "$service" casuser "$work/pw"
node "$casctl" ticket check --server "$server" -s "$service" -u casuser --password-file "$work/pw" >/dev/null

echo "== ticket check vs curl (4 requests each), server $server"
hyperfine -N --warmup 5 --runs "$runs" --export-json "$work/check.json" \
  -n 'node -e 0' 'node -e 0' \
  -n 'curl script (4 requests)' "bench/ticket-curl.sh $server $service casuser $work/pw" \
  -n 'casctl ticket check' "node $casctl ticket check --server $server -s $service -u casuser --password-file $work/pw" \
  -n 'casctl ticket check --help' "node $casctl ticket check --help"

echo "== HTTP clients, 4 requests on one connection"
hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/transports.json" \
  -n 'node:http' "node bench/ticket-transports.mjs node-http $server/v1/tickets" \
  -n 'fetch (built-in undici)' "node bench/ticket-transports.mjs fetch $server/v1/tickets" \
  -n 'undici (npm)' "node bench/ticket-transports.mjs undici $server/v1/tickets"

node -e '
const fs = require("node:fs");
const show = (file) => {
  const results = JSON.parse(fs.readFileSync(file, "utf8")).results;
  const base = results[0].mean;
  const cpu = (r) => r.user + r.system;
  for (const r of results) {
    console.log(`${r.command.padEnd(26)} wall ${(r.mean * 1000).toFixed(1).padStart(7)} ms ± ${(r.stddev * 1000).toFixed(1).padStart(5)} (${(r.mean / base).toFixed(2)}x)   cpu ${(cpu(r) * 1000).toFixed(1).padStart(6)} ms (${(cpu(r) / cpu(results[0])).toFixed(2)}x)   vs ${results[0].command}`);
  }
};
console.log("\n== summary");
show(process.argv[1]);
const check = JSON.parse(fs.readFileSync(process.argv[1], "utf8")).results;
console.log(`wall: casctl ticket check / curl script = ${(check[2].mean / check[1].mean).toFixed(2)}x; curl script / node -e 0 = ${(check[1].mean / check[0].mean).toFixed(2)}x`);
const c = (r) => r.user + r.system;
console.log(`cpu:  casctl ticket check / curl script = ${(c(check[2]) / c(check[1])).toFixed(2)}x; curl script / node -e 0 = ${(c(check[1]) / c(check[0])).toFixed(2)}x`);
show(process.argv[2]);
' "$work/check.json" "$work/transports.json"
