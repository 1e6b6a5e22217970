// One issuance the way acme-client's README and examples do it: a new account key, createCsr, client.auto()
// with http-01 answered from an in-process HTTP server. Used by bench/acme.sh as the comparison point.
// Environment: ACME_DIRECTORY, HTTP_PORT, NAMES (space separated); NODE_EXTRA_CA_CERTS trusts pebble's TLS.
// skipChallengeVerification: acme-client's self-check resolves the names through the system DNS, which
// cannot know pebble's test names (and is not the CA's validation anyway).
import http from 'node:http';
import acme from 'acme-client';

const names = (process.env.NAMES ?? 'bench.example.org').split(' ');
const answers = new Map();
const server = http.createServer((req, res) => {
  const token = req.url.split('/').pop();
  if (req.url.startsWith('/.well-known/acme-challenge/') && answers.has(token)) {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end(answers.get(token));
  } else {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((resolve) => server.listen(Number(process.env.HTTP_PORT), '127.0.0.1', resolve));
try {
  const client = new acme.Client({ directoryUrl: process.env.ACME_DIRECTORY, accountKey: await acme.crypto.createPrivateKey() });
  const [, csr] = await acme.crypto.createCsr({ commonName: names[0], altNames: names });
  const cert = await client.auto({
    csr,
    email: 'bench@example.org',
    termsOfServiceAgreed: true,
    challengePriority: ['http-01'],
    skipChallengeVerification: true,
    challengeCreateFn: async (_authz, challenge, keyAuthorization) => answers.set(challenge.token, keyAuthorization),
    challengeRemoveFn: async (_authz, challenge) => answers.delete(challenge.token),
  });
  if (!cert.includes('BEGIN CERTIFICATE')) throw new Error('no certificate');
} finally {
  server.close();
}
