// Search across personas, CVs and the knowledge base, with the matched words highlighted.
import {h, replace, text} from '../dom.js';
import * as api from '../api.js';
import * as ui from '../ui.js';
import * as fmt from '../format.js';

const TYPES = {
  persona: {label: 'Persona', plural: 'Personas', href: (item) => `/personas/${item.id}`},
  cv: {label: 'CV', plural: 'CVs', href: (item) => `/cvs/${item.id}`},
  kb_entry: {label: 'Knowledge', plural: 'Knowledge', href: (item) => `/knowledge?focus=${encodeURIComponent(item.id)}`},
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const POINTER = /^\/(basics|work|volunteer|education|awards|certificates|publications|skills|languages|interests|references|projects)(\/[^\s]*)?$/;
const INTERNAL = new Set(['implied_by', 'from_title', 'from_years', 'total_years']);

/**
 * Nodes for value with the code-point ranges [[start, end), …] in <mark>. Internal tokens an
 * index may carry (ids, JSON Pointers) are left out; the ranges still land on the right words.
 */
export function highlighted(value, ranges = []) {
  const cps = Array.from(String(value ?? ''));
  const marked = new Array(cps.length).fill(false);
  for (const [start, end] of ranges || []) {
    for (let i = Math.max(0, start); i < Math.min(end, cps.length); i++) marked[i] = true;
  }
  const keep = new Array(cps.length).fill(true);
  let i = 0;
  while (i < cps.length) {
    if (/\s/.test(cps[i])) {
      i++;
      continue;
    }
    let j = i;
    while (j < cps.length && !/\s/.test(cps[j])) j++;
    const token = cps.slice(i, j).join('');
    if (UUID.test(token) || POINTER.test(token) || INTERNAL.has(token)) {
      for (let k = i; k < j; k++) keep[k] = false;
      if (j < cps.length) keep[j] = false; // the space after it
    }
    i = j;
  }
  const out = [];
  let run = '';
  let runMarked = false;
  const flush = () => {
    if (!run) return;
    out.push(runMarked ? h('mark', null, run) : text(run));
    run = '';
  };
  cps.forEach((cp, k) => {
    if (!keep[k]) return;
    if (marked[k] !== runMarked) {
      flush();
      runMarked = marked[k];
    }
    run += cp;
  });
  flush();
  return out;
}

function resultItem(item) {
  const type = TYPES[item.type] || {label: item.type, href: () => '#'};
  const meta = [];
  if (item.filename) meta.push(item.filename);
  if (item.category) meta.push(fmt.capitalize(String(item.category).replace(/_/g, ' ')));
  if (item.source) meta.push({cv: 'from a CV', user_answer: 'you said', ai_extraction: 'inferred'}[item.source] || item.source);
  return h('li', {class: 'list-item search-result'},
    h('div', {class: 'list-main'},
      h('div', {class: 'row'}, ui.badge(type.label, item.type === 'persona' ? 'accent' : 'neutral'),
        h('a', {class: 'list-title', href: type.href(item)}, highlighted(item.title || '(untitled)', item.title_highlights))),
      item.snippet ? h('p', {class: 'snippet'}, highlighted(item.snippet, item.highlights)) : null,
      meta.length ? h('div', {class: 'list-meta'}, meta.map((m) => h('span', null, m))) : null));
}

export async function page(ctx) {
  const q = (ctx.query.get('q') || '').trim();
  const types = ctx.query.get('types') || '';
  ctx.setTitle(q ? `Search: ${q}` : 'Search');
  const input = document.getElementById('global-search');
  if (input && input.value !== q) input.value = q;
  const body = h('div', null, q ? ui.skeleton([4, 4, 4]) : null);
  const chip = (label, value) => {
    const current = value === types;
    return h('a', {href: `/search${api.qs({q, types: value})}`, class: ['chip', current && 'chip-current'],
      'aria-current': current ? 'true' : null}, label);
  };
  replace(ctx.main, h('div', {class: 'page'},
    ui.pageHeader(q ? `Results for “${q}”` : 'Search', {subtitle: q ? null : 'Type in the search box at the top of any page.'}),
    q ? h('nav', {class: 'chips', 'aria-label': 'Filter results'},
      chip('Everything', ''), chip('Personas', 'persona'), chip('CVs', 'cv'), chip('Knowledge', 'kb_entry')) : null,
    body));
  if (!q) {
    replace(body, ui.emptyState({title: 'Search everything you have',
      body: 'Find a persona by its title, a CV by a word in it, or a skill in your knowledge base. Use "quotes" for a phrase, OR for either word, and -word to leave one out.'}));
    return;
  }
  const items = [];
  let cursor = null;
  let result = null;
  const list = h('ul', {class: 'list card card-list'});
  const more = h('div', {class: 'row'});
  const load = async () => {
    result = await api.get(`/search${api.qs({q, types, limit: 20, cursor})}`, {signal: ctx.signal});
    items.push(...result.items);
    cursor = result.next_cursor;
    list.append(...result.items.map(resultItem));
    replace(more, cursor ? ui.button('More results', {onclick: async (e) => {
      const btn = e.currentTarget;
      await ui.busy(btn, load());
    }}) : null);
  };
  try {
    await load();
  } catch (e) {
    if (e.status === 422 || e.status === 413) {
      replace(body, h('div', {class: 'alert alert-error', role: 'alert'}, ui.messageOf(e)));
      return;
    }
    throw e;
  }
  if (!items.length) {
    replace(body, ui.emptyState({title: `Nothing found for “${q}”`,
      body: 'Try fewer or different words, or check the spelling.'}));
    return;
  }
  const totals = result.totals || {};
  const words = {persona: ['persona', 'personas'], cv: ['CV', 'CVs'], kb_entry: ['knowledge entry', 'knowledge entries']};
  const counts = Object.entries(totals).filter(([, n]) => n > 0)
    .map(([type, n]) => fmt.plural(n, ...(words[type] || [type, type])));
  replace(body,
    h('p', {class: 'muted', role: 'status'},
      result.mode === 'fuzzy' ? 'No exact matches; these are close. ' : '',
      counts.length ? `Found ${counts.join(', ')}.` : ''),
    list, more);
}
