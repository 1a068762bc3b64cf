// The API client: JSON over fetch with the session cookie, the CSRF header on writes, and one
// error type carrying the server's envelope {error:{code, message, details, field}}.

const BASE = '/api/v1';

export class ApiError extends Error {
  constructor(status, code, message, details, field) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = Array.isArray(details) ? details : [];
    this.field = field || null;
  }
}

/** Listeners told when a request comes back 401 (the session ended). */
const unauthorizedListeners = new Set();
export function onUnauthorized(fn) {
  unauthorizedListeners.add(fn);
}

function cookie(name) {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return '';
}

/** True when the browser holds a session (the readable CSRF cookie is set along with it). */
export function hasSession() {
  return cookie('pf_csrf') !== '';
}

function isWrite(method) {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method);
}

function headersFor(method, extra) {
  const headers = {Accept: 'application/json', ...extra};
  // The server refuses cookie-authenticated writes without the token from the readable cookie:
  // a foreign page can make the browser send our cookie, but cannot read it to echo it.
  if (isWrite(method)) {
    const csrf = cookie('pf_csrf');
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  return headers;
}

async function errorFrom(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const err = body && body.error;
  if (err && typeof err.message === 'string') {
    return new ApiError(response.status, err.code || 'error', err.message, err.details, err.field);
  }
  return new ApiError(response.status, 'http_' + response.status, defaultMessage(response.status));
}

function defaultMessage(status) {
  if (status === 404) return 'This item does not exist, or you do not have access to it.';
  if (status === 413) return 'That is larger than the server accepts.';
  if (status >= 500) return 'The server ran into a problem. Please try again in a moment.';
  return `The request failed (HTTP ${status}).`;
}

export function networkError() {
  return new ApiError(0, 'network', 'Cannot reach PersonaForge. Check your connection and try again.');
}

/**
 * request('GET', '/personas') → parsed JSON (or null for 204). Options: json (a body to send as
 * JSON), headers, signal, raw (return the Response itself, for downloads and ETags).
 * Throws ApiError; an aborted request rethrows the AbortError.
 */
export async function request(method, path, options = {}) {
  const init = {method, headers: headersFor(method, options.headers), signal: options.signal,
    credentials: 'same-origin'};
  if (options.json !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.json);
  } else if (options.body !== undefined) {
    init.body = options.body;
  }
  let response;
  try {
    response = await fetch(BASE + path, init);
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw networkError();
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    if (response.status === 401 && !path.startsWith('/auth/')) {
      for (const fn of unauthorizedListeners) fn(error);
    }
    throw error;
  }
  if (options.raw) return response;
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

export const get = (path, options) => request('GET', path, options);
export const post = (path, json, options = {}) => request('POST', path, {...options, json});
export const patch = (path, json, options = {}) => request('PATCH', path, {...options, json});
export const del = (path, options) => request('DELETE', path, options);

/** A query string from an object, skipping empty values. */
export function qs(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, value);
  }
  const out = search.toString();
  return out ? '?' + out : '';
}

/** Every item of a paginated list ({items, next_cursor}), up to max items. */
export async function listAll(path, {signal, max = 500} = {}) {
  const items = [];
  let cursor = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = await get(path + (cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''),
      {signal});
    items.push(...(page.items || []));
    cursor = page.next_cursor;
  } while (cursor && items.length < max);
  return items;
}

/**
 * Uploads file as multipart field `file` with progress: onProgress(fraction 0..1).
 * Resolves with the created resource; rejects with ApiError. XHR, because fetch cannot report
 * upload progress.
 */
export function upload(path, file, onProgress, signal) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', BASE + path);
    const headers = headersFor('POST', {});
    for (const [key, value] of Object.entries(headers)) xhr.setRequestHeader(key, value);
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener('load', () => {
      let body = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body);
        return;
      }
      const err = body && body.error;
      const error = err
        ? new ApiError(xhr.status, err.code, err.message, err.details, err.field)
        : new ApiError(xhr.status, 'http_' + xhr.status, defaultMessage(xhr.status));
      if (xhr.status === 401) for (const fn of unauthorizedListeners) fn(error);
      reject(error);
    });
    xhr.addEventListener('error', () => reject(networkError()));
    xhr.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    if (signal) signal.addEventListener('abort', () => xhr.abort(), {once: true});
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
