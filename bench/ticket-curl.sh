#!/bin/sh
# The four requests of `casctl ticket check --via rest`, as an operator would script them with curl:
# TGT (POST /v1/tickets), ST (POST /v1/tickets/TGT), validate (/p3/serviceValidate), logout (DELETE).
# usage: ticket-curl.sh SERVER SERVICE USERNAME PASSWORD_FILE
set -eu
server=$1 service=$2 user=$3 pwfile=$4
location=$(curl -sS -o /dev/null -w '%header{location}' -H 'Accept: text/plain' \
  --data-urlencode "username=$user" --data-urlencode "password@$pwfile" "$server/v1/tickets")
tgt=${location##*/}
[ -n "$tgt" ] || { echo "no TGT" >&2; exit 1; }
st=$(curl -sS -f -H 'Accept: text/plain' --data-urlencode "service=$service" "$server/v1/tickets/$tgt")
curl -sS -f -G --data-urlencode "service=$service" --data-urlencode "ticket=$st" "$server/p3/serviceValidate" \
  | grep -q '<cas:authenticationSuccess>' || { echo "validation failed" >&2; exit 1; }
curl -sS -f -X DELETE "$server/v1/tickets/$tgt" >/dev/null
