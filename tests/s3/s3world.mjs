// A real S3 implementation for the sync's integration tests, on loopback only:
//
//   s3rver (npm) <- the front <- the fault proxy <- clinic-hub
//
// The front speaks HTTPS with a certificate from a CA made here (the test
// passes its ca.crt to clinic-hub --ca-file), recomputes every request's
// Signature Version 4 with AWS's own signer (@smithy/signature-v4) and the one
// secret key it was given, refuses a mismatch as S3 would (403
// SignatureDoesNotMatch), checks the body against x-amz-content-sha256, and
// forwards the request to s3rver without its signature (s3rver knows only its
// own fixed key pair). So the hub's signing is proven against AWS's
// implementation, not against itself.
//
// The fault proxy forwards TCP to the front and, when armed, cuts every
// connection once the client has sent a given number of bytes, then refuses
// connections until it is told the network is back: a cable pulled mid-upload.
//
// Control (plain HTTP on its own loopback port, never signed):
//   GET  /stats           {"requests": n, "refused": n, "inflight": n, "puts": [key, ...]}
//   POST /proxy/cut?after=BYTES   arm the cut
//   POST /proxy/up        the network is back
//
// Usage: node s3world.mjs --dir DIR --access-key-id ID --secret-key SECRET --bucket NAME
// Prints one line of JSON when ready: {"s3": port, "proxy": port, "control": port, "ca": path}.
// Ends on SIGTERM.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import S3rver from 's3rver';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
for (const required of ['dir', 'access-key-id', 'secret-key', 'bucket'])
  if (!args[required]) { console.error(`s3world: --${required} is required`); process.exit(2); }
const dir = path.resolve(args.dir);
fs.mkdirSync(path.join(dir, 's3rver'), { recursive: true });

// A CA and a server certificate for 127.0.0.1, localhost and *.localhost (virtual-host buckets).
const openssl = (...a) => execFileSync('openssl', a, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key',
  '-out', 'ca.crt', '-days', '2', '-subj', '/CN=clinic-hub test S3 CA',
  '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign');
openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 's3.key', '-out', 's3.csr',
  '-subj', '/CN=localhost');
fs.writeFileSync(path.join(dir, 's3.ext'),
  'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:*.localhost\nextendedKeyUsage=serverAuth\n');
openssl('x509', '-req', '-in', 's3.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 's3.crt',
  '-days', '2', '-extfile', 's3.ext');

const s3rver = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: path.join(dir, 's3rver'),
  configureBuckets: [{ name: args.bucket }] });
const backend = await s3rver.run();

// inflight: requests passed on to s3rver and not yet answered.
const stats = { requests: 0, refused: 0, inflight: 0, puts: [] };

const signer = new SignatureV4({
  service: 's3', region: 'us-east-1', sha256: Hash.bind(null, 'sha256'), uriEscapePath: false, applyChecksum: true,
  credentials: { accessKeyId: args['access-key-id'], secretAccessKey: args['secret-key'] },
});

// "20130524T000000Z" -> Date
const amzDate = (s) => new Date(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`);

// The query as AWS's signer wants it: decoded names and values ('+' is a plus, not a space).
function parseQuery(raw) {
  const query = {};
  for (const part of raw ? raw.split('&') : []) {
    const eq = part.indexOf('=');
    const name = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
    query[name] = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1));
  }
  return query;
}

function refuse(res, status, code, message) {
  stats.refused += 1;
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}

async function check(req, body) {
  const auth = req.headers.authorization || '';
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) return ['AccessDenied', 'no Signature Version 4 authorization'];
  const [, accessKeyId, day, region, signedHeaders, signature] = m;
  if (accessKeyId !== args['access-key-id']) return ['InvalidAccessKeyId', 'unknown access key id'];
  const date = req.headers['x-amz-date'] || '';
  if (!date.startsWith(day)) return ['AccessDenied', 'x-amz-date does not match the credential scope'];
  if (Math.abs(amzDate(date).getTime() - Date.now()) > 15 * 60 * 1000) return ['RequestTimeTooSkewed', 'clock skew'];
  const payloadHash = req.headers['x-amz-content-sha256'];
  if (payloadHash !== createHash('sha256').update(body).digest('hex'))
    return ['XAmzContentSHA256Mismatch', 'the body does not match x-amz-content-sha256'];
  const headers = {};
  for (const name of signedHeaders.split(';')) {
    if (req.headers[name] === undefined) return ['AccessDenied', `signed header ${name} is missing`];
    headers[name] = req.headers[name];
  }
  const [rawPath, rawQuery = ''] = req.url.split('?');
  const [hostname, port] = (req.headers.host || '').split(':');
  const request = new HttpRequest({ method: req.method, protocol: 'https:', hostname, port: port ? Number(port) : undefined,
    path: rawPath, query: parseQuery(rawQuery), headers, body });
  const signed = await signer.sign(request, { signingDate: amzDate(date), signingRegion: region });
  const expected = /Signature=([0-9a-f]{64})/.exec(signed.headers.authorization)[1];
  if (expected !== signature) return ['SignatureDoesNotMatch', 'the signature AWS computes for this request differs'];
  return null;
}

const front = https.createServer({ key: fs.readFileSync(path.join(dir, 's3.key')), cert: fs.readFileSync(path.join(dir, 's3.crt')) },
  (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      stats.requests += 1;
      const body = Buffer.concat(chunks);
      const problem = await check(req, body).catch((e) => ['InternalError', String(e)]);
      if (problem) return refuse(res, problem[0] === 'InternalError' ? 500 : 403, problem[0], problem[1]);
      // Virtual-host style (bucket.localhost) goes on to s3rver path-style.
      const host = (req.headers.host || '').split(':')[0];
      const vhost = host.endsWith('.localhost') ? `/${host.slice(0, -'.localhost'.length)}` : '';
      if (req.method === 'PUT') stats.puts.push(`${vhost}${req.url}`.split('?')[0].replace(`/${args.bucket}/`, ''));
      const headers = { ...req.headers, host: `127.0.0.1:${backend.port}`, 'content-length': String(body.length) };
      delete headers.authorization;
      delete headers['x-amz-date'];
      delete headers['transfer-encoding'];
      stats.inflight += 1;
      let done = false;
      const finished = () => { if (!done) { done = true; stats.inflight -= 1; } };
      const forward = http.request({ host: '127.0.0.1', port: backend.port, method: req.method, path: `${vhost}${req.url}`, headers },
        (answer) => {
          res.writeHead(answer.statusCode, answer.headers);
          answer.on('end', finished);
          answer.pipe(res);
        });
      forward.on('error', (e) => { finished(); refuse(res, 502, 'InternalError', String(e)); });
      forward.end(body);
    });
  });
await new Promise((ok) => front.listen(0, '127.0.0.1', ok));

// The fault proxy.
let cutAfter = null;  // bytes the client may still send, or null when not armed
let down = false;
const open = new Set();
const proxy = net.createServer((client) => {
  if (down) return client.destroy();
  const server = net.connect(front.address().port, '127.0.0.1');
  open.add(client);
  const close = () => { client.destroy(); server.destroy(); open.delete(client); };
  client.on('data', (chunk) => {
    if (cutAfter !== null) {
      cutAfter -= chunk.length;
      if (cutAfter <= 0) {
        cutAfter = null;
        down = true;
        for (const c of open) c.destroy();
        return close();
      }
    }
    server.write(chunk);
  });
  server.on('data', (chunk) => client.write(chunk));
  client.on('error', close);
  server.on('error', close);
  client.on('close', close);
  server.on('close', close);
});
await new Promise((ok) => proxy.listen(0, '127.0.0.1', ok));

const control = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  if (req.method === 'GET' && url.pathname === '/stats') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify(stats));
  }
  if (req.method === 'POST' && url.pathname === '/proxy/cut') {
    cutAfter = Number(url.searchParams.get('after'));
    down = false;
    res.writeHead(204);
    return res.end();
  }
  if (req.method === 'POST' && url.pathname === '/proxy/up') {
    cutAfter = null;
    down = false;
    res.writeHead(204);
    return res.end();
  }
  res.writeHead(404);
  res.end();
});
await new Promise((ok) => control.listen(0, '127.0.0.1', ok));

console.log(JSON.stringify({ s3: front.address().port, proxy: proxy.address().port, control: control.address().port,
  ca: path.join(dir, 'ca.crt') }));

const stop = async () => {
  front.close();
  proxy.close();
  control.close();
  for (const c of open) c.destroy();
  await s3rver.close().catch(() => {});
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
