// Screens holding unsaved work register here; when the session ends (any 401)
// each is asked to keep its work (draft.js) before the sign-in form appears.
const hooks = new Set();
export function onSessionEnd(fn) { hooks.add(fn); return () => hooks.delete(fn); }
export function sessionEnded() { for (const fn of hooks) fn(); }
