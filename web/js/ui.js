// Shared pieces of the interface: buttons, fields, alerts, empty states, skeletons, meters,
// dialogs and toasts. All built with h(), so user text is always text.
import {h, replace, uid} from './dom.js';
import {sentence} from './format.js';

export function button(label, props = {}) {
  const {kind = 'secondary', type = 'button', ...rest} = props;
  return h('button', {type, class: ['btn', `btn-${kind}`, rest.class], ...withoutClass(rest)}, label);
}

export function linkButton(label, href, props = {}) {
  const {kind = 'secondary', ...rest} = props;
  return h('a', {href, class: ['btn', `btn-${kind}`, rest.class], ...withoutClass(rest)}, label);
}

function withoutClass(props) {
  const {class: _ignored, ...rest} = props;
  return rest;
}

/** Disables el while promise runs and shows label meanwhile; returns the promise's result. */
export async function busy(el, promise, label) {
  const before = el.textContent;
  el.disabled = true;
  el.setAttribute('aria-busy', 'true');
  if (label) el.textContent = label;
  try {
    return await promise;
  } finally {
    el.disabled = false;
    el.removeAttribute('aria-busy');
    if (label) el.textContent = before;
  }
}

/**
 * A labelled form field: {label, name, type, value, hint, required, multiline, rows, options,
 * autocomplete, placeholder}. Returns {el, input, setError(msg)}. The hint and the error are
 * tied to the input with aria-describedby.
 */
export function field(opts) {
  const id = opts.id || uid('f');
  const hintId = id + '-hint';
  const errorId = id + '-error';
  let input;
  const common = {
    id, name: opts.name, required: opts.required, placeholder: opts.placeholder,
    autocomplete: opts.autocomplete, 'aria-describedby': opts.hint ? hintId : null,
    class: opts.inputClass, readOnly: opts.readOnly, spellcheck: opts.spellcheck,
    inputmode: opts.inputmode, minlength: opts.minlength, maxlength: opts.maxlength,
  };
  if (opts.multiline) {
    input = h('textarea', {...common, rows: opts.rows || 4});
    input.value = opts.value ?? '';
  } else if (opts.options) {
    input = h('select', common, opts.options.map((o) => {
      const option = typeof o === 'string' ? {value: o, label: o} : o;
      return h('option', {value: option.value, selected: option.value === opts.value}, option.label);
    }));
  } else {
    input = h('input', {...common, type: opts.type || 'text', value: opts.value ?? ''});
  }
  const error = h('p', {class: 'field-error', id: errorId, hidden: true});
  const el = h('div', {class: ['field', opts.class]},
    h('label', {for: id}, opts.label),
    opts.hint ? h('p', {class: 'hint', id: hintId}, opts.hint) : null,
    input, error);
  function setError(message) {
    const describedBy = [opts.hint ? hintId : null, message ? errorId : null].filter(Boolean);
    if (message) {
      replace(error, message);
      error.hidden = false;
      input.setAttribute('aria-invalid', 'true');
    } else {
      error.hidden = true;
      input.removeAttribute('aria-invalid');
    }
    if (describedBy.length) input.setAttribute('aria-describedby', describedBy.join(' '));
    else input.removeAttribute('aria-describedby');
  }
  return {el, input, setError};
}

/** A polite one-line message in plain words, from an ApiError or any error. */
export function messageOf(error) {
  if (!error) return '';
  if (error.code === 'plan_limit') {
    return sentence(error.message) + ' Upgrade the plan or delete something you no longer need.';
  }
  if (error.code === 'validation_error' && error.details.length) {
    return 'Please correct the highlighted fields.';
  }
  return sentence(error.message || 'Something went wrong.');
}

/** Human text for one 422 detail {loc, msg}: "E-mail: value is not a valid email address". */
export function detailText(detail, labels = {}) {
  const loc = (detail.loc || []).filter((part) => part !== 'body');
  const name = loc.length ? String(loc[loc.length - 1]) : '';
  const label = labels[name] || name.replace(/_/g, ' ');
  return label ? `${sentence(label).replace(/\.$/, '')}: ${detail.msg}` : sentence(detail.msg);
}

/** An alert box for error (role=alert, so screen readers announce it). */
export function alertBox(error, {labels, title} = {}) {
  const details = error && error.details ? error.details : [];
  return h('div', {class: 'alert alert-error', role: 'alert'},
    title ? h('strong', null, title + ' ') : null,
    messageOf(error),
    details.length > 0 && error.code === 'validation_error'
      ? h('ul', null, details.map((d) => h('li', null, detailText(d, labels))))
      : null);
}

/**
 * Shows error on a form: field-level messages from 422 details (by the last loc segment, or
 * error.field) next to their inputs, the rest in the summary element. fields maps name →
 * field() result.
 */
export function showFormError(summary, fields, error, labels = {}) {
  for (const f of Object.values(fields)) f.setError(null);
  const leftover = [];
  let first = null;
  const details = error.code === 'validation_error' ? error.details : [];
  for (const detail of details) {
    const loc = detail.loc || [];
    const name = String(loc[loc.length - 1] ?? '');
    if (fields[name]) {
      fields[name].setError(sentence(detail.msg));
      first = first || fields[name];
    } else {
      leftover.push(detail);
    }
  }
  if (!details.length && error.field && fields[error.field]) {
    fields[error.field].setError(sentence(error.message));
    first = fields[error.field];
  }
  const shown = {...error, details: leftover, message: error.message, code: error.code};
  if (first && !leftover.length) {
    replace(summary, h('div', {class: 'alert alert-error', role: 'alert'}, messageOf(error)));
    first.input.focus();
  } else {
    replace(summary, alertBox(shown, {labels}));
  }
}

export function clearFormError(summary, fields) {
  replace(summary);
  for (const f of Object.values(fields)) f.setError(null);
}

export function emptyState({title, body, action, icon}) {
  return h('div', {class: 'empty'},
    icon ? h('div', {class: 'empty-icon', 'aria-hidden': 'true'}, icon) : null,
    h('h3', null, title),
    body ? h('p', null, body) : null,
    action || null);
}

/** Grey placeholder blocks of the given heights (rem), keeping layout stable while loading. */
export function skeleton(heights = [1.2, 1.2, 1.2], label = 'Loading…') {
  return h('div', {class: 'skeleton-group', role: 'status', 'aria-label': label},
    heights.map((height) => {
      const block = h('div', {class: 'skeleton'});
      block.style.height = `${height}rem`;
      return block;
    }));
}

export function badge(label, kind = 'neutral', title) {
  return h('span', {class: ['badge', `badge-${kind}`], title}, label);
}

/** "2 of 3 personas" with a bar; warns at the limit. */
export function meter(label, used, limit) {
  const fraction = limit ? Math.min(1, used / limit) : 0;
  const bar = h('span', {class: 'meter-fill'});
  bar.style.width = `${Math.round(fraction * 100)}%`;
  const full = limit !== null && limit !== undefined && used >= limit;
  return h('div', {class: ['meter', full && 'meter-full']},
    h('span', {class: 'meter-label'}, label),
    h('span', {class: 'meter-bar', role: 'progressbar', 'aria-valuemin': 0,
      'aria-valuemax': limit ?? used, 'aria-valuenow': used, 'aria-label': label}, bar));
}

export function pageHeader(title, {subtitle, actions, back} = {}) {
  return h('div', {class: 'page-header'},
    back ? h('a', {class: 'back-link', href: back.href}, '← ', back.label) : null,
    h('div', {class: 'page-header-row'},
      h('div', {class: 'page-title'},
        h('h1', {tabindex: '-1'}, title),
        subtitle ? h('p', {class: 'subtitle'}, subtitle) : null),
      actions ? h('div', {class: 'page-actions'}, actions) : null));
}

let toastArea = null;
/** A short message in the corner, also read by screen readers. kind: info|success|error. */
export function toast(message, kind = 'info') {
  if (!toastArea) {
    toastArea = h('div', {class: 'toasts', role: 'status', 'aria-live': 'polite'});
    document.body.append(toastArea);
  }
  const item = h('div', {class: ['toast', `toast-${kind}`]}, message);
  toastArea.append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 5000);
}

/**
 * A modal dialog (native <dialog>: focus is trapped and Escape closes it). Resolves true when
 * confirmed.
 */
export function confirmDialog({title, body, confirm = 'Confirm', danger = false}) {
  return new Promise((resolve) => {
    const titleId = uid('dlg');
    const ok = button(confirm, {kind: danger ? 'danger' : 'primary', type: 'submit', value: 'ok'});
    const dialog = h('dialog', {class: 'dialog', 'aria-labelledby': titleId},
      h('form', {method: 'dialog'},
        h('h2', {id: titleId}, title),
        body ? h('p', null, body) : null,
        h('div', {class: 'dialog-actions'},
          button('Cancel', {type: 'submit', value: 'cancel'}), ok)));
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'ok');
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
    ok.focus();
  });
}

/** A dialog with custom content; content(close) builds it. Resolves with close's argument. */
export function openDialog(title, content, {wide = false} = {}) {
  return new Promise((resolve) => {
    const titleId = uid('dlg');
    let result;
    const dialog = h('dialog', {class: ['dialog', wide && 'dialog-wide'], 'aria-labelledby': titleId});
    const close = (value) => {
      result = value;
      dialog.close();
    };
    replace(dialog,
      h('div', {class: 'dialog-head'},
        h('h2', {id: titleId}, title),
        h('button', {type: 'button', class: 'icon-btn', 'aria-label': 'Close', onclick: () => close()}, '×')),
      content(close));
    dialog.addEventListener('close', () => {
      resolve(result);
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** A tab strip: tabs = [{id, label, href}], current id. Plain links, so they work as navigation. */
export function tabs(items, current, label) {
  return h('nav', {class: 'tabs', 'aria-label': label},
    items.map((t) => h('a', {href: t.href, class: ['tab', t.id === current && 'tab-current'],
      'aria-current': t.id === current ? 'page' : null}, t.label)));
}

/** A <time> element with a readable date and the exact time as its tooltip. */
export function time(value, formatter) {
  return h('time', {datetime: value, title: new Date(value).toLocaleString()}, formatter(value));
}
