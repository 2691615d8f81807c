// Roundcube, end to end (issue 21): the lab's real Postfix carries each message of the mail-flow
// driver (test/lab/mailflow) to Dovecot; the real Roundcube (Debian's roundcube-core under
// PHP-FPM behind the lab's nginx) shows it; the built extension, told about the webmail in its
// options page, badges it in real Chromium. No page and no header in that path is ours.
// Expected values come from what the lab did: the TLS version the recipient's Postfix logged for
// the handoff (test/lab/mailflow/postfix-log.ts), not from the headers the extension reads.
// The build knows nothing of the webmail (build:e2e adds only the lab's DoH address): its origin
// is an optional host permission, asked for by the options page and granted in Chromium's own
// permission prompt, whose buttons are pressed through UI DevTools (harness/permission-prompt.ts).
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import dnsPacket from 'dns-packet';
import type { Frame, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireLab, requireWebmail } from '../lab/lab-info.ts';
import { runMailFlow, type SentMessage } from '../lab/mailflow/driver.ts';
import { type ExtensionBrowser, launchExtensionBrowser } from './harness/extension-browser.ts';
import { labSpkiList } from './harness/lab-trust.ts';
import {
  connectUiDevtools,
  UI_DEVTOOLS_ARGS,
  type UiDevtools,
} from './harness/permission-prompt.ts';
import { type ProbeService, startLabProbeService } from './harness/probe-service.ts';
import { liveServiceWorker, openTab } from './harness/service-worker.ts';

const lab = requireLab();
const webmail = requireWebmail(lab);
const E2E_EXTENSION = resolve(import.meta.dirname, '../../.output/e2e/chrome-mv3');
const SHOTS = resolve(import.meta.dirname, 'artifacts/roundcube');
const DOC_SHOTS = resolve(import.meta.dirname, '../../docs/screenshots');
const ORIGIN = webmail.url.replace(/\/$/, '');
const PATTERN = `${ORIGIN}/*`;
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
  let ui: UiDevtools;
  let probe: ProbeService;
  let sent: SentMessage[];
  let profileDir: string;
  const requests: Request[] = [];

  /** Starts Chromium on the test's profile (a fresh one first, the same one on a restart). */
  async function launch(): Promise<void> {
    browser = await launchExtensionBrowser({
      extensionDir: E2E_EXTENSION,
      profileDir,
      extraArgs: [
        `--ignore-certificate-errors-spki-list=${await labSpkiList(`https://${webmail.address}/`, lab.caSpkiSha256Base64)},${await labSpkiList(lab.dohUrl, lab.caSpkiSha256Base64)}`,
        // The lab's webmail host, reached on its loopback address (no public DNS here).
        `--host-resolver-rules=MAP ${webmail.host} ${webmail.address}`,
        ...UI_DEVTOOLS_ARGS,
      ],
    });
    ui = await connectUiDevtools(browser.profileDir);
    browser.context.on('request', (request) => requests.push(request));
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    profileDir = await mkdtemp(join(tmpdir(), 'mailseal-roundcube-'));
    sent = await runMailFlow(lab);
    execFileSync('npm', ['run', '--silent', 'build:e2e'], { stdio: 'ignore' });
    probe = await startLabProbeService();
    await launch();
    const worker = await liveServiceWorker(browser.context);
    await worker.evaluate((settings) => chrome.storage.local.set({ settings }), {
      schemaVersion: 1,
      resolver: { kind: 'custom', url: lab.dohUrl },
      probe: { url: probe.url, token: '' },
      features: { inlineBadge: true, toolbarBadge: true, useProbe: true, keepSenderHistory: true },
      labMode: true,
      // The lab's KSK of `lab.`: lab answers are validated locally, as real ones would be from
      // the IANA root, instead of falling back to the resolver's word.
      labTrustAnchor: lab.trustAnchor,
    });
  }, 240_000);
  afterAll(async () => {
    ui?.close();
    await browser?.close();
    await probe?.stop();
    if (profileDir) await rm(profileDir, { recursive: true, force: true });
  });

  const registered = async () =>
    (await liveServiceWorker(browser.context)).evaluate(async () =>
      (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.matches),
    );
  const permitted = async () =>
    (await liveServiceWorker(browser.context)).evaluate(
      (origin) => chrome.permissions.contains({ origins: [origin] }),
      PATTERN,
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

  /** The extension's popup for a tab, once it shows that tab's final report. */
  async function popupFor(tabId: number, width = 420): Promise<Page> {
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width, height: 900 });
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tabId=${tabId}`);
    await expect.poll(() => popup.getByTestId('verdict-summary').count()).toBe(1);
    await expect.poll(() => popup.getByTestId('still-checking').count()).toBe(0);
    return popup;
  }

  /** Opens a message in Roundcube's full view (a double click in the list). */
  async function fullView(page: Page, m: SentMessage): Promise<void> {
    await page.locator('#messagelist tbody tr', { hasText: m.message.subject }).dblclick();
    await page.waitForURL(/_action=show/);
  }

  /** A screenshot clip of the header's "From … <padlock> on <date>" line, as wide as its text. */
  async function headerLineClip(where: Frame | Page) {
    const line = where.locator('#message-header .header-summary');
    const box = await line.boundingBox();
    if (!box || (await line.locator(BADGE).count()) !== 1)
      throw new Error('no padlock in the header line');
    const textWidth = await line.evaluate((node) => {
      const range = document.createRange();
      range.selectNodeContents(node);
      return range.getBoundingClientRect().right - node.getBoundingClientRect().left;
    });
    const width = Math.min(box.width, textWidth) + 16;
    return { x: box.x - 8, y: box.y - 4, width, height: box.height + 8 };
  }

  it('does nothing on the webmail before its origin is added', { timeout: 120_000 }, async () => {
    expect(await permitted()).toBe(false);
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

  it('adding the origin asks the browser for that site only: "Deny" adds nothing, "Allow" grants and registers', {
    timeout: 90_000,
  }, async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const ask = async () => {
      await options.fill('input[name="webmail-origin"]', webmail.url);
      // A real click: chrome.permissions.request needs the user's gesture.
      await options.click('text=Add webmail');
      return ui.waitForPermissionPrompt();
    };

    const refused = await ask();
    expect(refused.title).toContain('MailSeal');
    expect(refused.permissions).toEqual([`Read and change your data on ${webmail.host}`]);
    await refused.press('Deny');
    await expect
      .poll(() => options.locator('[role="status"]').textContent())
      .toContain('did not grant');
    expect(await permitted()).toBe(false);
    expect(await registered()).toEqual([]);
    expect(await options.locator('[data-webmail-origins] li').count()).toBe(0);

    const granted = await ask();
    expect(granted.permissions).toEqual([`Read and change your data on ${webmail.host}`]);
    await granted.press('Allow');
    await expect.poll(() => options.locator('[data-webmail-origins] li').count()).toBe(1);
    expect(await options.locator('[data-webmail-origins] li span').textContent()).toBe(ORIGIN);
    expect(await permitted()).toBe(true);
    // Only that origin: the optional https://*/* is not granted wholesale.
    expect(
      await (await liveServiceWorker(browser.context)).evaluate(() =>
        chrome.permissions.contains({ origins: ['https://another.allgood.lab/*'] }),
      ),
    ).toBe(false);
    expect(await registered()).toEqual([[PATTERN]]);
    await options.screenshot({ path: `${SHOTS}/options-webmail-added.png`, fullPage: true });
    await options.close();
    // And now the script runs there: the message that had no padlock before gets one.
    const page = await browser.context.newPage();
    await logIn(page);
    const frame = await preview(page, byId('tls13-signed'));
    expect((await finalBadge(frame)).state).toBe('green');
    await page.close();
  });

  // The message MailSeal has read so far is this one: the sender's handoff history holds it
  // only, so the popup rates the sender's provider on it (not on the cleartext message to come).
  it.each(['light', 'dark'] as const)(
    'screenshots of a Roundcube message for docs/extension.md: badge, panel and popup, %s',
    { timeout: 180_000 },
    async (scheme) => {
      mkdirSync(DOC_SHOTS, { recursive: true });
      const worker = await liveServiceWorker(browser.context);
      const { page, tabId } = await openTab(browser.context, worker);
      await page.setViewportSize({ width: 1024, height: 720 });
      // Roundcube's Elastic skin follows the browser's colour scheme unless the user picks one.
      await page.emulateMedia({ colorScheme: scheme });
      await logIn(page);
      const frame = await preview(page, byId('tls13-signed'));
      expect((await finalBadge(frame)).state).toBe('green');
      const name = `${DOC_SHOTS}/en-${scheme}-roundcube`;
      // The padlock beside the sender in the preview pane, with the whole "From … on <date>" line.
      await page.screenshot({ path: `${name}-badge.png`, clip: await headerLineClip(frame) });
      await frame.locator(`${BADGE} >> button.lock`).click();
      await expect.poll(() => frame.locator(`${BADGE} >> .panel`).count()).toBe(1);
      await page.screenshot({ path: `${name}-panel.png` });
      const popup = await popupFor(tabId, 320);
      await popup.emulateMedia({ colorScheme: scheme });
      // Every disclosure open, as a reader who wants everything would see it.
      await popup.evaluate(() => {
        for (const d of document.querySelectorAll('details')) d.open = true;
      });
      await popup.screenshot({ path: `${name}-popup.png`, fullPage: true });
      const widths = await popup.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      expect(widths.scroll).toBeLessThanOrEqual(widths.client);
      await Promise.all([page.close(), popup.close()]);
    },
  );

  it('badges each message as the lab delivered it, and the popup shows the same report', {
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

      // The toolbar popup of this tab: the same verdict and the same hops as the badge's report.
      const popup = await popupFor(tabId);
      expect(await popup.getByTestId('verdict-summary').getAttribute('class')).toContain(
        `level-${level}`,
      );
      const hops = popup.locator('[data-testid="delivery-path"] > li');
      expect(await hops.count()).toBe(report?.path.length);
      const shownHandoff = popup.locator('[data-testid="delivery-path"] > li.hop-handoff');
      expect(await shownHandoff.getAttribute('data-hop')).toBe(String(handoff?.number));
      expect(await shownHandoff.locator('.hop-lock').getAttribute('class')).toContain(
        logged?.tls ? 'level-green' : 'level-red',
      );
      const meta = (await shownHandoff.locator('.hop-meta').textContent()) ?? '';
      if (logged?.tls) expect(meta).toContain(logged.tls);
      else expect(meta).not.toMatch(/TLSv/);
      await popup.close();
    }
    await page.close();
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
    await fullView(page, byId('tls13-signed'));
    const badge = await finalBadge(page);
    expect(badge.state).toBe('green');
    await page.screenshot({ path: `${SHOTS}/full-view.png` });
    await page.close();
  });

  it('says "signed out" when the Roundcube session ends before the headers are read', {
    timeout: 180_000,
  }, async () => {
    const page = await browser.context.newPage();
    await logIn(page);
    // The user signs out in another tab (Roundcube's own logout, which ends the session on the
    // server and drops its cookie) while this tab shows a message whose headers MailSeal is
    // about to read: the raw-source request is held until the logout is done.
    let loggedOut = false;
    await page.route(/_action=viewsource/, async (route) => {
      if (!loggedOut) {
        const other = await browser.context.newPage();
        await other.goto(webmail.url);
        await other.waitForSelector('#messagelist tbody tr', { timeout: 30_000 });
        await other.locator('#taskmenu a.logout').click();
        await other.waitForSelector('#rcmloginuser', { timeout: 30_000 });
        await other.close();
        loggedOut = true;
      }
      await route.continue();
    });
    await fullView(page, byId('relayed'));
    const badge = await finalBadge(page);
    expect(loggedOut).toBe(true);
    // Distinct from "can't read" (unreadable) and from a verdict without evidence (grey).
    expect(badge).toEqual({ state: 'problem', problem: 'login-required' });
    expect(await page.locator(`${BADGE} >> .word`).textContent()).toBe('signed out');
    await page.screenshot({ path: `${SHOTS}/signed-out.png` });
    await page.screenshot({
      path: `${DOC_SHOTS}/en-light-roundcube-signed-out-badge.png`,
      clip: await headerLineClip(page),
    });
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

  it('keeps the origin across a browser restart: permission, script and padlock', {
    timeout: 120_000,
  }, async () => {
    ui.close();
    await browser.close();
    await launch();
    expect(await permitted()).toBe(true);
    // Chromium reloads an unpacked extension at each start, as it does an updated one, and drops
    // its registered scripts then; the start-up sync registers them again (webmail-origins.ts).
    await expect.poll(registered, { timeout: 20_000 }).toEqual([[PATTERN]]);
    const page = await browser.context.newPage();
    await logIn(page);
    const frame = await preview(page, byId('relayed'));
    expect((await finalBadge(frame)).state).toBe('green');
    await page.close();
  });

  it('removing the origin drops the permission and the script: the webmail is left alone again', {
    timeout: 120_000,
  }, async () => {
    // A tab with a padlock, open while the origin is removed.
    const page = await browser.context.newPage();
    await logIn(page);
    await fullView(page, byId('tls13-signed'));
    expect((await finalBadge(page)).state).toBe('green');

    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.click('[data-webmail-origins] li button');
    await expect.poll(() => options.locator('[data-webmail-origins] li').count()).toBe(0);
    expect(await registered()).toEqual([]);
    expect(await permitted()).toBe(false);
    await options.close();

    // Reloaded, the tab shows the same message and nothing of MailSeal runs there any more.
    await page.reload();
    await page.waitForSelector('#message-header', { timeout: 30_000 });
    await page.waitForTimeout(2_000);
    expect(await page.locator(BADGE).count()).toBe(0);
    await page.close();
  });
});
