// The browser tests: one person's whole journey through the web UI (sign-up, CVs, personas,
// team), plus a visitor's first load (size budget, security headers), keyboard use, phone width
// and layout stability. Usage: node tests/e2e/e2e.mjs BUILD/src/personaforge
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  ARTIFACTS, Runner, Skip, assert, openBrowser, overflowsHorizontally, screenshot, startServer,
  unlabelledControls,
} from './harness.mjs';
import {makeDocx, makePdf} from './fixtures.mjs';

const BUDGET_BYTES = 150 * 1024; // first load: JavaScript and CSS, compressed
const binary = process.argv[2] || 'build/src/personaforge';
const metrics = {};

const ann = {name: 'Ann Example', email: 'ann@example.com', password: 'correct horse battery'};
const ben = {name: 'Ben Member', email: 'ben@example.com', password: 'another long secret'};
const cleo = {name: 'Cleo Coach', email: 'cleo@example.com', password: 'yet another secret'};

/** Calls the API directly (setup steps that are not what a test is about). */
async function apiCall(server, method, path, body, token) {
  const res = await fetch(server.url + '/api/v1' + path, {
    method,
    headers: {'Content-Type': 'application/json', ...(token ? {Authorization: `Bearer ${token}`} : {})},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return {status: res.status, body: text ? JSON.parse(text) : null};
}

async function expectNoUnlabelled(page, where) {
  const bad = await unlabelledControls(page);
  assert(!bad.length, `${where}: controls without an accessible name: ${bad.join(', ')}`);
}

async function signUp(page, person) {
  await page.goto('/signup');
  await page.getByLabel('Your name').fill(person.name);
  await page.getByLabel('E-mail').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', {name: 'Create account'}).click();
  await page.getByRole('heading', {level: 1, name: `Welcome, ${person.name}`}).waitFor();
}

async function signIn(page, person) {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', {name: 'Sign in'}).click();
  await page.getByRole('heading', {level: 1, name: `Welcome, ${person.name}`}).waitFor();
}

async function signOut(page) {
  await page.locator('.account-toggle').click();
  await page.getByRole('button', {name: 'Sign out'}).click();
  await page.getByRole('heading', {level: 1, name: 'Sign in'}).waitFor();
}

/** Drops a file on the upload zone as a person dragging it from their desktop would. */
async function dropFile(page, selector, name, type, bytes) {
  const dataTransfer = await page.evaluateHandle(({b64, fileName, fileType}) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([data], fileName, {type: fileType}));
    return dt;
  }, {b64: bytes.toString('base64'), fileName: name, fileType: type});
  await page.dispatchEvent(selector, 'dragenter', {dataTransfer});
  await page.dispatchEvent(selector, 'drop', {dataTransfer});
}

async function main() {
  const server = await startServer(binary);
  const openapi = await (await fetch(server.url + '/api/v1/openapi.json')).json();
  const paths = new Set(Object.keys(openapi.paths || {}));
  const api = (path) => () => (paths.has(path) ? null : `${path} is not in this build`);
  const run = new Runner();
  const browsers = [];
  let failures = 0;
  run.onFail = async () => {
    failures += 1;
    for (const [i, b] of browsers.entries()) await screenshot(b.page, `failed-${failures}-${i}`);
  };
  const open = async (name, options) => {
    const b = await openBrowser(name, options);
    browsers.push(b);
    return b;
  };
  try {
    const visitor = await open('visitor');
    const annB = await open('ann');
    const page = annB.page;
    const url = (p) => server.url + p;
    const goto = page.goto.bind(page);
    page.goto = (p, o) => goto(p.startsWith('http') ? p : url(p), o);
    visitor.page.goto = ((g) => (p, o) => g(p.startsWith('http') ? p : url(p), o))(visitor.page.goto.bind(visitor.page));

    await run.test('first load: redirect to sign-in, security headers, size budget', async () => {
      const v = visitor.page;
      const response = await v.goto('/');
      const headers = response.headers();
      const csp = headers['content-security-policy'] || '';
      assert(csp.includes("script-src 'self'") && !csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'),
        `strict CSP expected, got: ${csp}`);
      assert(csp.includes("frame-ancestors 'none'"), 'frame-ancestors none');
      assert(headers['x-content-type-options'] === 'nosniff', 'nosniff');
      await v.getByRole('heading', {level: 1, name: 'Sign in'}).waitFor();
      await v.waitForLoadState('networkidle');
      assert(new URL(v.url()).pathname === '/login', `redirected to /login, at ${v.url()}`);
      const sizes = await v.evaluate(() => performance.getEntriesByType('resource')
        .filter((e) => /\.(js|css)$/.test(new URL(e.name).pathname))
        .map((e) => ({name: new URL(e.name).pathname, encoded: e.encodedBodySize, decoded: e.decodedBodySize})));
      const compressed = sizes.reduce((n, s) => n + s.encoded, 0);
      const raw = sizes.reduce((n, s) => n + s.decoded, 0);
      metrics.first_load_signin = {files: sizes.length, compressed_bytes: compressed, uncompressed_bytes: raw};
      // Upper bound: every script and stylesheet of the UI, as the server sends them.
      const index = await (await fetch(server.url + '/')).text();
      const entry = new Set(['/js/main.js', '/css/app.css', ...[...index.matchAll(/href="(\/[^"]+\.(?:js|css))"/g)].map((m) => m[1])]);
      const seen = new Set();
      let all = 0;
      let allRaw = 0;
      const queue = [...entry];
      while (queue.length) {
        const file = queue.shift();
        if (seen.has(file)) continue;
        seen.add(file);
        const zipped = await fetch(server.url + file, {headers: {'Accept-Encoding': 'gzip'}});
        const body = Buffer.from(await zipped.arrayBuffer());
        const plain = await (await fetch(server.url + file, {headers: {'Accept-Encoding': 'identity'}})).text();
        all += zipped.headers.get('content-encoding') === 'gzip' ? Number(zipped.headers.get('content-length') || body.length) : body.length;
        allRaw += Buffer.byteLength(plain);
        for (const m of plain.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+\.js)'/g)) {
          queue.push(new URL(m[1], server.url + file).pathname);
        }
      }
      metrics.all_ui_assets = {files: seen.size, compressed_bytes: all, uncompressed_bytes: allRaw};
      // A server reading web_dir sends files as they are: the budget is about the built-in copy.
      if (all < allRaw) assert(all < BUDGET_BYTES, `even every UI asset together (${all} B) stays under the budget`);
      assert(compressed > 0 && compressed < BUDGET_BYTES, `first load ${compressed} B compressed (budget ${BUDGET_BYTES})`);
      const inline = await v.evaluate(() => [...document.scripts].filter((s) => !s.src).length +
        document.querySelectorAll('[onclick],[onload],[onerror],[style]').length);
      assert(inline === 0, `no inline scripts, handlers or style attributes (found ${inline})`);
      await expectNoUnlabelled(v, 'sign-in');
      await screenshot(v, '01-sign-in');
    }, {watchers: [visitor.watcher]});

    await run.test('keyboard: sign-in form in tab order, submit with Enter', async () => {
      const v = visitor.page;
      await v.goto('/login');
      await v.getByRole('heading', {level: 1, name: 'Sign in'}).waitFor();
      assert(await v.evaluate(() => document.activeElement && document.activeElement.name) === 'email',
        'the e-mail field has focus on arrival');
      await v.keyboard.press('Tab');
      assert(await v.evaluate(() => document.activeElement.name) === 'password', 'Tab reaches the password');
      await v.keyboard.press('Tab');
      assert(await v.evaluate(() => document.activeElement.textContent) === 'Sign in', 'then the button');
      await v.keyboard.press('Tab');
      assert(await v.evaluate(() => document.activeElement.textContent) === 'Create an account', 'then the sign-up link');
      await v.keyboard.press('Enter');
      await v.getByRole('heading', {level: 1, name: 'Create your account'}).waitFor();
      await v.keyboard.press('Enter');
      await v.getByText('Enter your name.').waitFor();
      await v.getByText('Choose a password.').waitFor();
      await screenshot(v, '02-sign-up-errors');
    }, {watchers: [visitor.watcher]});

    await run.test('sign up, plan and usage on the dashboard', async () => {
      await signUp(page, ann);
      await page.getByText('0 of 2 CVs').waitFor();
      await page.getByText('0 of 3 personas').waitFor();
      await page.getByText('0 of 10 gap reports this month').waitFor();
      await page.locator('main').getByText('Free plan').waitFor();
      await page.waitForLoadState('networkidle');
      const sizes = await page.evaluate(() => performance.getEntriesByType('resource')
        .filter((e) => /\.(js|css)$/.test(new URL(e.name).pathname))
        .reduce((n, e) => n + e.encodedBodySize, 0));
      metrics.first_load_after_sign_up = {compressed_bytes: sizes};
      await expectNoUnlabelled(page, 'dashboard');
      await screenshot(page, '03-dashboard-empty');
    }, {watchers: [annB.watcher]});

    await run.test('taken e-mail and wrong password get clear messages', async () => {
      await signOut(page);
      await page.goto('/signup');
      await page.getByLabel('Your name').fill('Someone Else');
      await page.getByLabel('E-mail').fill(ann.email);
      await page.getByLabel('Password').fill('whatever long');
      annB.watcher.expect(409, '/auth/register');
      await page.getByRole('button', {name: 'Create account'}).click();
      await page.getByRole('alert').filter({hasText: 'already exists'}).waitFor();
      await page.goto('/login');
      await page.getByLabel('E-mail').fill(ann.email);
      await page.getByLabel('Password').fill('not the password');
      annB.watcher.expect(401, '/auth/login');
      await page.getByRole('button', {name: 'Sign in'}).click();
      await page.getByRole('alert').filter({hasText: 'Wrong e-mail or password'}).waitFor();
      await screenshot(page, '04-wrong-password');
      await signIn(page, ann);
    }, {needs: ['sign up, plan and usage on the dashboard'], watchers: [annB.watcher]});

    await run.test('upload a PDF (file picker) and a DOCX (drag and drop), wait for both to be read', async () => {
      await page.goto('/cvs');
      await page.getByRole('heading', {level: 1, name: 'CVs'}).waitFor();
      await page.getByText('No CVs yet').waitFor();
      // The drop zone is also a file picker reachable from the keyboard.
      // Chromium occasionally drops the chooser for a key press on a loaded machine (seen in
      // about one run in five here, never by hand): the keyboard path gets three tries, and a
      // retry is printed so that a real regression (never opening) still fails.
      let chooser = null;
      for (let attempt = 1; !chooser; attempt++) {
        await page.focus('#cv-file');
        try {
          [chooser] = await Promise.all([page.waitForEvent('filechooser', {timeout: 5000}),
            page.keyboard.press('Space')]);
        } catch (e) {
          if (attempt === 3) throw e;
          console.log(`  note: no file chooser after key press ${attempt}; trying again`);
        }
      }
      await chooser.setFiles({name: 'jordan-rivera.pdf', mimeType: 'application/pdf', buffer: makePdf()});
      await page.locator('.upload-item').filter({hasText: 'jordan-rivera.pdf'}).waitFor();
      await dropFile(page, '.dropzone', 'jordan-rivera.docx',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document', makeDocx());
      const rows = page.locator('.list-item[data-cv]');
      await rows.filter({hasText: 'jordan-rivera.pdf'}).locator('[data-status="parsed"]').waitFor({timeout: 30000});
      await rows.filter({hasText: 'jordan-rivera.docx'}).locator('[data-status="parsed"]').waitFor({timeout: 30000});
      await page.getByText('2 of 2 CVs used on your plan.').waitFor();
      await expectNoUnlabelled(page, 'CVs');
      await screenshot(page, '05-cvs');
    }, {needs: ['taken e-mail and wrong password get clear messages'], watchers: [annB.watcher]});

    let hasParser = false; // this build turns CVs into sections (parsed_json)
    await run.test('a CV shows what was read beside the extracted text', async () => {
      await page.locator('.list-item[data-cv]').filter({hasText: 'jordan-rivera.pdf'}).getByRole('link', {name: 'jordan-rivera.pdf'}).click();
      await page.getByRole('heading', {level: 1, name: 'jordan-rivera.pdf'}).waitFor();
      await page.getByRole('heading', {name: 'Extracted text'}).waitFor();
      const text = await page.locator('.raw-text').textContent();
      assert(text.includes('Acme Cloud GmbH') && text.includes('Kubernetes'), 'extracted text shown');
      hasParser = await page.getByRole('heading', {name: 'What we read'}).count() > 0;
      await expectNoUnlabelled(page, 'CV detail');
      await screenshot(page, '06-cv-detail');
    }, {needs: ['upload a PDF (file picker) and a DOCX (drag and drop), wait for both to be read'], watchers: [annB.watcher]});


    await run.test('a CV: sections beside the text, low-confidence marks, a correction saved', async () => {
      await page.goto('/cvs');
      await page.locator('.list-item[data-cv]').filter({hasText: 'jordan-rivera.pdf'}).getByRole('link', {name: 'jordan-rivera.pdf'}).click();
      await page.getByRole('heading', {name: 'Extracted text'}).waitFor();
      if (await page.getByRole('heading', {name: 'What we read'}).count() === 0) throw new Skip('the parser is not in this build');
      await page.locator('.alert').filter({hasText: /to check|good confidence/}).first().waitFor();
      const headline = page.getByLabel('Headline', {exact: true});
      assert(await headline.inputValue() === 'Senior Backend Engineer', 'the headline was read');
      await page.getByLabel('Job title', {exact: true}).first().focus();
      await page.locator('.raw-text mark').filter({hasText: 'Senior Backend Engineer'}).waitFor();
      await screenshot(page, '06a-cv-parsed');
      await headline.fill('Senior Backend Engineer (Go, Kubernetes)');
      await page.getByRole('button', {name: 'Save corrections'}).click();
      await page.locator('.toast').filter({hasText: 'Corrections saved'}).waitFor();
      await page.reload();
      await page.getByRole('heading', {name: 'What we read'}).waitFor();
      assert(await page.getByLabel('Headline', {exact: true}).inputValue() === 'Senior Backend Engineer (Go, Kubernetes)', 'the correction is kept');
      await expectNoUnlabelled(page, 'CV parsed');
    }, {needs: ['a CV shows what was read beside the extracted text'], watchers: [annB.watcher]});

    await run.test('a failed upload says why in plain words', async () => {
      await page.goto('/cvs');
      annB.watcher.expect(403, '/cvs');
      await page.setInputFiles('#cv-file', {name: 'third.txt', mimeType: 'text/plain', buffer: Buffer.from('A third CV\n')});
      await page.locator('.upload-item').filter({hasText: 'third.txt'}).getByRole('alert').filter({hasText: 'plan'}).waitFor();
    }, {needs: ['upload a PDF (file picker) and a DOCX (drag and drop), wait for both to be read'], watchers: [annB.watcher]});


    await run.test('knowledge base: answer a question, confirm an inferred entry', async () => {
      await page.goto('/knowledge');
      await page.getByRole('heading', {name: 'Questions for you'}).waitFor();
      await page.waitForLoadState('networkidle');
      const more = page.getByRole('button', {name: /^Show \d+ more question/});
      if (await more.count()) await more.click();
      const question = page.locator('form.question').filter({hasText: 'Which work arrangement do you prefer?'});
      if (await question.count() === 0) throw new Skip('no clarifying questions: the parser is not in this build');
      await question.getByLabel('Remote work').check();
      await question.getByRole('button', {name: 'Answer'}).click();
      await page.locator('.toast').filter({hasText: 'Thanks'}).waitFor();
      await question.waitFor({state: 'detached'});
      await page.locator('li.kb-entry').filter({hasText: 'Remote work'}).getByText('You said').waitFor();
      await screenshot(page, '06c-knowledge-questions');
      await page.getByRole('link', {name: 'Needs your review'}).click();
      const confirm = page.getByRole('button', {name: /^Confirm /}).first();
      const label = (await confirm.getAttribute('aria-label')).replace(/^Confirm /, '');
      await confirm.click();
      await page.locator('.toast').filter({hasText: `${label} confirmed.`}).waitFor();
      const reject = page.getByRole('button', {name: /^Reject /}).first();
      await reject.click();
      await page.locator('.toast').filter({hasText: 'rejected'}).waitFor();
    }, {needs: ['upload a PDF (file picker) and a DOCX (drag and drop), wait for both to be read'], watchers: [annB.watcher]});

    await run.test('knowledge base: add, edit and delete an entry', async () => {
      await page.goto('/knowledge');
      await page.getByRole('heading', {level: 1, name: 'Knowledge base'}).waitFor();
      await page.getByRole('button', {name: 'Add an entry'}).click();
      await page.getByLabel('Type').selectOption('tool');
      await page.getByLabel('What', {exact: true}).fill('Terraform Cloud');
      await page.getByLabel('Years of experience').fill('3');
      await page.locator('form.entry-form').getByRole('button', {name: 'Add entry'}).click();
      const row = page.locator('li[data-entry="Terraform Cloud"]');
      await row.getByText('You said').waitFor();
      await row.getByText('3 years').waitFor();
      await row.getByRole('button', {name: 'Edit Terraform Cloud'}).click();
      await row.getByLabel('What', {exact: true}).fill('Terraform Enterprise');
      await row.getByRole('button', {name: 'Save'}).click();
      await page.locator('li[data-entry="Terraform Enterprise"]').waitFor();
      await expectNoUnlabelled(page, 'knowledge base');
      await screenshot(page, '06b-knowledge');
      await page.getByRole('button', {name: 'Delete Terraform Enterprise'}).click();
      await page.getByRole('dialog').getByRole('button', {name: 'Delete'}).click();
      await page.locator('li[data-entry="Terraform Enterprise"]').waitFor({state: 'detached'});
    }, {needs: ['sign up, plan and usage on the dashboard'], watchers: [annB.watcher]});

    const personaTitle = 'Staff Backend Engineer';
    await run.test('create a persona from a CV, edit it, see and restore versions', async () => {
      await page.goto('/cvs');
      await page.locator('.list-item[data-cv]').filter({hasText: 'jordan-rivera.pdf'}).getByRole('link', {name: 'Review'}).click();
      await page.getByRole('button', {name: 'Create persona from this CV'}).click();
      await page.getByLabel('Title', {exact: true}).waitFor();
      const firstTitle = await page.getByLabel('Title', {exact: true}).inputValue();
      assert(firstTitle.length > 0, 'title derived from the CV');
      await page.getByLabel('Title', {exact: true}).fill(personaTitle);
      await page.getByLabel('Summary', {exact: true}).fill('Backend engineer for platform teams: Go, PostgreSQL, Kubernetes.');
      await page.getByLabel('Tags', {exact: true}).fill('backend, remote');
      await page.keyboard.press('Enter');
      await page.getByRole('button', {name: 'Save changes'}).click();
      await page.getByText('Saved as version 2.').waitFor();
      await page.getByRole('heading', {level: 1, name: personaTitle}).waitFor();
      await expectNoUnlabelled(page, 'persona overview');
      await screenshot(page, '07-persona-overview');
      await page.getByRole('link', {name: 'Versions'}).click();
      await page.getByText('Version 1', {exact: true}).waitFor();
      await page.getByRole('button', {name: 'Restore version 1'}).click();
      await page.getByRole('dialog').getByRole('button', {name: 'Restore'}).click();
      await page.getByText('Version 1 restored as version 3.').waitFor();
      await page.getByRole('heading', {level: 1, name: firstTitle}).waitFor();
      await screenshot(page, '08-persona-versions');
      await page.getByRole('link', {name: 'Overview'}).click();
      await page.getByLabel('Title', {exact: true}).fill(personaTitle);
      await page.getByRole('button', {name: 'Save changes'}).click();
      await page.getByText('Saved as version 4.').waitFor();
    }, {needs: ['upload a PDF (file picker) and a DOCX (drag and drop), wait for both to be read'], watchers: [annB.watcher]});


    await run.test('persona content: inherited and changed lines; exclude, include, reorder, reword', async () => {
      await page.goto('/personas');
      await page.getByRole('link', {name: personaTitle}).click();
      await page.getByRole('link', {name: 'Content', exact: true}).click();
      await page.getByRole('heading', {name: 'Headline and contact'}).waitFor();
      await page.getByRole('button', {name: 'Edit headline'}).click();
      await page.getByLabel('Headline', {exact: true}).fill('Staff Backend Engineer');
      await page.getByRole('button', {name: 'Save', exact: true}).click();
      await page.locator('[data-pointer="/basics/label"]').getByText('Changed here').waitFor();
      if (!hasParser) {
        await screenshot(page, '07b-persona-content');
        return; // without a parsed CV there are no entries to select, order or reword
      }
      await page.getByRole('heading', {name: 'Work experience'}).waitFor();
      const bullets = page.locator('.bullets-edit').first().locator('.bullet-row');
      const count = await bullets.count();
      assert(count >= 2, `bullets shown (${count})`);
      assert(await page.locator('.badge', {hasText: 'From CV'}).count() > 0, 'inherited lines are marked');
      const second = (await bullets.nth(1).locator('.bullet-text').textContent()).trim().slice(0, 20);
      await bullets.nth(1).getByRole('button', {name: /^Move .* up$/}).click();
      await page.getByRole('status').filter({hasText: 'moved up'}).waitFor();
      assert((await bullets.nth(0).locator('.bullet-text').textContent()).trim().startsWith(second), 'the bullet moved up');
      await bullets.nth(0).getByRole('button', {name: /^Reword /}).click();
      await page.getByLabel('Reword this bullet').fill('Built a Go and PostgreSQL billing pipeline handling 2 million events a day.');
      await page.getByRole('button', {name: 'Save', exact: true}).click();
      await page.getByRole('status').filter({hasText: 'reworded'}).waitFor();
      await page.locator('.bullet-row').filter({hasText: 'handling 2 million'}).getByText('Reworded here').waitFor();
      const last = bullets.nth(count - 1);
      const lastText = (await last.locator('.bullet-text').textContent()).trim().slice(0, 20);
      await last.getByRole('button', {name: /^Exclude /}).click();
      await page.getByRole('status').filter({hasText: 'excluded'}).waitFor();
      await page.locator('.hidden-items summary').first().click();
      await page.locator('.hidden-items').first().getByRole('button', {name: `Include “${lastText}`, exact: false}).click();
      await page.getByRole('status').filter({hasText: 'included'}).waitFor();
      await expectNoUnlabelled(page, 'persona content');
      await screenshot(page, '07b-persona-content');
    }, {needs: ['create a persona from a CV, edit it, see and restore versions'], requires: api('/api/v1/personas/{id}/effective'), watchers: [annB.watcher]});

    const posting = 'Senior Platform Engineer, Berlin (hybrid)\n\nRequirements:\n- 5+ years of experience with Go and Kubernetes\n' +
      '- Strong PostgreSQL skills\n- Experience with Terraform and AWS\n\nNice to have: Kafka, Rust.\nBachelor degree in Computer Science.';
    await run.test('tailor to a pasted posting: preview, then save', async () => {
      if (!hasParser) throw new Skip('tailoring selects CV entries: the parser is not in this build');
      await page.getByRole('link', {name: 'Tailor'}).click();
      await page.getByRole('textbox', {name: 'Job posting'}).fill(posting);
      await page.getByRole('button', {name: 'Suggest a tailored version'}).click();
      await page.getByRole('heading', {name: 'Preview'}).waitFor({timeout: 30000});
      await page.locator('.tailor-preview .badge').first().waitFor();
      await page.getByRole('heading', {name: 'What the posting asks'}).waitFor();
      await expectNoUnlabelled(page, 'tailor');
      await screenshot(page, '07c-persona-tailor');
      await page.getByRole('button', {name: 'Save to this persona'}).click();
      await page.locator('.toast').filter({hasText: 'Tailored version saved'}).waitFor();
      await page.getByRole('heading', {name: 'Headline and contact'}).waitFor();
    }, {needs: ['persona content: inherited and changed lines; exclude, include, reorder, reword'], requires: api('/api/v1/personas/{id}/tailor'), watchers: [annB.watcher]});

    await run.test('gap reports: general and against a posting, score, links to fields, comparison', async () => {
      await page.goto('/personas');
      await page.getByRole('link', {name: personaTitle}).click();
      await page.getByRole('link', {name: 'Gap reports'}).click();
      await page.getByRole('button', {name: 'Run a general review'}).click();
      await page.getByRole('heading', {level: 2, name: 'General review'}).waitFor({timeout: 30000});
      await page.getByRole('textbox', {name: 'Job posting'}).fill(posting);
      await page.getByRole('button', {name: 'Check against this posting'}).click();
      await page.getByRole('heading', {level: 2, name: /^Against: Senior Platform Engineer/}).waitFor({timeout: 30000});
      await page.locator('.score-number').waitFor();
      await page.getByRole('table').filter({hasText: 'Skills the posting asks for'}).waitFor();
      await expectNoUnlabelled(page, 'gap report');
      await screenshot(page, '07d-gap-role');
      await page.getByRole('button', {name: 'Run a general review'}).click();
      await page.getByText(/^Compared with the previous report/).waitFor({timeout: 30000});
      await screenshot(page, '07e-gap-general');
      const link = page.locator('.issue-link').first();
      const href = await link.getAttribute('href');
      const field = decodeURIComponent(new URL(href, server.url).searchParams.get('field'));
      await link.click();
      await page.getByRole('heading', {name: 'Headline and contact'}).waitFor();
      const focused = await page.evaluate(() => document.activeElement && document.activeElement.getAttribute('data-pointer'));
      assert(focused !== null && field.startsWith(focused), `the issue's field "${field}" is shown (focus on "${focused}")`);
    }, {needs: ['create a persona from a CV, edit it, see and restore versions'], requires: api('/api/v1/personas/{id}/gap-reports'), watchers: [annB.watcher]});

    await run.test('search from the top bar: highlighted results that open the item', async () => {
      await page.goto('/');
      await page.getByRole('heading', {level: 1, name: /^Welcome/}).waitFor();
      await page.keyboard.press('/');
      await page.keyboard.type('Kubernetes');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', {level: 1, name: 'Results for “Kubernetes”'}).waitFor();
      await page.locator('.search-result mark').first().waitFor();
      await expectNoUnlabelled(page, 'search');
      await screenshot(page, '07f-search');
      await page.locator('.search-result a.list-title').first().click();
      await page.waitForURL((u) => !u.pathname.startsWith('/search'));
      await page.locator('main h1').waitFor();
    }, {needs: ['upload a PDF (file picker) and a DOCX (drag and drop), wait for both to be read'], requires: api('/api/v1/search'), watchers: [annB.watcher]});


    await run.test('export: choose a template and a format, preview, download a PDF that reads back', async () => {
      await page.goto('/personas');
      await page.getByRole('link', {name: personaTitle}).click();
      await page.getByRole('link', {name: 'Export', exact: true}).click();
      await page.getByRole('heading', {name: 'Preview'}).waitFor();
      await page.getByLabel(/^PDF/).check();
      await page.locator('.doc-preview').waitFor({timeout: 30000});
      await expectNoUnlabelled(page, 'export');
      await screenshot(page, '07g-persona-export');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', {name: 'Download PDF'}).click()]);
      const file = await download.path();
      const bytes = fs.readFileSync(file);
      assert(bytes.subarray(0, 5).toString('latin1') === '%PDF-', 'the download is a PDF');
      const read = spawnSync(binary, ['extract', file], {encoding: 'utf8'});
      assert(read.status === 0 && read.stdout.includes('Jordan Rivera'), `the exported PDF reads back (${read.stderr || ''})`);
      await page.getByLabel(/^Markdown/).check();
      await page.locator('pre.doc-preview').waitFor({timeout: 30000});
    }, {needs: ['create a persona from a CV, edit it, see and restore versions'], requires: api('/api/v1/personas/{id}/export'), watchers: [annB.watcher]});

    await run.test('templates: built-ins listed; your own made from one, with errors that point at the line', async () => {
      if (!paths.has('/api/v1/templates') || !openapi.paths['/api/v1/templates'].post) throw new Skip('creating templates is not in this build');
      await page.goto('/templates');
      await page.getByRole('heading', {name: 'Built in'}).waitFor();
      await screenshot(page, '07h-templates');
      await page.getByRole('link', {name: 'Copy and edit'}).first().click();
      await page.getByRole('heading', {name: 'Live preview'}).waitFor();
      const source = page.getByRole('textbox', {name: 'Template', exact: true});
      const original = await source.inputValue();
      annB.watcher.expect(422, '/templates/preview');
      await source.fill(original + '\n{{ basics.name | no_such_filter }}');
      await page.getByText(/^Line \d+, column \d+:/).waitFor({timeout: 15000});
      await source.fill(original + '\n<p>Made with my own template</p>');
      await page.getByLabel('Name', {exact: true}).fill('My classic');
      await page.getByRole('button', {name: 'Create template'}).click();
      await page.locator('.toast').filter({hasText: 'saved'}).waitFor();
      await screenshot(page, '07i-template-editor');
    }, {needs: ['sign up, plan and usage on the dashboard'], requires: api('/api/v1/templates'), watchers: [annB.watcher]});

    await run.test('user text is shown as text, never run as markup', async () => {
      const hostile = '<img src=x onerror="window.__pwned=1">Evil & co';
      await page.goto('/personas');
      await page.getByRole('button', {name: 'New persona'}).click();
      await page.getByRole('dialog').getByLabel('Build it from').selectOption('');
      await page.getByRole('dialog').getByLabel('Title', {exact: true}).fill(hostile);
      await page.getByRole('dialog').getByRole('button', {name: 'Create persona'}).click();
      await page.getByRole('heading', {level: 1, name: hostile}).waitFor();
      assert(await page.evaluate(() => window.__pwned === undefined), 'markup in a title never runs');
      assert(await page.locator('main img').count() === 0, 'no element was created from the title');
      await page.getByRole('button', {name: 'Delete'}).click();
      await page.getByRole('dialog').getByRole('button', {name: 'Delete persona'}).click();
      await page.getByRole('heading', {level: 1, name: 'Personas'}).waitFor();
    }, {needs: ['create a persona from a CV, edit it, see and restore versions'], watchers: [annB.watcher]});

    await run.test('team: create, invite a new and an existing person, remove one', async () => {
      const c = await apiCall(server, 'POST', '/auth/register', cleo);
      assert(c.status === 201, 'setup: Cleo registered');
      await page.goto('/team');
      await page.getByRole('heading', {name: 'Create a team'}).waitFor();
      await page.getByLabel('Team name').fill('Rivera Careers');
      await page.getByRole('button', {name: 'Create team'}).click();
      await page.getByRole('heading', {name: 'Rivera Careers'}).waitFor();
      await page.getByLabel('E-mail address').fill(ben.email);
      await page.getByRole('button', {name: 'Invite', exact: true}).click();
      await page.getByText(`${ben.email} is invited.`).waitFor();
      await page.locator(`tr[data-email="${ben.email}"]`).getByText('Invited', {exact: true}).waitFor();
      await page.getByLabel('E-mail address').fill(cleo.email);
      await page.getByRole('button', {name: 'Invite', exact: true}).click();
      await page.getByText(`${cleo.name} joined the team.`).waitFor();
      await page.getByRole('button', {name: `Remove ${cleo.name}`}).click();
      await page.getByRole('dialog').getByRole('button', {name: 'Remove member'}).click();
      await page.getByText(`${cleo.name} was removed.`).waitFor();
      await page.locator(`tr[data-email="${cleo.email}"]`).waitFor({state: 'detached'});
      await expectNoUnlabelled(page, 'team');
      await screenshot(page, '09-team-owner');
    }, {needs: ['create a persona from a CV, edit it, see and restore versions'], watchers: [annB.watcher]});

    await run.test('an invited member signs up and sees the shared persona', async () => {
      const benB = await open('ben');
      const p = benB.page;
      p.goto = ((g) => (x, o) => g(x.startsWith('http') ? x : url(x), o))(p.goto.bind(p));
      await signUp(p, ben);
      await p.goto('/personas');
      await p.getByRole('link', {name: personaTitle}).click();
      await p.getByRole('heading', {level: 1, name: personaTitle}).waitFor();
      await p.goto('/team');
      await p.getByRole('heading', {name: 'Rivera Careers'}).waitFor();
      await p.locator(`tr[data-email="${ben.email}"]`).getByText('Member', {exact: true}).waitFor();
      await p.getByRole('heading', {name: 'Shared workspace'}).waitFor();
      await screenshot(p, '10-team-member');
      const problems = benB.watcher.take();
      assert(!problems.length, problems.join('\n'));
    }, {needs: ['team: create, invite a new and an existing person, remove one'], watchers: [annB.watcher]});

    await run.test('phone width: every main page fits without sideways scrolling', async () => {
      await page.setViewportSize({width: 375, height: 740});
      const pages = [['/', 'dashboard'], ['/cvs', 'cvs'], ['/knowledge', 'knowledge'], ['/personas', 'personas'], ['/team', 'team']];
      for (const [p, name] of pages) {
        await page.goto(p);
        await page.locator('main h1').waitFor();
        await page.waitForLoadState('networkidle');
        assert(!await overflowsHorizontally(page), `${p} scrolls sideways at 375 px`);
        await screenshot(page, `11-phone-${name}`);
      }
      await page.getByRole('link', {name: personaTitle}).first().click();
      await page.getByRole('heading', {level: 1, name: personaTitle}).waitFor();
      assert(!await overflowsHorizontally(page), 'persona page scrolls sideways at 375 px');
      await screenshot(page, '11-phone-persona');
      const personaUrl = new URL(page.url()).pathname;
      for (const [tab, slug] of [['Content', 'content'], ['Tailor', 'tailor'], ['Gap reports', 'gaps'], ['Export', 'export'], ['Versions', 'versions']]) {
        if (await page.getByRole('link', {name: tab, exact: true}).count() === 0) continue;
        await page.goto(`${personaUrl}/${slug}`);
        await page.locator('main h2').first().waitFor();
        await page.waitForLoadState('networkidle');
        assert(!await overflowsHorizontally(page), `persona ${tab} scrolls sideways at 375 px`);
        await screenshot(page, `11-phone-persona-${slug}`);
      }
      await page.goto('/cvs');
      await page.getByRole('link', {name: 'jordan-rivera.pdf'}).click();
      await page.getByRole('heading', {name: 'Extracted text'}).waitFor();
      assert(!await overflowsHorizontally(page), 'CV page scrolls sideways at 375 px');
      await screenshot(page, '11-phone-cv');
      await page.setViewportSize({width: 1280, height: 860});
    }, {needs: ['create a persona from a CV, edit it, see and restore versions'], watchers: [annB.watcher]});

    await run.test('no layout shift while the dashboard loads; skip link works', async () => {
      await page.addInitScript(() => {
        window.__cls = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
        }).observe({type: 'layout-shift', buffered: true});
      });
      await page.goto('/');
      await page.getByText('Recent personas').waitFor();
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      const cls = await page.evaluate(() => window.__cls);
      metrics.dashboard_cumulative_layout_shift = Number(cls.toFixed(4));
      assert(cls < 0.1, `cumulative layout shift ${cls} (should be under 0.1)`);
      for (const [path, name] of [['/cvs', 'cvs'], ['/personas', 'personas']]) {
        await page.goto(path);
        await page.locator('main h1').waitFor();
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(300);
        const shift = await page.evaluate(() => window.__cls);
        metrics[`${name}_cumulative_layout_shift`] = Number(shift.toFixed(4));
        assert(shift < 0.1, `${path}: cumulative layout shift ${shift}`);
      }
      await page.setViewportSize({width: 375, height: 740});
      await page.goto('/');
      await page.getByText('Recent personas').waitFor();
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      const phoneCls = await page.evaluate(() => window.__cls);
      metrics.dashboard_phone_cumulative_layout_shift = Number(phoneCls.toFixed(4));
      assert(phoneCls < 0.1, `phone: cumulative layout shift ${phoneCls}`);
      await page.setViewportSize({width: 1280, height: 860});
      await page.goto('/');
      await page.getByText('Recent personas').waitFor();
      await page.keyboard.press('Tab');
      assert(await page.evaluate(() => document.activeElement.textContent) === 'Skip to content', 'first Tab: skip link');
      await page.keyboard.press('Enter');
      assert(await page.evaluate(() => document.activeElement.id) === 'main', 'skip link moves focus to the content');
      await screenshot(page, '12-dashboard');
    }, {needs: ['create a persona from a CV, edit it, see and restore versions'], watchers: [annB.watcher]});
  } finally {
    for (const b of browsers) await b.close().catch(() => {});
    await server.stop();
  }
  fs.mkdirSync(ARTIFACTS, {recursive: true});
  fs.writeFileSync(path.join(ARTIFACTS, 'metrics.json'), JSON.stringify(metrics, null, 2) + '\n');
  console.log('metrics: ' + JSON.stringify(metrics));
  const {failed, skipped, line} = run.summary();
  if (skipped.length) console.log(`${skipped.length} skipped: ${skipped.map((r) => `${r.name} (${r.skipped})`).join('; ')}`);
  console.log(line);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
