/**
 * A stand-in for CAS's `registeredServices` actuator endpoint (RegisteredServicesEndpoint), since no CAS
 * server can run here. It answers as the reference (cas-services.md §4) and CAS's endpoint do:
 *   GET <prefix>/actuator/registeredServices/{id}  id = numeric service id or a URL-encoded service URL;
 *       200 application/json with the definition (default typing, as in the files); 404 with an empty body
 *       when no service matches (Spring's actuator answers 404 for a null read result)
 *   401 with WWW-Authenticate: Basic when the credentials are missing or wrong (actuators behind basic auth)
 *   anything else under /actuator: Spring's JSON 404 page (endpoint not exposed)
 * Which service a URL yields is given to it (the answers a real CAS gave for these URLs), so the tests do
 * not judge casctl's matcher with casctl's matcher. Listens on 127.0.0.1, port chosen by the OS.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ActuatorOptions {
  user: string;
  password: string;
  /** service URL (or numeric id) → the JSON text CAS answers */
  answers: Record<string, string>;
  prefix?: string;
}

export interface ActuatorStandIn {
  url: string;
  requests: { path: string; authorization?: string }[];
  close(): Promise<void>;
}

export async function startActuator(options: ActuatorOptions): Promise<ActuatorStandIn> {
  const prefix = options.prefix ?? '/cas';
  const requests: ActuatorStandIn['requests'] = [];
  const expected = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString('base64')}`;
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="Realm"', 'Content-Length': '0' });
      res.end();
      return;
    }
    const base = `${prefix}/actuator/registeredServices/`;
    if (req.method !== 'GET' || !path.startsWith(base)) {
      const body = JSON.stringify({ timestamp: new Date().toISOString(), status: 404, error: 'Not Found', path });
      res.writeHead(404, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    const id = decodeURIComponent(path.slice(base.length));
    const answer = options.answers[id];
    if (answer === undefined) {
      res.writeHead(404, { 'Content-Length': '0' });
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(answer) });
    res.end(answer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
