// Client-side routing over the History API: plain links navigate without a reload, the back
// button works, and every screen has a URL (the server answers app paths with index.html).

/** Compiles '/personas/:id' into a matcher returning {id} or null. */
function compile(pattern) {
  const names = [];
  const source = pattern.replace(/:[a-z_]+/g, (m) => {
    names.push(m.slice(1));
    return '([^/]+)';
  });
  const re = new RegExp(`^${source}/?$`);
  return (path) => {
    const m = re.exec(path);
    if (!m) return null;
    const params = {};
    names.forEach((name, i) => {
      params[name] = decodeURIComponent(m[i + 1]);
    });
    return params;
  };
}

export class Router {
  /** routes: [{path, load: () => import(...), name, public}]; render(route, params, url). */
  constructor(routes, render) {
    this.routes = routes.map((r) => ({...r, match: compile(r.path)}));
    this.render = render;
    window.addEventListener('popstate', () => this.run(false));
    document.addEventListener('click', (e) => this.onClick(e));
  }

  resolve(pathname) {
    for (const route of this.routes) {
      const params = route.match(pathname);
      if (params) return {route, params};
    }
    return null;
  }

  onClick(e) {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = e.target.closest('a[href]');
    if (!a || a.target || a.hasAttribute('download') || a.origin !== location.origin) return;
    const url = new URL(a.href);
    if (url.pathname.startsWith('/api/')) return;
    e.preventDefault();
    if (url.pathname === location.pathname && url.search === location.search && url.hash) {
      location.hash = url.hash;
      return;
    }
    this.navigate(url.pathname + url.search + url.hash);
  }

  /** Goes to url (a path with query), adding a history entry unless replace. */
  navigate(url, {replace = false} = {}) {
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    return this.run(true);
  }

  run(moved) {
    return this.render(new URL(location.href), moved);
  }
}

/** Only same-site paths are followed after signing in (no open redirect). */
export function safeNext(next) {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}
