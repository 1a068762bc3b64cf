// Templates: the built-in ones, and your own created and edited with a live preview and errors
// that point at the line.
import {h, replace} from '../dom.js';
import * as api from '../api.js';
import * as ui from '../ui.js';
import * as fmt from '../format.js';
import {has, hasFeature} from '../capabilities.js';
import {htmlPreview, textPreview} from '../preview.js';
import {templateLabel} from './persona_export.js';

const TYPES = [{value: 'cv', label: 'CV'}, {value: 'cover_letter', label: 'Cover letter'}];
const ENGINES = [{value: 'jinja', label: 'Jinja (HTML or text)'}, {value: 'markdown', label: 'Markdown with Jinja tags'}];

function isBuiltin(t) {
  return t.builtin === true || !t.id;
}

function canWrite() {
  return has('/api/v1/templates', 'POST');
}

export async function list(ctx) {
  ctx.setTitle('Templates');
  const body = h('div', null, ui.skeleton([3, 3, 3]));
  replace(ctx.main, h('div', {class: 'page'},
    ui.pageHeader('Templates', {
      subtitle: 'How your personas look when exported. Start from a built-in one and make it yours.',
      actions: canWrite() ? [ui.linkButton('New template', '/templates/new', {kind: 'primary'})] : null,
    }), body));
  const items = await api.listAll('/templates', {signal: ctx.signal});
  const builtins = items.filter(isBuiltin);
  const mine = items.filter((t) => !isBuiltin(t));
  const row = (t) => h('li', {class: 'list-item'},
    h('div', {class: 'list-main'},
      h('span', {class: 'list-title'}, templateLabel(t)),
      h('div', {class: 'list-meta'}, h('span', null, (TYPES.find((x) => x.value === t.type) || {label: t.type || 'CV'}).label),
        h('span', null, t.engine), t.description ? h('span', null, t.description) : null)),
    h('div', {class: 'row'},
      isBuiltin(t)
        ? (canWrite() ? ui.linkButton('Copy and edit', `/templates/new?from=${encodeURIComponent(t.id || t.name)}`, {class: 'btn-small'}) : null)
        : [ui.linkButton('Edit', `/templates/${t.id}`, {class: 'btn-small'}),
          has('/api/v1/templates/{id}', 'DELETE') ? ui.button('Delete', {class: 'btn-small', kind: 'danger', 'aria-label': `Delete ${templateLabel(t)}`,
            onclick: async () => {
              if (!await ui.confirmDialog({title: `Delete “${templateLabel(t)}”?`, confirm: 'Delete', danger: true})) return;
              try {
                await api.del(`/templates/${t.id}`);
                ui.toast('Template deleted.', 'success');
                ctx.rerender();
              } catch (e) {
                ui.toast(ui.messageOf(e), 'error');
              }
            }}) : null]));
  replace(body,
    h('section', {'aria-labelledby': 'mine-h'}, h('h2', {id: 'mine-h'}, 'Your templates'),
      mine.length ? h('ul', {class: 'list card card-list'}, mine.map(row))
        : ui.emptyState({title: 'None yet', body: 'Copy a built-in template to change its layout, wording or style.'})),
    h('section', {'aria-labelledby': 'builtin-h'}, h('h2', {id: 'builtin-h'}, 'Built in'),
      h('ul', {class: 'list card card-list'}, builtins.map(row))));
}

/**
 * Where a template error points: the 422 detail's ctx {line, column}, else a message of the form
 * "name:3:7: message".
 */
export function errorPosition(error) {
  const detail = (error.details || []).find((d) => d && d.ctx && typeof d.ctx.line === 'number' && d.ctx.line > 0);
  if (detail) return {line: detail.ctx.line, column: detail.ctx.column || 1, message: String(detail.msg || error.message).replace(/^[^:\s]*:\d+:\d+:\s*/, '')};
  const text = `${error.message || ''}`;
  const m = /:(\d+):(\d+):\s*(.*)$/.exec(text) || /line (\d+)(?:, column (\d+))?[:,]?\s*(.*)$/i.exec(text);
  if (m) return {line: Number(m[1]), column: Number(m[2] || 1), message: m[3] || text};
  return null;
}

function selectLine(textarea, line) {
  const lines = textarea.value.split('\n');
  const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  const end = start + (lines[line - 1] || '').length;
  textarea.focus();
  textarea.setSelectionRange(start, end);
}

export async function editor(ctx) {
  const id = ctx.params.id;
  ctx.setTitle(id ? 'Edit template' : 'New template');
  replace(ctx.main, h('div', {class: 'page'}, ui.pageHeader(id ? 'Edit template' : 'New template',
    {back: {href: '/templates', label: 'Templates'}}), ui.skeleton([4, 20])));
  let template = {name: '', type: 'cv', engine: 'markdown', body: '', config: {}};
  const from = ctx.query.get('from');
  if (id) template = await api.get(`/templates/${id}`, {signal: ctx.signal});
  else if (from) {
    const base = await api.get(`/templates/${encodeURIComponent(from)}`, {signal: ctx.signal}).catch(() => null);
    if (base) template = {...base, id: undefined, builtin: false, name: `${templateLabel(base)} (my copy)`.slice(0, 100)};
  }
  // A built-in opened directly is read-only: saving makes your own copy of it.
  const copyOfBuiltin = Boolean(id && template.builtin);
  if (copyOfBuiltin) template = {...template, name: `${templateLabel(template)} (my copy)`.slice(0, 100)};
  const personas = await api.listAll('/personas', {signal: ctx.signal}).catch(() => []);
  const summary = h('div', {class: 'form-summary'});
  const fields = {
    name: ui.field({label: 'Name', name: 'name', value: template.name || '', required: true}),
    type: ui.field({label: 'Kind', name: 'type', value: template.type || 'cv', options: TYPES}),
    engine: ui.field({label: 'Engine', name: 'engine', value: template.engine || 'jinja', options: ENGINES}),
    body: ui.field({label: 'Template', name: 'body', value: template.body || '', multiline: true, rows: 22,
      inputClass: 'code-input', spellcheck: 'false',
      hint: 'The persona is available as basics, work, education, skills… Use {{ basics.name }} and {% for job in work %}…{% endfor %}.'}),
    config: ui.field({label: 'Style settings (JSON)', name: 'config', multiline: true, rows: 5, inputClass: 'code-input',
      value: template.config && Object.keys(template.config).length ? JSON.stringify(template.config, null, 2) : '',
      hint: 'Optional: fonts, colours, margins. Leave empty for the defaults.'}),
  };
  const previewPersona = ui.field({label: 'Preview with', name: 'persona',
    options: [{value: '', label: 'A sample persona'}, ...personas.map((p) => ({value: p.id, label: p.title}))]});
  const previewFormat = ui.field({label: 'As', name: 'format', value: 'html',
    options: [{value: 'html', label: 'Web page'}, {value: 'md', label: 'Markdown'}, {value: 'txt', label: 'Plain text'}]});
  const previewBody = h('div', {class: 'preview-frame', 'aria-live': 'polite'});
  const errorBox = h('div', {role: 'alert'});
  const save = ui.button(id && !copyOfBuiltin ? 'Save template' : 'Create template', {kind: 'primary', type: 'submit'});
  const form = h('form', {class: 'form', novalidate: true}, summary,
    h('div', {class: 'fields-grid'}, fields.name.el, fields.type.el, fields.engine.el),
    fields.body.el, errorBox, fields.config.el, h('div', {class: 'form-actions'}, save));

  const readConfig = () => {
    const raw = fields.config.input.value.trim();
    if (!raw) return {};
    const value = JSON.parse(raw);
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('Style settings must be a JSON object: { … }');
    return value;
  };

  const showError = (e) => {
    const pos = errorPosition(e);
    fields.body.setError(null);
    replace(errorBox, h('div', {class: 'alert alert-error'},
      pos ? [h('strong', null, `Line ${pos.line}, column ${pos.column}: `), fmt.sentence(pos.message), ' ',
        ui.button('Show the line', {class: 'btn-small', kind: 'ghost', onclick: () => selectLine(fields.body.input, pos.line)})]
        : ui.messageOf(e)));
  };

  let seq = 0;
  let timer = null;
  async function preview() {
    const mine = ++seq;
    let config;
    try {
      config = readConfig();
      fields.config.setError(null);
    } catch (e) {
      fields.config.setError(e.message.startsWith('Style') ? e.message : `Not valid JSON: ${e.message}`);
      return;
    }
    if (!hasFeature('templatePreview')) {
      replace(previewBody, h('p', {class: 'muted'}, id
        ? 'Save the template to see it with a persona (this server has no live preview).'
        : 'Create the template to preview it (this server has no live preview).'));
      return;
    }
    const format = previewFormat.input.value;
    try {
      const body = {body: fields.body.input.value, engine: fields.engine.input.value, config, format};
      if (previewPersona.input.value) body.persona_id = previewPersona.input.value;
      const out = await api.post('/templates/preview', body, {signal: ctx.signal});
      if (mine !== seq) return;
      replace(errorBox);
      const text = typeof out === 'string' ? out : (out.output ?? out.content ?? out.html ?? out.text ?? '');
      replace(previewBody, format === 'html' ? htmlPreview(text) : textPreview(text));
    } catch (e) {
      if (e.name === 'AbortError' || mine !== seq) return;
      showError(e);
    }
  }
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(preview, 500);
  };
  for (const f of [fields.body, fields.config, fields.engine, fields.type, previewPersona, previewFormat]) {
    f.input.addEventListener('input', schedule);
    f.input.addEventListener('change', schedule);
  }
  ctx.signal.addEventListener('abort', () => clearTimeout(timer));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    ui.clearFormError(summary, fields);
    replace(errorBox);
    const name = fields.name.input.value.trim();
    if (!name) {
      fields.name.setError('Give the template a name.');
      fields.name.input.focus();
      return;
    }
    let config;
    try {
      config = readConfig();
    } catch (err) {
      fields.config.setError(err.message);
      fields.config.input.focus();
      return;
    }
    const body = {name, type: fields.type.input.value, engine: fields.engine.input.value,
      body: fields.body.input.value, config};
    try {
      const editing = id && !copyOfBuiltin;
      const saved = await ui.busy(save, editing ? api.patch(`/templates/${id}`, body) : api.post('/templates', body), 'Saving…');
      ui.toast(`Template “${saved.name || name}” saved.`, 'success');
      if (!editing && saved.id) ctx.navigate(`/templates/${saved.id}`, {replace: true});
    } catch (err) {
      if (errorPosition(err)) showError(err);
      else ui.showFormError(summary, fields, err, {name: 'Name', body: 'Template', config: 'Style settings'});
    }
  });

  replace(ctx.main, h('div', {class: 'page page-wide'},
    ui.pageHeader(id && !copyOfBuiltin ? `Edit: ${template.name}` : 'New template', {back: {href: '/templates', label: 'Templates'},
      subtitle: copyOfBuiltin ? 'Built-in templates stay as they are: this makes your own copy.' : null}),
    h('div', {class: 'template-layout'},
      h('section', {class: 'card', 'aria-label': 'Template source'}, form),
      h('section', {class: 'card preview-card', 'aria-labelledby': 'tpl-preview-h'},
        h('div', {class: 'card-head'}, h('h2', {id: 'tpl-preview-h'}, 'Live preview')),
        h('div', {class: 'fields-grid'}, previewPersona.el, previewFormat.el),
        previewBody))));
  preview();
}
