// The real clinic-hubd for browser tests, as tests/integration/hub_process.*
// runs it for the C++ tests: a temp directory with a demo clinic, the daemon on
// free 127.0.0.1 ports, killed and restarted on the same ports at will.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const https = require('node:https');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const BINARY_DIR = process.env.CLINIC_HUB_BINARY_DIR || path.resolve(__dirname, '../../../build');
const HUBD = path.join(BINARY_DIR, 'hub/bin/clinic-hubd');
const HUB_CLI = path.join(BINARY_DIR, 'hub/bin/clinic-hub');
const DEMO_PASSWORD = 'demo-password-1';  // every demo-data account's

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

class Hub {
  // A demo clinic in a new temp directory (not started yet).
  constructor() {
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-hub-browser-'));
    this.config = path.join(this.root, 'clinic-hub.conf');
    fs.writeFileSync(this.config, `# written by the browser tests
[server]
hostname = clinic-hub
listen = 127.0.0.1
[storage]
data-dir = ${path.join(this.root, 'data')}
[discovery]
mdns = no
`);
    const demo = spawnSync(HUB_CLI, ['demo-data', '--config', this.config], { encoding: 'utf8', timeout: 60000 });
    if (demo.status !== 0) throw new Error(`clinic-hub demo-data failed: ${demo.stderr}`);
    this.child = null;
    this.log = path.join(this.root, 'clinic-hubd.log');
    // However the test ends, the daemon and its directory go with it.
    process.once('exit', () => {
      if (this.child && this.child.exitCode === null) this.child.kill('SIGKILL');
      fs.rmSync(this.root, { recursive: true, force: true });
    });
  }

  get origin() { return `https://localhost:${this.httpsPort}`; }
  get kioskOrigin() { return `http://127.0.0.1:${this.kioskPort}`; }
  get ca() { return fs.readFileSync(path.join(this.root, 'data/tls/ca.crt')); }

  async start() {
    if (!this.httpsPort) {
      this.httpsPort = await freePort();
      this.kioskPort = await freePort();
    }
    const out = fs.openSync(this.log, 'a');
    this.child = spawn(HUBD, ['--config', this.config, '--https-port', String(this.httpsPort), '--http-port', '0',
      '--kiosk-port', String(this.kioskPort)], { stdio: ['ignore', out, out] });
    fs.closeSync(out);
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.exited = exited;
    const deadline = Date.now() + 20000;
    for (;;) {
      if (this.child.exitCode !== null) throw new Error(`clinic-hubd exited:\n${this.logText()}`);
      try {
        if ((await this.request('GET', '/healthz')).status === 200) return;
      } catch (e) {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`clinic-hubd did not become healthy:\n${this.logText()}`);
      await sleep(50);
    }
  }

  // SIGKILL, as a power cut would.
  async kill() {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  async stop() {
    await this.kill();
    fs.rmSync(this.root, { recursive: true, force: true });
  }

  logText() {
    return fs.existsSync(this.log) ? fs.readFileSync(this.log, 'utf8') : '';
  }

  // One HTTPS request trusting only this hub's root. Returns { status, headers, body, json }.
  request(method, urlPath, { body, cookie, csrf } = {}) {
    return new Promise((resolve, reject) => {
      const headers = {};
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      if (cookie) headers.Cookie = cookie;
      if (csrf) headers['X-CSRF-Token'] = csrf;
      const req = https.request({
        host: '127.0.0.1', port: this.httpsPort, servername: 'localhost', path: urlPath, method, headers,
        ca: this.ca, timeout: 10000,
      }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => { text += chunk; });
        res.on('end', () => {
          let json = null;
          try { json = JSON.parse(text); } catch (e) { /* not JSON */ }
          resolve({ status: res.statusCode, headers: res.headers, body: text, json });
        });
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${urlPath}: timed out`)));
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
  }

  // A signed-in staff member: api(method, path, body) → the JSON answer, or throws.
  async signIn(username) {
    const r = await this.request('POST', '/api/v1/auth/login', { body: { username, password: DEMO_PASSWORD } });
    if (r.status !== 200) throw new Error(`login as ${username}: ${r.status} ${r.body}`);
    const cookie = r.headers['set-cookie'][0].split(';')[0];
    const csrf = r.json.csrf_token;
    return async (method, urlPath, body) => {
      const res = await this.request(method, urlPath, { body, cookie, csrf: method === 'GET' ? undefined : csrf });
      if (res.status >= 300) throw new Error(`${method} ${urlPath}: ${res.status} ${res.body}`);
      return res.json;
    };
  }
}

module.exports = { Hub, DEMO_PASSWORD };
