// Tailoring: paste a job posting, see what the persona would keep, drop and reorder (nothing
// is reworded: every line is one of yours), then save it here or as a new persona.
import {h, replace} from '../dom.js';
import * as api from '../api.js';
import {refreshSession} from '../session.js';
import * as ui from '../ui.js';
import * as fmt from '../format.js';
import * as resume from '../resume.js';
import {savePersona} from './persona.js';
import {posting} from './posting.js';

function skillChips(list, kind) {
  return (list || []).map((s) => ui.badge(s.years ? `${s.name} · ${s.years}+ yrs` : s.name, kind));
}

export function postingSummary(p) {
  if (!p) return null;
  const rows = [];
  if (p.title) rows.push(['Role', p.title]);
  if (p.seniority && p.seniority_source !== 'default') rows.push(['Level', fmt.capitalize(p.seniority)]);
  if (p.years_min) rows.push(['Experience', `${p.years_min}+ years`]);
  if (p.degree && p.degree.level) rows.push(['Degree', `${fmt.capitalize(p.degree.level)}${p.degree.required ? ' (required)' : ''}`]);
  if (p.location) rows.push(['Location', typeof p.location === 'string' ? p.location : [p.location.city, p.location.remote ? 'remote' : null].filter(Boolean).join(', ')]);
  return h('div', {class: 'posting-summary'},
    rows.length ? h('dl', {class: 'kv'}, rows.flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)])) : null,
    p.required_skills && p.required_skills.length ? h('div', null, h('h4', null, 'Required'), h('div', {class: 'tags'}, skillChips(p.required_skills, 'danger'))) : null,
    p.preferred_skills && p.preferred_skills.length ? h('div', null, h('h4', null, 'Preferred'), h('div', {class: 'tags'}, skillChips(p.preferred_skills, 'accent'))) : null);
}

/** The preview document as sections of entries and bullets, with why each line was kept. */
function previewView(result) {
  const doc = result.preview || {};
  // Provenance names lines by id (its pointers are into the persona before tailoring).
  const byId = new Map((result.provenance || []).map((p) => [p.id, p]));
  const previewIds = (doc.meta && doc.meta.personaforge && doc.meta.personaforge.ids) || {};
  const why = {get: (ptr) => byId.get(previewIds[ptr])};
  const sections = resume.SECTIONS.filter((s) => !s.single && Array.isArray(resume.getPath(doc, s.key)) && resume.getPath(doc, s.key).length);
  return h('div', {class: 'tailor-preview'},
    doc.basics && doc.basics.label ? h('p', null, h('strong', null, doc.basics.label)) : null,
    sections.map((s) => h('section', {class: 'section'},
      h('h3', null, s.label),
      h('ol', {class: 'preview-entries'}, resume.sectionItems(doc, s.key).map((entry, i) => {
        const ptr = `/${s.key}/${i}`;
        const reason = why.get(ptr);
        const lists = ['highlights', 'keywords', 'courses'].filter((f) => Array.isArray(entry && entry[f]) && entry[f].length);
        return h('li', null,
          h('span', {class: 'entry-title'}, resume.entryTitle(s, entry)), ' ',
          h('span', {class: 'entry-sub'}, resume.entryDates(entry)), ' ',
          reason && reason.matched && reason.matched.length ? h('span', {class: 'tags inline-tags'}, reason.matched.map((m) => ui.badge(m, 'success'))) : null,
          lists.map((f) => h('ul', {class: f === 'highlights' ? 'bullets' : 'tags inline-list'}, entry[f].map((item, k) => {
            const r = why.get(`${ptr}/${f}/${k}`);
            const badges = r && r.matched && r.matched.length ? r.matched.map((m) => ui.badge(m, 'success')) : [];
            return h('li', null, String(item), badges.length ? ' ' : null, badges);
          }))));
      })))));
}

function droppedView(result, current) {
  const dropped = result.dropped || [];
  if (!dropped.length) return h('p', {class: 'muted'}, 'Nothing is left out.');
  const describe = (d) => {
    const value = current ? resume.resolvePointer(current, d.pointer) : undefined;
    if (typeof value === 'string') return value;
    const parts = resume.parsePointer(d.pointer || '');
    const def = resume.SECTIONS.find((s) => s.key === parts[0]);
    if (value && typeof value === 'object' && def) return resume.entryTitle(def, value);
    return d.id;
  };
  return h('ul', {class: 'dropped'}, dropped.map((d) => h('li', null,
    h('span', {class: 'dropped-text'}, describe(d)), ' — ', h('span', {class: 'muted'}, d.reason || 'less relevant'))));
}

export async function tailor(ctx, persona, shell) {
  const current = await api.get(`/personas/${persona.id}/effective`, {signal: ctx.signal}).catch(() => null);
  const summary = h('div', {class: 'form-summary'});
  const jd = ui.field({label: 'Job posting', name: 'job_description', multiline: true, rows: 10,
    value: posting.text || '', hint: 'Paste the whole posting: title, requirements, nice-to-haves. PersonaForge picks and orders your entries and bullets for it. It never writes new text.'});
  const go = ui.button('Suggest a tailored version', {kind: 'primary', type: 'submit'});
  const result = h('div', {'aria-live': 'polite'});
  const form = h('form', {class: 'form card', novalidate: true, 'aria-labelledby': 'tailor-h'},
    h('h2', {id: 'tailor-h'}, 'Tailor to a job posting'), summary, jd.el, h('div', {class: 'form-actions'}, go));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    ui.clearFormError(summary, {job_description: jd});
    const text = jd.input.value.trim();
    if (text.length < 20) {
      jd.setError('Paste the job posting first (at least a few lines).');
      jd.input.focus();
      return;
    }
    posting.text = text;
    replace(result, ui.skeleton([3, 10]));
    try {
      const proposal = await ui.busy(go, api.post(`/personas/${persona.id}/tailor`, {job_description: text}), 'Reading the posting…');
      showProposal(proposal);
    } catch (err) {
      replace(result);
      ui.showFormError(summary, {job_description: jd}, err, {job_description: 'Job posting'});
    }
  });

  function showProposal(proposal) {
    const saveHere = ui.button('Save to this persona', {kind: 'primary', onclick: async () => {
      try {
        const saved = await ui.busy(saveHere, savePersona(persona, {data: proposal.data}), 'Saving…');
        Object.assign(persona, saved);
        shell.refreshHeader();
        ui.toast(`Tailored version saved as version ${saved.version}. The previous one is in Versions.`, 'success');
        ctx.navigate(`/personas/${persona.id}/content`);
      } catch (err) {
        ui.toast(ui.messageOf(err), 'error');
      }
    }});
    const saveCopy = ui.button('Save as a new persona', {onclick: async () => {
      try {
        await ui.busy(saveCopy, (async () => {
          const copy = await api.post(`/personas/${persona.id}/duplicate`);
          const response = await api.request('GET', `/personas/${copy.id}`, {raw: true});
          const fresh = await response.json();
          fresh.etag = response.headers.get('ETag') || `"${fresh.version}"`;
          const title = proposal.posting && proposal.posting.title ? `${persona.title} — ${proposal.posting.title}` : `${persona.title} (tailored)`;
          const saved = await savePersona(fresh, {data: proposal.data, title: title.slice(0, 200)});
          await refreshSession();
          ui.toast(`Saved as “${saved.title}”.`, 'success');
          ctx.navigate(`/personas/${saved.id}/content`);
        })(), 'Saving…');
      } catch (err) {
        ui.toast(ui.messageOf(err), 'error');
      }
    }});
    const stale = proposal.persona_version && proposal.persona_version !== persona.version;
    replace(result,
      h('section', {class: 'card', 'aria-labelledby': 'proposal-h'},
        h('div', {class: 'card-head'}, h('h2', {id: 'proposal-h'}, 'Preview'),
          h('div', {class: 'row'}, saveHere, saveCopy, ui.button('Discard', {kind: 'ghost', onclick: () => replace(result)}))),
        stale ? h('div', {class: 'alert alert-warning'}, 'The persona changed while this was computed. Suggest again before saving.') : null,
        h('p', {class: 'muted'}, 'Nothing is saved until you choose. Every line below is one of yours; badges show which words of the posting it matches.'),
        h('div', {class: 'split'},
          h('div', null, previewView(proposal)),
          h('aside', {class: 'stack'},
            h('div', {class: 'card card-subtle'}, h('h3', null, 'What the posting asks'), postingSummary(proposal.posting)),
            h('div', {class: 'card card-subtle'}, h('h3', null, 'Left out'), droppedView(proposal, current)),
            h('div', {class: 'card card-subtle'}, h('h3', null, 'Next'),
              h('p', null, h('a', {href: `/personas/${persona.id}/gaps?posting=1`}, 'Check what is missing for this posting'), '.'))))));
    result.querySelector('h2').setAttribute('tabindex', '-1');
    result.querySelector('h2').focus();
  }

  return h('div', {class: 'stack'}, form, result);
}
