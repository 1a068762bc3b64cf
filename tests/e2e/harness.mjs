// Browser-test support: a `personaforge serve` on a fresh SQLite database and a free port,
// Debian's Chromium driven by playwright-core, a small sequential runner, and the checks every
// page gets (no console error, no unexpected failed API call, labelled controls).
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {chromium} from 'playwright-core';

export const ARTIFACTS = path.resolve(path.dirname(new URL(import.meta.url).pathname), 'artifacts');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const {port} = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Starts the server; resolves {url, stop(), log()} once /readyz answers. */
export async function startServer(binary) {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-e2e-'));
  const logPath = path.join(dir, 'server.log');
  const log = fs.openSync(logPath, 'w');
  const args = ['serve', '--listen', `127.0.0.1:${port}`, '--database', `sqlite:${dir}/pf.db`,
    '--data-dir', dir, '--set', 'password_hash_ops=1', '--set', 'password_hash_mem=8192',
    '--set', 'jobs_workers=2', '--set', 'http_threads=8', '--set', 'shutdown_grace=3'];
  if (process.env.PF_E2E_WEB_DIR) args.push('--set', `web_dir=${process.env.PF_E2E_WEB_DIR}`);
  const child = spawn(binary, args, {stdio: ['ignore', log, log]});
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30000;
  for (;;) {
    if (child.exitCode !== null) throw new Error('server exited:\n' + fs.readFileSync(logPath, 'utf8'));
    try {
      const res = await fetch(url + '/readyz');
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('server did not become ready');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    dir,
    log: () => fs.readFileSync(logPath, 'utf8'),
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => {
          const timer = setTimeout(() => {
            child.kill('SIGKILL');
            resolve();
          }, 8000);
          child.on('exit', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      fs.closeSync(log);
      fs.rmSync(dir, {recursive: true, force: true});
    },
  };
}

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run'];

/**
 * A browser profile of its own (fresh --user-data-dir): one persistent context, so each signed-in
 * person gets a separate browser. Pages opened through it are watched for problems.
 */
export async function openBrowser(name, {viewport = {width: 1280, height: 860}} = {}) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), `pf-e2e-chromium-${name}-`));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.PF_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    acceptDownloads: true,
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  context.setDefaultTimeout(15000);
  const page = context.pages()[0] || await context.newPage();
  const watcher = watch(page);
  return {
    context, page, watcher,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, {recursive: true, force: true});
    },
  };
}

/**
 * Collects console errors, page errors and API responses >= 400 on page. expect(status, part)
 * declares an API failure the next steps provoke on purpose (a wrong password, a taken e-mail).
 */
export function watch(page) {
  const problems = [];
  const allowed = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    // Chromium logs every 4xx/5xx fetch as a console error; API failures are judged below.
    const loc = msg.location() || {};
    if (/Failed to load resource/.test(text) && /\/api\/v1\//.test(loc.url || '')) return;
    problems.push(`console error: ${text} (${loc.url || ''})`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('response', (res) => {
    const url = res.url();
    const status = res.status();
    if (status < 400) return;
    if (!url.includes('/api/v1/')) {
      problems.push(`HTTP ${status} for ${url}`);
      return;
    }
    const i = allowed.findIndex((a) => a.status === status && url.includes(a.part));
    if (i >= 0) {
      allowed.splice(i, 1);
      return;
    }
    problems.push(`unexpected API answer ${status} for ${res.request().method()} ${url}`);
  });
  return {
    expect(status, part) {
      allowed.push({status, part});
    },
    take() {
      return problems.splice(0, problems.length);
    },
  };
}

/** Every visible form control has an accessible name; returns the offenders' descriptions. */
export async function unlabelledControls(page) {
  return page.evaluate(() => {
    const bad = [];
    for (const el of document.querySelectorAll('input, select, textarea, button, a[href]')) {
      if (el.type === 'hidden' || el.closest('[hidden]')) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const labelled = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') ||
        (el.labels && el.labels.length) || (el.tagName === 'BUTTON' || el.tagName === 'A' ? el.textContent.trim() : '');
      if (!labelled) bad.push(`${el.tagName.toLowerCase()}${el.name ? `[name=${el.name}]` : ''}${el.id ? '#' + el.id : ''}`);
    }
    return bad;
  });
}

/** True when the page scrolls sideways (content wider than the viewport). */
export async function overflowsHorizontally(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

export async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, {recursive: true});
  // Sticky bars are drawn where the viewport was: scroll to the top for a faithful full page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({path: path.join(ARTIFACTS, `${name}.png`), fullPage: true});
}

export class AssertionError extends Error {}
/** Thrown by a test that finds its feature missing in this build (reported as skipped). */
export class Skip extends Error {}
export function assert(condition, message) {
  if (!condition) throw new AssertionError(message);
}

/** A sequential runner: a failed test marks the tests that need it as failed (not run). */
export class Runner {
  constructor() {
    this.results = [];
    this.failed = new Set();
  }

  /** Records a test that cannot run on this build (its API has not landed). */
  skip(name, reason) {
    this.results.push({name, ok: true, skipped: reason});
    console.log(`SKIP ${name} (${reason})`);
  }

  async test(name, fn, {needs = [], watchers = [], requires = null} = {}) {
    if (requires) {
      const reason = requires();
      if (reason) {
        this.skip(name, reason);
        return;
      }
    }
    const skippedNeed = needs.find((n) => this.results.some((r) => r.name === n && r.skipped));
    if (skippedNeed) {
      this.skip(name, `needs "${skippedNeed}", skipped`);
      return;
    }
    const missing = needs.filter((n) => this.failed.has(n) || !this.results.some((r) => r.name === n));
    if (missing.length) {
      this.failed.add(name);
      this.results.push({name, ok: false, error: `not run: needs ${missing.join(', ')}`});
      console.log(`FAIL ${name} (not run: needs ${missing.join(', ')})`);
      return;
    }
    const started = Date.now();
    try {
      await fn();
      const problems = watchers.flatMap((w) => w.take());
      if (problems.length) throw new AssertionError(problems.join('\n  '));
      this.results.push({name, ok: true});
      console.log(`ok   ${name} (${Date.now() - started} ms)`);
    } catch (e) {
      if (e instanceof Skip) {
        for (const w of watchers) w.take();
        this.skip(name, e.message);
        return;
      }
      const problems = watchers.flatMap((w) => w.take());
      if (problems.length) e.message += '\n' + problems.join('\n');
      if (this.onFail) await this.onFail(name).catch(() => {});
      this.failed.add(name);
      this.results.push({name, ok: false, error: e.stack || String(e)});
      console.log(`FAIL ${name}\n  ${String(e.message || e).split('\n').join('\n  ')}`);
    }
  }

  summary() {
    const skipped = this.results.filter((r) => r.skipped);
    const passed = this.results.filter((r) => r.ok && !r.skipped).length;
    const failed = this.results.filter((r) => !r.ok).length;
    return {passed, failed, skipped, line: `${passed} passed, ${failed} failed`};
  }
}
