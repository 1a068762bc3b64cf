// JSON Resume (jsonresume.org v1): the sections and fields the UI shows and edits, JSON Pointer
// helpers, and the per-field reading confidence kept under the document's `meta` key.

/** Scalar field: {key, label, multiline, wide, type}; list field: {key, label, list: true}. */
export const SECTIONS = [
  {key: 'basics', label: 'Contact and summary', single: true, fields: [
    {key: 'name', label: 'Name'},
    {key: 'label', label: 'Headline'},
    {key: 'email', label: 'E-mail', type: 'email'},
    {key: 'phone', label: 'Phone', type: 'tel'},
    {key: 'url', label: 'Website', type: 'url'},
    {key: 'location/city', label: 'City'},
    {key: 'location/region', label: 'Region'},
    {key: 'location/countryCode', label: 'Country code'},
    {key: 'summary', label: 'Summary', multiline: true, wide: true},
  ]},
  {key: 'basics/profiles', label: 'Profiles', item: 'profile', title: ['network', 'username'], fields: [
    {key: 'network', label: 'Network'},
    {key: 'username', label: 'User name'},
    {key: 'url', label: 'Link', type: 'url', wide: true},
  ]},
  {key: 'work', label: 'Work experience', item: 'position', title: ['position', 'name'], fields: [
    {key: 'position', label: 'Job title'},
    {key: 'name', label: 'Employer'},
    {key: 'location', label: 'Location'},
    {key: 'url', label: 'Employer website', type: 'url'},
    {key: 'startDate', label: 'Start', hint: 'YYYY-MM'},
    {key: 'endDate', label: 'End', hint: 'Empty while current'},
    {key: 'summary', label: 'Summary', multiline: true, wide: true},
    {key: 'highlights', label: 'Achievements', list: true, wide: true},
  ]},
  {key: 'education', label: 'Education', item: 'education', title: ['studyType', 'area', 'institution'], fields: [
    {key: 'institution', label: 'Institution'},
    {key: 'area', label: 'Field of study'},
    {key: 'studyType', label: 'Degree'},
    {key: 'score', label: 'Grade'},
    {key: 'startDate', label: 'Start'},
    {key: 'endDate', label: 'End'},
    {key: 'courses', label: 'Courses', list: true, wide: true},
  ]},
  {key: 'skills', label: 'Skills', item: 'skill', title: ['name'], compact: true, fields: [
    {key: 'name', label: 'Skill'},
    {key: 'level', label: 'Level'},
    {key: 'keywords', label: 'Keywords', list: true, wide: true, inline: true},
  ]},
  {key: 'languages', label: 'Languages', item: 'language', title: ['language'], compact: true, fields: [
    {key: 'language', label: 'Language'},
    {key: 'fluency', label: 'Fluency'},
  ]},
  {key: 'certificates', label: 'Certificates', item: 'certificate', title: ['name'], fields: [
    {key: 'name', label: 'Certificate'},
    {key: 'issuer', label: 'Issuer'},
    {key: 'date', label: 'Date'},
    {key: 'url', label: 'Link', type: 'url'},
  ]},
  {key: 'projects', label: 'Projects', item: 'project', title: ['name'], fields: [
    {key: 'name', label: 'Project'},
    {key: 'url', label: 'Link', type: 'url'},
    {key: 'startDate', label: 'Start'},
    {key: 'endDate', label: 'End'},
    {key: 'description', label: 'Description', multiline: true, wide: true},
    {key: 'highlights', label: 'Highlights', list: true, wide: true},
  ]},
  {key: 'awards', label: 'Awards', item: 'award', title: ['title'], fields: [
    {key: 'title', label: 'Award'},
    {key: 'awarder', label: 'Awarded by'},
    {key: 'date', label: 'Date'},
    {key: 'summary', label: 'Summary', multiline: true, wide: true},
  ]},
  {key: 'volunteer', label: 'Volunteering', item: 'role', title: ['position', 'organization'], fields: [
    {key: 'position', label: 'Role'},
    {key: 'organization', label: 'Organisation'},
    {key: 'startDate', label: 'Start'},
    {key: 'endDate', label: 'End'},
    {key: 'summary', label: 'Summary', multiline: true, wide: true},
    {key: 'highlights', label: 'Highlights', list: true, wide: true},
  ]},
  {key: 'publications', label: 'Publications', item: 'publication', title: ['name'], fields: [
    {key: 'name', label: 'Title'},
    {key: 'publisher', label: 'Publisher'},
    {key: 'releaseDate', label: 'Date'},
    {key: 'url', label: 'Link', type: 'url'},
    {key: 'summary', label: 'Summary', multiline: true, wide: true},
  ]},
  {key: 'interests', label: 'Interests', item: 'interest', title: ['name'], compact: true, fields: [
    {key: 'name', label: 'Interest'},
    {key: 'keywords', label: 'Keywords', list: true, wide: true, inline: true},
  ]},
  {key: 'references', label: 'References', item: 'reference', title: ['name'], fields: [
    {key: 'name', label: 'Name'},
    {key: 'reference', label: 'Reference', multiline: true, wide: true},
  ]},
];

/** RFC 6901 escaping of one reference token. */
export function escapeToken(token) {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function parsePointer(pointer) {
  if (!pointer) return [];
  return pointer.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function pointer(...tokens) {
  return tokens.map((t) => '/' + escapeToken(t)).join('');
}

/** The value at a '/'-separated path ("location/city") of obj, or undefined. */
export function getPath(obj, path) {
  let cur = obj;
  for (const key of String(path).split('/')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[key];
  }
  return cur;
}

/** Sets a '/'-separated path in obj, creating objects; an empty string or [] deletes it. */
export function setPath(obj, path, value) {
  const keys = String(path).split('/');
  let cur = obj;
  for (const key of keys.slice(0, -1)) {
    if (cur[key] === null || typeof cur[key] !== 'object') cur[key] = {};
    cur = cur[key];
  }
  const last = keys[keys.length - 1];
  const empty = value === '' || value === null || value === undefined || (Array.isArray(value) && !value.length);
  if (empty) delete cur[last];
  else cur[last] = value;
}

/** Resolves a JSON Pointer in doc; undefined when it names nothing. */
export function resolvePointer(doc, ptr) {
  let cur = doc;
  for (const token of parsePointer(ptr)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[token];
  }
  return cur;
}

/** The entries of a section path ("work", "basics/profiles") of doc: always an array. */
export function sectionItems(doc, key) {
  const value = getPath(doc, key);
  return Array.isArray(value) ? value : [];
}

/** "Senior Engineer · Acme" from the section's title fields. */
export function entryTitle(section, entry) {
  if (!entry || typeof entry !== 'object') return String(entry ?? '');
  const parts = (section.title || []).map((k) => entry[k]).filter((v) => typeof v === 'string' && v.trim());
  return parts.join(' · ') || `Untitled ${section.item || 'entry'}`;
}

export function entryDates(entry) {
  if (!entry || typeof entry !== 'object') return '';
  const start = entry.startDate || entry.date || entry.releaseDate || '';
  const end = entry.endDate || (entry.startDate ? 'present' : '');
  return start ? (end && end !== start ? `${start} – ${end}` : start) : '';
}

/**
 * Reading metadata for the field at ptr: {confidence (0..1) | null, span: {start, end} | null}.
 * Tolerates the shapes a parser may use under meta: meta.confidence[ptr] or
 * meta.fields[ptr].confidence, spans as meta.spans[ptr] = [start, end] or {start, end}.
 */
export function fieldMeta(doc, ptr) {
  const meta = doc && doc.meta && typeof doc.meta === 'object' ? doc.meta : null;
  const out = {confidence: null, span: null};
  if (!meta) return out;
  const sources = [meta, meta.parse, meta.parser, meta.personaforge].filter((m) => m && typeof m === 'object');
  for (const m of sources) {
    const conf = m.confidence && typeof m.confidence === 'object' ? m.confidence[ptr] : undefined;
    const field = m.fields && typeof m.fields === 'object' ? m.fields[ptr] : undefined;
    const value = typeof conf === 'number' ? conf : field && typeof field.confidence === 'number' ? field.confidence : null;
    if (value !== null && out.confidence === null) out.confidence = value > 1 ? value / 100 : value;
    const span = (m.spans && m.spans[ptr]) || (field && (field.span || field.evidence));
    if (span && !out.span) {
      if (Array.isArray(span) && span.length >= 2) out.span = {start: span[0], end: span[1]};
      else if (typeof span === 'object' && typeof span.start === 'number') {
        out.span = {start: span.start, end: span.end ?? span.start + (span.length || 0)};
      }
    }
  }
  return out;
}

export const LOW_CONFIDENCE = 0.6;
