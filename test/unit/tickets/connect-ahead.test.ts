/**
 * `ticket check`'s head start: main() reads the server from the raw arguments (ticketCheckServer) and
 * opens its TCP connection before commander runs (connectAhead); the HTTP client's preconnect to the
 * same origin takes that connection over (one connection in all), and its clock starts when it was opened.
 */
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ticketCheckServer } from '../../../src/commands/ticket/ahead.js';
import { connectAhead, takeAhead } from '../../../src/io/connect-ahead.js';
import { createHttpClient } from '../../../src/io/http.js';

describe('ticketCheckServer (the hint read before commander)', () => {
  const env = { CASCTL_SERVER: 'https://env.example.org/cas' };
  it('ticket check with a password from a file or a variable: --server, --server=, else CASCTL_SERVER', () => {
    expect(ticketCheckServer(['ticket', 'check', '--server', 'https://a/cas', '--password-file', 'f'], env)).toBe('https://a/cas');
    expect(ticketCheckServer(['ticket', 'check', '--password-env=P', '--server=https://b/cas'], env)).toBe('https://b/cas');
    expect(ticketCheckServer(['ticket', 'check', '-s', 'x', '--password-file=f'], env)).toBe(env.CASCTL_SERVER);
  });
  it('nothing for other commands, a prompted password, --help or after --', () => {
    expect(ticketCheckServer(['ticket', 'tgt', '--server', 'https://a/cas', '--password-file', 'f'], env)).toBeUndefined();
    expect(ticketCheckServer(['ticket', 'check', '--server', 'https://a/cas'], env)).toBeUndefined();
    expect(ticketCheckServer(['ticket', 'check', '--server', 'https://a/cas', '--password-file', 'f', '--help'], env)).toBeUndefined();
    expect(ticketCheckServer(['ticket', 'check', '--password-file', 'f', '--', '--server', 'https://a/cas'], env)).toBeUndefined();
    expect(ticketCheckServer(['ticket', 'check', '--password-stdin'], {})).toBeUndefined();
  });
});

describe('connectAhead', () => {
  it('the client preconnect takes the connection opened ahead: one TCP connection, clock from its start', async () => {
    const sockets: Socket[] = [];
    const tcp = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    const port = (tcp.address() as AddressInfo).port;
    const openedAt = performance.now();
    await connectAhead(`http://127.0.0.1:${port}/cas`);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const http = await createHttpClient();
    try {
      const startedAt = await http.preconnect!(`http://127.0.0.1:${port}/cas`);
      expect(startedAt).toBeGreaterThanOrEqual(openedAt - 1);
      expect(performance.now() - startedAt).toBeGreaterThanOrEqual(29);
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(sockets).toHaveLength(1);
    } finally {
      await http.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => tcp.close(resolve));
    }
  });

  it('a refused connection opened ahead is not handed over; nothing for a non-http URL', async () => {
    await connectAhead('http://127.0.0.1:1/cas');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(takeAhead('127.0.0.1:1')).toBeUndefined();
    expect(connectAhead('ftp://127.0.0.1/')).toBeUndefined();
    expect(connectAhead('not a url')).toBeUndefined();
    expect(connectAhead(undefined)).toBeUndefined();
  });
});
