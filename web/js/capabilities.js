// Which API routes this server has, from its OpenAPI document, so the UI offers only what works
// (a server built before search or gap reports simply shows no such screens).
import * as api from './api.js';

const ALL = 'all';
let routes = null; // Map path -> Set(methods), ALL, or null before loading
let pending = null;

/** Loads the route list once; resolves when known. Never throws (a failed load means "all"). */
export function loadCapabilities() {
  if (routes) return Promise.resolve(routes);
  if (!pending) {
    pending = api.get('/openapi.json').then((doc) => {
      routes = new Map(Object.entries((doc && doc.paths) || {})
        .map(([path, ops]) => [path, new Set(Object.keys(ops || {}).map((m) => m.toUpperCase()))]));
      return routes;
    }).catch(() => {
      // Without the list, offer everything: a screen whose API is missing shows its error.
      routes = ALL;
      return routes;
    });
  }
  return pending;
}

/** True once the route list has been loaded. */
export function capabilitiesKnown() {
  return routes !== null;
}

/** True when the server has path (an OpenAPI path template such as '/api/v1/search'), and
 * answers method on it when one is given. */
export function has(path, method) {
  if (routes === ALL) return true;
  if (!routes || !routes.has(path)) return false;
  return !method || routes.get(path).has(method);
}

export const FEATURES = {
  search: '/api/v1/search',
  kb: '/api/v1/kb/entries',
  effective: '/api/v1/personas/{id}/effective',
  tailor: '/api/v1/personas/{id}/tailor',
  gap: '/api/v1/personas/{id}/gap-reports',
  templates: '/api/v1/templates',
  export: '/api/v1/personas/{id}/export',
  templatePreview: '/api/v1/templates/preview',
};

export function hasFeature(name) {
  return has(FEATURES[name]);
}
