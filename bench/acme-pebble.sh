#!/usr/bin/env bash
# Starts Debian's pebble (+ pebble-challtestsrv as DNS answering 127.0.0.1) on free loopback ports with a
# throw-away TLS CA, for bench/acme.sh and manual runs. Source it: it sets PEBBLE_DIR (directory URL),
# PEBBLE_CA (TLS CA PEM for --ca-file), PEBBLE_HTTP_PORT (HTTP-01 port), PEBBLE_MGMT, PEBBLE_PIDS, PEBBLE_TMP;
# `pebble_stop` kills both by PID.
set -euo pipefail

free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

PEBBLE_TMP=$(mktemp -d /tmp/casctl-bench-pebble.XXXXXX)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$PEBBLE_TMP/ca.key" \
  -out "$PEBBLE_TMP/ca.pem" -days 2 -subj '/CN=casctl bench TLS CA' 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$PEBBLE_TMP/tls.key" \
  -out "$PEBBLE_TMP/tls.csr" -subj '/CN=localhost' 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\n' > "$PEBBLE_TMP/tls.ext"
openssl x509 -req -in "$PEBBLE_TMP/tls.csr" -CA "$PEBBLE_TMP/ca.pem" -CAkey "$PEBBLE_TMP/ca.key" -CAcreateserial \
  -out "$PEBBLE_TMP/tls.pem" -days 2 -extfile "$PEBBLE_TMP/tls.ext" 2>/dev/null

acme_port=$(free_port); mgmt_port=$(free_port); tls_port=$(free_port); dns_port=$(free_port); chall_mgmt=$(free_port)
PEBBLE_HTTP_PORT=${PEBBLE_HTTP_PORT:-$(free_port)}
cat > "$PEBBLE_TMP/pebble.json" <<EOF
{"pebble": {"listenAddress": "127.0.0.1:$acme_port", "managementListenAddress": "127.0.0.1:$mgmt_port",
  "certificate": "$PEBBLE_TMP/tls.pem", "privateKey": "$PEBBLE_TMP/tls.key", "httpPort": $PEBBLE_HTTP_PORT,
  "tlsPort": $tls_port, "ocspResponderURL": "", "externalAccountBindingRequired": false}}
EOF
pebble-challtestsrv -defaultIPv4 127.0.0.1 -defaultIPv6 "" -dns01 "127.0.0.1:$dns_port" -http01 "" -https01 "" \
  -tlsalpn01 "" -management "127.0.0.1:$chall_mgmt" > "$PEBBLE_TMP/challtestsrv.log" 2>&1 &
dns_pid=$!
PEBBLE_VA_NOSLEEP=1 PEBBLE_AUTHZREUSE=0 PEBBLE_WFE_NONCEREJECT=${PEBBLE_WFE_NONCEREJECT:-0} \
  pebble -config "$PEBBLE_TMP/pebble.json" -dnsserver "127.0.0.1:$dns_port" > "$PEBBLE_TMP/pebble.log" 2>&1 &
pebble_pid=$!
PEBBLE_PIDS="$pebble_pid $dns_pid"
PEBBLE_DIR="https://127.0.0.1:$acme_port/dir"
PEBBLE_MGMT="https://127.0.0.1:$mgmt_port"
PEBBLE_CA="$PEBBLE_TMP/ca.pem"
for _ in $(seq 100); do
  curl -sf --cacert "$PEBBLE_CA" "$PEBBLE_DIR" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -sf --cacert "$PEBBLE_CA" "$PEBBLE_DIR" >/dev/null || { cat "$PEBBLE_TMP/pebble.log"; exit 1; }

pebble_stop() {
  for pid in $PEBBLE_PIDS; do kill "$pid" 2>/dev/null || true; done
  wait $PEBBLE_PIDS 2>/dev/null || true
  rm -rf "$PEBBLE_TMP"
}
export PEBBLE_DIR PEBBLE_CA PEBBLE_HTTP_PORT PEBBLE_MGMT PEBBLE_PIDS PEBBLE_TMP
