// Knowledge base: entries grouped by type and marked by source; inferred entries confirmed or
// rejected; clarifying questions answered or dismissed; entries added, edited and deleted.
import {h, replace, uid} from '../dom.js';
import * as api from '../api.js';
import * as ui from '../ui.js';
import * as fmt from '../format.js';

export const TYPES = [
  {id: 'skill', label: 'Skills', one: 'skill'},
  {id: 'tool', label: 'Tools', one: 'tool'},
  {id: 'domain', label: 'Domains', one: 'domain'},
  {id: 'soft_skill', label: 'Soft skills', one: 'soft skill'},
  {id: 'preference', label: 'Preferences', one: 'preference'},
  {id: 'seniority', label: 'Seniority', one: 'seniority'},
  {id: 'fact', label: 'Facts', one: 'fact'},
];

const SOURCES = {
  cv: {label: 'From your CV', kind: 'neutral'},
  user_answer: {label: 'You said', kind: 'success'},
  ai_extraction: {label: 'Inferred', kind: 'warning'},
};

export function sourceBadge(entry) {
  const source = SOURCES[entry.source] || {label: entry.source, kind: 'neutral'};
  return ui.badge(source.label, source.kind);
}

function detailsLine(entry) {
  const d = entry.details || {};
  const parts = [];
  if (typeof d.years === 'number') parts.push(fmt.plural(Math.round(d.years * 10) / 10, 'year'));
  else if (typeof d.total_years === 'number') parts.push(`${fmt.plural(Math.round(d.total_years * 10) / 10, 'year')} in all`);
  if (d.current) parts.push('in use now');
  if (d.fluency) parts.push(String(d.fluency));
  if (d.last_used) parts.push(`last used ${d.last_used}`);
  if (d.level) parts.push(String(d.level));
  if (Array.isArray(d.implied_by) && d.implied_by.length) parts.push(`implied by ${d.implied_by.join(', ')}`);
  else if (typeof d.implied_by === 'string') parts.push(`implied by ${d.implied_by}`);
  return parts.join(' · ');
}

function evidenceList(entry) {
  const items = Array.isArray(entry.evidence) ? entry.evidence.filter((e) => e && (e.snippet || e.field)) : [];
  if (!items.length) return null;
  return h('details', {class: 'evidence'},
    h('summary', null, `Where this comes from (${items.length})`),
    h('ul', null, items.map((e) => h('li', null,
      e.snippet ? h('q', null, e.snippet) : null,
      e.cv_id ? h('span', {class: 'small muted'}, ' — ', h('a', {href: `/cvs/${e.cv_id}`}, 'open the CV')) : null,
      !e.snippet && e.field ? h('code', null, e.field) : null))));
}

/** The answer control for a question of its kind; returns {el, value()} (value throws on empty). */
function answerInput(question) {
  const id = uid('answer');
  const label = h('label', {for: id, class: 'visually-hidden'}, `Your answer to: ${question.question}`);
  switch (question.kind) {
    case 'yes_no': {
      const name = uid('yn');
      const yes = h('input', {type: 'radio', name, value: 'yes', id});
      const no = h('input', {type: 'radio', name, value: 'no'});
      return {
        el: h('fieldset', {class: 'choice-row'}, h('legend', {class: 'visually-hidden'}, question.question),
          h('label', {class: 'checkbox'}, yes, 'Yes'), h('label', {class: 'checkbox'}, no, 'No')),
        value: () => {
          if (!yes.checked && !no.checked) throw new Error('Choose yes or no.');
          return yes.checked;
        },
      };
    }
    case 'choice': {
      const name = uid('ch');
      const options = (question.options || []).map((option, i) => h('label', {class: 'checkbox'},
        h('input', {type: 'radio', name, value: option, id: i === 0 ? id : null}), option));
      return {
        el: h('fieldset', {class: 'choice-row'}, h('legend', {class: 'visually-hidden'}, question.question), options),
        value: () => {
          const checked = options.map((o) => o.querySelector('input')).find((i) => i.checked);
          if (!checked) throw new Error('Choose one of the options.');
          return checked.value;
        },
      };
    }
    case 'years': {
      const input = h('input', {type: 'number', id, min: 0, max: 60, step: 0.5, inputmode: 'decimal', class: 'input-short'});
      const whereId = uid('where');
      const where = h('input', {type: 'text', id: whereId, placeholder: 'e.g. at Acme Cloud, in side projects', maxlength: 300});
      return {
        el: h('div', {class: 'answer-years'},
          h('div', {class: 'row'}, label, input, h('span', {class: 'muted'}, 'years')),
          h('label', {for: whereId, class: 'small'}, 'Where (optional)'), where),
        value: () => {
          if (input.value === '') throw new Error('Enter a number of years.');
          const years = Number(input.value);
          return where.value.trim() ? {years, where: where.value.trim()} : years;
        },
      };
    }
    case 'date': {
      const input = h('input', {type: 'month', id, class: 'input-short'});
      return {
        el: h('div', {class: 'row'}, label, input),
        value: () => {
          if (!input.value) throw new Error('Choose a month.');
          return input.value;
        },
      };
    }
    default: {
      const input = h('textarea', {id, rows: 2, maxlength: 4000});
      return {
        el: h('div', null, label, input),
        value: () => {
          if (!input.value.trim()) throw new Error('Write an answer first.');
          return input.value.trim();
        },
      };
    }
  }
}

const REASONS = {
  missing_preference: 'Helps match you with the right postings.',
  skill_without_dates: 'Your CV names it, but not when or how long you used it.',
  gap_requirement: 'A job posting asks for it.',
  requirement: 'A job posting asks for it.',
};

function questionCard(question, onDone) {
  const input = answerInput(question);
  const error = h('p', {class: 'field-error', role: 'alert'});
  const answer = ui.button('Answer', {kind: 'primary', type: 'submit'});
  const dismiss = ui.button('Not relevant', {kind: 'ghost', onclick: async () => {
    try {
      await ui.busy(dismiss, api.post(`/kb/questions/${question.id}/dismiss`));
      ui.toast('Question dismissed. It will not be asked again.', 'info');
      onDone();
    } catch (e) {
      replace(error, ui.messageOf(e));
    }
  }});
  const form = h('form', {class: 'question', 'data-question': question.id, novalidate: true},
    h('p', {class: 'question-text'}, question.question),
    question.topic && REASONS[question.topic.reason] ? h('p', {class: 'small muted'}, REASONS[question.topic.reason]) : null,
    input.el, error, h('div', {class: 'form-actions'}, answer, dismiss));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    replace(error);
    let value;
    try {
      value = input.value();
    } catch (err) {
      replace(error, err.message);
      return;
    }
    try {
      const result = await ui.busy(answer, api.post(`/kb/questions/${question.id}/answer`, {answer: value}), 'Saving…');
      const added = (result.entries || []).map((en) => en.value);
      ui.toast(added.length ? `Thanks! Added: ${added.join(', ')}.` : 'Thanks, your answer is saved.', 'success');
      onDone();
    } catch (err) {
      const detail = err.details && err.details[0] ? err.details[0].msg : null;
      replace(error, detail ? fmt.sentence(detail) : ui.messageOf(err));
    }
  });
  return form;
}

function entryForm({entry, onSaved, onCancel}) {
  const summary = h('div', {class: 'form-summary'});
  const fields = {
    type: ui.field({label: 'Type', name: 'type', value: entry ? entry.type : 'skill',
      options: TYPES.map((t) => ({value: t.id, label: fmt.capitalize(t.one)}))}),
    value: ui.field({label: 'What', name: 'value', value: entry ? entry.value : '', required: true,
      placeholder: 'e.g. Kubernetes, fintech, remote work'}),
    years: ui.field({label: 'Years of experience', name: 'years', type: 'number', inputmode: 'decimal',
      value: entry && entry.details && typeof entry.details.years === 'number' ? String(entry.details.years) : '',
      hint: 'Optional.'}),
  };
  fields.years.input.min = '0';
  fields.years.input.max = '60';
  fields.years.input.step = '0.5';
  const save = ui.button(entry ? 'Save' : 'Add entry', {kind: 'primary', type: 'submit'});
  const form = h('form', {class: 'form entry-form', novalidate: true}, summary,
    h('div', {class: 'fields-grid'}, fields.type.el, fields.value.el, fields.years.el),
    h('div', {class: 'form-actions'}, save, onCancel ? ui.button('Cancel', {onclick: onCancel}) : null));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    ui.clearFormError(summary, fields);
    const value = fields.value.input.value.trim();
    if (!value) {
      fields.value.setError('Say what to add.');
      fields.value.input.focus();
      return;
    }
    const body = {type: fields.type.input.value, value};
    const years = fields.years.input.value;
    if (years !== '') body.details = {...(entry ? entry.details : {}), years: Number(years)};
    try {
      const saved = await ui.busy(save, entry ? api.patch(`/kb/entries/${entry.id}`, body) : api.post('/kb/entries', body), 'Saving…');
      onSaved(saved);
    } catch (err) {
      ui.showFormError(summary, fields, err, {value: 'What', type: 'Type', years: 'Years'});
    }
  });
  return form;
}

function entryRow(entry, reload) {
  const inferred = entry.source === 'ai_extraction' && !entry.confirmed;
  const row = h('li', {class: ['list-item', 'kb-entry', inferred && 'kb-inferred'], 'data-entry': entry.value,
    id: `entry-${entry.id}`, tabindex: '-1'});
  const draw = () => {
    const details = detailsLine(entry);
    const actions = inferred
      ? [ui.button('Confirm', {class: 'btn-small', kind: 'primary', 'aria-label': `Confirm ${entry.value}`,
        onclick: (e) => act(e.currentTarget, 'confirm', `${entry.value} confirmed.`)}),
      ui.button('Reject', {class: 'btn-small', 'aria-label': `Reject ${entry.value}`,
        onclick: (e) => act(e.currentTarget, 'reject', `${entry.value} rejected. It will not be inferred again.`)})]
      : [ui.button('Edit', {class: 'btn-small', kind: 'ghost', 'aria-label': `Edit ${entry.value}`, onclick: edit}),
        ui.button('Delete', {class: 'btn-small', kind: 'ghost', 'aria-label': `Delete ${entry.value}`, onclick: remove})];
    replace(row,
      h('div', {class: 'list-main'},
        h('div', {class: 'row'}, h('span', {class: 'list-title'}, entry.value), sourceBadge(entry),
          inferred ? h('span', {class: 'small muted'}, `${Math.round(entry.confidence * 100)}% sure`) : null),
        details ? h('div', {class: 'list-meta'}, details) : null,
        evidenceList(entry)),
      h('div', {class: 'row'}, actions));
  };
  const act = async (btn, verb, message) => {
    try {
      await ui.busy(btn, api.post(`/kb/entries/${entry.id}/${verb}`));
      ui.toast(message, 'success');
      reload();
    } catch (e) {
      ui.toast(ui.messageOf(e), 'error');
    }
  };
  const edit = () => {
    replace(row, h('div', {class: 'list-main'}, entryForm({entry,
      onSaved: (saved) => {
        Object.assign(entry, saved);
        ui.toast('Saved.', 'success');
        reload();
      },
      onCancel: draw})));
    row.querySelector('input[name=value]').focus();
  };
  const remove = async () => {
    const ok = await ui.confirmDialog({title: `Delete “${entry.value}”?`,
      body: 'It is removed from your knowledge base and from personas that show it.', confirm: 'Delete', danger: true});
    if (!ok) return;
    try {
      await api.del(`/kb/entries/${entry.id}`);
      ui.toast(`${entry.value} deleted.`, 'success');
      reload();
    } catch (e) {
      ui.toast(ui.messageOf(e), 'error');
    }
  };
  draw();
  return row;
}

export async function page(ctx) {
  ctx.setTitle('Knowledge base');
  const source = ctx.query.get('source') || '';
  const review = ctx.query.get('review') === '1';
  const questionsBody = h('div', null, ui.skeleton([5]));
  const entriesBody = h('div', null, ui.skeleton([8, 8]));
  const addSlot = h('div');
  const filterLink = (label, params) => {
    const qs = api.qs(params);
    const current = (params.source || '') === source && Boolean(params.review) === review;
    return h('a', {href: `/knowledge${qs}`, class: ['chip', current && 'chip-current'], 'aria-current': current ? 'true' : null}, label);
  };
  const addButton = ui.button('Add an entry', {kind: 'primary', onclick: () => {
    replace(addSlot, h('section', {class: 'card', 'aria-label': 'Add an entry'}, h('h2', null, 'Add an entry'),
      entryForm({onSaved: (saved) => {
        ui.toast(`${saved.value} added.`, 'success');
        replace(addSlot);
        load();
      }, onCancel: () => replace(addSlot)})));
    addSlot.querySelector('input[name=value]').focus();
  }});
  replace(ctx.main, h('div', {class: 'page'},
    ui.pageHeader('Knowledge base', {
      subtitle: 'What PersonaForge knows about you: read from your CVs, said by you, or inferred. Personas and gap reports use what you confirm.',
      actions: [addButton],
    }),
    addSlot,
    h('section', {'aria-labelledby': 'questions-h', class: 'card'},
      h('h2', {id: 'questions-h'}, 'Questions for you'), questionsBody),
    h('nav', {class: 'chips', 'aria-label': 'Filter entries'},
      filterLink('Everything', {}), filterLink('From your CVs', {source: 'cv'}),
      filterLink('Your answers', {source: 'user_answer'}), filterLink('Inferred', {source: 'ai_extraction'}),
      filterLink('Needs your review', {review: '1'})),
    entriesBody));

  async function loadQuestions() {
    const questions = await api.get('/kb/questions?status=open&limit=50', {signal: ctx.signal});
    if (!questions.items.length) {
      replace(questionsBody, h('p', {class: 'muted'},
        'No open questions. New ones appear when a CV or a gap report leaves something unclear.'));
      return;
    }
    const cards = questions.items.map((q) => questionCard(q, load));
    const FIRST = 3;
    const list = h('div', {class: 'questions'}, cards.slice(0, FIRST));
    const rest = cards.length - FIRST;
    const more = rest > 0 ? ui.button(`Show ${fmt.plural(rest, 'more question')}`, {kind: 'ghost', onclick: () => {
      list.append(...cards.slice(FIRST));
      more.remove();
      cards[FIRST].querySelector('input, textarea')?.focus();
    }}) : null;
    replace(questionsBody,
      h('p', {class: 'muted'}, `Answering helps personas and gap reports say the right things. ${fmt.plural(questions.items.length, 'question')} open.`),
      list, more);
  }

  async function loadEntries() {
    let items = await api.listAll(`/kb/entries${api.qs({source, limit: 200})}`, {signal: ctx.signal});
    if (review) items = items.filter((e) => e.source === 'ai_extraction' && !e.confirmed);
    if (!items.length) {
      replace(entriesBody, ui.emptyState({
        title: source || review ? 'Nothing here' : 'Your knowledge base is empty',
        body: source || review ? 'No entries match this filter.'
          : 'Upload a CV and PersonaForge reads your skills, tools and domains from it. You can also add entries yourself.',
        action: source || review ? ui.linkButton('Show everything', '/knowledge')
          : ui.linkButton('Upload a CV', '/cvs', {kind: 'primary'}),
      }));
      return;
    }
    const groups = TYPES.map((t) => ({...t, items: items.filter((e) => e.type === t.id)})).filter((g) => g.items.length);
    replace(entriesBody, groups.map((g) => {
      const pending = g.items.filter((e) => e.source === 'ai_extraction' && !e.confirmed).length;
      return h('section', {class: 'card card-list kb-group', 'aria-labelledby': `kb-${g.id}`},
        h('div', {class: 'card-head kb-group-head'},
          h('h2', {id: `kb-${g.id}`}, g.label, ' ', h('span', {class: 'muted small'}, `(${g.items.length})`)),
          pending ? ui.badge(`${pending} to review`, 'warning') : null),
        h('ul', {class: 'list'}, g.items.map((e) => entryRow(e, load))));
    }));
  }

  async function load() {
    await Promise.all([loadQuestions(), loadEntries()]);
  }
  await load();
  const focus = ctx.query.get('focus');
  const target = focus && document.getElementById(`entry-${focus}`);
  if (target) {
    target.classList.add('flash');
    target.scrollIntoView({block: 'center'});
    target.focus({preventScroll: true});
  }
}
