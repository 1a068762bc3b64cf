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
 * What the parser recorded about the field at ptr (meta.fields, see docs/internals/PARSE.md):
 * {confidence (0..1) | null, span: {start, end} | null}, the span in bytes of raw_text.
 */
export function fieldMeta(doc, ptr) {
  const fields = doc && doc.meta && doc.meta.fields && typeof doc.meta.fields === 'object' ? doc.meta.fields : null;
  const field = fields ? fields[ptr] : null;
  if (!field || typeof field !== 'object') return {confidence: null, span: null};
  const confidence = typeof field.confidence === 'number' ? field.confidence : null;
  const span = typeof field.start === 'number' && typeof field.end === 'number' && field.end > field.start
    ? {start: field.start, end: field.end} : null;
  return {confidence, span};
}

/** Pointers under base (itself included) whose confidence is under LOW_CONFIDENCE. */
export function lowConfidenceCount(doc, base) {
  const fields = doc && doc.meta && doc.meta.fields;
  if (!fields || typeof fields !== 'object') return 0;
  let n = 0;
  for (const [ptr, field] of Object.entries(fields)) {
    if (field && typeof field.confidence === 'number' && field.confidence < LOW_CONFIDENCE &&
        (ptr === base || ptr.startsWith(base + '/'))) n++;
  }
  return n;
}

export const LOW_CONFIDENCE = 0.6;
