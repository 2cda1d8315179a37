// The one thing the app keeps in browser storage: the visit being written when
// the session expired, keyed by user and visit, so it is back after that user
// signs in again. Deleted when the visit is saved, on sign-out, and after 12
// hours whatever happens. Nothing else is ever stored (docs/webapp.md).

const KEY = 'clinic-hub-draft';
const MAX_AGE_MS = 12 * 60 * 60 * 1000;

function read() {
  try {
    const d = JSON.parse(localStorage.getItem(KEY) || 'null');
    if (!d || typeof d !== 'object') return null;
    if (!(Date.now() - d.savedAt < MAX_AGE_MS)) {
      localStorage.removeItem(KEY);
      return null;
    }
    return d;
  } catch (e) {
    return null;
  }
}

export function keepDraft(userId, visitId, content) {
  localStorage.setItem(KEY, JSON.stringify({ user: String(userId), visit: String(visitId), savedAt: Date.now(), content }));
}

// The draft of this user and visit, if one is kept and young enough.
export function draftFor(userId, visitId) {
  const d = read();
  return d && d.user === String(userId) && d.visit === String(visitId) ? d.content : null;
}

// The visit a user's kept draft belongs to, to reopen it after sign-in.
export function draftVisitOf(userId) {
  const d = read();
  return d && d.user === String(userId) ? d.visit : null;
}

export function dropDraft() { localStorage.removeItem(KEY); }
export function expireOldDraft() { read(); }
