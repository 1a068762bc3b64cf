// Personas: the list, and creating one (from a CV, or blank).
import {h, replace} from '../dom.js';
import * as api from '../api.js';
import {session, refreshSession} from '../session.js';
import * as ui from '../ui.js';
import * as fmt from '../format.js';

function usageLine() {
  const u = session.me && session.me.usage && session.me.usage.personas;
  return u ? `${fmt.usage(u.used, u.limit, 'persona', 'personas')} on your plan.` : '';
}

/** The "New persona" form in a dialog; resolves with the created persona or undefined. */
export async function createPersonaDialog(signal) {
  const cvs = (await api.listAll('/cvs', {signal})).filter((c) => c.status === 'parsed');
  return ui.openDialog('New persona', (close) => {
    const summary = h('div', {class: 'form-summary'});
    const options = [{value: '', label: 'No CV: start blank'},
      ...cvs.map((c) => ({value: c.id, label: c.filename}))];
    const fields = {
      base_cv_id: ui.field({label: 'Build it from', name: 'base_cv_id', options, value: cvs[0] ? cvs[0].id : '',
        hint: 'The persona starts with everything read from this CV. Fixing the CV later fixes the persona too.'}),
      title: ui.field({label: 'Title', name: 'title', placeholder: 'e.g. Staff Backend Engineer',
        hint: 'Leave empty to take it from the CV.'}),
    };
    const submit = ui.button('Create persona', {kind: 'primary', type: 'submit'});
    const form = h('form', {class: 'form', novalidate: true}, summary, fields.base_cv_id.el, fields.title.el,
      h('div', {class: 'dialog-actions'}, ui.button('Cancel', {onclick: () => close()}), submit));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      ui.clearFormError(summary, fields);
      const body = {};
      const cv = fields.base_cv_id.input.value;
      const title = fields.title.input.value.trim();
      if (cv) body.base_cv_id = cv;
      if (title) body.title = title;
      if (!cv && !title) {
        fields.title.setError('Give the persona a title, or build it from a CV.');
        fields.title.input.focus();
        return;
      }
      try {
        const persona = await ui.busy(submit, api.post('/personas', body), 'Creating…');
        await refreshSession();
        close(persona);
      } catch (err) {
        ui.showFormError(summary, fields, err, {title: 'Title', base_cv_id: 'CV'});
      }
    });
    return form;
  });
}

export async function list(ctx) {
  ctx.setTitle('Personas');
  const usage = h('p', {class: 'subtitle'}, usageLine() || '\u00a0');
  const body = h('div', null, ui.skeleton([3.4, 3.4, 3.4]));
  const create = async () => {
    try {
      const persona = await createPersonaDialog(ctx.signal);
      if (persona) {
        ui.toast(`Persona “${persona.title}” created.`, 'success');
        ctx.navigate(`/personas/${persona.id}`);
      }
    } catch (e) {
      ui.toast(ui.messageOf(e), 'error');
    }
  };
  const newButton = ui.button('New persona', {kind: 'primary', onclick: create});
  replace(ctx.main, h('div', {class: 'page'},
    h('div', {class: 'page-header'}, h('div', {class: 'page-header-row'},
      h('div', {class: 'page-title'}, h('h1', {tabindex: '-1'}, 'Personas'), usage),
      h('div', {class: 'page-actions'}, newButton))),
    body));
  const items = await api.listAll('/personas', {signal: ctx.signal});
  if (!items.length) {
    replace(body, ui.emptyState({title: 'No personas yet',
      body: 'A persona is you, presented for one kind of role: choose what to include, reword it, and export it.',
      action: ui.button('Create your first persona', {kind: 'primary', onclick: create})}));
    return;
  }
  replace(body, h('ul', {class: 'list card card-list'}, items.map((p) => h('li', {class: 'list-item'},
    h('div', {class: 'list-main'},
      h('a', {class: 'list-title', href: `/personas/${p.id}`}, p.title),
      p.summary ? h('p', {class: 'small muted clamp'}, p.summary) : null,
      h('div', {class: 'list-meta'},
        h('span', null, `Version ${p.version}`), h('span', null, `edited ${fmt.ago(p.updated_at)}`),
        p.base_cv_id ? h('span', null, 'built from a CV') : h('span', null, 'blank'))),
    p.tags.length ? h('div', {class: 'tags'}, p.tags.map((t) => ui.badge(t, 'outline'))) : null))));
}
