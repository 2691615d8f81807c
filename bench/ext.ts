// `npm run bench:ext`: the extension in real Chromium. Opens Gmail messages one after another
// the way Gmail's single-page app does (a new message container in the same page) and reads each
// inline badge's timings: message noticed → badge, raw headers arrived → badge, and the content
// script's main-thread time per message. "Cold" clears the extension's domain cache before each
// message; "cached" reopens with the cache warm. With the lab running (npm run lab:start), DNS goes
// to the lab's DoH resolver and the probe service runs in lab mode; without it, DoH and probe
// calls fail fast and the figures only show the extension's own cost.
// Also reports the content-script and background bundle sizes, raw and gzipped.

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page, Worker } from 'playwright-core';
import { launchExtensionBrowser } from '../test/e2e/harness/extension-browser.ts';
import { labMessage } from '../test/e2e/harness/lab-messages.ts';
import { labSpkiList } from '../test/e2e/harness/lab-trust.ts';
import { startLabProbeService } from '../test/e2e/harness/probe-service.ts';
import { liveServiceWorker } from '../test/e2e/harness/service-worker.ts';
import { readLabInfo } from '../test/lab/lab-info.ts';

const ROOT = resolve(import.meta.dirname, '..');
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 15);

interface Timings {
  openToBadgeMs: number;
  headersToBadgeMs: number;
  cpuMs: number;
}

function bundleSizes(dir: string): { file: string; raw: number; gzip: number }[] {
  const files = [
    'background.js',
    ...readdirSync(join(dir, 'content-scripts')).map((f) => `content-scripts/${f}`),
  ].filter((f) => f.endsWith('.js'));
  return files.map((file) => {
    const bytes = readFileSync(join(dir, file));
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};

/** Adds message n to the open conversation, as Gmail does on navigation; waits for its padlock. */
async function openMessage(page: Page, n: number): Promise<Timings> {
  const id = `msg-f:17438369770436${String(n).padStart(5, '0')}`;
  await page.evaluate((permId) => {
    const main = document.getElementById('main') as HTMLElement;
    const message = document.createElement('div');
    message.className = 'adn ads h7';
    message.setAttribute('data-message-id', `#${permId}`);
    const h3 = document.createElement('h3');
    h3.className = 'iw';
    const sender = document.createElement('span');
    sender.className = 'gD';
    sender.setAttribute('email', 'alice@allgood.lab');
    sender.textContent = 'Alice';
    h3.append(sender);
    const body = document.createElement('div');
    body.className = 'a3s';
    body.textContent = 'Hello.';
    message.append(h3, body);
    main.replaceChildren(message);
  }, id);
  const handle = await page.waitForFunction(
    () =>
      document.querySelector('[data-mailseal-badge][data-timings]')?.getAttribute('data-timings'),
    null,
    { timeout: 120_000, polling: 'raf' },
  );
  return JSON.parse((await handle.jsonValue()) as string) as Timings;
}

async function clearDomainCache(worker: Worker): Promise<void> {
  await worker.evaluate(async () => {
    const all = await chrome.storage.local.get(null);
    const keys = Object.keys(all).filter((k) => /^(dns|probe|history):/.test(k));
    await chrome.storage.local.remove(keys);
  });
}

async function run(): Promise<void> {
  const lab = readLabInfo();
  const sizes = bundleSizes(join(ROOT, '.output/chrome-mv3'));
  if (lab) execFileSync('npm', ['run', '--silent', 'build:e2e'], { cwd: ROOT, stdio: 'ignore' });
  const probe = lab ? await startLabProbeService() : null;
  const browser = await launchExtensionBrowser({
    extensionDir: join(ROOT, lab ? '.output/e2e/chrome-mv3' : '.output/chrome-mv3'),
    extraArgs: lab
      ? [
          `--ignore-certificate-errors-spki-list=${await labSpkiList(lab.dohUrl, lab.caSpkiSha256Base64)}`,
        ]
      : [],
  });
  try {
    const raw = labMessage('allgood.lab', 'daneta.lab').replace(/\n/g, '\r\n');
    const page = `<!doctype html><html><head><meta charset="utf-8"><title>Gmail</title></head><body><a href="?ik=0a1b2c3d4e&amp;view=pt">Print</a><div role="main" id="main"><h2 class="hP" data-legacy-thread-id="1">Bench</h2></div></body></html>`;
    await browser.context.route('https://mail.google.com/**', (route) => {
      const url = new URL(route.request().url());
      if (url.searchParams.get('view') === 'om') {
        const html = `<!doctype html><html><body><pre id="raw_message_text">${escapeHtml(raw)}</pre></body></html>`;
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      }
      return route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        headers: {
          'content-security-policy': "require-trusted-types-for 'script'; trusted-types 'none'",
        },
        body: page,
      });
    });
    const worker = await liveServiceWorker(browser.context);
    if (lab && probe)
      await worker.evaluate((settings) => chrome.storage.local.set({ settings }), {
        schemaVersion: 1,
        resolver: { kind: 'custom', url: lab.dohUrl },
        probe: { url: probe.url, token: '' },
        features: {
          inlineBadge: true,
          toolbarBadge: true,
          useProbe: true,
          keepSenderHistory: true,
        },
        labMode: true,
      });
    const tab = await browser.context.newPage();
    await tab.goto('https://mail.google.com/mail/u/0/#inbox/bench');
    // One warm-up: Chromium compiles the scripts and the probe service fills its own cache, so
    // "cold" below is the extension's cold path, not the lab's first SMTP handshake.
    await openMessage(tab, 0);
    const cold: Timings[] = [];
    const cached: Timings[] = [];
    for (let i = 1; i <= SAMPLES; i++) {
      await clearDomainCache(worker);
      cold.push(await openMessage(tab, i));
      cached.push(await openMessage(tab, 1000 + i));
    }
    const row = (name: string, values: number[]) =>
      `| ${name} | ${quantile(values, 0.5).toFixed(1)} | ${quantile(values, 0.95).toFixed(1)} |`;
    const out = [
      `Chromium ${browser.context.browser()?.version() ?? '(persistent context)'}, ${SAMPLES} messages each, ${lab ? 'lab DoH + probe service in lab mode' : 'no lab (DoH and probe unreachable)'}`,
      '',
      '| measure (ms) | median | p95 |',
      '|---|---|---|',
      row(
        'cold: message noticed → badge',
        cold.map((t) => t.openToBadgeMs),
      ),
      row(
        'cold: raw headers → badge',
        cold.map((t) => t.headersToBadgeMs),
      ),
      row(
        'cached: message noticed → badge',
        cached.map((t) => t.openToBadgeMs),
      ),
      row(
        'cached: raw headers → badge',
        cached.map((t) => t.headersToBadgeMs),
      ),
      row(
        'content script main-thread time per message',
        [...cold, ...cached].map((t) => t.cpuMs),
      ),
      '',
      '| bundle | raw (KB) | gzip (KB) |',
      '|---|---|---|',
      ...sizes.map(
        (s) => `| ${s.file} | ${(s.raw / 1024).toFixed(1)} | ${(s.gzip / 1024).toFixed(1)} |`,
      ),
    ];
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    await browser.close();
    await probe?.stop();
  }
}

await run();
