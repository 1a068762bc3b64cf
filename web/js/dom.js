// DOM building without HTML strings: every piece of text becomes a text node, so user data is
// never parsed as markup (no innerHTML anywhere in the UI).

const BOOLEAN_PROPS = new Set([
  'checked', 'disabled', 'hidden', 'multiple', 'open', 'readOnly', 'required', 'selected',
  'indeterminate', 'autofocus',
]);
const VALUE_PROPS = new Set(['value', 'htmlFor', 'tabIndex']);

/**
 * h('button', {class: 'btn', onclick: fn, 'aria-label': 'Close'}, 'text', child, [more])
 * Props: on<event> functions become listeners; class may be a string or an array (falsy items
 * dropped); boolean and value properties are set as properties; everything else as attributes
 * (null/false/undefined skip the attribute). Children: nodes, strings, numbers, arrays; null,
 * undefined and false are skipped.
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  if (props) setProps(el, props);
  append(el, children);
  return el;
}

export function setProps(el, props) {
  for (const [key, value] of Object.entries(props)) {
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'class') {
      const cls = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
      if (cls) el.className = cls;
    } else if (BOOLEAN_PROPS.has(key)) {
      el[key] = Boolean(value);
    } else if (VALUE_PROPS.has(key)) {
      if (value !== undefined && value !== null) el[key] = value;
    } else if (key === 'ref' && typeof value === 'function') {
      value(el);
    } else if (value !== null && value !== undefined && value !== false) {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
}

export function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false || child === true) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces el's children with children. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** Shorthand for a text node. */
export function text(value) {
  return document.createTextNode(value === null || value === undefined ? '' : String(value));
}

/**
 * Splits text around the markers a search snippet uses and returns nodes, the marked parts in
 * <mark>. Markers are plain strings chosen by the server (never parsed as HTML).
 */
export function marked(value, open = '<b>', close = '</b>') {
  const out = [];
  let rest = String(value ?? '');
  while (rest.length) {
    const start = rest.indexOf(open);
    if (start < 0) break;
    const end = rest.indexOf(close, start + open.length);
    if (end < 0) break;
    if (start > 0) out.push(text(rest.slice(0, start)));
    out.push(h('mark', null, rest.slice(start + open.length, end)));
    rest = rest.slice(end + close.length);
  }
  if (rest.length) out.push(text(rest));
  return out;
}

/** Highlights every case-insensitive occurrence of the terms in value. */
export function highlight(value, terms) {
  const source = String(value ?? '');
  const words = (terms || []).map((t) => t.trim()).filter((t) => t.length > 1);
  if (!words.length) return [text(source)];
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(`(${escaped.join('|')})`, 'gi');
  return source.split(re).map((part, i) => (i % 2 ? h('mark', null, part) : text(part)));
}

let idCounter = 0;
/** A document-unique id for label/aria wiring. */
export function uid(prefix = 'pf') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}
