// A persona's `data`: overrides over its base CV (docs/internals/PERSONA.md). Sections are
// addressed by entry id ({$order, $hide, $add, <id>: patch | null}); string lists inside an
// entry patch use the same convention with item ids. These functions edit a copy of `data`.

export const LIST_FIELDS = {
  work: ['highlights'], volunteer: ['highlights'], education: ['courses'], skills: ['keywords'],
  interests: ['keywords'], projects: ['highlights', 'keywords', 'roles'],
};

export const ID_SECTIONS = ['work', 'volunteer', 'education', 'awards', 'certificates', 'publications',
  'skills', 'languages', 'interests', 'references', 'projects'];

/** Identifying fields of an entry, per section: its id is derived from them. */
const ID_KEYS = {
  work: ['name', 'position', 'startDate'], volunteer: ['organization', 'position', 'startDate'],
  education: ['institution', 'area', 'studyType', 'startDate'], awards: ['title', 'date', 'awarder'],
  certificates: ['name', 'date', 'issuer'], publications: ['name', 'publisher', 'releaseDate'],
  skills: ['name'], interests: ['name'], references: ['name'], languages: ['language'],
  projects: ['name', 'startDate'],
};

export function clone(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The section's convention object in data, created when missing (null when it is an array). */
function sectionObject(data, section) {
  if (Array.isArray(data[section])) return null;
  if (!isObject(data[section])) data[section] = {};
  return data[section];
}

function listObject(data, section, entryId, field) {
  const sec = sectionObject(data, section);
  if (!sec) return null;
  if (!isObject(sec[entryId])) sec[entryId] = {};
  const patch = sec[entryId];
  if (Array.isArray(patch[field])) return null;
  if (!isObject(patch[field])) patch[field] = {};
  return patch[field];
}

function without(list, value) {
  return (list || []).filter((x) => x !== value);
}

/** Drops empty $hide/$order/$add lists, empty patches and empty sections. */
export function tidy(data) {
  const clean = (obj) => {
    for (const key of Object.keys(obj)) {
      const value = obj[key];
      if (Array.isArray(value) && key.startsWith('$') && key !== '$order' && !value.length) delete obj[key];
      else if (isObject(value)) {
        clean(value);
        if (!Object.keys(value).length) delete obj[key];
      }
    }
  };
  clean(data);
  return data;
}

function hideIn(obj, id) {
  obj.$hide = [...without(obj.$hide, id), id];
  if (obj.$order) obj.$order = without(obj.$order, id);
}

function showIn(obj, id) {
  obj.$hide = without(obj.$hide, id);
  if (obj[id] === null) delete obj[id];
  if (obj.$order && !obj.$order.includes(id)) obj.$order.push(id);
}

export function hideEntry(data, section, id, index) {
  const sec = sectionObject(data, section);
  if (sec) hideIn(sec, id);
  else data[section].splice(index, 1);
  return tidy(data);
}

export function showEntry(data, section, id) {
  const sec = sectionObject(data, section);
  if (sec) showIn(sec, id);
  return tidy(data);
}

/** Puts the visible entries in the order of ids (a selection: hidden ones stay hidden). */
export function orderEntries(data, section, ids, from, to) {
  const sec = sectionObject(data, section);
  if (!sec) {
    const list = data[section];
    const [moved] = list.splice(from, 1);
    list.splice(to, 0, moved);
    return data;
  }
  const order = [...ids];
  const [moved] = order.splice(from, 1);
  order.splice(to, 0, moved);
  sec.$order = order;
  return tidy(data);
}

/** Sets (or, with value undefined, removes) the override of a plain field of an entry. */
export function setEntryField(data, section, id, index, field, value) {
  const sec = sectionObject(data, section);
  if (!sec) {
    const entry = data[section][index];
    if (value === undefined || value === '') delete entry[field];
    else entry[field] = value;
    return data;
  }
  if (!isObject(sec[id])) sec[id] = {};
  if (value === undefined) delete sec[id][field];
  else sec[id][field] = value === '' ? null : value;
  return tidy(data);
}

/** Removes every plain-field override of an entry (its list selections stay). */
export function resetEntryFields(data, section, id) {
  const sec = sectionObject(data, section);
  if (!sec || !isObject(sec[id])) return data;
  const lists = LIST_FIELDS[section] || [];
  for (const key of Object.keys(sec[id])) if (!lists.includes(key)) delete sec[id][key];
  return tidy(data);
}

export function hideItem(data, section, entryId, entryIndex, field, itemId, itemIndex) {
  const list = listObject(data, section, entryId, field);
  if (list) hideIn(list, itemId);
  else arrayList(data, section, entryId, entryIndex, field).splice(itemIndex, 1);
  return tidy(data);
}

export function showItem(data, section, entryId, field, itemId) {
  const list = listObject(data, section, entryId, field);
  if (list) showIn(list, itemId);
  return tidy(data);
}

export function resetItems(data, section, entryId, field) {
  const sec = sectionObject(data, section);
  if (sec && isObject(sec[entryId])) delete sec[entryId][field];
  return tidy(data);
}

export function resetSection(data, section) {
  delete data[section];
  return data;
}

export function orderItems(data, section, entryId, entryIndex, field, itemIds, from, to) {
  const list = listObject(data, section, entryId, field);
  if (!list) {
    const arr = arrayList(data, section, entryId, entryIndex, field);
    const [moved] = arr.splice(from, 1);
    arr.splice(to, 0, moved);
    return data;
  }
  const order = [...itemIds];
  const [moved] = order.splice(from, 1);
  order.splice(to, 0, moved);
  list.$order = order;
  return tidy(data);
}

/** Rewords an item (text), or with text undefined restores the CV's wording. */
export function rewordItem(data, section, entryId, entryIndex, field, itemId, itemIndex, text) {
  const list = listObject(data, section, entryId, field);
  if (!list) {
    arrayList(data, section, entryId, entryIndex, field)[itemIndex] = text;
    return data;
  }
  if (text === undefined) delete list[itemId];
  else list[itemId] = text;
  return tidy(data);
}

export function addItem(data, section, entryId, entryIndex, field, text) {
  const list = listObject(data, section, entryId, field);
  if (list) list.$add = [...(list.$add || []), text];
  else arrayList(data, section, entryId, entryIndex, field).push(text);
  return tidy(data);
}

function arrayList(data, section, entryId, entryIndex, field) {
  const sec = data[section];
  if (Array.isArray(sec)) {
    const entry = sec[entryIndex];
    if (!Array.isArray(entry[field])) entry[field] = [];
    return entry[field];
  }
  return sec[entryId][field];
}

/** Sets or (undefined) clears an override of a basics field ("label", "location/city"). */
export function setBasics(data, path, value) {
  if (!isObject(data.basics)) data.basics = {};
  const keys = path.split('/');
  let cur = data.basics;
  for (const key of keys.slice(0, -1)) {
    if (!isObject(cur[key])) cur[key] = {};
    cur = cur[key];
  }
  const last = keys[keys.length - 1];
  if (value === undefined) delete cur[last];
  else cur[last] = value === '' ? null : value;
  return tidy(data);
}

export function hasBasicsOverride(data, path) {
  let cur = data && data.basics;
  for (const key of path.split('/')) {
    if (!isObject(cur) || !(key in cur)) return false;
    cur = cur[key];
  }
  return true;
}

/** Ids the data hides explicitly in a section ($hide, or a null patch). */
export function hiddenIds(sectionData) {
  if (!isObject(sectionData)) return [];
  const ids = new Set(sectionData.$hide || []);
  for (const [key, value] of Object.entries(sectionData)) if (value === null && !key.startsWith('$')) ids.add(key);
  return [...ids];
}

/**
 * The normalised form ids are hashed from: the server folds case, accents and spacing, and
 * treats hyphens as spaces. An approximation of its tokeniser: ids computed here are only
 * trusted when they reproduce the server's ids of the visible entries.
 */
function normalize(text) {
  return String(text).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[\u200b-\u200d\ufeff]/g, '').replace(/[-\u2010-\u2015]/g, ' ')
    .trim().split(/\s+/).filter(Boolean).join(' ');
}

function fnv(hash, text) {
  for (const byte of new TextEncoder().encode(normalize(text))) {
    hash ^= byte;
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  hash ^= 0x7c; // '|'
  return Math.imul(hash, 16777619) >>> 0;
}

const hex = (n) => n.toString(16).padStart(8, '0');

/** Entry ids of a section's entries, as the server derives them (duplicates get -2, -3 …). */
export function entryIds(section, entries) {
  const used = new Set();
  return entries.map((entry) => {
    const keys = ID_KEYS[section] || [];
    let hash = 2166136261;
    let any = false;
    for (const key of keys) {
      const value = entry && typeof entry[key] === 'string' ? entry[key] : '';
      if (value) any = true;
      hash = fnv(hash, value);
    }
    if (!any) return null; // hashed from the whole entry's JSON: not reproduced here
    return claim(used, `${section}-${hex(hash)}`);
  });
}

export function itemIds(field, items) {
  const used = new Set();
  return items.map((item) => (typeof item === 'string' ? claim(used, `${field[0]}-${hex(fnv(2166136261, item))}`) : null));
}

function claim(used, id) {
  let out = id;
  for (let n = 2; used.has(out); n++) out = `${id}-${n}`;
  used.add(out);
  return out;
}
