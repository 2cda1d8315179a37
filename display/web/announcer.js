// Calls are announced one at a time: highlight, then the spoken announcement
// (or the chime), then the next. Two doctors calling at once never talk over
// each other, and a recall simply queues the same call again.
import { delay } from './sound.js';

// A call announced minutes late helps no one: keep only the latest few.
const MAX_QUEUED = 6;
// The callout stays up at least this long, with or without sound.
const MIN_CALLOUT_MS = 3500;
const GAP_MS = 500;
const HISTORY = 50;

export class Announcer {
  // speaker: a Speaker. fetchAnnouncement(call) → ArrayBuffer (throws on failure).
  // soundMode() → "speech" | "chime" | "off". onStart(call) / onEnd(call) show and
  // hide the callout and highlight the doctor's panel.
  constructor({ speaker, fetchAnnouncement, soundMode, onStart, onEnd }) {
    Object.assign(this, { speaker, fetchAnnouncement, soundMode, onStart, onEnd });
    this.queue = [];
    this.busy = false;
    // What was announced and how, oldest first (for diagnostics and tests):
    // { label, room, doctorId, recall, sound: speech|chime|silent, startedAt, endedAt }.
    this.history = [];
  }

  announce(call) {
    this.queue.push(call);
    if (this.queue.length > MAX_QUEUED) this.queue.splice(0, this.queue.length - MAX_QUEUED);
    if (!this.busy) this.drain();
  }

  async drain() {
    this.busy = true;
    while (this.queue.length) {
      const call = this.queue.shift();
      const entry = { ...call, sound: 'silent', startedAt: performance.now(), endedAt: null };
      this.history.push(entry);
      if (this.history.length > HISTORY) this.history.shift();
      this.onStart(call);
      const minimum = delay(MIN_CALLOUT_MS);
      entry.sound = await this.play(call);
      entry.endedAt = performance.now();
      await minimum;
      this.onEnd(call);
      await delay(GAP_MS);
    }
    this.busy = false;
  }

  // Returns how the call was announced. A failed announcement falls back to the chime.
  async play(call) {
    const mode = this.soundMode();
    if (mode === 'off' || !this.speaker.unlocked) return 'silent';
    if (mode === 'speech') {
      try {
        await this.speaker.play(await this.fetchAnnouncement(call));
        return 'speech';
      } catch (e) {
        console.warn('announcement failed, chiming instead:', e);
      }
    }
    await this.speaker.chime();
    return 'chime';
  }
}
