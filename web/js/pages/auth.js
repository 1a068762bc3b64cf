// Sign in and sign up.
import {h, replace} from '../dom.js';
import * as api from '../api.js';
import {signIn} from '../session.js';
import {safeNext} from '../router.js';
import * as ui from '../ui.js';

function authCard(title, intro, form, footer) {
  return h('div', {class: 'auth-card'},
    h('a', {class: 'brand brand-large', href: '/login'},
      h('span', {class: 'brand-mark', 'aria-hidden': 'true'}, 'P'), 'PersonaForge'),
    h('h1', {tabindex: '-1'}, title),
    intro ? h('p', {class: 'subtitle'}, intro) : null,
    form, footer);
}

function nextOf(ctx) {
  return safeNext(ctx.query.get('next'));
}

function withNext(path, ctx) {
  const next = ctx.query.get('next');
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}

export async function login(ctx) {
  ctx.setTitle('Sign in');
  const summary = h('div', {class: 'form-summary'});
  const fields = {
    email: ui.field({label: 'E-mail', name: 'email', type: 'email', autocomplete: 'email', required: true}),
    password: ui.field({label: 'Password', name: 'password', type: 'password',
      autocomplete: 'current-password', required: true}),
  };
  const submit = ui.button('Sign in', {kind: 'primary', type: 'submit', class: 'btn-block'});
  const form = h('form', {class: 'form', novalidate: true}, summary, fields.email.el, fields.password.el, submit);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    ui.clearFormError(summary, fields);
    const email = fields.email.input.value.trim();
    const password = fields.password.input.value;
    if (!email || !password) {
      if (!email) fields.email.setError('Enter your e-mail address.');
      if (!password) fields.password.setError('Enter your password.');
      (email ? fields.password : fields.email).input.focus();
      return;
    }
    try {
      await ui.busy(submit, signIn(email, password), 'Signing in…');
      ctx.navigate(nextOf(ctx), {replace: true});
    } catch (err) {
      if (err.status === 401) {
        replace(summary, h('div', {class: 'alert alert-error', role: 'alert'},
          'Wrong e-mail or password. Check both and try again.'));
        fields.password.input.select();
        fields.password.input.focus();
      } else {
        ui.showFormError(summary, fields, err, {email: 'E-mail', password: 'Password'});
      }
    }
  });
  replace(ctx.main, authCard('Sign in', 'Your CVs, personas and reports, in one place.', form,
    h('p', {class: 'auth-switch'}, 'New to PersonaForge? ', h('a', {href: withNext('/signup', ctx)}, 'Create an account'))));
  fields.email.input.focus();
}

export async function signup(ctx) {
  ctx.setTitle('Create an account');
  const summary = h('div', {class: 'form-summary'});
  const fields = {
    name: ui.field({label: 'Your name', name: 'name', autocomplete: 'name', required: true}),
    email: ui.field({label: 'E-mail', name: 'email', type: 'email', autocomplete: 'email', required: true}),
    password: ui.field({label: 'Password', name: 'password', type: 'password', autocomplete: 'new-password',
      required: true, hint: 'At least 8 characters.'}),
  };
  const submit = ui.button('Create account', {kind: 'primary', type: 'submit', class: 'btn-block'});
  const form = h('form', {class: 'form', novalidate: true}, summary,
    fields.name.el, fields.email.el, fields.password.el, submit);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    ui.clearFormError(summary, fields);
    const body = {
      name: fields.name.input.value.trim(),
      email: fields.email.input.value.trim(),
      password: fields.password.input.value,
    };
    const missing = Object.entries(body).filter(([, v]) => !v).map(([k]) => k);
    if (missing.length) {
      const words = {name: 'Enter your name.', email: 'Enter your e-mail address.', password: 'Choose a password.'};
      for (const key of missing) fields[key].setError(words[key]);
      fields[missing[0]].input.focus();
      return;
    }
    try {
      await ui.busy(submit, (async () => {
        await api.post('/auth/register', body);
        await signIn(body.email, body.password);
      })(), 'Creating your account…');
      ui.toast(`Welcome, ${body.name}!`, 'success');
      ctx.navigate(nextOf(ctx), {replace: true});
    } catch (err) {
      if (err.status === 409 || err.code === 'conflict') {
        fields.email.setError('An account with this e-mail already exists.');
        replace(summary, h('div', {class: 'alert alert-error', role: 'alert'},
          'An account with this e-mail already exists. ',
          h('a', {href: withNext('/login', ctx)}, 'Sign in instead'), '.'));
        fields.email.input.focus();
      } else {
        ui.showFormError(summary, fields, err, {email: 'E-mail', password: 'Password', name: 'Name'});
      }
    }
  });
  replace(ctx.main, authCard('Create your account',
    'Turn your CV into tailored personas, find what is missing, and export polished documents.', form,
    h('p', {class: 'auth-switch'}, 'Already have an account? ', h('a', {href: withNext('/login', ctx)}, 'Sign in'))));
  fields.name.input.focus();
}
