// Everything the TV plays goes through one AudioContext: the hub's chime and
// announcements (WAV), and a synthesised chime for when the hub's cannot be had.
// Browsers may start the context suspended until someone touches the screen;
// unlock() says whether sound is allowed yet.

export class Speaker {
  constructor() {
    this.context = null;
    this.chimeBuffer = null;  // the hub's chime, decoded once
  }

  // Fetches the hub's chime (getChime) so chiming needs no request later.
  async loadChime(url) {
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const bytes = await response.arrayBuffer();
      if (!this.context) this.context = new AudioContext();
      this.chimeBuffer = await this.context.decodeAudioData(bytes);
    } catch (e) {
      console.warn('the hub\'s chime is unavailable; synthesising one:', e);
    }
  }

  // True when sound can play now. Without a user gesture a TV browser may
  // refuse; the kiosk runs Chromium with --autoplay-policy=no-user-gesture-required.
  async unlock() {
    if (!this.context) this.context = new AudioContext();
    if (this.context.state === 'running') return true;
    await Promise.race([this.context.resume().catch(() => {}), delay(500)]);
    return this.context.state === 'running';
  }

  get unlocked() {
    return Boolean(this.context) && this.context.state === 'running';
  }

  chime() {
    return this.chimeBuffer ? this.playBuffer(this.chimeBuffer) : this.synthesisedChime();
  }

  // A two-note "ding-dong", about 1.3 s.
  synthesisedChime() {
    const ctx = this.context;
    const start = ctx.currentTime + 0.05;
    const notes = [[880, 0], [659.25, 0.45]];
    let last = null;
    for (const [frequency, offset] of notes) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.5, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.8);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start + offset);
      osc.stop(start + offset + 0.85);
      last = osc;
    }
    return ended(last);
  }

  // Plays encoded audio (the hub's WAV); resolves when it has finished.
  async play(bytes) {
    return this.playBuffer(await this.context.decodeAudioData(bytes));
  }

  playBuffer(buffer) {
    const source = this.context.createBufferSource();
    source.buffer = buffer;
    source.connect(this.context.destination);
    source.start();
    return ended(source);
  }
}

function ended(node) {
  return new Promise((resolve) => { node.onended = () => resolve(); });
}

export function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
