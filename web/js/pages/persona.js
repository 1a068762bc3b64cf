// One persona: a tab strip over its overview (title, summary, tags), content, versions and the
// work done with it (tailoring, gap reports, export). Each tab lives at /personas/{id}/{tab}.
import {h, replace} from '../dom.js';
import * as api from '../api.js';
import {refreshSession} from '../session.js';
import * as ui from '../ui.js';
import * as fmt from '../format.js';
import {hasFeature} from '../capabilities.js';

const TABS = [
  {id: 'overview', label: 'Overview'},
  {id: 'content', label: 'Content', feature: 'effective', load: () => import('./persona_content.js'), fn: 'content'},
  {id: 'tailor', label: 'Tailor', feature: 'tailor', load: () => import('./persona_tailor.js'), fn: 'tailor'},
  {id: 'gaps', label: 'Gap reports', feature: 'gap', load: () => import('./persona_gap.js'), fn: 'gaps'},
  {id: 'export', label: 'Export', feature: 'export', load: () => import('./persona_export.js'), fn: 'exporter'},
  {id: 'versions', label: 'Versions'},
];

/** Reads a persona with its ETag (the version the server expects in If-Match). */
export async function loadPersona(id, signal) {
  const response = await api.request('GET', `/personas/${id}`, {signal, raw: true});
  const persona = await response.json();
  persona.etag = response.headers.get('ETag') || `"${persona.version}"`;
  return persona;
}

/** PATCHes changes with If-Match; a 412 becomes an error that says what to do. */
export async function savePersona(persona, changes) {
  try {
    const response = await api.request('PATCH', `/personas/${persona.id}`,
      {json: changes, headers: {'If-Match': persona.etag}, raw: true});
    const saved = await response.json();
    saved.etag = response.headers.get('ETag') || `"${saved.version}"`;
    return saved;
  } catch (e) {
    if (e.status === 412) {
      e.message = 'Someone changed this persona since you opened it. Reload to see the latest version, then make your change again.';
    }
    throw e;
  }
}

function tagEditor(initial, onChange) {
  const tags = [...initial];
  const list = h('ul', {class: 'tags tag-editor-list', 'aria-label': 'Current tags'});
  const input = h('input', {type: 'text', id: 'persona-tags', placeholder: 'Add a tag and press Enter',
    'aria-describedby': 'persona-tags-hint'});
  const draw = () => {
    replace(list, tags.map((tag, i) => h('li', {class: 'badge badge-accent tag-chip'}, tag,
      h('button', {type: 'button', class: 'chip-remove', 'aria-label': `Remove tag ${tag}`, onclick: () => {
        tags.splice(i, 1);
        onChange([...tags]);
        draw();
        input.focus();
      }}, '×'))));
  };
  const add = () => {
    for (const raw of input.value.split(',')) {
      const tag = raw.trim();
      if (tag && !tags.includes(tag) && tags.length < 50) tags.push(tag.slice(0, 100));
    }
    input.value = '';
    onChange([...tags]);
    draw();
  };
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      add();
    } else if (e.key === 'Backspace' && !input.value && tags.length) {
      tags.pop();
      onChange([...tags]);
      draw();
    }
  });
  input.addEventListener('blur', () => {
    if (input.value.trim()) add();
  });
  draw();
  return h('div', {class: 'field'},
    h('label', {for: 'persona-tags'}, 'Tags'),
    h('p', {class: 'hint', id: 'persona-tags-hint'}, 'Words that help you find and group personas, e.g. “backend”, “remote”.'),
    list, input);
}

async function overview(ctx, persona, shell) {
  const summary = h('div', {class: 'form-summary'});
  let tags = [...persona.tags];
  const fields = {
    title: ui.field({label: 'Title', name: 'title', value: persona.title, required: true,
      hint: 'The role this persona presents you for.'}),
    summary: ui.field({label: 'Summary', name: 'summary', value: persona.summary ?? '', multiline: true, rows: 5,
      hint: 'A short pitch for this kind of role. Leave empty to use the summary from your CV.'}),
  };
  const save = ui.button('Save changes', {kind: 'primary', type: 'submit'});
  const form = h('form', {class: 'form card', novalidate: true, 'aria-labelledby': 'ov-h'},
    h('h2', {id: 'ov-h'}, 'Title, summary and tags'), summary,
    fields.title.el, fields.summary.el, tagEditor(tags, (next) => {
      tags = next;
    }),
    h('div', {class: 'form-actions'}, save));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    ui.clearFormError(summary, fields);
    const title = fields.title.input.value.trim();
    if (!title) {
      fields.title.setError('A persona needs a title.');
      fields.title.input.focus();
      return;
    }
    const text = fields.summary.input.value.trim();
    try {
      const saved = await ui.busy(save, savePersona(persona, {title, summary: text || null, tags}), 'Saving…');
      Object.assign(persona, saved);
      shell.refreshHeader();
      if (shell.onSaved) shell.onSaved();
      ui.toast(`Saved as version ${saved.version}.`, 'success');
    } catch (err) {
      ui.showFormError(summary, fields, err, {title: 'Title', summary: 'Summary', tags: 'Tags'});
      if (err.status === 412) {
        summary.querySelector('.alert')?.append(' ', ui.button('Reload', {kind: 'ghost', onclick: () => ctx.rerender()}));
      }
    }
  });
  const about = h('aside', {class: 'card card-subtle', 'aria-labelledby': 'about-h'});
  const drawAbout = () => replace(about,
    h('h2', {id: 'about-h'}, 'About this persona'),
    persona.base_cv_id
      ? h('p', null, 'Built from ', h('a', {href: `/cvs/${persona.base_cv_id}`}, 'its base CV'),
        '. Corrections to that CV show here unless this persona overrides them.')
      : h('p', {class: 'muted'}, 'This persona is not built from a CV.'),
    h('dl', {class: 'kv'},
      h('dt', null, 'Version'), h('dd', null, String(persona.version)),
      h('dt', null, 'Created'), h('dd', null, fmt.dateTime(persona.created_at)),
      h('dt', null, 'Last edited'), h('dd', null, fmt.dateTime(persona.updated_at))));
  drawAbout();
  shell.onSaved = drawAbout;
  return h('div', {class: 'grid-persona'}, form, about);
}

function describeChanges(older, newer) {
  const changes = [];
  if (older.title !== newer.title) changes.push(`title “${newer.title}”`);
  if ((older.summary || '') !== (newer.summary || '')) changes.push('summary');
  if (JSON.stringify(older.tags) !== JSON.stringify(newer.tags)) changes.push('tags');
  if (JSON.stringify(older.data) !== JSON.stringify(newer.data)) changes.push('content');
  if (older.base_cv_id !== newer.base_cv_id) changes.push('base CV');
  return changes;
}

async function versions(ctx, persona) {
  const body = h('div', null, ui.skeleton([3, 3, 3]));
  const load = async () => {
    const items = await api.listAll(`/personas/${persona.id}/versions`, {signal: ctx.signal});
    replace(body, h('ol', {class: 'list card card-list version-list', reversed: true}, items.map((v, i) => {
      const older = items[i + 1];
      const changes = older ? describeChanges(older, v) : [];
      const current = v.version === persona.version;
      return h('li', {class: ['list-item', current && 'current']},
        h('div', {class: 'list-main'},
          h('div', {class: 'row'}, h('strong', null, `Version ${v.version}`),
            current ? ui.badge('Current', 'accent') : null),
          h('div', {class: 'list-meta'}, h('span', null, fmt.dateTime(v.created_at)), h('span', null, v.title)),
          h('p', {class: 'small muted'}, older
            ? (changes.length ? `Changed: ${changes.join(', ')}.` : 'No visible change.')
            : 'First version.')),
        current ? null : ui.button('Restore', {class: 'btn-small', 'aria-label': `Restore version ${v.version}`,
          onclick: async (e) => {
            const btn = e.currentTarget;
            const ok = await ui.confirmDialog({title: `Restore version ${v.version}?`,
              body: 'Its title, summary, tags and content become current again, saved as a new version. Nothing is lost.',
              confirm: 'Restore'});
            if (!ok) return;
            try {
              const restored = await ui.busy(btn, api.post(`/personas/${persona.id}/versions/${v.version}/restore`));
              ui.toast(`Version ${v.version} restored as version ${restored.version}.`, 'success');
              ctx.rerender();
            } catch (err) {
              ui.toast(ui.messageOf(err), 'error');
            }
          }}));
    })));
  };
  load();
  return h('section', {'aria-labelledby': 'versions-h'},
    h('h2', {id: 'versions-h'}, 'Versions'),
    h('p', {class: 'muted'}, 'Every save keeps the previous version. Restoring one saves it again as the newest.'),
    body);
}

export async function editor(ctx) {
  const tab = ctx.params.tab || 'overview';
  const id = ctx.params.id;
  const tabs = TABS.filter((t) => !t.feature || hasFeature(t.feature));
  const known = tabs.find((t) => t.id === tab);
  if (!known) throw Object.assign(new Error('no such tab'), {status: 404});
  const headerSlot = h('div', null, ui.pageHeader('Persona', {back: {href: '/personas', label: 'Personas'}}));
  const tabSlot = h('div', null, ui.skeleton([14]));
  replace(ctx.main, h('div', {class: 'page'}, headerSlot,
    ui.tabs(tabs.map((t) => ({...t, href: `/personas/${id}${t.id === 'overview' ? '' : '/' + t.id}`})), tab, 'Persona sections'),
    tabSlot));
  const persona = await loadPersona(id, ctx.signal);
  const shell = {
    refreshHeader() {
      ctx.setTitle(persona.title);
      replace(headerSlot, ui.pageHeader(persona.title, {
        back: {href: '/personas', label: 'Personas'},
        subtitle: [persona.tags.length ? `${persona.tags.join(' · ')} — ` : '', `version ${persona.version}, edited ${fmt.ago(persona.updated_at)}`].join(''),
        actions: [
          ui.button('Duplicate', {onclick: async (e) => {
            const btn = e.currentTarget;
            try {
              const copy = await ui.busy(btn, api.post(`/personas/${persona.id}/duplicate`));
              await refreshSession();
              ui.toast(`Copied as “${copy.title}”.`, 'success');
              ctx.navigate(`/personas/${copy.id}`);
            } catch (err) {
              ui.toast(ui.messageOf(err), 'error');
            }
          }}),
          ui.button('Delete', {kind: 'danger', onclick: async () => {
            const ok = await ui.confirmDialog({title: `Delete “${persona.title}”?`,
              body: 'The persona and all its versions are deleted. Your CVs are kept.', confirm: 'Delete persona', danger: true});
            if (!ok) return;
            try {
              await api.del(`/personas/${persona.id}`);
              await refreshSession();
              ui.toast('Persona deleted.', 'success');
              ctx.navigate('/personas', {replace: true});
            } catch (err) {
              ui.toast(ui.messageOf(err), 'error');
            }
          }}),
        ],
      }));
    },
  };
  shell.refreshHeader();
  const views = {overview, versions};
  const view = known.load ? (await known.load())[known.fn] : views[tab];
  replace(tabSlot, await view(ctx, persona, shell));
}
