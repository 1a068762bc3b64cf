// Shows an exported HTML document inside the page without running anything from it: parsed
// inertly, rebuilt from an allowlist of tags and attributes, its CSS applied through a
// constructed stylesheet in a shadow root (so it neither leaks out nor needs 'unsafe-inline').
import {h} from './dom.js';

const TAGS = new Set(['a', 'abbr', 'address', 'article', 'aside', 'b', 'blockquote', 'br', 'caption', 'cite',
  'code', 'col', 'colgroup', 'dd', 'del', 'details', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'footer',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'main', 'mark', 'nav', 'ol',
  'p', 'pre', 'q', 's', 'section', 'small', 'span', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td',
  'tfoot', 'th', 'thead', 'time', 'tr', 'u', 'ul']);
const ATTRS = new Set(['class', 'id', 'title', 'lang', 'dir', 'colspan', 'rowspan', 'datetime', 'alt', 'width', 'height']);
const SAFE_URL = /^(https?:|mailto:|tel:|#)/i;

function copyNode(node) {
  if (node.nodeType === Node.TEXT_NODE) return document.createTextNode(node.nodeValue);
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const tag = node.tagName.toLowerCase();
  if (!TAGS.has(tag)) {
    // Unknown containers keep their text; scripts, styles, forms and frames are dropped.
    if (['script', 'style', 'iframe', 'object', 'embed', 'form', 'input', 'button', 'textarea', 'select', 'template', 'svg', 'math', 'link', 'meta'].includes(tag)) return null;
    const frag = document.createDocumentFragment();
    for (const child of node.childNodes) {
      const copy = copyNode(child);
      if (copy) frag.append(copy);
    }
    return frag;
  }
  const el = document.createElement(tag);
  for (const attr of node.attributes) {
    const name = attr.name.toLowerCase();
    if (ATTRS.has(name)) el.setAttribute(name, attr.value);
    else if (name === 'href' && tag === 'a' && SAFE_URL.test(attr.value.trim())) {
      el.setAttribute('href', attr.value.trim());
      el.setAttribute('target', '_blank');
      el.setAttribute('rel', 'noopener noreferrer');
    } else if (name === 'src' && tag === 'img' && /^data:image\/(png|jpeg|gif|webp);/i.test(attr.value)) {
      el.setAttribute('src', attr.value);
    } else if (name === 'data-pf-style') {
      el.style.cssText = attr.value; // CSSOM: allowed by the page's policy, unlike the attribute
    }
  }
  for (const child of node.childNodes) {
    const copy = copyNode(child);
    if (copy) el.append(copy);
  }
  return el;
}

/** The CSS with html/body selectors aimed at the preview's page element. */
function scopedCss(css) {
  return css.replace(/@import[^;]+;/g, '').replace(/(^|[\s,}>])(html|body)(?=[\s,{.:#[>])/g, '$1.page-doc');
}

/**
 * Takes the <style> blocks out and renames style and on* attributes inside tags before the
 * string is parsed: even an inert parse is checked against the page's policy, and would log a
 * refused inline style or handler for each. The copy below is still what makes it safe.
 */
function defuse(html) {
  const styles = [];
  const body = html.replace(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi, (_, css) => {
    styles.push(css);
    return '';
  }).replace(/<[a-zA-Z][^>]*>/g, (tag) => tag
    .replace(/(\s)style\s*=/gi, '$1data-pf-style=')
    .replace(/(\s)on[a-z]+\s*=/gi, '$1data-pf-dropped='));
  return {body, css: styles.join('\n')};
}

/** An element showing html (a whole exported document) safely. */
export function htmlPreview(html) {
  const {body, css} = defuse(String(html));
  const doc = new DOMParser().parseFromString(body, 'text/html');
  const host = h('div', {class: 'doc-preview'});
  const root = host.attachShadow({mode: 'open'});
  const sheet = new CSSStyleSheet();
  try {
    sheet.replaceSync(`:host { display: block; } .page-doc { background: #fff; color: #111; padding: 2rem; }\n${scopedCss(css)}`);
  } catch {
    sheet.replaceSync(':host { display: block; } .page-doc { background: #fff; color: #111; padding: 2rem; }');
  }
  root.adoptedStyleSheets = [sheet];
  const page = document.createElement('div');
  page.className = 'page-doc';
  for (const child of doc.body.childNodes) {
    const copy = copyNode(child);
    if (copy) page.append(copy);
  }
  root.append(page);
  return host;
}

/** A preview of plain text output (Markdown, text, JSON). */
export function textPreview(value) {
  return h('pre', {class: 'doc-preview doc-text', tabindex: '0'}, String(value));
}
