// The signed-in user (GET /me, with plan usage), shared by the shell and the pages.
import * as api from './api.js';

const listeners = new Set();
export const session = {
  me: null, // the user with usage, or null when signed out
  loaded: false,
};

function notify() {
  for (const fn of listeners) fn(session.me);
}

/** Calls fn(me) whenever the user or their usage changes. Returns an unsubscribe function. */
export function onSession(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Loads /me; null when nobody is signed in. Other failures propagate. */
export async function loadSession() {
  // Without the CSRF cookie there is no session cookie either: no need to ask (and get a 401).
  if (!api.hasSession()) {
    session.me = null;
    session.loaded = true;
    notify();
    return null;
  }
  try {
    session.me = await api.get('/me');
  } catch (e) {
    if (e.status !== 401) throw e;
    session.me = null;
  }
  session.loaded = true;
  notify();
  return session.me;
}

/** Re-reads usage after something that changes it (an upload, a new persona). */
export async function refreshSession() {
  try {
    await loadSession();
  } catch {
    // Usage is a convenience: a failed refresh leaves the last known numbers.
  }
}

export async function signIn(email, password) {
  const result = await api.post('/auth/login', {email, password});
  session.me = result.user;
  await refreshSession();
  return session.me;
}

export async function signOut() {
  try {
    await api.post('/auth/logout');
  } catch (e) {
    if (e.status !== 401) throw e;
  }
  session.me = null;
  notify();
}

export function forgetSession() {
  session.me = null;
  notify();
}
