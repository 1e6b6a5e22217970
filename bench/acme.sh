#!/usr/bin/env bash
# Wall time of one certificate issuance (two names, HTTP-01) against Debian's pebble on loopback:
#   casctl acme issue  vs  acme-client's own auto() usage (bench/acme-client-auto.mjs)  vs  uacme (Debian)
# in the same run, same pebble, same HTTP-01 port. Prints hyperfine's table and the ratios.
# Usage: bash bench/acme.sh [runs]   (needs: pebble, uacme, hyperfine, openssl, curl, python3; run as root for
# uacme's TLS trust: it has no CA option, so it runs in a private mount namespace where the system bundle
# is replaced by one that also holds pebble's TLS CA).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-10}
[ -f dist/casctl.cjs ] || npm run build >/dev/null
source bench/acme-pebble.sh
WORK=$(mktemp -d /tmp/casctl-bench-acme.XXXXXX)
webroot_pid=""
cleanup() { [ -n "$webroot_pid" ] && kill "$webroot_pid" 2>/dev/null; pebble_stop; rm -rf "$WORK"; }
trap cleanup EXIT
NAMES="cas.example.org login.example.org"

# casctl: the account exists after the warm-up (as in any renewal); --force makes every run a full order.
casctl_cmd="node bin/casctl --quiet acme issue --server $PEBBLE_DIR --ca-file $PEBBLE_CA --agree-tos -d cas.example.org -d login.example.org --http-port $PEBBLE_HTTP_PORT --listen 127.0.0.1 --dir $WORK/casctl --account-key $WORK/casctl-account.key --force"

# acme-client's own way (new account key per run, as its examples do).
acme_client_cmd="env NODE_EXTRA_CA_CERTS=$PEBBLE_CA ACME_DIRECTORY=$PEBBLE_DIR HTTP_PORT=$PEBBLE_HTTP_PORT NAMES='$NAMES' node bench/acme-client-auto.mjs"

# uacme: account created once; its hook writes into a webroot served by python's http.server on the HTTP-01 port.
cat /etc/ssl/certs/ca-certificates.crt "$PEBBLE_CA" > "$WORK/bundle.pem"
mkdir -p "$WORK/uacme" "$WORK/www/.well-known/acme-challenge"
cat > "$WORK/hook.sh" <<HOOK
#!/bin/sh
# uacme hook: \$1 begin|done|failed, \$2 challenge type, \$3 identifier, \$4 token, \$5 key authorization
[ "\$2" = http-01 ] || exit 1
case "\$1" in
  begin) printf '%s' "\$5" > "$WORK/www/.well-known/acme-challenge/\$4" ;;
  *) rm -f "$WORK/www/.well-known/acme-challenge/\$4" ;;
esac
HOOK
chmod +x "$WORK/hook.sh"
uacme_run() { echo "unshare -m sh -c 'mount --bind $WORK/bundle.pem /etc/ssl/certs/ca-certificates.crt && exec uacme -a $PEBBLE_DIR -c $WORK/uacme -h $WORK/hook.sh -o -y -f $*'"; }
eval "$(uacme_run new bench@example.org)" >/dev/null
uacme_cmd=$(uacme_run issue $NAMES)

echo "pebble $PEBBLE_DIR, HTTP-01 port $PEBBLE_HTTP_PORT, $RUNS runs each, names: $NAMES"
node --version; (uacme -V 2>&1 || true) | head -1; echo "acme-client $(node -p "require('./node_modules/acme-client/package.json').version")"

python3 -m http.server "$PEBBLE_HTTP_PORT" --bind 127.0.0.1 --directory "$WORK/www" >/dev/null 2>&1 &
webroot_pid=$!
sleep 0.5
# uacme backs up the old cert.pem as cert-<unix time>.pem and fails when two runs fall in the same second.
hyperfine -N --warmup 1 --runs "$RUNS" --prepare "find $WORK/uacme -name cert-*.pem -delete" --export-json "$WORK/uacme.json" -n uacme "$uacme_cmd"
kill "$webroot_pid"; wait "$webroot_pid" 2>/dev/null || true; webroot_pid=""

hyperfine --warmup 1 --runs "$RUNS" --export-json "$WORK/node.json" -n casctl "$casctl_cmd" -n acme-client "$acme_client_cmd"

node -e '
const a = require(process.argv[1]).results, b = require(process.argv[2]).results;
const r = Object.fromEntries([...a, ...b].map((x) => [x.command, x]));
const f = (x) => `${(x.mean * 1000).toFixed(0)} ms ± ${(x.stddev * 1000).toFixed(0)} (median ${(x.median * 1000).toFixed(0)})`;
for (const name of ["casctl", "acme-client", "uacme"]) console.log(`${name.padEnd(12)} ${f(r[name])}`);
console.log(`casctl / acme-client = ${(r.casctl.mean / r["acme-client"].mean).toFixed(2)}`);
console.log(`casctl / uacme       = ${(r.casctl.mean / r.uacme.mean).toFixed(2)}`);
' "$WORK/uacme.json" "$WORK/node.json"
