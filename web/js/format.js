// Formatting for people: dates, sizes, counts.

const dateFormat = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium'});
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'short'});
const relative = new Intl.RelativeTimeFormat(undefined, {numeric: 'auto'});

export function date(value) {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? String(value) : dateFormat.format(d);
}

export function dateTime(value) {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? String(value) : dateTimeFormat.format(d);
}

/** "3 minutes ago", "yesterday"; falls back to the date past a week. */
export function ago(value) {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  const seconds = (d.getTime() - Date.now()) / 1000;
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return relative.format(Math.round(seconds / 3600), 'hour');
  if (abs < 7 * 86400) return relative.format(Math.round(seconds / 86400), 'day');
  return date(value);
}

export function bytes(n) {
  if (n === null || n === undefined) return '';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10240 ? 1 : 0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** plural(2, 'persona') → "2 personas". */
export function plural(n, word, many = word + 's') {
  return `${n} ${n === 1 ? word : many}`;
}

/** "2 of 3 personas" (or "2 personas" when there is no limit). */
export function usage(used, limit, word, many) {
  const noun = (limit ?? used) === 1 ? word : (many || word + 's');
  if (limit === null || limit === undefined) return `${used} ${noun}`;
  return `${used} of ${limit} ${noun}`;
}

export function capitalize(s) {
  const str = String(s ?? '');
  return str.charAt(0).toUpperCase() + str.slice(1);
}

/** A sentence from a server message: capitalised, with a final full stop. */
export function sentence(s) {
  const str = capitalize(String(s ?? '').trim());
  return /[.!?)]$/.test(str) || !str ? str : str + '.';
}
