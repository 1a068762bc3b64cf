// A persona's content: the effective persona (base CV + confirmed knowledge + overrides), with
// every entry and bullet marked inherited or changed here, and controls to include, exclude,
// reorder, reword and add. Each change is saved at once as a new version.
import {h, replace} from '../dom.js';
import * as api from '../api.js';
import * as ui from '../ui.js';
import * as fmt from '../format.js';
import * as resume from '../resume.js';
import * as ov from '../overrides.js';
import {savePersona} from './persona.js';

const SECTION_ORDER = ['work', 'projects', 'education', 'skills', 'languages', 'certificates', 'awards',
  'volunteer', 'publications', 'interests', 'references'];

const BASICS_FIELDS = [
  {key: 'label', label: 'Headline'},
  {key: 'summary', label: 'Summary', multiline: true},
  {key: 'name', label: 'Name'},
  {key: 'email', label: 'E-mail'},
  {key: 'phone', label: 'Phone'},
  {key: 'url', label: 'Website'},
  {key: 'location/city', label: 'City'},
  {key: 'location/countryCode', label: 'Country code'},
];

function sectionDef(key) {
  return resume.SECTIONS.find((s) => s.key === key) || {key, label: fmt.capitalize(key), item: 'entry', title: ['name'], fields: []};
}

function originBadge(origin) {
  if (!origin) return null;
  if (origin.startsWith('cv:')) return ui.badge('From CV', 'neutral', 'Inherited from the base CV: fixing the CV fixes it here');
  if (origin === 'kb' || origin.startsWith('kb:')) return ui.badge('From knowledge base', 'success', 'A confirmed entry of your knowledge base');
  if (origin === 'persona') return ui.badge('Added here', 'accent', 'Written in this persona only');
  return null;
}

function changedBadge(fields) {
  return ui.badge(fields.length ? `Changed here: ${fields.join(', ')}` : 'Changed here', 'warning',
    'This persona overrides what the CV says');
}

function lastToken(ptr) {
  const parts = resume.parsePointer(ptr);
  return parts[parts.length - 1];
}

/** Everything the tab needs: persona, effective document, base CV (for hidden entries). */
async function loadState(persona, signal) {
  const [effective, cv] = await Promise.all([
    api.get(`/personas/${persona.id}/effective`, {signal}),
    persona.base_cv_id ? api.get(`/cvs/${persona.base_cv_id}`, {signal}).catch(() => null) : null,
  ]);
  const pf = (effective.meta && effective.meta.personaforge) || {};
  return {
    effective,
    ids: pf.ids || {},
    origins: pf.origins || {},
    overridden: new Set(pf.overridden || []),
    unresolved: pf.unresolved || [],
    base: cv && cv.parsed_json ? cv.parsed_json : null,
  };
}

/**
 * Entries of the base CV that the persona does not show, with the id to show them again when
 * it can be derived here (null otherwise).
 */
function hiddenBaseEntries(state, section) {
  const base = state.base && Array.isArray(state.base[section]) ? state.base[section] : [];
  if (!base.length) return [];
  const shown = new Map(); // base index -> server id
  const visible = resume.sectionItems(state.effective, section);
  visible.forEach((_, i) => {
    const origin = state.origins[`/${section}/${i}`] || '';
    const m = /^cv:\/[^/]+\/(\d+)$/.exec(origin);
    if (m) shown.set(Number(m[1]), state.ids[`/${section}/${i}`]);
  });
  const computed = ov.entryIds(section, base);
  const trusted = [...shown.entries()].every(([i, id]) => computed[i] === id);
  return base.map((entry, i) => ({entry, index: i, id: trusted ? computed[i] : null}))
    .filter((x) => !shown.has(x.index));
}

function hiddenBaseItems(state, section, entryPtr, field) {
  const origin = state.origins[entryPtr] || '';
  const m = /^cv:(\/[^/]+\/\d+)$/.exec(origin);
  if (!m || !state.base) return [];
  const baseItems = resume.resolvePointer(state.base, `${m[1]}/${field}`);
  if (!Array.isArray(baseItems) || !baseItems.length) return [];
  const entry = resume.resolvePointer(state.effective, entryPtr) || {};
  const visible = Array.isArray(entry[field]) ? entry[field] : [];
  const shown = new Map();
  visible.forEach((_, k) => {
    const o = state.origins[`${entryPtr}/${field}/${k}`] || '';
    const mm = new RegExp(`^cv:${m[1].replace(/[/]/g, '\\/')}\\/${field}\\/(\\d+)$`).exec(o);
    if (mm) shown.set(Number(mm[1]), (state.ids[`${entryPtr}/${field}/${k}`] || '').split('/').pop());
  });
  const computed = ov.itemIds(field, baseItems);
  const trusted = [...shown.entries()].every(([i, id]) => computed[i] === id);
  return baseItems.map((text, i) => ({text, index: i, id: trusted ? computed[i] : null}))
    .filter((x) => !shown.has(x.index) && typeof x.text === 'string');
}

export async function content(ctx, persona, shell) {
  const root = h('div', {class: 'persona-content', 'data-pointer': '', tabindex: '-1'}, ui.skeleton([6, 12, 12]));
  const status = h('div', {class: 'visually-hidden', role: 'status', 'aria-live': 'polite'});
  let state = null;
  let focusKey = null;

  async function apply(mutate, message, key) {
    const data = ov.clone(persona.data || {});
    mutate(data);
    try {
      const saved = await savePersona(persona, {data});
      Object.assign(persona, saved);
      shell.refreshHeader();
      focusKey = key || null;
      state = await loadState(persona, ctx.signal);
      draw();
      replace(status, `${message} Saved as version ${persona.version}.`);
      return true;
    } catch (e) {
      if (e.status === 422 && e.details.some((d) => d.type === 'unknown_id')) {
        ui.toast('That entry changed in the CV since this page was loaded. The page is up to date now; try again.', 'error');
        state = await loadState(persona, ctx.signal);
        draw();
      } else {
        ui.toast(ui.messageOf(e), 'error');
      }
      return false;
    }
  }

  function iconButton(label, glyph, onclick, props = {}) {
    return h('button', {type: 'button', class: 'icon-btn', 'aria-label': label, title: label, onclick, ...props}, glyph);
  }

  function inlineEditor({label, value, multiline, onSave, onCancel}) {
    const f = ui.field({label, value, multiline, rows: 3});
    const save = ui.button('Save', {kind: 'primary', type: 'submit', class: 'btn-small'});
    const form = h('form', {class: 'inline-edit', novalidate: true}, f.el,
      h('div', {class: 'form-actions'}, save, ui.button('Cancel', {class: 'btn-small', onclick: onCancel})));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      await ui.busy(save, onSave(f.input.value.trim()));
    });
    form.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') onCancel();
    });
    setTimeout(() => f.input.focus(), 0);
    return form;
  }

  function basicsCard() {
    const basics = state.effective.basics || {};
    const rows = BASICS_FIELDS.map((f) => {
      const ptr = `/basics/${f.key}`;
      const value = resume.getPath(basics, f.key);
      const changed = ov.hasBasicsOverride(persona.data, f.key) || state.overridden.has(ptr);
      const row = h('div', {class: 'basics-row', 'data-pointer': ptr, tabindex: '-1'});
      const show = () => replace(row,
        h('div', {class: 'basics-label'}, f.label),
        h('div', {class: 'basics-value'}, value ? String(value) : h('span', {class: 'muted'}, 'Not set'),
          ' ', changed ? changedBadge([]) : (value ? originBadge('cv:') : null)),
        h('div', {class: 'entry-tools'},
          iconButton(`Edit ${f.label.toLowerCase()}`, '✎', () => edit(), {'data-focus': `basics-${f.key}`}),
          changed ? ui.button('Use the CV’s', {class: 'btn-small', kind: 'ghost', 'aria-label': `Use the CV’s ${f.label.toLowerCase()}`,
            onclick: () => apply((d) => ov.setBasics(d, f.key, undefined), `${f.label} reset to the CV’s.`, `basics-${f.key}`)}) : null));
      const edit = () => replace(row, inlineEditor({label: f.label, value: value ? String(value) : '', multiline: f.multiline,
        onSave: (text) => apply((d) => ov.setBasics(d, f.key, text), `${f.label} changed.`, `basics-${f.key}`),
        onCancel: show}));
      show();
      return row;
    });
    return h('section', {class: 'card', 'aria-labelledby': 'c-basics', 'data-pointer': '/basics', tabindex: '-1'},
      h('h2', {id: 'c-basics'}, 'Headline and contact'), h('div', {class: 'basics-grid'}, rows));
  }

  function itemRow(section, entryPtr, entryId, entryIndex, field, items, ids, k) {
    const ptr = `${entryPtr}/${field}/${k}`;
    const itemId = (state.ids[ptr] || '').split('/').pop();
    const origin = state.origins[ptr];
    const reworded = state.overridden.has(ptr) || Boolean(persona.data && persona.data[section] &&
      persona.data[section][entryId] && persona.data[section][entryId][field] &&
      typeof persona.data[section][entryId][field][itemId] === 'string');
    const row = h('li', {class: 'bullet-row', 'data-pointer': ptr, tabindex: '-1'});
    const label = fmt.capitalize(field === 'highlights' ? 'bullet' : field.replace(/s$/, ''));
    const short = String(items[k]).slice(0, 40);
    const show = () => replace(row,
      h('span', {class: 'bullet-text'}, String(items[k]), ' ',
        reworded ? ui.badge('Reworded here', 'warning') : (origin === 'persona' ? ui.badge('Added here', 'accent') : null)),
      h('span', {class: 'entry-tools'},
        iconButton(`Move “${short}” up`, '↑', () => apply((d) => ov.orderItems(d, section, entryId, entryIndex, field, ids, k, k - 1),
          `${label} moved up.`, `up-${ptr}`), {disabled: k === 0, 'data-focus': `up-${ptr}`}),
        iconButton(`Move “${short}” down`, '↓', () => apply((d) => ov.orderItems(d, section, entryId, entryIndex, field, ids, k, k + 1),
          `${label} moved down.`, `down-${ptr}`), {disabled: k === items.length - 1, 'data-focus': `down-${ptr}`}),
        iconButton(`Reword “${short}”`, '✎', () => replace(row, inlineEditor({label: `Reword this ${label.toLowerCase()}`,
          value: String(items[k]), multiline: true,
          onSave: (text) => apply((d) => ov.rewordItem(d, section, entryId, entryIndex, field, itemId, k, text || undefined),
            `${label} reworded.`, `reword-${ptr}`),
          onCancel: show})), {'data-focus': `reword-${ptr}`}),
        reworded ? iconButton(`Use the CV’s wording of “${short}”`, '↺', () => apply((d) => ov.rewordItem(d, section, entryId, entryIndex, field, itemId, k, undefined),
          `${label} back to the CV’s wording.`)) : null,
        iconButton(`Exclude “${short}”`, '✕', () => apply((d) => ov.hideItem(d, section, entryId, entryIndex, field, itemId, k),
          `${label} excluded.`))));
    show();
    return row;
  }

  function listBlock(section, entryPtr, entryId, entryIndex, entry, field) {
    const items = Array.isArray(entry[field]) ? entry[field] : [];
    const ids = items.map((_, k) => (state.ids[`${entryPtr}/${field}/${k}`] || '').split('/').pop());
    const hidden = hiddenBaseItems(state, section, entryPtr, field);
    const listData = persona.data && persona.data[section] && persona.data[section][entryId]
      ? persona.data[section][entryId][field] : undefined;
    const hiddenKnown = new Set(hidden.map((x) => x.id).filter(Boolean));
    const explicit = ov.hiddenIds(listData).filter((id) => !hiddenKnown.has(id));
    const fieldLabel = field === 'highlights' ? 'Bullets' : fmt.capitalize(field);
    const addLabel = field === 'highlights' ? 'bullet' : field.replace(/s$/, '');
    let adding = null;
    const addSlot = h('div');
    const openAdd = () => {
      adding = inlineEditor({label: `New ${addLabel}`, value: '', multiline: field === 'highlights',
        onSave: (text) => (text ? apply((d) => ov.addItem(d, section, entryId, entryIndex, field, text), `${fmt.capitalize(addLabel)} added.`)
          : Promise.resolve()),
        onCancel: () => replace(addSlot, addButton)});
      replace(addSlot, adding);
    };
    const addButton = ui.button(`+ Add a ${addLabel}`, {class: 'btn-small', kind: 'ghost', onclick: openAdd});
    replace(addSlot, addButton);
    return h('div', {class: 'list-block'},
      h('h4', {class: 'list-block-title'}, fieldLabel),
      items.length ? h('ul', {class: 'bullets-edit'}, items.map((_, k) => itemRow(section, entryPtr, entryId, entryIndex, field, items, ids, k)))
        : h('p', {class: 'small muted'}, `No ${fieldLabel.toLowerCase()} shown.`),
      hidden.length || explicit.length ? h('details', {class: 'hidden-items'},
        h('summary', null, `${fmt.plural(hidden.length + explicit.length, `excluded ${addLabel}`)}`),
        h('ul', null,
          hidden.map((x) => h('li', {class: 'bullet-row bullet-excluded'}, h('span', {class: 'bullet-text'}, x.text),
            x.id ? ui.button('Include', {class: 'btn-small', 'aria-label': `Include “${x.text.slice(0, 40)}”`,
              onclick: () => apply((d) => ov.showItem(d, section, entryId, field, x.id), `${fmt.capitalize(addLabel)} included.`)}) : null)),
          explicit.map((id) => h('li', {class: 'bullet-row bullet-excluded'}, h('span', {class: 'bullet-text muted'}, 'An item excluded earlier'),
            ui.button('Include', {class: 'btn-small', onclick: () => apply((d) => ov.showItem(d, section, entryId, field, id), 'Included.')})))),
        listData !== undefined ? ui.button(`Show the CV’s ${fieldLabel.toLowerCase()} as they are`, {class: 'btn-small', kind: 'ghost',
          onclick: () => apply((d) => ov.resetItems(d, section, entryId, field), `${fieldLabel} reset to the CV’s.`)}) : null) : null,
      addSlot);
  }

  function entryCard(section, def, entries, ids, i) {
    const entry = entries[i];
    const ptr = `/${section}/${i}`;
    const id = ids[i];
    const origin = state.origins[ptr];
    const lists = ov.LIST_FIELDS[section] || [];
    const plainFields = def.fields.filter((f) => !f.list);
    const changedFields = [...state.overridden].filter((p) => p.startsWith(ptr + '/') &&
      !lists.some((l) => p.startsWith(`${ptr}/${l}`))).map((p) => {
      const f = plainFields.find((pf) => pf.key === lastToken(p));
      return f ? f.label.toLowerCase() : lastToken(p);
    });
    const title = resume.entryTitle(def, entry);
    const card = h('article', {class: 'entry', 'data-pointer': ptr, tabindex: '-1'});
    const show = () => replace(card,
      h('div', {class: 'entry-head'},
        h('div', null,
          h('h3', {class: 'entry-title'}, title),
          h('div', {class: 'entry-sub'}, resume.entryDates(entry), ' ', originBadge(origin), ' ',
            changedFields.length ? changedBadge(changedFields) : null)),
        h('div', {class: 'entry-tools'},
          iconButton(`Move ${title} up`, '↑', () => apply((d) => ov.orderEntries(d, section, ids, i, i - 1), `${title} moved up.`, `up-${ptr}`),
            {disabled: i === 0, 'data-focus': `up-${ptr}`}),
          iconButton(`Move ${title} down`, '↓', () => apply((d) => ov.orderEntries(d, section, ids, i, i + 1), `${title} moved down.`, `down-${ptr}`),
            {disabled: i === entries.length - 1, 'data-focus': `down-${ptr}`}),
          plainFields.length ? ui.button('Edit', {class: 'btn-small', 'aria-label': `Edit ${title}`, onclick: edit}) : null,
          changedFields.length ? ui.button('Use the CV’s', {class: 'btn-small', kind: 'ghost', 'aria-label': `Undo the changes to ${title}`,
            onclick: () => apply((d) => ov.resetEntryFields(d, section, id), `${title}: back to what the CV says.`)}) : null,
          ui.button('Exclude', {class: 'btn-small', kind: 'ghost', 'aria-label': `Exclude ${title}`,
            onclick: () => apply((d) => ov.hideEntry(d, section, id, i), `${title} excluded.`)}))),
      plainFields.filter((f) => f.multiline && entry[f.key]).map((f) => h('p', {class: 'entry-text', 'data-pointer': `${ptr}/${f.key}`}, entry[f.key])),
      lists.filter((f) => (Array.isArray(entry[f]) && entry[f].length) || f === 'highlights' ||
        hiddenBaseItems(state, section, ptr, f).length)
        .map((f) => listBlock(section, ptr, id, i, entry, f)));
    const edit = () => {
      const fields = {};
      const form = h('form', {class: 'form entry-edit', novalidate: true});
      const grid = h('div', {class: 'fields-grid'});
      for (const f of plainFields) {
        const value = resume.getPath(entry, f.key);
        fields[f.key] = ui.field({label: f.label, value: value ?? '', multiline: f.multiline, rows: 3, class: f.wide ? 'wide' : null});
        grid.append(fields[f.key].el);
      }
      const save = ui.button('Save changes', {kind: 'primary', type: 'submit', class: 'btn-small'});
      replace(form, h('p', {class: 'small muted'}, 'Changes apply to this persona only; the CV stays as it is.'), grid,
        h('div', {class: 'form-actions'}, save, ui.button('Cancel', {class: 'btn-small', onclick: show})));
      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        const changes = plainFields.filter((f) => (fields[f.key].input.value.trim()) !== String(resume.getPath(entry, f.key) ?? ''));
        if (!changes.length) {
          show();
          return;
        }
        await ui.busy(save, apply((d) => {
          for (const f of changes) ov.setEntryField(d, section, id, i, f.key, fields[f.key].input.value.trim());
        }, `${title} changed.`));
      });
      replace(card, h('h3', {class: 'entry-title'}, `Edit: ${title}`), form);
      form.querySelector('input, textarea').focus();
    };
    show();
    return card;
  }

  function sectionCard(section) {
    const def = sectionDef(section);
    const entries = resume.sectionItems(state.effective, section);
    const ids = entries.map((_, i) => state.ids[`/${section}/${i}`]);
    const hidden = hiddenBaseEntries(state, section);
    const sectionData = persona.data ? persona.data[section] : undefined;
    const hiddenKnown = new Set(hidden.map((x) => x.id).filter(Boolean));
    const explicit = ov.hiddenIds(sectionData).filter((id) => !hiddenKnown.has(id));
    if (!entries.length && !hidden.length && !explicit.length) return null;
    const ordered = sectionData && !Array.isArray(sectionData) && Array.isArray(sectionData.$order);
    return h('section', {class: 'card', 'aria-labelledby': `c-${section}`, 'data-pointer': `/${section}`, tabindex: '-1'},
      h('div', {class: 'card-head'}, h('h2', {id: `c-${section}`}, def.label),
        h('span', {class: 'small muted'}, `${fmt.plural(entries.length, 'shown', 'shown')}${hidden.length + explicit.length ? `, ${hidden.length + explicit.length} excluded` : ''}`)),
      ordered ? h('p', {class: 'hint'}, 'Chosen order: entries added to the CV later start out excluded here.') : null,
      entries.length ? entries.map((_, i) => entryCard(section, def, entries, ids, i)) : h('p', {class: 'muted'}, 'Nothing shown in this section.'),
      hidden.length || explicit.length ? h('details', {class: 'hidden-entries', open: !entries.length},
        h('summary', null, `Excluded from this persona (${hidden.length + explicit.length})`),
        h('ul', {class: 'list'},
          hidden.map((x) => h('li', {class: 'list-item entry-excluded'},
            h('div', {class: 'list-main'}, h('span', {class: 'entry-title'}, resume.entryTitle(def, x.entry)), ' ',
              h('span', {class: 'entry-sub'}, resume.entryDates(x.entry))),
            x.id ? ui.button('Include', {class: 'btn-small', 'aria-label': `Include ${resume.entryTitle(def, x.entry)}`,
              onclick: () => apply((d) => ov.showEntry(d, section, x.id), `${resume.entryTitle(def, x.entry)} included.`)}) : null)),
          explicit.map((id) => h('li', {class: 'list-item entry-excluded'},
            h('div', {class: 'list-main muted'}, 'An entry excluded earlier (from your knowledge base, or changed in the CV since)'),
            ui.button('Include', {class: 'btn-small', onclick: () => apply((d) => ov.showEntry(d, section, id), 'Included.')})))),
        sectionData !== undefined ? ui.button(`Show the CV’s ${def.label.toLowerCase()} as they are`, {class: 'btn-small', kind: 'ghost',
          onclick: () => apply((d) => ov.resetSection(d, section), `${def.label} reset to the CV.`)}) : null) : null);
  }

  function draw() {
    const sections = SECTION_ORDER.concat(Object.keys(state.effective).filter((k) => Array.isArray(state.effective[k]) && !SECTION_ORDER.includes(k)));
    const unresolved = state.unresolved.length
      ? h('div', {class: 'alert alert-warning'}, h('strong', null, 'Some changes no longer apply. '),
        `${fmt.plural(state.unresolved.length, 'change')} of this persona named entries that changed in the CV since. They are ignored; make them again if you still want them.`)
      : null;
    const cards = sections.map(sectionCard).filter(Boolean);
    replace(root,
      h('div', {class: 'content-intro'},
        h('p', {class: 'muted'}, 'This is what gap reports and exports use: your CV, your confirmed knowledge, and the changes made here. ',
          ui.badge('From CV', 'neutral'), ' lines follow the CV; ', ui.badge('Changed here', 'warning'), ' lines belong to this persona.')),
      unresolved, basicsCard(),
      cards.length ? cards : ui.emptyState({title: 'Nothing to show yet',
        body: persona.base_cv_id ? 'The base CV has no sections yet.' : 'This persona has no base CV. Create one from a CV to start with its content.'}),
      status);
    const target = focusKey && root.querySelector(`[data-focus="${CSS.escape(focusKey)}"]`);
    if (target && !target.disabled) target.focus();
    focusKey = null;
  }

  state = await loadState(persona, ctx.signal);
  draw();
  const field = ctx.query.get('field');
  if (field !== null) setTimeout(() => revealPointer(root, field), 0);
  return root;
}

/** Scrolls to the element showing pointer (or its nearest shown ancestor) and flashes it. */
export function revealPointer(root, pointer) {
  let ptr = pointer || '';
  for (;;) {
    const el = root.querySelector(`[data-pointer="${CSS.escape(ptr)}"]`) || (ptr === '' ? root : null);
    if (el) {
      el.classList.remove('flash');
      void el.offsetWidth;
      el.classList.add('flash');
      el.scrollIntoView({block: 'center'});
      el.focus({preventScroll: true});
      return el;
    }
    ptr = ptr.slice(0, Math.max(0, ptr.lastIndexOf('/')));
  }
}
