import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGoogle, startFakeGoogle } from './harness/fake-google.ts';
import { type RunningFirefox, runFirefoxWithExtension } from './harness/firefox.ts';
import { connectMarionette, type Marionette } from './harness/marionette.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURES = resolve(ROOT, 'test/fixtures/webmail');
// The production Firefox build: its Gmail scripts match https://mail.google.com/* only.
const FIREFOX_BUILD = resolve(ROOT, '.output/firefox-mv3');
const ALICE = 'msg-f:1743836977043622489';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function freeLoopbackPort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

interface BadgeSeen {
  state: string | null;
  beside: string | null;
  messageId: string | null;
}

const READ_BADGES = `return [...document.querySelectorAll('[data-mailseal-badge]')].map((host) => ({
  state: host.getAttribute('data-state'),
  beside: host.previousElementSibling && host.previousElementSibling.getAttribute('email'),
  messageId: host.closest('[data-message-id]') && host.closest('[data-message-id]').getAttribute('data-message-id'),
}));`;

// The Firefox build in Debian's firefox-esr (headless, through web-ext run), on a page the
// browser takes for https://mail.google.com: its traffic goes to a loopback CONNECT proxy whose
// tunnels to Google's hosts end in a local TLS server (harness/fake-google.ts); the session is
// opened through Marionette with acceptInsecureCerts, so the throwaway certificate is accepted.
// The production build's content scripts find the open message, read ik from GLOBALS in the
// page world, fetch show original, and the padlock appears beside the sender.
describe('Firefox build in firefox-esr', () => {
  let fake: FakeGoogle;
  let firefox: RunningFirefox | undefined;
  let marionette: Marionette | undefined;
  const showOriginal: URL[] = [];

  function answer(_request: IncomingMessage, url: URL, response: ServerResponse, pages: string[]) {
    const [page, raw] = pages as [string, string];
    if (url.searchParams.get('view') === 'om') {
      showOriginal.push(url);
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><pre id="raw_message_text">${escapeHtml(raw)}</pre>`);
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(page);
  }

  beforeAll(async () => {
    execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    const page = await readFile(resolve(FIXTURES, 'gmail-thread.html'), 'utf8');
    const raw = (await readFile(resolve(FIXTURES, 'gmail-original-tls.eml.txt'), 'utf8')).replace(
      /\r?\n/g,
      '\r\n',
    );
    fake = await startFakeGoogle((request, url, response) =>
      answer(request, url, response, [page, raw]),
    );
  }, 180_000);
  afterAll(async () => {
    marionette?.close();
    await firefox?.stop();
    await fake?.close();
  });

  it('badges a message on https://mail.google.com', { timeout: 150_000 }, async () => {
    const marionettePort = await freeLoopbackPort();
    firefox = runFirefoxWithExtension(FIREFOX_BUILD, {
      prefs: {
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': fake.proxyPort,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': fake.proxyPort,
        'marionette.port': marionettePort,
      },
      args: ['--marionette'],
    });
    await expect
      .poll(() => /Installed .* as a temporary add-on/.test(firefox?.output() ?? ''), {
        timeout: 90_000,
        interval: 500,
      })
      .toBe(true)
      .catch((error: unknown) => {
        throw new Error(`${String(error)}\n${firefox?.output().slice(-3000)}`);
      });
    marionette = await connectMarionette(marionettePort);
    // Marionette takes the capabilities flat. acceptInsecureCerts also lifts google.com's HSTS
    // preload and static pins for this browser (Firefox's remote/shared/webdriver/
    // Certificates.sys.mjs), which would otherwise forbid any certificate override.
    await marionette.command('WebDriver:NewSession', { acceptInsecureCerts: true });
    await marionette.command('WebDriver:Navigate', {
      url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQ',
    });
    const live = marionette;
    const settled = async () => {
      const { value } = await live.command<{ value: BadgeSeen[] }>('WebDriver:ExecuteScript', {
        script: READ_BADGES,
        args: [],
      });
      return value.filter((badge) => badge.state !== 'checking');
    };
    await expect.poll(settled, { timeout: 60_000, interval: 500 }).toHaveLength(1);
    expect(await settled()).toEqual([
      { state: 'amber', beside: 'alice@sender.example', messageId: `#${ALICE}` },
    ]);
    const { value: origin } = await live.command<{ value: string }>('WebDriver:ExecuteScript', {
      script: 'return location.origin;',
      args: [],
    });
    expect(origin).toBe('https://mail.google.com');
    expect(showOriginal[0]?.host).toBe('mail.google.com');
    expect(showOriginal[0]?.pathname).toBe('/mail/u/0/');
    expect(showOriginal[0]?.searchParams.get('permmsgid')).toBe(ALICE);
    expect(showOriginal[0]?.searchParams.get('ik')).toBe('0a1b2c3d4e');
    const { value: png } = await live.command<{ value: string }>('WebDriver:TakeScreenshot', {});
    await writeFile(resolve(ROOT, 'test/e2e/artifacts/firefox-gmail.png'), png, 'base64');
  });
});
