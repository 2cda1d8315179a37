// The staff stream (queueEvents, Server-Sent Events) shared by every screen:
// one EventSource; subscribers get each queue event and a `refresh` after a
// reset or a reconnect, so what they show is current without a manual reload.
// status(): 'connecting' | 'live' | 'down'. The browser reconnects by itself
// (retry: 3000 from the hub); when the hub refuses (session over) the stream
// is closed and main.js checks the session.

let source = null;
let state = 'connecting';
let everLive = false;
const listeners = new Set();
const statusListeners = new Set();

function setState(s) {
  if (state === s) return;
  state = s;
  for (const fn of statusListeners) fn(s);
}

function emit(kind, data) { for (const fn of listeners) fn(kind, data); }

export function startLive(onRefused) {
  stopLive();
  source = new EventSource('/api/v1/queue/events');
  source.addEventListener('open', () => {
    const wasDown = everLive;
    everLive = true;
    setState('live');
    if (wasDown) emit('refresh');  // events may have been missed while away
  });
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) {
      setState('down');
      onRefused();
    } else {
      setState(everLive ? 'down' : 'connecting');
    }
  });
  for (const type of ['queue', 'day']) {
    source.addEventListener(type, (e) => emit(type, JSON.parse(e.data)));
  }
  source.addEventListener('reset', () => emit('refresh'));
}

export function stopLive() {
  if (source) source.close();
  source = null;
  everLive = false;
  state = 'connecting';
}

export const liveStatus = () => state;
export function onLive(fn) { listeners.add(fn); return () => listeners.delete(fn); }
export function onLiveStatus(fn) { statusListeners.add(fn); return () => statusListeners.delete(fn); }
