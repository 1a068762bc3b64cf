// The dashboard: plan and usage, first steps, recent CVs and personas.
import {h, replace} from '../dom.js';
import * as api from '../api.js';
import {session, refreshSession} from '../session.js';
import * as ui from '../ui.js';
import * as fmt from '../format.js';
import {cvStatusBadge} from './cvs.js';

export function usageMeters(usage) {
  if (!usage) return ui.skeleton([2.2, 2.2, 2.2]);
  const rows = [
    ['cvs', 'CV', 'CVs'],
    ['personas', 'persona', 'personas'],
    ['gap_reports_this_month', 'gap report this month', 'gap reports this month'],
  ];
  return h('div', {class: 'meters'}, rows.map(([key, one, many]) => {
    const u = usage[key];
    if (!u) return null;
    return ui.meter(fmt.usage(u.used, u.limit, one, many), u.used, u.limit);
  }));
}

export async function dashboard(ctx) {
  ctx.setTitle('Dashboard');
  const me = session.me;
  const usageBody = h('div', null, usageMeters(me.usage));
  const stepsBody = h('div', null, ui.skeleton([1.4, 1.4, 1.4, 1.4]));
  const cvsBody = h('div', null, ui.skeleton([2.6, 2.6]));
  const personasBody = h('div', null, ui.skeleton([2.6, 2.6]));
  const plan = me.usage ? me.usage.plan : me.plan;
  replace(ctx.main, h('div', {class: 'page'},
    ui.pageHeader(`Welcome, ${me.name}`, {
      subtitle: 'Your CVs become a knowledge base; personas tailor it for each kind of role.',
      actions: [ui.linkButton('Upload a CV', '/cvs', {kind: 'primary'}),
        ui.linkButton('New persona', '/personas')],
    }),
    h('div', {class: 'grid-2'},
      h('section', {class: 'card', 'aria-labelledby': 'usage-h'},
        h('div', {class: 'card-head'}, h('h2', {id: 'usage-h'}, 'Plan and usage'),
          ui.badge(`${fmt.capitalize(plan)} plan`, 'accent')),
        usageBody),
      h('section', {class: 'card', 'aria-labelledby': 'steps-h'},
        h('h2', {id: 'steps-h'}, 'Getting started'), stepsBody)),
    h('div', {class: 'grid-2'},
      h('section', {class: 'card', 'aria-labelledby': 'recent-cvs-h'},
        h('div', {class: 'card-head'}, h('h2', {id: 'recent-cvs-h'}, 'Recent CVs'), h('a', {href: '/cvs'}, 'All CVs')),
        cvsBody),
      h('section', {class: 'card', 'aria-labelledby': 'recent-personas-h'},
        h('div', {class: 'card-head'}, h('h2', {id: 'recent-personas-h'}, 'Recent personas'),
          h('a', {href: '/personas'}, 'All personas')),
        personasBody))));

  refreshSession().then(() => {
    if (!ctx.signal.aborted && session.me) replace(usageBody, usageMeters(session.me.usage));
  });
  const [cvs, personas] = await Promise.all([
    api.get('/cvs?limit=5', {signal: ctx.signal}),
    api.get('/personas?limit=5', {signal: ctx.signal}),
  ]);
  const hasParsed = cvs.items.some((c) => c.status === 'parsed');
  const step = (done, label, href) => h('li', {class: done ? 'done' : null},
    done ? h('span', null, label) : h('a', {href}, label));
  replace(stepsBody, h('ol', {class: 'steps'},
    step(cvs.items.length > 0, 'Upload your CV (PDF, DOCX, ODT, text…)', '/cvs'),
    step(hasParsed, 'Check what was read, and correct it', cvs.items[0] ? `/cvs/${cvs.items[0].id}` : '/cvs'),
    step(personas.items.length > 0, 'Create a persona for the role you want', '/personas'),
    step(false, 'Tailor it, find the gaps, and export it', personas.items[0] ? `/personas/${personas.items[0].id}` : '/personas')));

  replace(cvsBody, cvs.items.length
    ? h('ul', {class: 'list'}, cvs.items.slice(0, 4).map((cv) => h('li', {class: 'list-item'},
      h('div', {class: 'list-main'},
        h('a', {class: 'list-title', href: `/cvs/${cv.id}`}, cv.filename),
        h('div', {class: 'list-meta'}, h('span', null, fmt.ago(cv.created_at)))),
      cvStatusBadge(cv))))
    : ui.emptyState({title: 'No CVs yet', body: 'Upload a CV to get started.',
      action: ui.linkButton('Upload a CV', '/cvs', {kind: 'primary'})}));
  replace(personasBody, personas.items.length
    ? h('ul', {class: 'list'}, personas.items.slice(0, 4).map((p) => h('li', {class: 'list-item'},
      h('div', {class: 'list-main'},
        h('a', {class: 'list-title', href: `/personas/${p.id}`}, p.title),
        h('div', {class: 'list-meta'}, h('span', null, `Edited ${fmt.ago(p.updated_at)}`))))))
    : ui.emptyState({title: 'No personas yet',
      body: 'A persona is a version of you for one kind of role, built from your CV.',
      action: ui.linkButton('Create a persona', '/personas', {kind: 'primary'})}));
}
