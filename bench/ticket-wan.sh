#!/usr/bin/env bash
# `casctl ticket check --ca-file` against the 4-request curl script where a probe really runs: CAS over
# TLS (the REST stand-in, test/helpers/cas-rest-server.ts, with a throw-away CA) behind a latency proxy
# (bench/latency-proxy.mjs, RTT/2 each way; this kernel has no netem), for each RTT, timed in
# alternation (bench/alternate.mjs: A B C, A B C, …, so load drift on a shared machine hits all alike);
# RTT 0 is a direct loopback connection. Also: the TLS overhead on loopback (the same
# check over plain HTTP and over TLS, same run), and how many TCP connections and TLS session
# resumptions each client makes for one check.
# usage: bench/ticket-wan.sh [runs] [rtt-ms ...]   (default: 15 runs; RTT 0 20 50)
# Needs curl, openssl and a built tree (npm run build): bin/ and dist/ are copied first, so a
# rebuild during the run does not change what is measured. Environment variables such as
# NODE_EXTRA_CA_CERTS apply to every run: try `env -u NODE_EXTRA_CA_CERTS bench/ticket-wan.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
shift || true
rtts=("${@:-0 20 50}")
read -r -a rtts <<<"${rtts[*]}"
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

mkdir -p "$work/app"
cp -r bin package.json "$work/app/" && mkdir "$work/app/dist" && cp dist/*.cjs dist/casctl.json "$work/app/dist/"   # not dist/bin: the single executable is 100 MiB
ln -s "$PWD/node_modules" "$work/app/node_modules"
casctl="$work/app/bin/casctl"
node --input-type=module -e '
import { build } from "esbuild";
await build({ entryPoints: ["test/helpers/cas-rest-server.ts"], outdir: process.argv[1], format: "esm", platform: "node", target: "node20", logLevel: "warning" });' "$work/server"

# A private CA and a server certificate for 127.0.0.1 (P-256, as a CAS behind a modern TLS connector).
(
  cd "$work"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem -days 2 -subj '/CN=casctl bench CA' 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout server.key -out server.csr -subj '/CN=127.0.0.1' 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >ext.cnf
  openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile ext.cnf 2>/dev/null
  cat /etc/ssl/certs/ca-certificates.crt ca.pem >system-and-ca.pem
)
printf '%s' 'b3nch & +=% pw' >"$work/pw"

# The stand-in, over TLS and over plain HTTP; each logs one line per accepted TLS handshake.
cat >"$work/serve.mjs" <<JS
import { readFileSync } from 'node:fs';
import { startCasRestServer } from '$work/server/cas-rest-server.js';
const tls = process.argv[2] === 'tls' ? { cert: readFileSync('$work/server.pem', 'utf8'), key: readFileSync('$work/server.key', 'utf8') } : undefined;
const cas = await startCasRestServer({ users: { casuser: 'b3nch & +=% pw' }, tls });
console.log(cas.url);
let seen = { accepted: 0, resumed: 0 };
setInterval(() => {
  if (cas.connections.accepted === seen.accepted && cas.connections.resumed === seen.resumed) return;
  seen = { ...cas.connections };
  process.stderr.write(\`accepted \${seen.accepted} resumed \${seen.resumed}\n\`);
}, 20);
JS
start() { # name command... : starts it in the background (stopped on exit), waits for its first line
  local name=$1
  shift
  "$@" >"$work/$name.out" 2>"$work/$name.err" &
  pids+=($!)
  for _ in $(seq 100); do [ -s "$work/$name.out" ] && break; sleep 0.05; done
}
first_line() { head -1 "$work/$1.out"; }
start tls node "$work/serve.mjs" tls
start plain node "$work/serve.mjs" plain
tls_url=$(first_line tls)
plain_url=$(first_line plain)
tls_port=${tls_url#https://127.0.0.1:}
tls_port=${tls_port%%/*}
service='https://app.example.org/bench'
pw="$work/pw"
node=$(command -v node)
check() { echo "$node $casctl ticket check --server $1 -s $service -u casuser --password-file $pw $2"; }
curl_script() { echo "bench/ticket-curl.sh $1 $service casuser $pw"; }
# curl trusts exactly one bundle (CURL_CA_BUNDLE): the private CA alone is the cheapest curl can do;
# the system bundle plus the CA is what casctl --ca-file trusts.
curl_ca() { echo "env CURL_CA_BUNDLE=$work/ca.pem $(curl_script "$1")"; }
curl_system() { echo "env CURL_CA_BUNDLE=$work/system-and-ca.pem $(curl_script "$1")"; }

# every command must pass before it is timed
$(curl_ca "$tls_url")
$(curl_system "$tls_url")
$(check "$tls_url" "--ca-file $work/ca.pem --quiet")
$(check "$plain_url" --quiet)

echo "== environment: node $(node --version), $(nproc) cores, NODE_EXTRA_CA_CERTS=${NODE_EXTRA_CA_CERTS:-unset}, $(date -u +%Y-%m-%d)"
echo "== TLS overhead on loopback: the same check over HTTP and over TLS (--ca-file)"
node bench/alternate.mjs "$work/loopback.json" "$runs" 3 \
  "node -e 0=$node -e 0" \
  "check over HTTP=$(check "$plain_url" --quiet)" \
  "check over TLS --ca-file=$(check "$tls_url" "--ca-file $work/ca.pem --quiet")"

echo "== the same, as the check times itself (--json: tgt step and total, medians; no process start)"
node - "$runs" "$(check "$plain_url" --json)" "$(check "$tls_url" "--ca-file $work/ca.pem --json")" <<'JS'
const { execFileSync } = require('node:child_process');
const [runs, ...commands] = process.argv.slice(2);
const seen = commands.map(() => ({ tgt: [], total: [] }));
for (let i = 0; i < Number(runs); i++) {
  commands.forEach((command, at) => {
    const [bin, ...args] = command.split(' ');
    const doc = JSON.parse(execFileSync(bin, args, { encoding: 'utf8' }));
    seen[at].tgt.push(doc.steps[0].ms);
    seen[at].total.push(doc.totalMs);
  });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const [http, tls] = seen.map((s) => ({ tgt: median(s.tgt), total: median(s.total) }));
console.log(`  over HTTP: tgt ${http.tgt} ms, total ${http.total} ms; over TLS --ca-file: tgt ${tls.tgt} ms, total ${tls.total} ms`);
console.log(`  TLS overhead as the check times it: ${(tls.total - http.total).toFixed(1)} ms (tgt step: ${(tls.tgt - http.tgt).toFixed(1)} ms)`);
JS

for rtt in "${rtts[@]}"; do
  url=$tls_url
  if [ "$rtt" != 0 ]; then
    start "proxy-$rtt" node bench/latency-proxy.mjs "$tls_port" "$rtt"
    url="https://127.0.0.1:$(first_line "proxy-$rtt")/cas"
  fi
  echo "== RTT $rtt ms"
  node bench/alternate.mjs "$work/rtt-$rtt.json" "$runs" 2 \
    "curl script (CA file only)=$(curl_ca "$url")" \
    "curl script (system + CA)=$(curl_system "$url")" \
    "casctl ticket check --ca-file=$(check "$url" "--ca-file $work/ca.pem --quiet")"
done

# connections and resumed TLS sessions for one run of each client (the server logs every change)
count() { # command... : prints "N connections, M resumed" for one run
  local before after
  sleep 0.1
  before=$(tail -1 "$work/tls.err" 2>/dev/null || echo 'accepted 0 resumed 0')
  "$@" >/dev/null
  sleep 0.1
  after=$(tail -1 "$work/tls.err")
  node -e 'const [b, a] = process.argv.slice(1).map((l) => l.split(" ").filter((_, i) => i % 2).map(Number));
    console.log(`${a[0] - b[0]} TCP connection(s), ${a[1] - b[1]} TLS handshake(s) resumed`)' "$before" "$after"
}
echo "== connections per check"
echo "casctl ticket check: $(count $(check "$tls_url" "--ca-file $work/ca.pem --quiet"))"
echo "curl script:         $(count $(curl_ca "$tls_url"))"

node - "$work" "${rtts[@]}" <<'JS'
const fs = require('node:fs');
const [work, ...rtts] = process.argv.slice(2);
const load = (name) => JSON.parse(fs.readFileSync(`${work}/${name}.json`, 'utf8')).results;
const median = (r) => r.median * 1000;
const ms = (v) => `${v.toFixed(1)} ms`;
const loop = load('loopback');
console.log('\n== loopback (medians)');
for (const r of loop) console.log(`${r.command.padEnd(30)} ${ms(median(r)).padStart(9)}`);
console.log(`TLS overhead (TLS - HTTP): ${ms(median(loop[2]) - median(loop[1]))}`);
console.log('\n== per RTT (medians; ratio = casctl / curl script)');
for (const rtt of rtts) {
  const [caOnly, system, casctl] = load(`rtt-${rtt}`);
  console.log(`RTT ${String(rtt).padStart(2)} ms: curl (CA only) ${ms(median(caOnly))}, curl (system + CA) ${ms(median(system))}, casctl ${ms(median(casctl))}` +
    `  ratio ${(median(casctl) / median(caOnly)).toFixed(2)}x (vs CA only), ${(median(casctl) / median(system)).toFixed(2)}x (vs system + CA)`);
}
JS
