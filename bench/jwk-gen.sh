#!/usr/bin/env bash
# jwk-gen startup benchmark: `casctl jwk-gen -t oct -s 512` against bare `node -e 0` (aim: within 1.5x),
# with `casctl --help` (the CLI core alone) and `openssl rand -base64 64` for scale. One hyperfine run.
# Usage: npm run build && bench/jwk-gen.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-40}"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
hyperfine -N --warmup 5 --runs "$runs" --export-json "$out" \
  -n 'node -e 0' 'node -e 0' \
  -n 'casctl --help' 'node bin/casctl --help' \
  -n 'casctl jwk-gen -t oct -s 512' 'node bin/casctl jwk-gen -t oct -s 512' \
  -n 'casctl jwk-gen -t oct -s 512 --k-only' 'node bin/casctl jwk-gen -t oct -s 512 --k-only' \
  -n 'openssl rand -base64 64' 'openssl rand -base64 64' >/dev/null
node -e '
const { results } = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
const [base] = results;
console.log(`node ${process.version}, ${process.argv[2]} runs each (hyperfine -N --warmup 5)\n`);
console.log("| command | mean | median | user+sys | x bare node (median) |");
console.log("|---|---|---|---|---|");
for (const r of results) {
  const ms = (s) => `${(s * 1000).toFixed(1)} ms`;
  console.log(`| \`${r.command}\` | ${ms(r.mean)} | ${ms(r.median)} | ${ms(r.user + r.system)} | ${(r.median / base.median).toFixed(2)} |`);
}' "$out" "$runs"
