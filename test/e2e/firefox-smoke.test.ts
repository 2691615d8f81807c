import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningFirefox, runFirefoxWithExtension } from './harness/firefox.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURES = resolve(ROOT, 'test/fixtures/webmail');
// The smoke build: the Gmail content scripts also match the loopback fixture (wxt.config.ts).
const FIREFOX_BUILD = resolve(ROOT, '.output/e2e/firefox-mv3');

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// Test instrumentation only: the page reports the padlock's state back to the fixture server,
// since nothing can reach into firefox-esr's DOM from here.
const REPORTER = `<script>
  new MutationObserver(() => {
    const host = document.querySelector('[data-mailseal-badge]');
    const state = host && host.getAttribute('data-state');
    if (!state || state === 'checking' || state === window.__reported) return;
    window.__reported = state;
    const beside = host.previousElementSibling && host.previousElementSibling.getAttribute('email');
    fetch('/report?state=' + state + '&beside=' + encodeURIComponent(beside || ''));
  }).observe(document.documentElement, { subtree: true, childList: true, attributes: true });
</script>`;

// The Firefox build in Debian's firefox-esr (headless, through web-ext run): the content
// script finds the Gmail fixture's open message, reads ik from GLOBALS in the page world,
// fetches show original, and the padlock appears beside the sender.
describe('Firefox build in firefox-esr', () => {
  let server: Server;
  let firefox: RunningFirefox | undefined;
  const seen: URL[] = [];
  const reports: URL[] = [];

  beforeAll(async () => {
    execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], {
      cwd: ROOT,
      env: { ...process.env, MAILSEAL_E2E_GMAIL_MATCH: 'http://127.0.0.1/*' },
      stdio: 'ignore',
    });
    const page = (await readFile(resolve(FIXTURES, 'gmail-thread.html'), 'utf8')).replace(
      '</body>',
      `${REPORTER}</body>`,
    );
    const raw = (await readFile(resolve(FIXTURES, 'gmail-original-tls.eml.txt'), 'utf8')).replace(
      /\r?\n/g,
      '\r\n',
    );
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/report') {
        reports.push(url);
        response.end('ok');
        return;
      }
      if (url.searchParams.get('view') === 'om') {
        seen.push(url);
        response.setHeader('content-type', 'text/html; charset=utf-8');
        response.end(`<!doctype html><pre id="raw_message_text">${escapeHtml(raw)}</pre>`);
        return;
      }
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(page);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  }, 180_000);
  afterAll(async () => {
    await firefox?.stop();
    await new Promise((done) => server?.close(done));
  });

  it('badges a Gmail fixture message', { timeout: 150_000 }, async () => {
    const { port } = server.address() as AddressInfo;
    firefox = runFirefoxWithExtension(
      FIREFOX_BUILD,
      `http://127.0.0.1:${port}/mail/u/0/#inbox/FMfcgzQ`,
    );
    await expect
      .poll(() => reports.length, { timeout: 120_000, interval: 500 })
      .toBeGreaterThan(0)
      .catch((error: unknown) => {
        throw new Error(`${String(error)}\n${firefox?.output().slice(-3000)}`);
      });
    expect(reports[0]?.searchParams.get('state')).toBe('amber');
    expect(reports[0]?.searchParams.get('beside')).toBe('alice@sender.example');
    expect(seen[0]?.pathname).toBe('/mail/u/0/');
    expect(seen[0]?.searchParams.get('permmsgid')).toBe('msg-f:1743836977043622489');
    expect(seen[0]?.searchParams.get('ik')).toBe('0a1b2c3d4e');
  });
});
