// Roundcube, end to end (issue 21): the lab's real Postfix carries each message of the mail-flow
// driver (test/lab/mailflow) to Dovecot; the real Roundcube (Debian's roundcube-core under
// PHP-FPM behind the lab's nginx) shows it; the built extension, told about the webmail in its
// options page, badges it in real Chromium. No page and no header in that path is ours.
// Expected values come from what the lab did: the TLS version the recipient's Postfix logged for
// the handoff (test/lab/mailflow/postfix-log.ts), not from the headers the extension reads.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import dnsPacket from 'dns-packet';
import type { Frame, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireLab, requireWebmail } from '../lab/lab-info.ts';
import { runMailFlow, type SentMessage } from '../lab/mailflow/driver.ts';
import { type ExtensionBrowser, launchExtensionBrowser } from './harness/extension-browser.ts';
import { labSpkiList } from './harness/lab-trust.ts';
import { type ProbeService, startLabProbeService } from './harness/probe-service.ts';
import { liveServiceWorker, openTab } from './harness/service-worker.ts';

const lab = requireLab();
const webmail = requireWebmail(lab);
const E2E_EXTENSION = resolve(import.meta.dirname, '../../.output/e2e/chrome-mv3');
const SHOTS = resolve(import.meta.dirname, 'artifacts/roundcube');
const ORIGIN = webmail.url.replace(/\/$/, '');
const BADGE = '[data-mailseal-badge]';

interface StoredReport {
  padlock: { level: string };
  pending: string[];
  path: {
    number: number;
    handoff: boolean;
    tlsVersion: string | null;
    encrypted: boolean | null;
    fromIp: string | null;
  }[];
  domains: { from: string | null };
}

describe('Roundcube on the lab mail servers, in real Chromium', () => {
  let browser: ExtensionBrowser;
  let probe: ProbeService;
  let sent: SentMessage[];
  const requests: Request[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    sent = await runMailFlow(lab);
    execFileSync('npm', ['run', '--silent', 'build:e2e'], { stdio: 'ignore' });
    probe = await startLabProbeService();
    browser = await launchExtensionBrowser({
      extensionDir: E2E_EXTENSION,
      extraArgs: [
        `--ignore-certificate-errors-spki-list=${await labSpkiList(`https://${webmail.address}/`, lab.caSpkiSha256Base64)},${await labSpkiList(lab.dohUrl, lab.caSpkiSha256Base64)}`,
        // The lab's webmail host, reached on its loopback address (no public DNS here).
        `--host-resolver-rules=MAP ${webmail.host} ${webmail.address}`,
      ],
    });
    browser.context.on('request', (request) => requests.push(request));
    const worker = await liveServiceWorker(browser.context);
    await worker.evaluate((settings) => chrome.storage.local.set({ settings }), {
      schemaVersion: 1,
      resolver: { kind: 'custom', url: lab.dohUrl },
      probe: { url: probe.url, token: '' },
      features: { inlineBadge: true, toolbarBadge: true, useProbe: true, keepSenderHistory: true },
      labMode: true,
    });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await probe?.stop();
  });

  const registered = async () =>
    (await liveServiceWorker(browser.context)).evaluate(async () =>
      (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.matches),
    );

  async function logIn(page: Page): Promise<void> {
    await page.goto(webmail.url);
    // The browser keeps Roundcube's session cookie: later pages open the inbox directly.
    await page.waitForSelector('#rcmloginuser, #messagelist tbody tr', { timeout: 30_000 });
    if ((await page.locator('#rcmloginuser').count()) > 0) {
      await page.fill('#rcmloginuser', webmail.mailboxes[0] as string);
      await page.fill('#rcmloginpwd', webmail.password);
      await page.click('#rcmloginsubmit');
    }
    await page.waitForSelector('#messagelist tbody tr', { timeout: 30_000 });
  }

  /** Clicks the message in the list; its preview frame once it shows that message. */
  async function preview(page: Page, m: SentMessage): Promise<Frame> {
    await page.locator('#messagelist tbody tr', { hasText: m.message.subject }).click();
    await expect
      .poll(() => page.frame({ name: 'messagecontframe' })?.url() ?? '', { timeout: 20_000 })
      .toContain('_action=preview');
    const frame = page.frame({ name: 'messagecontframe' }) as Frame;
    await frame.waitForSelector(`#message-header h2.subject >> text=${m.message.subject}`);
    return frame;
  }

  async function finalBadge(
    where: Frame | Page,
  ): Promise<{ state: string; problem: string | null }> {
    await expect
      .poll(() => where.locator(`${BADGE}:not([data-pending])`).count(), { timeout: 120_000 })
      .toBe(1);
    await expect.poll(() => where.locator(BADGE).getAttribute('data-state')).not.toBe('checking');
    const badge = where.locator(BADGE);
    return {
      state: (await badge.getAttribute('data-state')) ?? '',
      problem: await badge.getAttribute('data-problem'),
    };
  }

  async function reportOf(tabId: number): Promise<StoredReport | null> {
    const worker = await liveServiceWorker(browser.context);
    return worker.evaluate(async (id) => {
      const key = `tab:${id}`;
      const stored = (await chrome.storage.session.get(key))[key] as
        | { verdict: { report: StoredReport | null } }
        | undefined;
      return stored?.verdict.report ?? null;
    }, tabId);
  }

  const byId = (id: string) => sent.find((s) => s.message.id === id) as SentMessage;

  it('does nothing on the webmail before its origin is added', { timeout: 120_000 }, async () => {
    expect(await registered()).toEqual([]);
    const page = await browser.context.newPage();
    await logIn(page);
    const frame = await preview(page, byId('tls13-signed'));
    await page.waitForTimeout(2_000);
    expect(await frame.locator(BADGE).count()).toBe(0);
    expect(await page.locator(BADGE).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/before-origin-added.png` });
    await page.close();
  });

  it('adds the webmail origin in the options page: the script is registered for it', {
    timeout: 60_000,
  }, async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.fill('input[name="webmail-origin"]', webmail.url);
    await options.click('text=Add webmail');
    await expect.poll(() => options.locator('[data-webmail-origins] li').count()).toBe(1);
    expect(await options.locator('[data-webmail-origins] li span').textContent()).toBe(ORIGIN);
    expect(await registered()).toEqual([[`${ORIGIN}/*`]]);
    await options.screenshot({ path: `${SHOTS}/options-webmail-added.png`, fullPage: true });
    await options.close();
  });

  it('badges each message as the lab delivered it, with the TLS the lab Postfix negotiated', {
    timeout: 600_000,
  }, async () => {
    const worker = await liveServiceWorker(browser.context);
    const { page, tabId } = await openTab(browser.context, worker);
    await logIn(page);
    const want: Record<string, string> = {
      'tls13-signed': 'green',
      relayed: 'green',
      cleartext: 'red',
      'forged-from': 'red',
    };
    for (const [id, level] of Object.entries(want)) {
      const m = byId(id);
      const frame = await preview(page, m);
      const badge = await finalBadge(frame);
      await page.screenshot({ path: `${SHOTS}/${id}.png` });
      const report = await reportOf(tabId);
      const handoff = report?.path.find((h) => h.handoff);
      const logged = m.delivery.hops.at(-1);
      // What the recipient's Postfix logged for the handoff session, hop by hop.
      expect({ id, ip: handoff?.fromIp, tls: handoff?.tlsVersion ?? null }).toEqual({
        id,
        ip: logged?.client,
        tls: logged?.tls ?? null,
      });
      expect(handoff?.encrypted).toBe(logged?.tls !== null);
      expect({ id, state: badge.state }).toEqual({ id, state: level });
    }
  });

  it('says "sent by you" for the mailbox owner\'s own message', { timeout: 120_000 }, async () => {
    const page = await browser.context.newPage();
    await logIn(page);
    const frame = await preview(page, byId('sent-by-you'));
    const badge = await finalBadge(frame);
    expect(badge).toEqual({ state: 'problem', problem: 'sent-by-you' });
    await page.close();
  });

  it('badges the full message view too', { timeout: 180_000 }, async () => {
    const page = await browser.context.newPage();
    await logIn(page);
    await page
      .locator('#messagelist tbody tr', { hasText: byId('tls13-signed').message.subject })
      .dblclick();
    await page.waitForURL(/_action=show/);
    const badge = await finalBadge(page);
    expect(badge.state).toBe('green');
    await page.screenshot({ path: `${SHOTS}/full-view.png` });
    await page.close();
  });

  it('sent only domain names to DoH and the probe', () => {
    // The worker's own files (chrome-extension://, e.g. the locale catalogue) never leave.
    const fromWorker = requests.filter(
      (r) => r.serviceWorker() !== null && !r.url().startsWith('chrome-extension://'),
    );
    const doh = fromWorker.filter((r) => r.url().startsWith(lab.dohUrl));
    const toProbe = fromWorker.filter((r) => r.url().startsWith(probe.url));
    expect(
      fromWorker.map((r) => r.url()).filter((u) => !doh.concat(toProbe).some((x) => x.url() === u)),
    ).toEqual([]);
    expect(doh.length).toBeGreaterThan(0);
    const names = doh.flatMap((r) => {
      const url = new URL(r.url());
      const wire = url.searchParams.get('dns');
      const bytes = wire ? Buffer.from(wire, 'base64url') : (r.postDataBuffer() ?? Buffer.alloc(0));
      return (dnsPacket.decode(bytes).questions ?? []).map((q) => q.name.toLowerCase());
    });
    for (const name of names) expect(name).toMatch(/^(\.|.*(^|\.)(lab|test))$/);
    const probed = toProbe.flatMap((r) => (r.postDataJSON() as { domains: string[] }).domains);
    expect(new Set(probed)).toEqual(new Set([webmail.senderDomain, webmail.recipientDomain]));
    const everything = fromWorker
      .map((r) => `${r.url()} ${r.postData() ?? ''} ${JSON.stringify(r.headers())}`)
      .join('\n');
    for (const secret of ['mailflow-secret', 'carol', 'alice', 'Alice Sender', webmail.password]) {
      expect(everything).not.toContain(secret);
    }
  });

  it('removing the origin unregisters the script: the webmail is left alone again', {
    timeout: 120_000,
  }, async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.click('[data-webmail-origins] li button');
    await expect.poll(() => options.locator('[data-webmail-origins] li').count()).toBe(0);
    expect(await registered()).toEqual([]);
    await options.close();
    const page = await browser.context.newPage();
    await logIn(page);
    const frame = await preview(page, byId('relayed'));
    await page.waitForTimeout(2_000);
    expect(await frame.locator(BADGE).count()).toBe(0);
    await page.close();
  });
});
