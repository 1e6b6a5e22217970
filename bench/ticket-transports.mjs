// The transport choice for src/io/http.ts: four requests on one connection, with each HTTP client
// Node offers, to compare their start-up cost. usage: node bench/ticket-transports.mjs undici|fetch|node-http URL
const [how, url] = process.argv.slice(2);
const body = 'username=casuser&password=x';
if (how === 'undici') {
  const { Agent, request } = await import('undici');
  const dispatcher = new Agent();
  for (let i = 0; i < 4; i++) await (await request(url, { method: 'POST', body, dispatcher, headers: { 'content-type': 'application/x-www-form-urlencoded' } })).body.text();
} else if (how === 'fetch') {
  for (let i = 0; i < 4; i++) await (await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } })).text();
} else {
  const http = await import('node:http');
  const agent = new http.Agent({ keepAlive: true });
  const once = () =>
    new Promise((resolve, reject) => {
      const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': body.length } }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end(body);
    });
  for (let i = 0; i < 4; i++) await once();
}
process.exit(0);
