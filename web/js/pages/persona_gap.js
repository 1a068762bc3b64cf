// Gap reports: a general review or a check against a pasted posting; issues grouped by
// severity, each linking to the exact field it names; the score with its components; the
// history, and what changed since the previous report.
import {h, replace} from '../dom.js';
import * as api from '../api.js';
import {session, refreshSession} from '../session.js';
import * as ui from '../ui.js';
import * as fmt from '../format.js';
import * as resume from '../resume.js';
import {posting} from './posting.js';
import {postingSummary} from './persona_tailor.js';

const SEVERITIES = [
  {id: 'high', label: 'Fix first', kind: 'danger'},
  {id: 'medium', label: 'Worth fixing', kind: 'warning'},
  {id: 'low', label: 'Polish', kind: 'neutral'},
  {id: 'info', label: 'Good to know', kind: 'accent'},
];

const COMPONENTS = {
  hard_skills: 'Skills the posting asks for',
  experience: 'Years of experience',
  title: 'Job title and level',
  education: 'Education',
  soft_skills: 'Soft skills',
  keywords: 'Words of the posting',
  location: 'Location',
};

function reportTitle(report) {
  if (report.type === 'general') return 'General review';
  const first = (report.input_text || '').split('\n').map((l) => l.trim()).find(Boolean) || 'a job posting';
  return `Against: ${first.length > 60 ? first.slice(0, 57) + '…' : first}`;
}

/** Where an issue's field is, in words: "Work experience 1 › Achievements 2". */
function fieldLabel(effective, pointer) {
  const parts = resume.parsePointer(pointer);
  if (!parts.length) return 'the whole persona';
  const words = [];
  const def = resume.SECTIONS.find((s) => s.key === parts[0]);
  if (parts[0] === 'basics') {
    const basics = resume.SECTIONS[0].fields.find((f) => f.key === parts.slice(1).join('/'));
    return basics ? basics.label : (parts[1] ? `Contact: ${parts.slice(1).join(' ')}` : 'Contact and summary');
  }
  words.push(def ? def.label : fmt.capitalize(parts[0]));
  if (parts.length > 1 && /^\d+$/.test(parts[1])) {
    const entry = effective ? resume.resolvePointer(effective, `/${parts[0]}/${parts[1]}`) : null;
    words.push(entry && def ? resume.entryTitle(def, entry) : `#${Number(parts[1]) + 1}`);
  }
  if (parts.length > 2 && !(def && def.title && def.title.length === 1 && def.title[0] === parts[2])) {
    const f = def && def.fields.find((x) => x.key === parts[2]);
    words.push(f ? f.label : parts[2]);
    if (parts.length > 3 && /^\d+$/.test(parts[3])) words.push(`#${Number(parts[3]) + 1}`);
  }
  return words.join(' › ');
}

function scoreCard(report) {
  if (typeof report.score !== 'number') return null;
  const components = (report.details && Array.isArray(report.details.score) ? report.details.score : [])
    .filter((c) => c.applicable !== false);
  const meter = h('span', {class: 'score-fill'});
  meter.style.width = `${Math.max(0, Math.min(100, report.score))}%`;
  return h('section', {class: 'score-card', 'aria-label': 'Score'},
    h('div', {class: 'score-main'},
      h('span', {class: 'score-number'}, String(Math.round(report.score))), h('span', {class: 'score-of'}, '/ 100'),
      h('span', {class: 'score-bar', role: 'img', 'aria-label': `Match score ${Math.round(report.score)} out of 100`}, meter)),
    components.length ? h('table', {class: 'score-table'},
      h('caption', {class: 'visually-hidden'}, 'How the score is made'),
      h('thead', null, h('tr', null, h('th', {scope: 'col'}, 'Part'), h('th', {scope: 'col'}, 'Points'), h('th', {scope: 'col'}, 'Why'))),
      h('tbody', null, components.map((c) => h('tr', null,
        h('td', null, COMPONENTS[c.name] || fmt.capitalize(String(c.name).replace(/_/g, ' '))),
        h('td', {class: 'nowrap'}, `${Math.round(c.points * 10) / 10} of ${Math.round((c.effective_weight ?? c.weight) * 10) / 10}`),
        h('td', {class: 'small'}, fmt.sentence(String(c.explanation || '').replace(/;\s*$/, '')))))))
      : null);
}

function issueItem(persona, effective, issue) {
  const href = `/personas/${persona.id}/content?field=${encodeURIComponent(issue.field || '')}`;
  return h('li', {class: 'issue', 'data-rule': issue.rule || ''},
    h('div', {class: 'issue-head'},
      h('strong', null, issue.message || fmt.sentence(String(issue.rule || 'Issue').replace(/[._]/g, ' '))),
      issue.field !== undefined ? h('a', {class: 'issue-link', href}, 'Go to ', fieldLabel(effective, issue.field)) : null),
    h('p', null, issue.suggestion));
}

function issuesView(persona, effective, issues) {
  if (!issues.length) {
    return ui.emptyState({title: 'No issues found', body: 'Nothing to fix here. Nice work.'});
  }
  return SEVERITIES.map((sev) => {
    const group = issues.filter((i) => i.severity === sev.id);
    if (!group.length) return null;
    return h('section', {class: 'issue-group', 'aria-labelledby': `sev-${sev.id}`},
      h('h3', {id: `sev-${sev.id}`}, ui.badge(sev.label, sev.kind), ' ', fmt.plural(group.length, 'issue')),
      h('ul', {class: 'issues'}, group.map((i) => issueItem(persona, effective, i))));
  });
}

async function comparison(report, previous, signal) {
  if (!previous) return null;
  const diff = await api.get(`/gap-reports/${report.id}/compare${api.qs({with: previous.id})}`, {signal});
  const counts = diff.counts || {resolved: (diff.resolved || []).length, new: (diff.new || []).length, unchanged: (diff.unchanged || []).length};
  const delta = typeof report.score === 'number' && typeof previous.score === 'number'
    ? Math.round((report.score - previous.score) * 10) / 10 : null;
  return h('section', {class: 'card card-subtle compare', 'aria-labelledby': 'cmp-h'},
    h('h3', {id: 'cmp-h'}, `Compared with the previous report (${fmt.dateTime(previous.created_at)})`),
    h('p', null,
      delta !== null ? h('strong', {class: delta >= 0 ? 'delta-up' : 'delta-down'}, `Score ${delta >= 0 ? '+' : ''}${delta}. `) : null,
      `${fmt.plural(counts.resolved, 'issue')} resolved, ${counts.new} new, ${counts.unchanged} unchanged.`),
    (diff.resolved || []).length ? h('details', null, h('summary', null, 'Resolved'),
      h('ul', null, diff.resolved.map((i) => h('li', {class: 'resolved'}, i.message || i.rule)))) : null,
    (diff.new || []).length ? h('details', null, h('summary', null, 'New'),
      h('ul', null, diff.new.map((i) => h('li', null, i.message || i.rule)))) : null);
}

export async function gaps(ctx, persona) {
  const root = h('div', {class: 'gap-page'});
  const historyBody = h('div', null, ui.skeleton([2.5, 2.5]));
  const reportBody = h('div');
  const usage = h('p', {class: 'small muted'});
  const effective = await api.get(`/personas/${persona.id}/effective`, {signal: ctx.signal}).catch(() => null);
  let reports = [];
  let current = null;

  const showUsage = () => {
    const u = session.me && session.me.usage && session.me.usage.gap_reports_this_month;
    replace(usage, u ? `${fmt.usage(u.used, u.limit, 'gap report', 'gap reports')} used this month.` : '');
  };

  const summary = h('div', {class: 'form-summary'});
  const jd = ui.field({label: 'Job posting', name: 'input_text', multiline: true, rows: 7, value: posting.text || '',
    hint: 'Paste the posting to see how well this persona matches it, and what to add.'});
  const runGeneral = ui.button('Run a general review', {onclick: () => run({type: 'general'}, runGeneral)});
  const runRole = ui.button('Check against this posting', {kind: 'primary', type: 'submit'});
  const form = h('form', {class: 'form', novalidate: true}, summary, jd.el, h('div', {class: 'form-actions'}, runRole));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = jd.input.value.trim();
    if (text.length < 20) {
      jd.setError('Paste the job posting first (at least a few lines).');
      jd.input.focus();
      return;
    }
    posting.text = text;
    run({type: 'role_specific', input_text: text}, runRole);
  });

  async function run(body, btn) {
    ui.clearFormError(summary, {input_text: jd});
    try {
      const report = await ui.busy(btn, api.post(`/personas/${persona.id}/gap-reports`, body), 'Checking…');
      await refreshSession();
      showUsage();
      reports.unshift(report);
      drawHistory();
      await show(report);
      reportBody.querySelector('h2')?.focus();
    } catch (err) {
      ui.showFormError(summary, {input_text: jd}, err, {input_text: 'Job posting'});
    }
  }

  function drawHistory() {
    if (!reports.length) {
      replace(historyBody, h('p', {class: 'muted'}, 'No reports yet. Run one above.'));
      return;
    }
    replace(historyBody, h('ol', {class: 'list report-list'}, reports.map((r) => {
      const counts = (r.details && r.details.counts) || {};
      const selected = current && current.id === r.id;
      return h('li', {class: ['list-item', selected && 'current']},
        h('div', {class: 'list-main'},
          h('button', {type: 'button', class: 'link-button list-title', 'aria-current': selected ? 'true' : null,
            onclick: () => show(r)}, reportTitle(r)),
          h('div', {class: 'list-meta'}, h('span', null, fmt.dateTime(r.created_at)),
            typeof r.score === 'number' ? h('span', null, `score ${Math.round(r.score)}`) : null,
            h('span', null, fmt.plural((r.issues || []).length, 'issue')),
            counts.high ? h('span', null, `${counts.high} to fix first`) : null)));
    })));
  }

  async function show(report) {
    current = report;
    drawHistory();
    const previous = reports.slice(reports.indexOf(report) + 1).find((r) => r.type === report.type &&
      (r.type === 'general' || r.input_text === report.input_text)) || null;
    const questions = report.details && Array.isArray(report.details.questions) ? report.details.questions : [];
    const compareSlot = h('div');
    replace(reportBody, h('section', {class: 'card report', 'aria-labelledby': 'report-h'},
      h('div', {class: 'card-head'},
        h('h2', {id: 'report-h', tabindex: '-1'}, reportTitle(report)),
        h('div', {class: 'row'}, h('span', {class: 'small muted'}, fmt.dateTime(report.created_at)),
          ui.button('Delete', {class: 'btn-small', kind: 'ghost', 'aria-label': 'Delete this report', onclick: async () => {
            if (!await ui.confirmDialog({title: 'Delete this report?', body: 'It is removed from the history.', confirm: 'Delete', danger: true})) return;
            try {
              await api.del(`/gap-reports/${report.id}`);
              reports = reports.filter((r) => r.id !== report.id);
              current = null;
              replace(reportBody);
              drawHistory();
              if (reports[0]) await show(reports[0]);
            } catch (e) {
              ui.toast(ui.messageOf(e), 'error');
            }
          }}))),
      scoreCard(report),
      report.type === 'role_specific' && report.details && report.details.posting
        ? h('details', {class: 'posting-details'}, h('summary', null, 'What the posting asks'), postingSummary(report.details.posting)) : null,
      report.details && report.details.persona_version && report.details.persona_version !== persona.version
        ? h('p', {class: 'alert alert-info'}, `Made for version ${report.details.persona_version}; the persona has changed since, so some links may point at moved lines. Run it again for an up-to-date report.`)
        : null,
      compareSlot,
      questions.length ? h('div', {class: 'alert alert-info'}, `This report raised ${fmt.plural(questions.length, 'question')}. `,
        h('a', {href: '/knowledge'}, 'Answer them in your knowledge base'), ' and run the report again.') : null,
      issuesView(persona, effective, report.issues || [])));
    try {
      const cmp = await comparison(report, previous, ctx.signal);
      if (cmp) replace(compareSlot, cmp);
    } catch (e) {
      if (e.name !== 'AbortError') replace(compareSlot, h('p', {class: 'small muted'}, 'The comparison with the previous report is not available.'));
    }
  }

  replace(root,
    h('section', {class: 'card', 'aria-labelledby': 'run-h'},
      h('h2', {id: 'run-h'}, 'Find what is missing'),
      h('div', {class: 'grid-2 run-grid'},
        h('div', null, h('h3', null, 'General review'),
          h('p', {class: 'muted'}, 'Checks this persona against what recruiters expect: contact details, a summary, dated roles, achievements with numbers, spelling.'),
          runGeneral),
        h('div', null, h('h3', null, 'Against a job posting'), form)),
      usage),
    h('div', {class: 'report-layout'},
      h('section', {class: 'report-history', 'aria-labelledby': 'hist-h'}, h('h2', {id: 'hist-h'}, 'History'), historyBody),
      h('div', {class: 'report-main'}, reportBody)));
  showUsage();
  reports = await api.listAll(`/personas/${persona.id}/gap-reports`, {signal: ctx.signal, max: 100});
  drawHistory();
  if (ctx.query.get('posting') === '1') {
    jd.input.focus();
  } else if (reports[0]) {
    await show(reports[0]);
  } else {
    replace(reportBody, ui.emptyState({title: 'No gap report yet',
      body: 'Run a general review, or paste a job posting to see how well this persona fits it.'}));
  }
  return root;
}
