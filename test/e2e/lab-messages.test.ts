import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import dnsPacket from 'dns-packet';
import type { Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireLab } from '../lab/lab-info.ts';
import { type ExtensionBrowser, launchExtensionBrowser } from './harness/extension-browser.ts';
import { serveGmailThread } from './harness/gmail-fixture.ts';
import { SECRETS, writeLabMessage } from './harness/lab-messages.ts';
import { labSpkiList } from './harness/lab-trust.ts';
import { type ProbeService, startLabProbeService } from './harness/probe-service.ts';
import { liveServiceWorker, openTab, toolbarOf } from './harness/service-worker.ts';

// The built extension (npm run build:e2e: lab DoH host allowed) against the running lab: DNS
// over HTTPS from the browser to the lab's validating resolver, the probe service in lab mode.
// The same TLS 1.3 message lands green at a recipient with DANE and MTA-STS and amber at one
// whose MX has a self-signed certificate, and amber again from a sender whose zone is unsigned:
// the differences come only from the lab's answers.
const lab = requireLab();
const E2E_EXTENSION = resolve(import.meta.dirname, '../../.output/e2e/chrome-mv3');
const SENDER = 'allgood.lab';
const FIRST = 'msg-f:1743836977043622489';
const SECOND = 'msg-f:1743836977043622500';
const THIRD = 'msg-f:1743836977043622522';

describe('lab messages in real Chromium', () => {
  let browser: ExtensionBrowser;
  let probe: ProbeService;
  let dir: string;
  const requests: Request[] = [];

  beforeAll(async () => {
    // The e2e build differs from the production one only by the lab resolver's host permission.
    execFileSync('npm', ['run', '--silent', 'build:e2e'], { stdio: 'ignore' });
    dir = await mkdtemp(join(tmpdir(), 'mailseal-lab-msgs-'));
    probe = await startLabProbeService();
    browser = await launchExtensionBrowser({
      extensionDir: E2E_EXTENSION,
      // Trust the lab CA for this browser only; every other certificate is checked as usual.
      extraArgs: [
        `--ignore-certificate-errors-spki-list=${await labSpkiList(lab.dohUrl, lab.caSpkiSha256Base64)}`,
      ],
    });
    browser.context.on('request', (request) => requests.push(request));
    await serveGmailThread(browser.context, {
      page: 'gmail-two-threads.html',
      originals: {
        [FIRST]: await writeLabMessage(dir, SENDER, 'allgood.lab'),
        [SECOND]: await writeLabMessage(dir, SENDER, 'selfsigned.lab'),
        [THIRD]: await writeLabMessage(dir, 'tlsanodnssec.lab', 'allgood.lab'),
      },
    });
    const worker = await liveServiceWorker(browser.context);
    await worker.evaluate((settings) => chrome.storage.local.set({ settings }), {
      schemaVersion: 1,
      resolver: { kind: 'custom', url: lab.dohUrl },
      probe: { url: probe.url, token: '' },
      features: { inlineBadge: true, toolbarBadge: true, useProbe: true, keepSenderHistory: true },
      labMode: true,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await probe?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('shows the padlock the lab deserves and sends nothing but domain names', {
    timeout: 240_000,
  }, async () => {
    const worker = await liveServiceWorker(browser.context);
    const { page, tabId } = await openTab(browser.context, worker);
    const inline = page.locator('[data-mailseal-badge]');
    await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQ1');
    // The first verdict (headers alone) comes at once; wait for the final one.
    await expect
      .poll(() => page.locator('[data-mailseal-badge]:not([data-pending])').count(), {
        timeout: 180_000,
      })
      .toBe(1);
    await expect.poll(() => inline.getAttribute('data-state')).not.toBe('checking');
    expect(await inline.getAttribute('data-state')).toBe('green');
    // The toolbar follows the page's padlock in order, a moment later.
    await expect.poll(async () => (await toolbarOf(worker, tabId)).badgeText).toBe('✓');

    await page.evaluate(() => {
      const next = document.getElementById('thread-2') as HTMLTemplateElement;
      document.getElementById('main')?.replaceChildren(next.content.cloneNode(true));
      location.hash = '#inbox/FMfcgzQ2';
    });
    await expect
      .poll(() => page.locator('[data-mailseal-badge]').getAttribute('data-state'), {
        timeout: 180_000,
      })
      .toBe('amber');
    await expect.poll(async () => (await toolbarOf(worker, tabId)).badgeText).toBe('!');

    // A DANE recipient again, but the sender's zone is unsigned: its DKIM key could be forged on
    // the path, so the sender's DNS posture (from the lab, over DoH) keeps the padlock amber.
    await page.evaluate(() => {
      const next = document.getElementById('thread-3') as HTMLTemplateElement;
      document.getElementById('main')?.replaceChildren(next.content.cloneNode(true));
      location.hash = '#inbox/FMfcgzQ3';
    });
    await expect
      .poll(
        () => page.locator('[data-mailseal-badge]:not([data-pending])').getAttribute('data-state'),
        { timeout: 180_000 },
      )
      .not.toBe('checking');
    expect(await page.locator('[data-mailseal-badge]').getAttribute('data-state')).toBe('amber');
    const third = await worker.evaluate(async (id) => {
      const key = `tab:${id}`;
      const stored = (await chrome.storage.session.get(key))[key] as {
        verdict: { report: { admin: { findings: { code: string }[] } } | null };
      };
      return stored.verdict.report;
    }, tabId);
    expect(third?.admin.findings.map((f) => f.code)).toContain('padlock.dkim-key-unsigned');

    // What left the browser: only the service worker talked to DoH and the probe, and only
    // with domain names of the two messages (and names the lab's DNS answers pointed to).
    const fromWorker = requests.filter((r) => r.serviceWorker() !== null);
    const doh = fromWorker.filter((r) => r.url().startsWith(lab.dohUrl));
    const toProbe = fromWorker.filter((r) => r.url().startsWith(probe.url));
    expect(
      fromWorker.map((r) => r.url()).filter((u) => !doh.concat(toProbe).some((x) => x.url() === u)),
    ).toEqual([]);
    expect(fromWorker.length).toBe(doh.length + toProbe.length);
    expect(doh.length).toBeGreaterThan(0);
    expect(toProbe.length).toBeGreaterThan(0);
    const names = doh.flatMap((r) => {
      const url = new URL(r.url());
      const wire = url.searchParams.get('dns');
      const bytes = wire ? Buffer.from(wire, 'base64url') : (r.postDataBuffer() ?? Buffer.alloc(0));
      expect(url.search.replace(/^\?dns=[A-Za-z0-9_-]+$/, '')).toBe('');
      return (dnsPacket.decode(bytes).questions ?? []).map((q) => q.name.toLowerCase());
    });
    // Besides .lab names, only the root itself ('.'): local DNSSEC validation asks the root's
    // DNSKEY to build the chain from the trust anchor, which says nothing about the user's mail.
    for (const name of names) expect(name).toMatch(/^(\.|.*(^|\.)lab)$/);
    const probed = toProbe.flatMap((r) => {
      expect(new URL(r.url()).pathname).toBe('/v1/assess');
      const body = r.postDataJSON() as Record<string, unknown>;
      expect(Object.keys(body)).toEqual(['domains']);
      return body.domains as string[];
    });
    expect(new Set(probed)).toEqual(new Set([SENDER, 'selfsigned.lab', 'tlsanodnssec.lab']));
    const everything = [
      ...fromWorker.map((r) => `${r.url()} ${r.postData() ?? ''} ${JSON.stringify(r.headers())}`),
      ...names,
    ].join('\n');
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
    await page.close();
  });
});
