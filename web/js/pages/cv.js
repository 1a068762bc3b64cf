// One CV: live status, the reason of a failure, and what was read — section by section beside
// the extracted text, low-confidence fields marked — with corrections saved to the base CV.
import {h, replace, uid} from '../dom.js';
import * as api from '../api.js';
import {refreshSession} from '../session.js';
import * as ui from '../ui.js';
import * as fmt from '../format.js';
import * as resume from '../resume.js';
import {cvStatusBadge, isSettled, watchCv} from './cvs.js';

/**
 * The extracted text, with one span highlightable (a field's evidence). Spans are byte offsets
 * into the UTF-8 text (as the parser counts); they are mapped to string positions here.
 */
function rawTextView(text) {
  const pre = h('pre', {class: 'raw-text', tabindex: '0', 'aria-label': 'Extracted text'});
  let bytes = null;
  const toIndex = (offset) => {
    bytes = bytes || new TextEncoder().encode(text);
    return new TextDecoder().decode(bytes.subarray(0, Math.min(offset, bytes.length))).length;
  };
  const show = (span) => {
    if (!span) {
      replace(pre, text);
      return;
    }
    const start = toIndex(span.start);
    const end = toIndex(span.end);
    if (end <= start) {
      replace(pre, text);
      return;
    }
    const mark = h('mark', null, text.slice(start, end));
    replace(pre, text.slice(0, start), mark, text.slice(end));
    const top = mark.offsetTop - pre.offsetTop - pre.clientHeight / 3;
    pre.scrollTo({top: Math.max(0, top)});
  };
  show(null);
  return {el: pre, show};
}

/** A list of strings edited one per row (achievements, keywords, courses). */
function listEditor(label, values, onChange, {inline = false, flagged = () => false, onFocus = () => {}} = {}) {
  const items = [...values];
  const rows = h('div', {class: 'list-editor'});
  const groupId = uid('lst');
  const draw = () => {
    replace(rows, items.map((value, i) => {
      const input = inline
        ? h('input', {type: 'text', value, 'aria-label': `${label} ${i + 1}`})
        : h('textarea', {rows: 2, 'aria-label': `${label} ${i + 1}`});
      if (!inline) input.value = value;
      if (flagged(i)) input.setAttribute('data-low-confidence', 'true');
      input.addEventListener('focus', () => onFocus(i));
      input.addEventListener('input', () => {
        items[i] = input.value;
        onChange(items.filter((v) => v.trim() !== ''));
      });
      return h('div', {class: ['list-editor-row', flagged(i) && 'low-confidence']}, input,
        h('button', {type: 'button', class: 'icon-btn', 'aria-label': `Remove ${label.toLowerCase()} ${i + 1}`,
          onclick: () => {
            items.splice(i, 1);
            onChange(items.filter((v) => v.trim() !== ''));
            draw();
          }}, '×'));
    }), h('div', null, h('button', {type: 'button', class: 'btn btn-small btn-ghost', onclick: () => {
      items.push('');
      draw();
      rows.querySelector('.list-editor-row:last-of-type input, .list-editor-row:last-of-type textarea')?.focus();
    }}, `+ Add ${label.toLowerCase().replace(/s$/, '')}`)));
  };
  draw();
  return h('div', {class: 'field wide', role: 'group', 'aria-labelledby': groupId},
    h('span', {class: 'field-label', id: groupId}, h('strong', {class: 'small'}, label)), rows);
}

/**
 * The form for one entry (or for basics): fields bound to target, every change reported with
 * onChange(); focusing a field shows its evidence.
 */
function entryFields(doc, section, target, base, onChange, onFocusField) {
  const grid = h('div', {class: 'fields-grid'});
  for (const f of section.fields) {
    const ptr = base + resume.pointer(...f.key.split('/'));
    const meta = resume.fieldMeta(doc, ptr);
    const low = meta.confidence !== null && meta.confidence < resume.LOW_CONFIDENCE;
    if (f.list) {
      const values = resume.getPath(target, f.key);
      const list = Array.isArray(values) ? values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))) : [];
      grid.append(listEditor(f.label, list, (next) => {
        resume.setPath(target, f.key, next);
        onChange();
      }, {inline: f.inline, flagged: (i) => {
        const m = resume.fieldMeta(doc, `${ptr}/${i}`);
        return m.confidence !== null && m.confidence < resume.LOW_CONFIDENCE;
      }, onFocus: (i) => onFocusField(`${ptr}/${i}`, resume.fieldMeta(doc, `${ptr}/${i}`).span)}));
      continue;
    }
    const value = resume.getPath(target, f.key);
    const fieldEl = ui.field({
      label: f.label, type: f.type === 'url' || f.type === 'tel' ? 'text' : f.type, multiline: f.multiline,
      rows: 3, value: value === undefined || value === null ? '' : String(value),
      hint: low ? `Check this: we are not sure we read it right (${Math.round(meta.confidence * 100)}% sure).` : f.hint,
      class: [f.wide && 'wide', low && 'low-confidence'].filter(Boolean).join(' '),
    });
    if (low) fieldEl.input.setAttribute('data-low-confidence', 'true');
    fieldEl.input.addEventListener('input', () => {
      resume.setPath(target, f.key, fieldEl.input.value);
      onChange();
    });
    fieldEl.input.addEventListener('focus', () => onFocusField(ptr, meta.span));
    grid.append(fieldEl.el);
  }
  return grid;
}

/** One entry of a compact section (skills, languages, interests) as a row of fields. */
function compactRow(doc, section, entry, base, onChange, onFocusField, onRemove) {
  const grid = entryFields(doc, section, entry, base, onChange, onFocusField);
  grid.classList.add('compact-fields');
  const low = resume.lowConfidenceCount(doc, base);
  return h('div', {class: ['compact-entry', low && 'low-confidence-entry']}, grid,
    h('button', {type: 'button', class: 'icon-btn', 'aria-label': `Remove ${resume.entryTitle(section, entry)}`, onclick: onRemove}, '×'));
}

/** Every section of doc as an editable form; onChange() after any edit. Empty sections wait
 * behind an "Add a section" row so the form stays short. */
export function resumeEditor(doc, {onChange, onFocusField}) {
  const out = h('div', {class: 'resume-editor'});
  const adders = h('div', {class: 'row add-sections'});
  const sectionsEl = h('div');
  const shown = new Set();
  const renderSection = (section) => {
    const sectionPtr = resume.pointer(...section.key.split('/'));
    if (section.single) {
      if (!doc.basics || typeof doc.basics !== 'object') doc.basics = {};
      const low = resume.lowConfidenceCount(doc, sectionPtr);
      return h('section', {class: 'section', 'aria-label': section.label},
        h('div', {class: 'row-between'}, h('h3', null, section.label),
          low ? ui.badge(`${low} to check`, 'warning') : null),
        entryFields(doc, section, doc.basics, sectionPtr, onChange, onFocusField));
    }
    const body = h('div');
    const count = h('span', {class: 'small muted'});
    const draw = () => {
      const items = resume.sectionItems(doc, section.key);
      replace(count, fmt.plural(items.length, 'entry', 'entries'));
      const remove = (i) => () => {
        items.splice(i, 1);
        onChange();
        draw();
      };
      replace(body, items.map((entry, i) => {
        const base = `${sectionPtr}/${i}`;
        if (section.compact && entry && typeof entry === 'object') {
          return compactRow(doc, section, entry, base, onChange, onFocusField, remove(i));
        }
        const low = resume.lowConfidenceCount(doc, base);
        return h('details', {class: 'entry', open: low > 0 || items.length <= 2},
          h('summary', null,
            h('span', {class: 'entry-title'}, resume.entryTitle(section, entry)), ' ',
            h('span', {class: 'entry-sub'}, resume.entryDates(entry)), ' ',
            low ? ui.badge(`${low} to check`, 'warning') : null),
          typeof entry === 'object' && entry !== null
            ? entryFields(doc, section, entry, base, onChange, onFocusField)
            : h('p', {class: 'muted'}, String(entry)),
          h('div', {class: 'row'}, h('button', {type: 'button', class: 'btn btn-small btn-danger', onclick: remove(i)},
            `Remove this ${section.item}`)));
      }),
      h('button', {type: 'button', class: 'btn btn-small', onclick: () => {
        const list = resume.sectionItems(doc, section.key);
        list.push({});
        resume.setPath(doc, section.key, list);
        onChange();
        draw();
        body.querySelector('details:last-of-type')?.setAttribute('open', '');
        const inputs = body.querySelectorAll('input, textarea');
        inputs[inputs.length - 1]?.closest('.compact-entry, details')?.querySelector('input, textarea')?.focus();
      }}, `+ Add ${section.item}`));
    };
    draw();
    return h('section', {class: 'section', 'aria-label': section.label},
      h('div', {class: 'row-between'}, h('h3', null, section.label), count), body);
  };
  const drawAdders = () => {
    const missing = resume.SECTIONS.filter((s) => !s.single && !shown.has(s.key));
    replace(adders, missing.length ? [h('span', {class: 'small muted'}, 'Add a section:'),
      missing.map((s) => h('button', {type: 'button', class: 'btn btn-small btn-ghost', onclick: () => {
        shown.add(s.key);
        const el = renderSection(s);
        sectionsEl.append(el);
        drawAdders();
        el.querySelector('button')?.click();
      }}, `+ ${s.label}`))] : []);
  };
  for (const section of resume.SECTIONS) {
    if (section.single || resume.sectionItems(doc, section.key).length) {
      shown.add(section.key);
      sectionsEl.append(renderSection(section));
    }
  }
  drawAdders();
  out.append(sectionsEl, h('div', {class: 'section'}, adders));
  return out;
}

function diagnosticsLine(cv) {
  const d = cv.diagnostics || {};
  const parts = [];
  if (cv.format) parts.push(cv.format.toUpperCase());
  if (d.pages) parts.push(fmt.plural(d.pages, 'page'));
  if (Array.isArray(d.columns) && d.columns.some((c) => c > 1)) parts.push('columns detected');
  if (d.sidebar) parts.push('sidebar detected');
  parts.push(fmt.bytes(cv.size_bytes));
  parts.push(`uploaded ${fmt.ago(cv.created_at)}`);
  return parts.join(' · ');
}

export async function detail(ctx) {
  const id = ctx.params.id;
  ctx.setTitle('CV');
  replace(ctx.main, h('div', {class: 'page'},
    ui.pageHeader('CV', {back: {href: '/cvs', label: 'CVs'}}), ui.skeleton([3, 14])));
  let cv = await api.get(`/cvs/${id}`, {signal: ctx.signal});
  ctx.setTitle(cv.filename);
  let doc = null;
  let dirty = false;
  const saveBar = h('div', {class: 'save-bar', hidden: true});
  const statusSlot = h('span');
  const body = h('div');

  const createPersona = async (btn) => {
    try {
      const persona = await ui.busy(btn, api.post('/personas', {base_cv_id: cv.id}), 'Creating…');
      await refreshSession();
      ui.toast(`Persona “${persona.title}” created.`, 'success');
      ctx.navigate(`/personas/${persona.id}`);
    } catch (e) {
      ui.toast(ui.messageOf(e), 'error');
    }
  };
  const reparse = async (btn) => {
    if (dirty && !await ui.confirmDialog({title: 'Discard your corrections?',
      body: 'Reading the file again replaces what was read, including unsaved corrections.', confirm: 'Read again'})) return;
    try {
      cv = await ui.busy(btn, api.post(`/cvs/${cv.id}/reparse`), 'Starting…');
      dirty = false;
      draw();
      follow();
    } catch (e) {
      ui.toast(ui.messageOf(e), 'error');
    }
  };
  const remove = async () => {
    const ok = await ui.confirmDialog({title: `Delete ${cv.filename}?`,
      body: 'The file and what was read from it are deleted. Personas built on it lose their base CV.',
      confirm: 'Delete CV', danger: true});
    if (!ok) return;
    try {
      await api.del(`/cvs/${cv.id}`);
      await refreshSession();
      ui.toast(`${cv.filename} was deleted.`, 'success');
      ctx.navigate('/cvs', {replace: true});
    } catch (e) {
      ui.toast(ui.messageOf(e), 'error');
    }
  };
  const save = async (btn) => {
    try {
      cv = await ui.busy(btn, api.patch(`/cvs/${cv.id}`, {parsed_json: doc}), 'Saving…');
      dirty = false;
      saveBar.hidden = true;
      ui.toast('Corrections saved. Personas built on this CV use them now.', 'success');
    } catch (e) {
      replace(saveBar.querySelector('.save-error'), ui.messageOf(e));
    }
  };

  function header() {
    const parsed = cv.status === 'parsed';
    const reparseBtn = ui.button('Read again', {onclick: (e) => reparse(e.currentTarget)});
    return ui.pageHeader(cv.filename, {
      back: {href: '/cvs', label: 'CVs'},
      subtitle: h('span', null, statusSlot, ' ', diagnosticsLine(cv)),
      actions: [
        parsed ? ui.button('Create persona from this CV', {kind: 'primary', onclick: (e) => createPersona(e.currentTarget)}) : null,
        h('a', {class: 'btn', href: `/api/v1/cvs/${cv.id}/file`, download: cv.filename}, 'Download original'),
        isSettled(cv) ? reparseBtn : null,
        ui.button('Delete', {kind: 'danger', onclick: remove}),
      ],
    });
  }

  function draw() {
    replace(statusSlot, cvStatusBadge(cv));
    const parts = [header()];
    if (!isSettled(cv)) {
      parts.push(h('div', {class: 'card', role: 'status'},
        h('h2', null, cv.status === 'pending' ? 'Waiting to be read' : 'Reading your CV…'),
        h('p', {class: 'muted'}, 'This usually takes a few seconds. The page updates by itself.'),
        ui.skeleton([1.2, 1.2, 1.2, 6])));
    } else if (cv.status === 'failed') {
      parts.push(h('div', {class: 'alert alert-error', role: 'alert'},
        h('strong', null, 'We could not read this file. '), cv.error || 'The reason is unknown.'),
      h('div', {class: 'row'}, ui.linkButton('Upload another file', '/cvs', {kind: 'primary'})));
    } else {
      parts.push(parsedView());
    }
    replace(body, ...parts);
  }

  function parsedView() {
    const warnings = (cv.diagnostics && cv.diagnostics.warnings) || [];
    const raw = rawTextView(cv.raw_text || '');
    const textCard = h('section', {class: 'card sticky', 'aria-labelledby': 'raw-h'},
      h('div', {class: 'card-head'}, h('h2', {id: 'raw-h'}, 'Extracted text'),
        h('span', {class: 'small muted'}, fmt.plural((cv.raw_text || '').length, 'character'))),
      h('p', {class: 'small muted'}, 'In reading order, as we read it from the file. Select a field to see where it came from.'),
      raw.el);
    const warningBox = warnings.length
      ? h('div', {class: 'alert alert-warning'}, h('strong', null, 'Worth checking: '),
        h('ul', null, warnings.map((w) => h('li', null, typeof w === 'string' ? w : (w.message || JSON.stringify(w))))))
      : null;
    if (!cv.parsed_json) {
      return h('div', {class: 'stack'}, warningBox,
        h('div', {class: 'alert alert-info'},
          'The text was extracted. Structured sections (experience, education, skills) are not available for this CV yet.'),
        textCard);
    }
    doc = JSON.parse(JSON.stringify(cv.parsed_json));
    const editor = resumeEditor(doc, {
      onChange: () => {
        dirty = true;
        saveBar.hidden = false;
      },
      onFocusField: (ptr, span) => raw.show(span),
    });
    replace(saveBar, h('div', {class: 'save-bar-inner'},
      h('span', null, 'You have unsaved corrections.'), h('span', {class: 'save-error field-error', role: 'alert'}),
      h('div', {class: 'row'},
        ui.button('Discard', {onclick: () => {
          dirty = false;
          saveBar.hidden = true;
          draw();
        }}),
        ui.button('Save corrections', {kind: 'primary', onclick: (e) => save(e.currentTarget)}))));
    const low = resume.lowConfidenceCount(doc, '');
    const lowBox = low
      ? h('div', {class: 'alert alert-warning'}, h('strong', null, `${fmt.plural(low, 'field')} to check. `),
        'We are not sure we read these right; they are marked below. Correct them or leave them as they are.')
      : h('div', {class: 'alert alert-success'}, 'Everything was read with good confidence. Check it anyway: you know your CV best.');
    return h('div', {class: 'stack'}, warningBox, lowBox,
      h('div', {class: 'split'},
        h('section', {class: 'card', 'aria-labelledby': 'parsed-h'},
          h('div', {class: 'card-head'}, h('h2', {id: 'parsed-h'}, 'What we read'),
            h('span', {class: 'small muted'}, 'Edit any field to correct it')),
          editor),
        textCard));
  }

  function follow() {
    if (isSettled(cv)) return;
    watchCv(cv.id, (next) => {
      const settledNow = isSettled(next);
      cv = next;
      if (settledNow) draw();
      else replace(statusSlot, cvStatusBadge(cv));
    }, ctx.signal).catch(() => {});
  }

  replace(ctx.main, h('div', {class: 'page'}, body, saveBar));
  draw();
  follow();
}
