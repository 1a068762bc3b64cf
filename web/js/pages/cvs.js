// CVs: upload (drag and drop or file picker) with progress and live status, and the list.
import {h, replace} from '../dom.js';
import * as api from '../api.js';
import {session, refreshSession} from '../session.js';
import * as ui from '../ui.js';
import * as fmt from '../format.js';

const ACCEPT = '.pdf,.docx,.odt,.rtf,.html,.htm,.txt,.md,.markdown,.json,application/pdf,' +
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document,' +
  'application/vnd.oasis.opendocument.text,text/plain,text/markdown,text/html,application/rtf';

const STATUS = {
  pending: ['Waiting to be read', 'neutral'],
  processing: ['Reading…', 'accent'],
  parsed: ['Read', 'success'],
  failed: ['Could not be read', 'danger'],
};

export function cvStatusBadge(cv) {
  const [label, kind] = STATUS[cv.status] || [cv.status, 'neutral'];
  const busy = cv.status === 'pending' || cv.status === 'processing';
  return h('span', {class: ['badge', `badge-${kind}`], 'data-status': cv.status},
    busy ? h('span', {class: 'status-dot pulse', 'aria-hidden': 'true'}) : null, label);
}

export function isSettled(cv) {
  return cv.status === 'parsed' || cv.status === 'failed';
}

/** Polls GET /cvs/{id} until the CV is parsed or failed; onUpdate(cv) after every read. */
export async function watchCv(id, onUpdate, signal) {
  let delay = 600;
  for (;;) {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(resolve, delay);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(new DOMException('aborted', 'AbortError'));
      }, {once: true});
    });
    const cv = await api.get(`/cvs/${id}`, {signal});
    onUpdate(cv);
    if (isSettled(cv)) return cv;
    delay = Math.min(delay * 1.4, 4000);
  }
}

function usageLine() {
  const u = session.me && session.me.usage && session.me.usage.cvs;
  return u ? `${fmt.usage(u.used, u.limit, 'CV', 'CVs')} used on your plan.` : '';
}

function cvRow(cv, onDelete) {
  const meta = [
    cv.format ? cv.format.toUpperCase() : null,
    fmt.bytes(cv.size_bytes),
    `uploaded ${fmt.ago(cv.created_at)}`,
  ].filter(Boolean);
  return h('li', {class: 'list-item', 'data-cv': cv.id},
    h('div', {class: 'list-main'},
      h('a', {class: 'list-title', href: `/cvs/${cv.id}`}, cv.filename),
      h('div', {class: 'list-meta'}, meta.map((m) => h('span', null, m))),
      cv.status === 'failed' && cv.error ? h('p', {class: 'field-error small'}, cv.error) : null),
    cvStatusBadge(cv),
    h('div', {class: 'row'},
      h('a', {class: 'btn btn-small', href: `/cvs/${cv.id}`}, cv.status === 'parsed' ? 'Review' : 'Open'),
      h('button', {type: 'button', class: 'btn btn-small btn-danger', onclick: () => onDelete(cv),
        'aria-label': `Delete ${cv.filename}`}, 'Delete')));
}

/**
 * The upload area: a drop zone that is also a keyboard-reachable file picker. onUploaded(cv)
 * after each 202; onSettled(cv) once it is read or failed.
 */
export function uploader({signal, onUploaded, onSettled}) {
  const input = h('input', {type: 'file', id: 'cv-file', name: 'file', accept: ACCEPT, multiple: true,
    'aria-describedby': 'cv-file-hint'});
  const zone = h('label', {class: 'dropzone', for: 'cv-file'},
    h('span', {class: 'dropzone-icon', 'aria-hidden': 'true'}, '⇪'),
    h('strong', null, 'Drop your CV here, or choose a file'),
    h('span', {id: 'cv-file-hint', class: 'small'},
      'PDF, DOCX, ODT, RTF, HTML, Markdown or plain text, up to 10 MB.'),
    input);
  const items = h('div', {class: 'uploads', 'aria-live': 'polite'});

  const start = (file) => {
    const bar = h('span');
    const status = h('span', {class: 'small muted'}, 'Uploading…');
    const item = h('div', {class: 'upload-item'},
      h('div', {class: 'row-between'}, h('strong', {class: 'list-title'}, file.name),
        h('span', {class: 'small muted'}, fmt.bytes(file.size))),
      h('div', {class: 'progress', role: 'progressbar', 'aria-label': `Uploading ${file.name}`,
        'aria-valuemin': 0, 'aria-valuemax': 100}, bar),
      status);
    const progress = item.querySelector('.progress');
    items.prepend(item);
    const setProgress = (fraction) => {
      const pct = Math.round(fraction * 100);
      bar.style.width = `${pct}%`;
      progress.setAttribute('aria-valuenow', String(pct));
    };
    if (file.size === 0) {
      replace(status, h('span', {class: 'field-error'}, 'This file is empty.'));
      progress.hidden = true;
      return;
    }
    api.upload('/cvs', file, setProgress, signal).then(async (cv) => {
      setProgress(1);
      progress.hidden = true;
      const show = (current) => replace(status, cvStatusBadge(current), ' ',
        current.status === 'failed' ? h('span', {class: 'field-error'}, current.error || 'It could not be read.') : null,
        current.status === 'parsed' ? h('a', {href: `/cvs/${current.id}`}, 'Review what was read') : null);
      show(cv);
      onUploaded(cv);
      const done = await watchCv(cv.id, show, signal);
      onSettled(done);
    }).catch((e) => {
      if (e.name === 'AbortError') return;
      progress.hidden = true;
      const message = e.status === 413 ? 'This file is too big to upload (the limit is 10 MB). Save it smaller, e.g. without images, and try again.'
        : ui.messageOf(e);
      replace(status, h('span', {class: 'field-error', role: 'alert'}, message));
    });
  };
  const takeFiles = (files) => {
    for (const file of files) start(file);
  };
  input.addEventListener('change', () => {
    takeFiles([...input.files]);
    input.value = '';
  });
  for (const type of ['dragenter', 'dragover']) {
    zone.addEventListener(type, (e) => {
      e.preventDefault();
      zone.classList.add('is-over');
    });
  }
  for (const type of ['dragleave', 'dragend']) zone.addEventListener(type, () => zone.classList.remove('is-over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('is-over');
    takeFiles([...(e.dataTransfer ? e.dataTransfer.files : [])]);
  });
  return h('div', null, zone, items);
}

export async function list(ctx) {
  ctx.setTitle('CVs');
  const listBody = h('div', null, ui.skeleton([3.2, 3.2, 3.2]));
  const usage = h('p', {class: 'subtitle'}, usageLine() || '\u00a0');
  let items = [];

  const draw = () => {
    replace(usage, usageLine() || '\u00a0');
    if (!items.length) {
      replace(listBody, ui.emptyState({title: 'No CVs yet',
        body: 'Upload your CV above. We read it section by section and you can correct anything we got wrong.'}));
      return;
    }
    replace(listBody, h('ul', {class: 'list card card-list'}, items.map((cv) => cvRow(cv, remove))));
  };
  const remove = async (cv) => {
    const ok = await ui.confirmDialog({title: `Delete ${cv.filename}?`,
      body: 'The file, its text and what was read from it are deleted. Personas built on it lose their base CV.',
      confirm: 'Delete CV', danger: true});
    if (!ok) return;
    try {
      await api.del(`/cvs/${cv.id}`);
      items = items.filter((c) => c.id !== cv.id);
      await refreshSession();
      draw();
      ui.toast(`${cv.filename} was deleted.`, 'success');
    } catch (e) {
      ui.toast(ui.messageOf(e), 'error');
    }
  };
  const upsert = (cv) => {
    const i = items.findIndex((c) => c.id === cv.id);
    if (i >= 0) items[i] = cv;
    else items.unshift(cv);
    draw();
  };

  replace(ctx.main, h('div', {class: 'page'},
    h('div', {class: 'page-header'},
      h('div', {class: 'page-title'}, h('h1', {tabindex: '-1'}, 'CVs'), usage)),
    h('section', {class: 'card', 'aria-labelledby': 'upload-h'},
      h('h2', {id: 'upload-h'}, 'Upload a CV'),
      uploader({signal: ctx.signal,
        onUploaded: async (cv) => {
          upsert(cv);
          await refreshSession();
          replace(usage, usageLine());
        },
        onSettled: upsert})),
    h('section', {'aria-labelledby': 'list-h'},
      h('h2', {id: 'list-h'}, 'Your CVs'), listBody)));

  items = await api.listAll('/cvs', {signal: ctx.signal});
  draw();
  for (const cv of items.filter((c) => !isSettled(c))) {
    watchCv(cv.id, upsert, ctx.signal).catch(() => {});
  }
}
