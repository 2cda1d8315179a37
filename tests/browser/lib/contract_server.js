// A stand-in for the hub's public display endpoints, exactly as docs/display.md
// specifies them, so the page's behaviour (rendering, numerals, announcements in
// order, resume and restart) is tested on its own, with events the test
// controls. The page's files are served from display/web as the hub serves them.
'use strict';
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const WEB = path.resolve(__dirname, '../../../display/web');
const FONTS = '/usr/share/fonts/truetype/noto';
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.ttf': 'font/ttf' };
const FONT_FILES = {
  'noto-sans.ttf': 'NotoSans-Regular.ttf', 'noto-sans-bold.ttf': 'NotoSans-Bold.ttf',
  'noto-sans-bengali.ttf': 'NotoSansBengali-Regular.ttf', 'noto-sans-bengali-bold.ttf': 'NotoSansBengali-Bold.ttf',
};

// A short mono 16-bit WAV of silence-with-a-tone, the shape getAnnouncement returns.
function wav(seconds) {
  const rate = 8000;
  const samples = Math.round(rate * seconds);
  const b = Buffer.alloc(44 + samples * 2);
  b.write('RIFF', 0); b.writeUInt32LE(36 + samples * 2, 4); b.write('WAVE', 8);
  b.write('fmt ', 12); b.writeUInt32LE(16, 16); b.writeUInt16LE(1, 20); b.writeUInt16LE(1, 22);
  b.writeUInt32LE(rate, 24); b.writeUInt32LE(rate * 2, 28); b.writeUInt16LE(2, 32); b.writeUInt16LE(16, 34);
  b.write('data', 36); b.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) b.writeInt16LE(Math.round(3000 * Math.sin(i / 4)), 44 + i * 2);
  return b;
}

class ContractServer {
  constructor({ key, state, announcementSeconds = 0.8 }) {
    this.key = key;
    this.state = state;          // the display state; event_id advances with every event
    this.streams = new Set();
    this.announcements = [];     // the query strings of announcement requests, in order
    this.announcementSeconds = announcementSeconds;
    this.server = http.createServer((req, res) => this.route(req, res));
  }

  async listen() {
    await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = this.server.address().port;
    return `http://127.0.0.1:${this.port}`;
  }

  async close() {
    for (const s of this.streams) s.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  // As a hub restart looks to a TV: every connection cut, ids start again.
  restart(firstId) {
    for (const s of this.streams) s.destroy();
    this.streams.clear();
    this.state.event_id = firstId;
  }

  // Publishes a display event (type queue | display) to every open stream.
  publish(type, data) {
    this.state.event_id += 1;
    if (type === 'queue') {
      const i = this.state.doctors.findIndex((d) => d.doctor_id === data.doctor_id);
      this.state.doctors[i] = data.doctor;
    } else if (type === 'display') {
      this.state.display = data;
    }
    for (const s of this.streams) s.write(`id: ${this.state.event_id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  route(req, res) {
    const url = new URL(req.url, 'http://x');
    const api = `/api/v1/display/${this.key}`;
    if (url.pathname === `/display/${this.key}`) return this.file(res, path.join(WEB, 'index.html'));
    if (url.pathname.startsWith('/display/assets/fonts/')) {
      return this.file(res, path.join(FONTS, FONT_FILES[path.basename(url.pathname)] || 'missing'));
    }
    if (url.pathname.startsWith('/display/assets/')) return this.file(res, path.join(WEB, path.basename(url.pathname)));
    if (url.pathname === `${api}/state`) return this.json(res, this.state);
    if (url.pathname === `${api}/announcement`) {
      this.announcements.push(url.search);
      res.writeHead(200, { 'Content-Type': 'audio/wav' });
      return res.end(wav(this.announcementSeconds));
    }
    if (url.pathname === `${api}/events`) return this.stream(req, res);
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.end('{"error":{"code":"not_found","message":"no such display"}}');
  }

  stream(req, res) {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
    res.write('retry: 3000\n\n');
    const last = Number(req.headers['last-event-id']);
    // A fresh client or one from before a restart gets a snapshot; this server
    // keeps no journal, so a client that is behind gets one too.
    if (!Number.isFinite(last) || last !== this.state.event_id) {
      res.write(`id: ${this.state.event_id}\nevent: snapshot\ndata: ${JSON.stringify(this.state)}\n\n`);
    }
    this.streams.add(res);
    req.on('close', () => this.streams.delete(res));
  }

  json(res, body) {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  file(res, file) {
    fs.readFile(file, (err, data) => {
      if (err) {
        res.writeHead(404);
        return res.end();
      }
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' });
      res.end(data);
    });
  }
}

module.exports = { ContractServer };
