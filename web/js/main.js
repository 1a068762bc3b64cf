// Entry point: the shell (top bar, navigation, account menu), the routes, and page rendering.
import {h, replace} from './dom.js';
import {onUnauthorized} from './api.js';
import {Router, safeNext} from './router.js';
import {session, loadSession, onSession, signOut, forgetSession} from './session.js';
import * as ui from './ui.js';
import {capitalize} from './format.js';
import {loadCapabilities, hasFeature, capabilitiesKnown} from './capabilities.js';

const page = (load, name, extra = {}) => ({load, name, ...extra});
const auth = () => import('./pages/auth.js');
const home = () => import('./pages/home.js');
const cvs = () => import('./pages/cvs.js');
const cv = () => import('./pages/cv.js');
const personas = () => import('./pages/personas.js');
const persona = () => import('./pages/persona.js');
const team = () => import('./pages/team.js');
const kb = () => import('./pages/kb.js');
const search = () => import('./pages/search.js');
const templates = () => import('./pages/templates.js');

const routes = [
  {path: '/login', ...page(auth, 'login', {public: true})},
  {path: '/signup', ...page(auth, 'signup', {public: true})},
  {path: '/', ...page(home, 'dashboard', {nav: 'home'})},
  {path: '/cvs', ...page(cvs, 'list', {nav: 'cvs'})},
  {path: '/cvs/:id', ...page(cv, 'detail', {nav: 'cvs'})},
  {path: '/knowledge', ...page(kb, 'page', {nav: 'kb', feature: 'kb'})},
  {path: '/personas', ...page(personas, 'list', {nav: 'personas'})},
  {path: '/personas/:id', ...page(persona, 'editor', {nav: 'personas', caps: true})},
  {path: '/personas/:id/:tab', ...page(persona, 'editor', {nav: 'personas', caps: true})},
  {path: '/templates', ...page(templates, 'list', {nav: 'templates', feature: 'templates'})},
  {path: '/templates/new', ...page(templates, 'editor', {nav: 'templates', feature: 'templates'})},
  {path: '/templates/:id', ...page(templates, 'editor', {nav: 'templates', feature: 'templates'})},
  {path: '/team', ...page(team, 'page', {nav: 'team'})},
  {path: '/search', ...page(search, 'page', {feature: 'search'})},
];

const NAV = [
  {id: 'home', href: '/', label: 'Dashboard'},
  {id: 'cvs', href: '/cvs', label: 'CVs'},
  {id: 'kb', href: '/knowledge', label: 'Knowledge', feature: 'kb'},
  {id: 'personas', href: '/personas', label: 'Personas'},
  {id: 'templates', href: '/templates', label: 'Templates', feature: 'templates'},
  {id: 'team', href: '/team', label: 'Team'},
];

const root = document.getElementById('app');
let layout = null; // {kind, main, nav, account}
let controller = null;

function accountMenu() {
  const menuId = 'account-menu';
  const toggle = h('button', {type: 'button', class: 'account-toggle', 'aria-expanded': 'false',
    'aria-controls': menuId, 'aria-haspopup': 'true'});
  const menu = h('div', {class: 'account-menu', id: menuId, hidden: true});
  const wrap = h('div', {class: 'account'}, toggle, menu);
  const close = () => {
    menu.hidden = true;
    toggle.setAttribute('aria-expanded', 'false');
  };
  toggle.addEventListener('click', () => {
    const open = menu.hidden;
    menu.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) menu.querySelector('a, button')?.focus();
  });
  wrap.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !menu.hidden) {
      close();
      toggle.focus();
    }
  });
  document.addEventListener('click', (e) => {
    if (!wrap.contains(e.target)) close();
  });
  menu.addEventListener('click', (e) => {
    if (e.target.closest('a')) close();
  });
  const update = (me) => {
    if (!me) return;
    replace(toggle, h('span', {class: 'avatar', 'aria-hidden': 'true'}, initials(me.name)),
      h('span', {class: 'account-name'}, me.name), h('span', {class: 'visually-hidden'}, ', account menu'));
    const plan = me.usage ? me.usage.plan : me.plan;
    replace(menu,
      h('div', {class: 'account-who'},
        h('strong', null, me.name), h('span', null, me.email),
        ui.badge(`${capitalize(plan)} plan`, 'accent')),
      h('a', {href: '/', class: 'menu-item'}, 'Plan and usage'),
      h('a', {href: '/team', class: 'menu-item'}, 'Team'),
      h('button', {type: 'button', class: 'menu-item', onclick: onSignOut}, 'Sign out'));
  };
  return {el: wrap, update};
}

function initials(name) {
  const parts = String(name || '?').trim().split(/\s+/);
  return (parts[0][0] + (parts.length > 1 ? parts[parts.length - 1][0] : '')).toUpperCase();
}

async function onSignOut() {
  try {
    await signOut();
    ui.toast('You are signed out.', 'success');
  } catch (e) {
    ui.toast(ui.messageOf(e), 'error');
  }
  router.navigate('/login', {replace: true});
}

function searchForm() {
  const input = h('input', {type: 'search', id: 'global-search', name: 'q', autocomplete: 'off',
    placeholder: 'Search personas, CVs, skills…', 'aria-label': 'Search personas, CVs and knowledge',
    maxlength: 500});
  const form = h('form', {class: 'search-form', role: 'search', action: '/search'},
    h('span', {class: 'search-icon', 'aria-hidden': 'true'}), input);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = input.value.trim();
    if (q) router.navigate(`/search?q=${encodeURIComponent(q)}`);
  });
  // "/" jumps to the search box from anywhere, as on most sites with search.
  document.addEventListener('keydown', (e) => {
    const typing = e.target.closest && e.target.closest('input, textarea, select, [contenteditable]');
    if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      input.focus();
    }
  });
  return form;
}

function appLayout() {
  const account = accountMenu();
  // Links to optional screens hold their place (invisible) until the server's route list says
  // whether they exist, so nothing moves when it arrives.
  const known = capabilitiesKnown();
  const items = NAV.filter((item) => !item.feature || !known || hasFeature(item.feature)).map((item) => h('li',
    {class: item.feature && !known ? 'nav-pending' : null, 'data-feature': item.feature || null},
    h('a', {href: item.href, 'data-nav': item.id, class: 'nav-link'}, item.label)));
  const nav = h('nav', {class: 'sidenav', 'aria-label': 'Main'}, h('ul', null, items));
  const main = h('main', {id: 'main', class: 'main', tabindex: '-1'});
  // On a phone the search box has a row of its own: keep the row until we know there is none.
  const search = h('div', {class: 'topbar-search', hidden: known && !hasFeature('search')},
    known && hasFeature('search') ? searchForm() : null);
  const header = h('header', {class: 'topbar'},
    h('a', {class: 'brand', href: '/'}, h('span', {class: 'brand-mark', 'aria-hidden': 'true'}, 'P'), 'PersonaForge'),
    search, account.el);
  replace(root, h('a', {class: 'skip-link', href: '#main'}, 'Skip to content'),
    h('div', {class: 'layout'}, header, nav, main));
  account.update(session.me);
  onSession((me) => account.update(me));
  if (!known) {
    loadCapabilities().then(() => {
      for (const li of nav.querySelectorAll('li.nav-pending')) {
        if (hasFeature(li.dataset.feature)) li.classList.remove('nav-pending');
        else li.remove();
      }
      if (hasFeature('search') && !search.firstChild) search.append(searchForm());
      search.hidden = !hasFeature('search');
    });
  }
  return {kind: 'app', main, nav};
}

function publicLayout() {
  const main = h('main', {id: 'main', class: 'auth-main', tabindex: '-1'});
  replace(root, main);
  return {kind: 'public', main};
}

function markNav(id) {
  if (!layout.nav) return;
  for (const link of layout.nav.querySelectorAll('a[data-nav]')) {
    if (link.dataset.nav === id) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function setTitle(title) {
  document.title = title ? `${title} · PersonaForge` : 'PersonaForge';
}

function errorPage(main, error, retry) {
  const notFound = error && error.status === 404;
  replace(main, h('div', {class: 'page'},
    ui.pageHeader(notFound ? 'Not found' : 'This page could not be loaded'),
    ui.emptyState({
      title: notFound ? 'Nothing here' : 'Something went wrong',
      body: notFound ? 'This item does not exist any more, or it is not shared with you.' : ui.messageOf(error),
      action: h('div', {class: 'row'},
        retry && !notFound ? ui.button('Try again', {kind: 'primary', onclick: retry}) : null,
        ui.linkButton('Go to the dashboard', '/')),
    })));
}

async function render(url, moved) {
  if (controller) controller.abort();
  controller = new AbortController();
  const signal = controller.signal;
  if (!session.loaded) {
    try {
      loadCapabilities();
      await loadSession();
    } catch (e) {
      layout = publicLayout();
      errorPage(layout.main, e, () => render(new URL(location.href), false));
      return;
    }
  }
  const found = router.resolve(url.pathname);
  if (found && (found.route.feature || found.route.caps)) await loadCapabilities();
  const route = found && (!found.route.feature || hasFeature(found.route.feature)) ? found.route : null;
  if (route && !route.public && !session.me) {
    const next = url.pathname === '/' ? '' : `?next=${encodeURIComponent(url.pathname + url.search)}`;
    router.navigate('/login' + next, {replace: true});
    return;
  }
  if (route && route.public && session.me) {
    router.navigate(safeNext(url.searchParams.get('next')), {replace: true});
    return;
  }
  const kind = route && route.public ? 'public' : (session.me ? 'app' : 'public');
  if (!layout || layout.kind !== kind) layout = kind === 'app' ? appLayout() : publicLayout();
  markNav(route ? route.nav : null);
  const main = layout.main;
  const ctx = {
    main, signal, params: found ? found.params : {}, query: url.searchParams, setTitle,
    navigate: (to, opts) => router.navigate(to, opts),
    rerender: () => render(new URL(location.href), false),
  };
  try {
    if (!route) {
      setTitle('Not found');
      errorPage(main, {status: 404});
    } else {
      const module = await route.load();
      if (signal.aborted) return;
      await module[route.name](ctx);
    }
  } catch (e) {
    if (e && e.name === 'AbortError') return;
    if (signal.aborted) return;
    console.warn('page failed', e);
    errorPage(main, e, () => render(new URL(location.href), false));
  }
  // After a navigation, focus goes to the new page's heading so screen readers announce it,
  // unless the page put it in a field itself (the sign-in form).
  const pageFocused = main.contains(document.activeElement) && document.activeElement !== main;
  if (moved && !signal.aborted && !pageFocused) {
    window.scrollTo(0, 0);
    const heading = main.querySelector('h1');
    (heading || main).focus({preventScroll: true});
  }
}

const router = new Router(routes, render);

onUnauthorized(() => {
  if (!session.me) return;
  forgetSession();
  ui.toast('Your session has ended. Please sign in again.', 'info');
  const here = location.pathname + location.search;
  router.navigate(`/login?next=${encodeURIComponent(here)}`, {replace: true});
});

router.run(false);
