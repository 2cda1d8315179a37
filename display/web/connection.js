// The display's link to the hub: first paint from getDisplayState, then live
// from the displayEvents stream. EventSource reconnects by itself and resends
// Last-Event-ID; the hub answers with the missed events or, after a restart, a
// snapshot. What EventSource cannot notice (a link that died silently, a stream
// refused with an HTTP error) a slow watchdog does.

const RETRY_MS = 3000;
const UNKNOWN_RETRY_MS = 30000;
const IDLE_CHECK_MS = 45000;
const FETCH_TIMEOUT_MS = 8000;

export class DisplayConnection {
  // handlers: onState(state), onQueue(event), onDisplay(settings),
  // onStatus("connecting" | "live" | "reconnecting" | "unknown").
  constructor(key, handlers) {
    this.base = `/api/v1/display/${encodeURIComponent(key)}`;
    this.handlers = handlers;
    this.stream = null;
    this.lastId = null;      // the last event applied; null until the first state
    this.pending = [];       // events that arrived before the first state
    this.lastActivity = Date.now();
    this.status = null;
    this.retryTimer = null;
  }

  start() {
    this.setStatus('connecting');
    this.open();
    this.load();
    setInterval(() => this.watch(), IDLE_CHECK_MS / 3);
  }

  announcementUrl(call) {
    const q = new URLSearchParams({ label: call.label, room: call.room });
    return `${this.base}/announcement?${q}`;
  }

  async fetchState() {
    const response = await fetch(`${this.base}/state`, {
      cache: 'no-store', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`state: HTTP ${response.status}`);
    return response.json();
  }

  async load() {
    clearTimeout(this.retryTimer);
    try {
      const state = await this.fetchState();
      if (!state) {
        this.close();
        this.setStatus('unknown');
        this.retryTimer = setTimeout(() => { this.open(); this.load(); }, UNKNOWN_RETRY_MS);
        return;
      }
      this.applyState(state);
      // Events that raced the state request: keep only those after it.
      const early = this.pending;
      this.pending = [];
      for (const e of early) this.dispatch(e);
      if (this.stream && this.stream.readyState === EventSource.OPEN) this.setStatus('live');
    } catch (e) {
      this.setStatus('reconnecting');
      this.retryTimer = setTimeout(() => this.load(), RETRY_MS);
    }
  }

  open() {
    this.close();
    const stream = new EventSource(`${this.base}/events`);
    this.stream = stream;
    stream.onopen = () => {
      this.lastActivity = Date.now();
      if (this.lastId !== null) this.setStatus('live');
    };
    stream.onerror = () => {
      this.setStatus('reconnecting');
      // CONNECTING: EventSource retries by itself. CLOSED: the hub answered with
      // an error (e.g. while starting up); try again ourselves.
      if (stream.readyState === EventSource.CLOSED && this.stream === stream) {
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => { this.open(); this.load(); }, RETRY_MS);
      }
    };
    for (const type of ['snapshot', 'queue', 'display']) {
      stream.addEventListener(type, (message) => {
        this.lastActivity = Date.now();
        const event = { type, id: Number(message.lastEventId), data: JSON.parse(message.data) };
        if (this.lastId === null && type !== 'snapshot') this.pending.push(event);
        else this.dispatch(event);
      });
    }
  }

  close() {
    if (this.stream) this.stream.close();
    this.stream = null;
  }

  dispatch(event) {
    if (event.type === 'snapshot') {
      this.applyState(event.data);
      this.setStatus('live');
      return;
    }
    // Already in the state we painted from.
    if (Number.isFinite(event.id) && this.lastId !== null && event.id <= this.lastId) return;
    if (Number.isFinite(event.id)) this.lastId = event.id;
    if (event.type === 'queue') this.handlers.onQueue(event.data);
    else if (event.type === 'display') this.handlers.onDisplay(event.data);
  }

  applyState(state) {
    this.lastId = state.event_id;
    this.lastActivity = Date.now();
    this.handlers.onState(state);
  }

  // Heartbeats are invisible to scripts, so a quiet stream and a dead one look
  // alike: after a quiet spell ask for the state. Newer than what we have means
  // the stream missed something: repaint and reconnect.
  async watch() {
    if (this.lastId === null || Date.now() - this.lastActivity < IDLE_CHECK_MS) return;
    this.lastActivity = Date.now();
    try {
      const state = await this.fetchState();
      if (!state) {
        this.load();  // the display was removed: say so
      } else if (state.event_id !== this.lastId) {
        this.applyState(state);
        this.open();
      }
    } catch (e) {
      this.setStatus('reconnecting');
      this.open();
    }
  }

  setStatus(status) {
    if (status === this.status) return;
    this.status = status;
    this.handlers.onStatus(status);
  }
}
