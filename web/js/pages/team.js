// Team: create one, invite and remove members, and see the shared workspace.
import {h, replace} from '../dom.js';
import * as api from '../api.js';
import {session, loadSession} from '../session.js';
import * as ui from '../ui.js';
import * as fmt from '../format.js';

const ROLE = {owner: ['Owner', 'accent'], member: ['Member', 'neutral'], invited: ['Invited', 'warning']};

function createTeam(ctx) {
  const summary = h('div', {class: 'form-summary'});
  const fields = {name: ui.field({label: 'Team name', name: 'name', required: true, placeholder: 'e.g. Northwind Careers'})};
  const submit = ui.button('Create team', {kind: 'primary', type: 'submit'});
  const form = h('form', {class: 'form', novalidate: true}, summary, fields.name.el, h('div', {class: 'form-actions'}, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    ui.clearFormError(summary, fields);
    const name = fields.name.input.value.trim();
    if (!name) {
      fields.name.setError('Give the team a name.');
      fields.name.input.focus();
      return;
    }
    try {
      await ui.busy(submit, api.post('/teams', {name}), 'Creating…');
      await loadSession();
      ui.toast(`Team “${name}” created. Your CVs and personas are now in its shared workspace.`, 'success');
      ctx.rerender();
    } catch (err) {
      ui.showFormError(summary, fields, err, {name: 'Team name'});
    }
  });
  return h('div', {class: 'grid-2'},
    h('section', {class: 'card', 'aria-labelledby': 'create-team-h'},
      h('h2', {id: 'create-team-h'}, 'Create a team'), form),
    h('section', {class: 'card card-subtle', 'aria-labelledby': 'why-team-h'},
      h('h2', {id: 'why-team-h'}, 'What a team is for'),
      h('ul', null,
        h('li', null, 'One shared workspace: every member sees and edits the same CVs, personas and reports.'),
        h('li', null, 'For career coaches and agencies who keep many candidates’ material together.'),
        h('li', null, 'You become the owner; your CVs and personas move into the team.'),
        h('li', null, 'Invite people by e-mail. Someone without an account joins when they sign up with that address.'))));
}

function memberRow(ctx, team, member, isOwner) {
  const me = session.me;
  const [label, kind] = ROLE[member.role] || [member.role, 'neutral'];
  const self = member.user_id && member.user_id === me.id;
  const actions = [];
  if (member.role === 'invited' && isOwner) {
    actions.push(ui.button('Cancel invite', {class: 'btn-small', 'aria-label': `Cancel the invite to ${member.email}`,
      onclick: async (e) => {
        const btn = e.currentTarget;
        try {
          await ui.busy(btn, api.del(`/teams/${team.id}/invites${api.qs({email: member.email})}`));
          ui.toast(`The invite to ${member.email} was cancelled.`, 'success');
          ctx.rerender();
        } catch (err) {
          ui.toast(ui.messageOf(err), 'error');
        }
      }}));
  } else if (member.role === 'member' && isOwner) {
    actions.push(ui.button('Make owner', {class: 'btn-small', 'aria-label': `Make ${member.name || member.email} the owner`,
      onclick: async (e) => {
        const btn = e.currentTarget;
        const ok = await ui.confirmDialog({title: `Make ${member.name || member.email} the owner?`,
          body: 'They will manage members and the plan. You stay in the team as a member.', confirm: 'Transfer ownership'});
        if (!ok) return;
        try {
          await ui.busy(btn, api.post(`/teams/${team.id}/transfer`, {user_id: member.user_id}));
          ui.toast('Ownership transferred.', 'success');
          ctx.rerender();
        } catch (err) {
          ui.toast(ui.messageOf(err), 'error');
        }
      }}));
    actions.push(ui.button('Remove', {kind: 'danger', class: 'btn-small', 'aria-label': `Remove ${member.name || member.email}`,
      onclick: async (e) => {
        const btn = e.currentTarget;
        const ok = await ui.confirmDialog({title: `Remove ${member.name || member.email} from the team?`,
          body: 'They lose access to the shared workspace. What the team owns stays with the team.', confirm: 'Remove member', danger: true});
        if (!ok) return;
        try {
          await ui.busy(btn, api.del(`/teams/${team.id}/members/${member.user_id}`));
          ui.toast(`${member.name || member.email} was removed.`, 'success');
          ctx.rerender();
        } catch (err) {
          ui.toast(ui.messageOf(err), 'error');
        }
      }}));
  }
  return h('tr', {'data-email': member.email},
    h('td', null, h('div', {class: 'list-title'}, member.name || '—', self ? h('span', {class: 'muted'}, ' (you)') : null),
      h('div', {class: 'small muted'}, member.email)),
    h('td', null, ui.badge(label, kind)),
    h('td', {class: 'nowrap small'}, member.role === 'invited' ? `invited ${fmt.ago(member.since)}` : `since ${fmt.date(member.since)}`),
    h('td', null, h('div', {class: 'row'}, actions)));
}

function inviteForm(ctx, team) {
  const summary = h('div', {class: 'form-summary'});
  const fields = {email: ui.field({label: 'E-mail address', name: 'email', type: 'email', autocomplete: 'off', required: true,
    hint: 'People with an account join at once; others are invited and join when they sign up.'})};
  const submit = ui.button('Invite', {kind: 'primary', type: 'submit'});
  const form = h('form', {class: 'form', novalidate: true}, summary, fields.email.el, h('div', {class: 'form-actions'}, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    ui.clearFormError(summary, fields);
    const email = fields.email.input.value.trim();
    if (!email) {
      fields.email.setError('Enter the e-mail address to invite.');
      fields.email.input.focus();
      return;
    }
    try {
      const member = await ui.busy(submit, api.post(`/teams/${team.id}/members`, {email}), 'Inviting…');
      ui.toast(member.role === 'invited' ? `${email} is invited. They join when they sign up.` : `${member.name || email} joined the team.`, 'success');
      ctx.rerender();
    } catch (err) {
      ui.showFormError(summary, fields, err, {email: 'E-mail'});
    }
  });
  return form;
}

export async function page(ctx) {
  ctx.setTitle('Team');
  const body = h('div', null, ui.skeleton([6, 10]));
  replace(ctx.main, h('div', {class: 'page'}, ui.pageHeader('Team', {
    subtitle: 'Share one workspace with the people you work with.'}), body));
  await loadSession();
  const me = session.me;
  if (!me.team_id) {
    replace(body, createTeam(ctx));
    return;
  }
  const team = await api.get(`/teams/${me.team_id}`, {signal: ctx.signal});
  const isOwner = team.owner_id === me.id;
  const members = team.members.filter((m) => m.role !== 'invited');
  const invited = team.members.filter((m) => m.role === 'invited');
  const [cvs, personas] = await Promise.all([
    api.get('/cvs?limit=100', {signal: ctx.signal}),
    api.listAll('/personas', {signal: ctx.signal}),
  ]);
  ctx.setTitle(team.name);
  const leave = ui.button(isOwner ? 'Delete team' : 'Leave team', {kind: 'danger', onclick: async (e) => {
    const btn = e.currentTarget;
    const ok = await ui.confirmDialog(isOwner
      ? {title: `Delete “${team.name}”?`, body: 'Only possible when nobody else is in the team. Its workspace returns to you.', confirm: 'Delete team', danger: true}
      : {title: `Leave “${team.name}”?`, body: 'You lose access to the shared workspace.', confirm: 'Leave team', danger: true});
    if (!ok) return;
    try {
      await ui.busy(btn, isOwner ? api.del(`/teams/${team.id}`) : api.del(`/teams/${team.id}/members/${me.id}`));
      await loadSession();
      ui.toast(isOwner ? 'Team deleted.' : 'You left the team.', 'success');
      ctx.rerender();
    } catch (err) {
      ui.toast(ui.messageOf(err), 'error');
    }
  }});
  replace(body,
    h('div', {class: 'card'},
      h('div', {class: 'card-head'},
        h('div', null, h('h2', null, team.name),
          h('p', {class: 'muted small'}, `${fmt.capitalize(team.plan)} plan · ${fmt.plural(members.length, 'member')}`,
            invited.length ? ` · ${fmt.plural(invited.length, 'pending invite')}` : '', ` · created ${fmt.date(team.created_at)}`)),
        leave),
      h('div', {class: 'table-wrap'}, h('table', {class: 'members-table'},
        h('caption', {class: 'visually-hidden'}, 'Members and invites'),
        h('thead', null, h('tr', null, h('th', {scope: 'col'}, 'Person'), h('th', {scope: 'col'}, 'Role'),
          h('th', {scope: 'col'}, 'Since'), h('th', {scope: 'col'}, h('span', {class: 'visually-hidden'}, 'Actions')))),
        h('tbody', null, [...members, ...invited].map((m) => memberRow(ctx, team, m, isOwner)))))),
    h('div', {class: 'grid-2'},
      isOwner
        ? h('section', {class: 'card', 'aria-labelledby': 'invite-h'}, h('h2', {id: 'invite-h'}, 'Invite someone'), inviteForm(ctx, team))
        : h('section', {class: 'card card-subtle'}, h('h2', null, 'Members'),
          h('p', {class: 'muted'}, 'Only the owner can invite or remove members.')),
      h('section', {class: 'card', 'aria-labelledby': 'shared-h'},
        h('h2', {id: 'shared-h'}, 'Shared workspace'),
        h('p', {class: 'muted'}, 'Everyone in the team sees and edits these.'),
        h('dl', {class: 'kv'},
          h('dt', null, 'CVs'), h('dd', null, h('a', {href: '/cvs'}, fmt.plural(cvs.items.length, 'CV'))),
          h('dt', null, 'Personas'), h('dd', null, h('a', {href: '/personas'}, fmt.plural(personas.length, 'persona')))),
        personas.length ? h('ul', {class: 'list shared-personas'}, personas.slice(0, 6).map((p) => h('li', {class: 'list-item'},
          h('a', {class: 'list-title', href: `/personas/${p.id}`}, p.title),
          h('span', {class: 'small muted'}, `edited ${fmt.ago(p.updated_at)}`)))) : null)));
}
