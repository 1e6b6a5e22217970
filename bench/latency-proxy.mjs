// A TCP proxy on 127.0.0.1 that adds a round-trip time, for benchmarks (this kernel has no netem).
// Each direction is delayed by RTT/2, in order. The TCP handshake's round trip is modelled too: bytes a
// client sends before one RTT has passed since it connected leave as if sent at that moment, because
// on a real network the client could not send them earlier.
// usage: node bench/latency-proxy.mjs TARGET_PORT RTT_MS   (prints the port it listens on; stop with SIGTERM)
// Every accepted connection is counted on stderr at exit ("connections N").
import { connect, createServer } from 'node:net';

const [targetPort, rttArg] = process.argv.slice(2).map(Number);
const rtt = rttArg ?? 0;
let accepted = 0;

/** Forwards `from` to `to`, each chunk at max(arrival, notBefore) + delay, in order; ends after the last. */
function pipeDelayed(from, to, delay, notBefore) {
  const queue = [];
  let timer;
  let ended = false;
  const pump = () => {
    timer = undefined;
    const now = performance.now();
    while (queue.length > 0 && queue[0].at <= now) to.write(queue.shift().chunk);
    if (queue.length > 0) timer = setTimeout(pump, queue[0].at - now);
    else if (ended) to.end();
  };
  from.on('data', (chunk) => {
    queue.push({ at: Math.max(performance.now(), notBefore) + delay, chunk });
    timer ??= setTimeout(pump, queue[0].at - performance.now());
  });
  from.on('end', () => {
    ended = true;
    timer ??= setTimeout(pump, 0);
  });
}

// Half-open allowed: a FIN travels with the same delay as the bytes before it (pipeDelayed ends the other side).
const server = createServer({ noDelay: true, allowHalfOpen: true }, (client) => {
  accepted++;
  const connectedAt = performance.now() + rtt; // when the client's SYN/ACK would have come back
  const upstream = connect({ host: '127.0.0.1', port: targetPort, noDelay: true, allowHalfOpen: true });
  pipeDelayed(client, upstream, rtt / 2, connectedAt);
  pipeDelayed(upstream, client, rtt / 2, 0);
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', close);
  upstream.on('error', close);
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.on('SIGTERM', () => {
  process.stderr.write(`connections ${accepted}\n`);
  process.exit(0);
});
