// Export: choose a template and a format, preview, download.
import {h, replace, uid} from '../dom.js';
import * as api from '../api.js';
import * as ui from '../ui.js';
import {htmlPreview, textPreview} from '../preview.js';

export const FORMATS = [
  {id: 'pdf', label: 'PDF', hint: 'Ready to send'},
  {id: 'docx', label: 'Word (DOCX)', hint: 'Editable'},
  {id: 'html', label: 'Web page (HTML)', hint: ''},
  {id: 'md', label: 'Markdown', hint: ''},
  {id: 'txt', label: 'Plain text', hint: 'For online forms'},
  {id: 'json', label: 'JSON Resume', hint: 'For other tools'},
];

export function templateKey(t) {
  return t.id || t.name;
}

export function templateLabel(t) {
  return t.title || t.name;
}

/** Fetches one export as text (the preview of a format that has one). */
async function exportText(personaId, template, format, signal) {
  const response = await api.request('GET', `/personas/${personaId}/export${api.qs({template, format})}`, {raw: true, signal});
  return response.text();
}

export async function exporter(ctx, persona) {
  const templates = (await api.listAll('/templates', {signal: ctx.signal}));
  if (!templates.length) {
    return ui.emptyState({title: 'No templates', body: 'There is no template to export with.',
      action: ui.linkButton('Manage templates', '/templates')});
  }
  let template = templateKey(templates.find((t) => (t.type || 'cv') === 'cv') || templates[0]);
  let format = 'pdf';
  const previewBody = h('div', {class: 'preview-frame', 'aria-live': 'polite'},
    h('p', {class: 'muted'}, 'Choose a template and a format, then preview it here.'));
  const download = h('a', {class: 'btn btn-primary', download: ''}, 'Download');
  const updateDownload = () => {
    download.href = `/api/v1/personas/${persona.id}/export${api.qs({template, format})}`;
    const label = FORMATS.find((f) => f.id === format).label;
    download.textContent = `Download ${label}`;
  };
  const select = ui.field({label: 'Template', name: 'template', value: template,
    options: templates.map((t) => ({value: templateKey(t), label: `${templateLabel(t)}${t.type && t.type !== 'cv' ? ' (cover letter)' : ''}${t.id && !t.builtin ? '' : ' — built in'}`}))});
  select.input.addEventListener('change', () => {
    template = select.input.value;
    updateDownload();
    preview();
  });
  const groupName = uid('fmt');
  const formats = h('fieldset', {class: 'format-choice'}, h('legend', null, 'Format'),
    FORMATS.map((f) => h('label', {class: 'format-option'},
      h('input', {type: 'radio', name: groupName, value: f.id, checked: f.id === format, onchange: () => {
        format = f.id;
        updateDownload();
        preview();
      }}),
      h('span', null, h('strong', null, f.label), f.hint ? h('span', {class: 'small muted'}, ` — ${f.hint}`) : null))));
  let seq = 0;
  async function preview() {
    const mine = ++seq;
    const previewFormat = ['pdf', 'docx', 'html'].includes(format) ? 'html' : format;
    replace(previewBody, ui.skeleton([2, 10, 10]));
    try {
      const text = await exportText(persona.id, template, previewFormat, ctx.signal);
      if (mine !== seq) return;
      replace(previewBody,
        format === 'pdf' || format === 'docx'
          ? h('p', {class: 'small muted'}, `The ${format.toUpperCase()} is laid out from the same template; this is its web preview.`) : null,
        previewFormat === 'html' ? htmlPreview(text) : textPreview(text));
    } catch (e) {
      if (e.name === 'AbortError' || mine !== seq) return;
      replace(previewBody, ui.alertBox(e, {title: 'This template could not make a preview.'}));
    }
  }
  updateDownload();
  const root = h('div', {class: 'export-layout'},
    h('section', {class: 'card', 'aria-labelledby': 'export-h'},
      h('h2', {id: 'export-h'}, 'Export'),
      h('div', {class: 'form'}, select.el, formats,
        h('div', {class: 'form-actions'}, download, ui.button('Refresh preview', {onclick: preview})),
        h('p', {class: 'small'}, h('a', {href: '/templates'}, 'Manage templates'), ' — make your own from a built-in one.'))),
    h('section', {class: 'card preview-card', 'aria-labelledby': 'preview-h'},
      h('h2', {id: 'preview-h'}, 'Preview'), previewBody));
  preview();
  return root;
}
