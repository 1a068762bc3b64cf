// Export: choose a template and a format, preview, download.
import {h, replace, uid} from '../dom.js';
import * as api from '../api.js';
import * as ui from '../ui.js';
import {htmlPreview, textPreview} from '../preview.js';
import {posting} from './posting.js';

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

/** One export as a Response: GET for a CV, POST with the posting for a cover letter. */
function fetchExport(personaId, template, format, jobDescription, signal) {
  if (jobDescription !== null) {
    return api.request('POST', `/personas/${personaId}/export`,
      {json: {template, format, job_description: jobDescription}, raw: true, signal});
  }
  return api.request('GET', `/personas/${personaId}/export${api.qs({template, format})}`, {raw: true, signal});
}

function filenameOf(response, fallback) {
  const disposition = response.headers.get('Content-Disposition') || '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

export async function exporter(ctx, persona) {
  const templates = (await api.listAll('/templates', {signal: ctx.signal}));
  if (!templates.length) {
    return ui.emptyState({title: 'No templates', body: 'There is no template to export with.',
      action: ui.linkButton('Manage templates', '/templates')});
  }
  let template = templateKey(templates.find((t) => (t.type || 'cv') === 'cv') || templates[0]);
  let format = 'pdf';
  const isLetter = () => (templates.find((t) => templateKey(t) === template) || {}).type === 'cover_letter';
  const jd = ui.field({label: 'Job posting (for the letter)', name: 'job_description', multiline: true, rows: 6,
    value: posting.text || '', hint: 'A cover letter answers one posting. It only states facts from this persona.'});
  jd.el.hidden = true;
  jd.input.addEventListener('change', () => {
    posting.text = jd.input.value.trim();
    preview();
  });
  const jobDescription = () => (isLetter() ? jd.input.value.trim() : null);
  const previewBody = h('div', {class: 'preview-frame', 'aria-live': 'polite'},
    h('p', {class: 'muted'}, 'Choose a template and a format, then preview it here.'));
  // A CV downloads through a plain link (the browser streams it); a letter needs the posting,
  // so it is fetched with POST and handed over as a blob.
  const download = h('a', {class: 'btn btn-primary', download: ''}, 'Download');
  download.addEventListener('click', async (e) => {
    if (!isLetter()) return;
    e.preventDefault();
    if (!jd.input.value.trim()) {
      jd.setError('Paste the job posting the letter answers.');
      jd.input.focus();
      return;
    }
    try {
      const response = await fetchExport(persona.id, template, format, jd.input.value.trim(), ctx.signal);
      const url = URL.createObjectURL(await response.blob());
      const a = h('a', {href: url, download: filenameOf(response, `cover-letter.${format}`)});
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (err) {
      if (err.name !== 'AbortError') ui.toast(ui.messageOf(err), 'error');
    }
  });
  const updateDownload = () => {
    download.href = `/api/v1/personas/${persona.id}/export${api.qs({template, format})}`;
    const label = FORMATS.find((f) => f.id === format).label;
    download.textContent = `Download ${label}`;
    jd.el.hidden = !isLetter();
  };
  const select = ui.field({label: 'Template', name: 'template', value: template,
    options: templates.map((t) => ({value: templateKey(t), label: `${templateLabel(t)}${t.type === 'cover_letter' ? ' (cover letter)' : ''}${t.builtin ? ' — built in' : ''}`}))});
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
    if (isLetter() && !jd.input.value.trim()) {
      replace(previewBody, h('p', {class: 'muted'}, 'Paste the job posting to preview the letter.'));
      return;
    }
    try {
      const text = await (await fetchExport(persona.id, template, previewFormat, jobDescription(), ctx.signal)).text();
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
      h('div', {class: 'form'}, select.el, jd.el, formats,
        h('div', {class: 'form-actions'}, download, ui.button('Refresh preview', {onclick: preview})),
        h('p', {class: 'small'}, h('a', {href: '/templates'}, 'Manage templates'), ' — make your own from a built-in one.'))),
    h('section', {class: 'card preview-card', 'aria-labelledby': 'preview-h'},
      h('h2', {id: 'preview-h'}, 'Preview'), previewBody));
  preview();
  return root;
}
