// `npm run bench:ext`: the extension in real Chromium. Opens Gmail messages one after another
// the way Gmail's single-page app does (a new message container in the same page) and reads each
// inline badge's timings: message noticed → badge, raw headers arrived → badge, and the content
// script's main-thread time per message. "Cold" clears the extension's domain cache before each
// message; "cached" reopens with the cache warm. With the lab running (npm run lab:start), DNS goes
// to the lab's DoH resolver and the probe service runs in lab mode; without it, DoH and probe
// calls fail fast and the figures only show the extension's own cost.
// Each message gives two times from its raw headers: to the first verdict (the headers alone,
// shown at once with a "still checking" mark) and to the final verdict (DNS and probe answers
// in). With the lab, a third run puts the DoH resolver and the probe service behind a loopback
// proxy that delays every packet by 30 ms each way (bench/latency-proxy.ts), and compares the
// final verdict with the dependency minimum: two DoH round trips in parallel with one probe call,
// each measured through the same proxy on a warm connection.
// The page around the messages is of Gmail's kind and size (gmailPageAround), so that work which
// grows with the page counts too.
// Also reports the content-script and background bundle sizes, raw and gzipped.

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as packet from 'dns-packet';
import type { CDPSession, Page, Worker } from 'playwright-core';
import { Agent, request } from 'undici';
import { launchExtensionBrowser } from '../test/e2e/harness/extension-browser.ts';
import { labMessage } from '../test/e2e/harness/lab-messages.ts';
import { labSpkiList } from '../test/e2e/harness/lab-trust.ts';
import { startLabProbeService } from '../test/e2e/harness/probe-service.ts';
import { liveServiceWorker } from '../test/e2e/harness/service-worker.ts';
import { readLabInfo } from '../test/lab/lab-info.ts';
import {
  contentThreadTimePerMessage,
  THREAD_TIME_CATEGORIES,
  type TraceEvent,
} from './content-thread-time.ts';
import { FIRST_ROUND } from './first-round-questions.ts';
import { startLatencyProxy } from './latency-proxy.ts';
import { profileServiceWorker } from './sw-profile.ts';

// Playwright pauses every request of the extension's service worker at the browser's network
// interception while any context route is set (the Gmail page's routes below), and resumes it
// only when this process answers: each DoH question and probe call would wait for this Node
// event loop, busy with the latency proxies, which no user's browser does. The bench watches the
// service worker's requests with its own fetch wrapper (BENCH_TRACE) instead.
process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK = '1';

const ROOT = resolve(import.meta.dirname, '..');
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 15);
const ONE_WAY_MS = 30;

interface Timings {
  openToBadgeMs: number;
  /** Raw headers → first verdict. */
  headersToBadgeMs: number;
  /** Raw headers → final verdict (the padlock final; the details may still refine). */
  headersToFinalMs: number;
  /** Raw headers → the details final too (every answer in). */
  headersToDetailsMs: number;
  /** The content script's own wall-clock span of its work after the headers (cut, render). */
  cpuMs: number;
}

const OPEN_MARK = 'bench-open:';

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
/**
 * What surrounds the open conversation in a Gmail page, so that work growing with the page is
 * measured too: the label list, a 100-row thread list, and ten earlier conversations of twelve
 * expanded messages each, which Gmail keeps in the page hidden (FlowCrypt/flowcrypt-browser
 * extension/js/content_scripts/webmail/gmail/gmail-element-replacer.ts counts only `:visible`
 * bodies for that reason). About 3,800 elements; the sizes are our choice, the kinds of element
 * and their classes Gmail's (lib/webmail/gmail-selectors.ts).
 */
function gmailPageAround(): string {
  const labels = Array.from(
    { length: 300 },
    (_, i) => `<a href="#label/l${i}"><span class="nU">Label ${i}</span></a>`,
  ).join('');
  const rows = Array.from(
    { length: 100 },
    (_, i) =>
      `<tr class="zA zE"><td><div role="checkbox"></div></td><td><div class="yW"><span class="yP" email="s${i}@example.com">Sender ${i}</span></div></td><td><div class="y6"><span class="bog"><span>Subject ${i}</span></span><span class="y2">snippet of message ${i}</span></div></td><td><span title="6 Dec">Dec 6</span></td><td><div><span></span><span></span></div></td></tr>`,
  ).join('');
  const earlier = Array.from(
    { length: 10 },
    (_, v) =>
      `<div style="display:none"><h2 class="hP" data-legacy-thread-id="e${v}">Earlier ${v}</h2><div role="list">${Array.from(
        { length: 12 },
        (_, m) =>
          `<div role="listitem" class="h7"><div class="adn ads" data-message-id="#msg-f:99${String(v * 100 + m).padStart(5, '0')}"><h3 class="iw"><span class="gD" email="e${m}@example.com">Earlier</span></h3><div class="a3s aiL">${'<p>line</p>'.repeat(10)}</div></div></div>`,
      ).join('')}</div></div>`,
  ).join('');
  return `<div class="labels">${labels}</div><table><tbody>${rows}</tbody></table>${earlier}`;
}

async function openMessage(page: Page, n: number): Promise<Timings> {
  const id = `msg-f:17438369770436${String(n).padStart(5, '0')}`;
  await page.evaluate(
    ({ permId, mark }) => {
      // Where this message's share of the trace begins (bench/content-thread-time.ts).
      performance.mark(`${mark}${permId}`);
      const main = document.getElementById('main') as HTMLElement;
      // Gmail's structure: the state class (h7, expanded) on the list item around div.adn
      // (InboxSDK/InboxSDK src/platform-implementation-js/dom-driver/gmail/views/
      // gmail-message-view.ts, getViewState).
      const item = document.createElement('div');
      item.setAttribute('role', 'listitem');
      item.className = 'h7';
      const message = document.createElement('div');
      message.className = 'adn ads';
      message.setAttribute('data-message-id', `#${permId}`);
      item.append(message);
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
      main.replaceChildren(item);
    },
    { permId: id, mark: OPEN_MARK },
  );
  // The timings are written once the message's last stage is in (the details final too), which
  // keeps one message's refinements out of the next one's figures.
  const handle = await page.waitForFunction(
    () => {
      const timings = document
        .querySelector('[data-mailseal-badge][data-timings]')
        ?.getAttribute('data-timings');
      return timings?.includes('headersToDetailsMs') ? timings : null;
    },
    null,
    { timeout: 120_000, polling: 'raf' },
  );
  return JSON.parse((await handle.jsonValue()) as string) as Timings;
}

/** Records a Chromium trace of what runs while `during` does (the categories the measure needs). */
async function traced(cdp: CDPSession, during: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (chunk) =>
    events.push(...(chunk.value as unknown as TraceEvent[])),
  );
  const complete = new Promise<void>((resolve) =>
    cdp.once('Tracing.tracingComplete', () => resolve()),
  );
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: THREAD_TIME_CATEGORIES },
  });
  try {
    await during();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
  }
  return events;
}

/**
 * The options page's "Clear cache": the extension storage and the background's in-memory DNS
 * answers and validated keys, so the next message starts with nothing known.
 */
async function clearEverything(extensionPage: Page): Promise<void> {
  await extensionPage.evaluate(() =>
    chrome.runtime.sendMessage({ mailseal: 1, type: 'clearCache', data: null }),
  );
}

async function clearDomainCache(worker: Worker): Promise<void> {
  await worker.evaluate(async () => {
    const all = await chrome.storage.local.get(null);
    const keys = Object.keys(all).filter((k) => /^(dns|probe|dkim|history):/.test(k));
    await chrome.storage.local.remove(keys);
  });
}

interface BenchSettings {
  dohUrl: string;
  probeUrl: string;
  /** The lab's KSK of `lab.`: lab answers are validated locally, as real ones from the root. */
  trustAnchor: string;
}

async function useSettings(worker: Worker, urls: BenchSettings): Promise<void> {
  await worker.evaluate((settings) => chrome.storage.local.set({ settings }), {
    schemaVersion: 1,
    resolver: { kind: 'custom', url: urls.dohUrl },
    probe: { url: urls.probeUrl, token: '' },
    features: { inlineBadge: true, toolbarBadge: true, useProbe: true, keepSenderHistory: true },
    labMode: true,
    labTrustAnchor: urls.trustAnchor,
  });
}

/** Median time of `once` on a warm connection, after one call that opens it. */
async function warmMedian(once: () => Promise<void>, n = 15): Promise<number> {
  await once();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await once();
    times.push(performance.now() - started);
  }
  return quantile(times, 0.5);
}

/**
 * Two DoH round trips (MX, then the MX host's records) in parallel with one probe call, through
 * the same delaying proxies the extension uses: the floor no implementation can go below.
 */
async function dependencyMinimum(
  dohUrl: string,
  probeUrl: string,
): Promise<{ doh: number; probe: number; floor: number }> {
  // Loopback lab endpoints only; the lab CA is not in Node's store, and nothing here is trusted.
  const dispatcher = new Agent({ connect: { rejectUnauthorized: false } });
  const query = packet.encode({
    type: 'query',
    id: 0,
    flags: packet.RECURSION_DESIRED,
    questions: [{ type: 'MX', name: 'allgood.lab' }],
  });
  const doh = await warmMedian(async () => {
    const r = await request(`${dohUrl}?dns=${query.toString('base64url')}`, {
      dispatcher,
      headers: { accept: 'application/dns-message' },
    });
    await r.body.arrayBuffer();
  });
  const probe = await warmMedian(async () => {
    const r = await request(`${probeUrl}/v1/assess`, {
      dispatcher,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ domains: ['allgood.lab'] }),
    });
    await r.body.arrayBuffer();
  });
  await dispatcher.close();
  return { doh, probe, floor: Math.max(2 * doh, probe) };
}

/**
 * Diagnostics beside the minimum, not part of it: what the same proxies cost for the questions
 * the way a cold message needs them, measured from Node on warm connections. One wave of the
 * first round's questions at once on one HTTP/2 connection (DO=1, CD=1, as the validator asks),
 * and both domains' probe calls at once.
 */
async function waveTimes(
  dohUrl: string,
  probeUrl: string,
): Promise<{ wave: number; pair: number }> {
  const ask = async (dispatcher: Agent, q: { name: string; type: string }) => {
    const wire = packet.encode({
      type: 'query',
      id: 0,
      flags: packet.RECURSION_DESIRED | packet.CHECKING_DISABLED,
      questions: [{ type: q.type as never, name: q.name }],
      additionals: [
        { type: 'OPT', name: '.', udpPayloadSize: 4096, flags: packet.DNSSEC_OK } as never,
      ],
    });
    const r = await request(`${dohUrl}?dns=${wire.toString('base64url')}`, {
      dispatcher,
      headers: { accept: 'application/dns-message' },
    });
    await r.body.arrayBuffer();
  };
  // Unbound ends an HTTP/2 connection after a while (the browser then opens a new one too):
  // each wave gets its own connection, opened and warmed by one question first.
  const waves: number[] = [];
  for (let i = 0; i < 7; i++) {
    const h2 = new Agent({ connect: { rejectUnauthorized: false }, allowH2: true });
    try {
      await ask(h2, { name: 'lab', type: 'SOA' });
      const started = performance.now();
      await Promise.all(FIRST_ROUND.map((q) => ask(h2, q)));
      waves.push(performance.now() - started);
    } catch {
      // A wave cut short by the server is left out.
    } finally {
      await h2.close().catch(() => undefined);
    }
  }
  const http1 = new Agent({ connect: { rejectUnauthorized: false } });
  const pair = await warmMedian(async () => {
    await Promise.all(
      ['allgood.lab', 'daneta.lab'].map(async (domain) => {
        const r = await request(`${probeUrl}/v1/assess`, {
          dispatcher: http1,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ domains: [domain] }),
        });
        await r.body.arrayBuffer();
      }),
    );
  }, 7);
  await http1.close();
  return { wave: quantile(waves, 0.5), pair };
}

interface TracedRequest {
  url: string;
  method: string;
  body: string;
  start: number;
  end: number;
  status: number;
  /** When the network had the whole response (Resource Timing), before the worker's thread ran. */
  netEnd?: number;
}

/** Wraps the service worker's fetch so every DoH and probe call is recorded with its times. */
async function startFetchTrace(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    const g = globalThis as unknown as {
      __mailsealTrace?: TracedRequest[];
      __mailsealFetch?: typeof fetch;
    };
    g.__mailsealTrace = [];
    g.__mailsealFetch ??= globalThis.fetch;
    performance.clearResourceTimings();
    performance.setResourceTimingBufferSize(1000);
    const original = g.__mailsealFetch;
    globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const entry = {
        url: input instanceof Request ? input.url : String(input),
        method: init?.method ?? 'GET',
        body: typeof init?.body === 'string' ? init.body : '',
        start: performance.now(),
        end: Number.NaN,
        status: 0,
      };
      g.__mailsealTrace?.push(entry);
      const response = await original(input, init);
      const body = await response.arrayBuffer();
      entry.end = performance.now();
      entry.status = response.status;
      return new Response(body, { status: response.status, headers: response.headers });
    };
  });
}

async function stopFetchTrace(worker: Worker): Promise<TracedRequest[]> {
  return worker.evaluate(() => {
    const g = globalThis as unknown as {
      __mailsealTrace?: TracedRequest[];
      __mailsealFetch?: typeof fetch;
    };
    if (g.__mailsealFetch) globalThis.fetch = g.__mailsealFetch;
    const trace = g.__mailsealTrace ?? [];
    const timings = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const used = new Set<PerformanceResourceTiming>();
    for (const r of trace) {
      const entry = timings.find(
        (t) => !used.has(t) && t.name === r.url && t.startTime >= r.start - 1,
      );
      if (entry) {
        used.add(entry);
        r.netEnd = entry.responseEnd;
      }
    }
    return trace;
  });
}

/** One line per request: start and end relative to the first, and what was asked. */
function traceLines(trace: TracedRequest[]): string[] {
  const t0 = Math.min(...trace.map((r) => r.start));
  return trace
    .sort((a, b) => a.start - b.start)
    .map((r) => {
      const url = new URL(r.url, 'chrome-extension://self/');
      const dns = url.searchParams.get('dns');
      let what = `${r.method} ${url.pathname} ${r.body}`;
      if (dns) {
        const q = packet.decode(Buffer.from(dns, 'base64url')).questions?.[0];
        const cd = (packet.decode(Buffer.from(dns, 'base64url')).flags ?? 0) & (1 << 4);
        what = `DoH ${q?.type} ${q?.name}${cd ? ' (CD)' : ''}`;
      }
      const net = r.netEnd === undefined ? '' : ` (network ${(r.netEnd - t0).toFixed(0)})`;
      return `${(r.start - t0).toFixed(0).padStart(6)} → ${(r.end - t0).toFixed(0).padStart(6)} ms${net}  ${r.status}  ${what}`;
    });
}

async function run(): Promise<void> {
  const lab = readLabInfo();
  const sizes = bundleSizes(join(ROOT, '.output/chrome-mv3'));
  // BENCH_PREBUILT=1: `npm run build:e2e` was run before (outside the lab lock, which others wait for).
  if (lab && !process.env.BENCH_PREBUILT)
    execFileSync('npm', ['run', '--silent', 'build:e2e'], { cwd: ROOT, stdio: 'ignore' });
  const probe = lab ? await startLabProbeService() : null;
  const browser = await launchExtensionBrowser({
    extensionDir: join(ROOT, lab ? '.output/e2e/chrome-mv3' : '.output/chrome-mv3'),
    extraArgs: [
      ...(lab
        ? [
            `--ignore-certificate-errors-spki-list=${await labSpkiList(lab.dohUrl, lab.caSpkiSha256Base64)}`,
          ]
        : []),
      // BENCH_PROFILE=1: a DevTools port beside Playwright's pipe, for the worker's CPU profile.
      ...(process.env.BENCH_PROFILE ? ['--remote-debugging-port=0'] : []),
    ],
  });
  try {
    const raw = labMessage('allgood.lab', 'daneta.lab').replace(/\n/g, '\r\n');
    const page = `<!doctype html><html><head><meta charset="utf-8"><title>Gmail</title></head><body><a href="?ik=0a1b2c3d4e&amp;view=pt">Print</a>${gmailPageAround()}<div role="main" id="main"><h2 class="hP" data-legacy-thread-id="1">Bench</h2></div></body></html>`;
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
      await useSettings(worker, {
        dohUrl: lab.dohUrl,
        probeUrl: probe.url,
        trustAnchor: lab.trustAnchor,
      });
    const tab = await browser.context.newPage();
    await tab.goto('https://mail.google.com/mail/u/0/#inbox/bench');
    // One warm-up: Chromium compiles the scripts and the probe service fills its own cache, so
    // "cold" below is the extension's cold path, not the lab's first SMTP handshake.
    await openMessage(tab, 0);
    const cold: Timings[] = [];
    const cached: Timings[] = [];
    const cdpTab = await browser.context.newCDPSession(tab);
    if (process.env.BENCH_CPU_PROFILE) {
      await cdpTab.send('Profiler.enable');
      await cdpTab.send('Profiler.setSamplingInterval', { interval: 50 });
      await cdpTab.send('Profiler.start');
    }
    const trace = await traced(cdpTab, async () => {
      for (let i = 1; i <= SAMPLES; i++) {
        await clearDomainCache(worker);
        cold.push(await openMessage(tab, i));
        cached.push(await openMessage(tab, 1000 + i));
      }
    });
    if (process.env.BENCH_CPU_PROFILE) {
      const { profile } = await cdpTab.send('Profiler.stop');
      writeFileSync(process.env.BENCH_CPU_PROFILE, JSON.stringify(profile));
    }
    // BENCH_TRACE_OUT=<file>: the raw trace too, to see where a message's milliseconds go.
    if (process.env.BENCH_TRACE_OUT)
      writeFileSync(process.env.BENCH_TRACE_OUT, JSON.stringify(trace));
    // The content script runs in an isolated world named after the extension.
    const threadMs = contentThreadTimePerMessage(trace, {
      worldName: 'MailSeal',
      markPrefix: 'mailseal:',
      openMarkPrefix: OPEN_MARK,
    });
    if (threadMs.length !== 2 * SAMPLES)
      throw new Error(`trace: ${threadMs.length} message windows, expected ${2 * SAMPLES}`);
    // The cold path again, with 30 ms each way in front of DoH and the probe service.
    const delayed: Timings[] = [];
    const delayedEmpty: Timings[] = [];
    let minimum: Awaited<ReturnType<typeof dependencyMinimum>> | null = null;
    let diagnostics: { wave: number; pair: number } | null = null;
    if (lab && probe) {
      const dohTarget = new URL(lab.dohUrl);
      const probeTarget = new URL(probe.url);
      const dohProxy = await startLatencyProxy({
        listenHost: dohTarget.hostname,
        target: { host: dohTarget.hostname, port: Number(dohTarget.port || 443) },
        delayMs: ONE_WAY_MS,
      });
      const probeProxy = await startLatencyProxy({
        listenHost: '127.0.0.1',
        target: { host: probeTarget.hostname, port: Number(probeTarget.port) },
        delayMs: ONE_WAY_MS,
      });
      const dohUrl = `https://${dohTarget.hostname}:${dohProxy.port}${dohTarget.pathname}`;
      const probeUrl = `http://127.0.0.1:${probeProxy.port}`;
      await useSettings(worker, { dohUrl, probeUrl, trustAnchor: lab.trustAnchor });
      await clearDomainCache(worker);
      await openMessage(tab, 5000);
      for (let i = 1; i <= SAMPLES; i++) {
        await clearDomainCache(worker);
        delayed.push(await openMessage(tab, 5000 + i));
      }
      // Nothing known at all: the in-memory DNS answers and validated keys go too.
      const options = await browser.context.newPage();
      await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
      for (let i = 1; i <= SAMPLES; i++) {
        await clearEverything(options);
        delayedEmpty.push(await openMessage(tab, 6000 + i));
      }
      if (process.env.BENCH_TRACE) {
        for (const [label, clear] of [
          ['domain cache cleared', () => clearDomainCache(worker)],
          ['everything cleared', () => clearEverything(options)],
        ] as const) {
          await clear();
          const before = { doh: dohProxy.connections(), probe: probeProxy.connections() };
          await startFetchTrace(worker);
          let traced: Timings | undefined;
          const open = async () => {
            traced = await openMessage(tab, label.startsWith('d') ? 9000 : 9001);
          };
          if (process.env.BENCH_PROFILE)
            process.stdout.write(
              `${(await profileServiceWorker(browser.profileDir, open)).join('\n')}\n`,
            );
          else await open();
          if (traced === undefined) throw new Error('no traced message');
          const lines = traceLines(await stopFetchTrace(worker));
          process.stdout.write(
            `trace of one message, ${label}, ${ONE_WAY_MS} ms each way (final verdict ${traced.headersToFinalMs.toFixed(0)} ms after the headers; new connections: DoH ${dohProxy.connections() - before.doh}, probe ${probeProxy.connections() - before.probe}):\n${lines.join('\n')}\n\n`,
          );
        }
      }
      await options.close();
      minimum = await dependencyMinimum(dohUrl, probeUrl);
      diagnostics = await waveTimes(dohUrl, probeUrl);
      await Promise.all([dohProxy.close(), probeProxy.close()]);
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
        'cold: raw headers → first verdict',
        cold.map((t) => t.headersToBadgeMs),
      ),
      row(
        'cold: raw headers → final verdict',
        cold.map((t) => t.headersToFinalMs),
      ),
      row(
        'cached: message noticed → badge',
        cached.map((t) => t.openToBadgeMs),
      ),
      row(
        'cached: raw headers → first verdict',
        cached.map((t) => t.headersToBadgeMs),
      ),
      row(
        'cached: raw headers → final verdict',
        cached.map((t) => t.headersToFinalMs),
      ),
      ...(minimum === null
        ? []
        : [
            row(
              `cold, ${ONE_WAY_MS} ms each way: raw headers → first verdict`,
              delayed.map((t) => t.headersToBadgeMs),
            ),
            row(
              `cold, ${ONE_WAY_MS} ms each way: raw headers → final verdict`,
              delayed.map((t) => t.headersToFinalMs),
            ),
            row(
              `cold, ${ONE_WAY_MS} ms each way: raw headers → details final`,
              delayed.map((t) => t.headersToDetailsMs),
            ),
            row(
              `nothing known (Clear cache), ${ONE_WAY_MS} ms each way: raw headers → final verdict`,
              delayedEmpty.map((t) => t.headersToFinalMs),
            ),
            row(
              `nothing known (Clear cache), ${ONE_WAY_MS} ms each way: raw headers → details final`,
              delayedEmpty.map((t) => t.headersToDetailsMs),
            ),
            `| dependency minimum: max(2 × DoH ${minimum.doh.toFixed(1)}, probe ${minimum.probe.toFixed(1)}) | ${minimum.floor.toFixed(1)} | |`,
            `| final verdict / dependency minimum (median), domain cache cleared | ${(
              quantile(
                delayed.map((t) => t.headersToFinalMs),
                0.5,
              ) / minimum.floor
            ).toFixed(2)}× | |`,
            ...(diagnostics === null
              ? []
              : [
                  `| diagnostic (not the minimum): one wave of the ${FIRST_ROUND.length} first-round DoH questions at once, HTTP/2 | ${diagnostics.wave.toFixed(1)} | |`,
                  `| diagnostic (not the minimum): both domains' probe calls at once | ${diagnostics.pair.toFixed(1)} | |`,
                ]),
            `| final verdict / dependency minimum (median), nothing known | ${(
              quantile(
                delayedEmpty.map((t) => t.headersToFinalMs),
                0.5,
              ) / minimum.floor
            ).toFixed(2)}× | |`,
          ]),
      row(
        'content script main-thread time per message: all its work (thread CPU)',
        threadMs.map((t) => t.all),
      ),
      row(
        'content script main-thread time per message: after the headers, cut + render (thread CPU)',
        threadMs.map((t) => t.afterHeaders),
      ),
      row(
        'content script wall time after the headers (cut + render, in-script)',
        [...cold, ...cached].map((t) => t.cpuMs),
      ),
      '',
      // In open order (cold 1, cached 1, cold 2, …): the first ones carry the script's warm-up.
      `content script, all its work per message (thread CPU, ms, in open order): ${threadMs
        .map((t) => t.all.toFixed(2))
        .join(' ')}`,
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
