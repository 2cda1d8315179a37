// The hub's API over fetch: JSON in and out, the session cookie (HttpOnly, the
// browser sends it) and X-CSRF-Token on every change. An answer of 401 means
// the session is over: whoever listens (main.js) keeps the draft and shows
// the sign-in form. Nothing here writes browser storage.

export class ApiError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    super(e.message || `HTTP ${status}`);
    this.status = status;
    this.code = e.code || 'network';
    this.field = e.field || '';
    this.body = body;
  }
}

let csrf = '';
let onSignedOut = () => {};

export function setCsrf(token) { csrf = token || ''; }
export function whenSignedOut(fn) { onSignedOut = fn; }

export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = csrf;
  let response;
  try {
    response = await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin', cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, { error: { code: 'network', message: 'unreachable' } });
  }
  let json = null;
  if (response.status !== 204) {
    try { json = await response.json(); } catch (e) { json = null; }
  }
  if (!response.ok) {
    const error = new ApiError(response.status, json);
    if (response.status === 401 && path !== '/api/v1/auth/login') onSignedOut(error);
    throw error;
  }
  return json;
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body);
export const patch = (path, body) => api('PATCH', path, body);
export const del = (path) => api('DELETE', path);

// A query string from defined values: query({ q: 'x', limit: 5 }) → "?q=x&limit=5".
export function query(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
