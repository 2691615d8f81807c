import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readBadges, settledBadges } from './harness/badges.ts';
import { type ExtensionBrowser, launchExtensionBrowser } from './harness/extension-browser.ts';
import {
  type GmailBehaviour,
  type GmailRequests,
  longConversation,
  serveGmailThread,
} from './harness/gmail-fixture.ts';

// The Gmail column of docs/webmail.md's compatibility matrix: one test per row, each asserting
// the padlock's state and which message it judged, on fixtures built like the real Gmail page.
const ALICE = 'msg-f:1743836977043622489'; // TLS 1.3 handoff into Gmail: amber
const NEWS = 'msg-f:1743836977043622500'; // cleartext handoff: red
const OLDER = 'msg-f:1743836977043622488'; // cleartext too: red, collapsed at first
const ORIGINALS = {
  [ALICE]: 'gmail-original-tls.eml.txt',
  [NEWS]: 'gmail-original-plain.eml.txt',
  [OLDER]: 'gmail-original-plain.eml.txt',
};
const IK = '0a1b2c3d4e';
/** gmail-conversation.html judged: each expanded message by its own headers, the user's own not. */
const CONVERSATION_BADGES = [
  { state: 'amber', problem: null, gmailMessageId: `#${ALICE}`, beside: 'alice@sender.example' },
  { state: 'red', problem: null, gmailMessageId: `#${NEWS}`, beside: 'news@plain.example' },
  {
    state: 'problem',
    problem: 'sent-by-you',
    gmailMessageId: '#msg-a:r-8150470373447012345',
    beside: 'me@example.com',
  },
];

describe('Gmail compatibility matrix in real Chromium', () => {
  let browser: ExtensionBrowser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchExtensionBrowser();
  });
  afterAll(() => browser?.close());
  beforeEach(async () => {
    await page?.close();
    await browser.context.unrouteAll({ behavior: 'ignoreErrors' });
    page = await browser.context.newPage();
  });

  const serve = (behaviour: Partial<GmailBehaviour> = {}): Promise<GmailRequests> =>
    serveGmailThread(browser.context, {
      page: 'gmail-conversation.html',
      originals: ORIGINALS,
      ...behaviour,
    });
  const permIds = (requests: GmailRequests) =>
    requests.all.map((r) => r.url.searchParams.get('permmsgid'));

  /** Every request the extension sent is one the real Gmail would accept. */
  function expectAcceptable(requests: GmailRequests) {
    expect(requests.refused).toEqual([]);
    for (const { url } of requests.all) {
      if (url.searchParams.get('view') === 'om') expect(url.searchParams.get('ik')).toBe(IK);
    }
  }

  it('conversation: each expanded message judged on its own headers; collapsed, hidden and own ones not fetched', async () => {
    const requests = await serve();
    await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQ');
    expect(await settledBadges(page, 3)).toEqual(CONVERSATION_BADGES);
    expect(permIds(requests).sort()).toEqual([ALICE, NEWS]);
    expectAcceptable(requests);
  });

  it('collapsed: no padlock until the message is expanded, then its own verdict', async () => {
    const requests = await serve();
    await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQ');
    await settledBadges(page, 3);
    expect(permIds(requests)).not.toContain(OLDER);
    await page.evaluate(() => {
      const wrapper = document.getElementById('collapsed') as HTMLElement;
      wrapper.className = 'h7';
      (wrapper.querySelector('.a3s') as HTMLElement).style.display = '';
    });
    const badges = await settledBadges(page, 4);
    expect(badges[0]).toMatchObject({ state: 'red', gmailMessageId: `#${OLDER}` });
    expect(permIds(requests).filter((id) => id === OLDER)).toHaveLength(1);
    expectAcceptable(requests);
  });

  it("popout: a message in its own window is judged with the opener's ik", async () => {
    const requests = await serve({ pages: { '/mail/u/0/popout': 'gmail-popout.html' } });
    await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQ');
    await settledBadges(page, 3);
    const before = requests.all.length;
    const [popout] = await Promise.all([
      browser.context.waitForEvent('page'),
      page.evaluate(() =>
        window.open('/mail/u/0/popout?ver=1&search=inbox&th=%23thread-f%3A1743836977043622489'),
      ),
    ]);
    const badges = await settledBadges(popout, 1);
    expect(badges[0]).toMatchObject({ state: 'amber', gmailMessageId: `#${ALICE}` });
    const fromPopout = requests.all.slice(before);
    expect(fromPopout.map((r) => r.url.searchParams.get('ik'))).toEqual([IK]);
    expect(fromPopout[0]?.url.pathname).toBe('/mail/u/0/');
    expectAcceptable(requests);
    await popout.close();
  });

  it('/u/N: requests stay on the account of the page; without a number, account 0', async () => {
    const requests = await serve();
    await page.goto('https://mail.google.com/mail/u/1/#inbox/FMfcgzQ');
    expect(await settledBadges(page, 3)).toEqual(CONVERSATION_BADGES);
    expect(permIds(requests).sort()).toEqual([ALICE, NEWS]);
    expect(new Set(requests.all.map((r) => r.url.pathname))).toEqual(new Set(['/mail/u/1/']));
    const before = requests.all.length;
    await page.goto('https://mail.google.com/mail/#inbox/FMfcgzQ');
    expect(await settledBadges(page, 3)).toEqual(CONVERSATION_BADGES);
    const again = requests.all.slice(before);
    expect(again.map((r) => r.url.searchParams.get('permmsgid')).sort()).toEqual([ALICE, NEWS]);
    expect(new Set(again.map((r) => r.url.pathname))).toEqual(new Set(['/mail/u/0/']));
    expectAcceptable(requests);
  });

  it('delegated: /mail/b/<x>/u/N/ and /mail/u/N/d/<x>/ are kept for the delegated mailbox', async () => {
    const requests = await serve();
    await page.goto('https://mail.google.com/mail/b/ALGkd0x/u/0/#inbox/FMfcgzQ');
    expect(await settledBadges(page, 3)).toEqual(CONVERSATION_BADGES);
    expect(permIds(requests).sort()).toEqual([ALICE, NEWS]);
    expect(new Set(requests.all.map((r) => r.url.pathname))).toEqual(
      new Set(['/mail/b/ALGkd0x/u/0/']),
    );
    const before = requests.all.length;
    await page.goto('https://mail.google.com/mail/u/1/d/AEoRXRTk/#inbox/FMfcgzQ');
    expect(await settledBadges(page, 3)).toEqual(CONVERSATION_BADGES);
    const again = requests.all.slice(before);
    expect(again.map((r) => r.url.searchParams.get('permmsgid')).sort()).toEqual([ALICE, NEWS]);
    expect(new Set(again.map((r) => r.url.pathname))).toEqual(new Set(['/mail/u/1/d/AEoRXRTk/']));
    expectAcceptable(requests);
  });

  it('non-English UI: a German Gmail page is read by structure alone', async () => {
    const requests = await serve({ page: 'gmail-german.html' });
    await page.goto('https://mail.google.com/mail/u/0/?hl=de#inbox/FMfcgzQ');
    const badges = await settledBadges(page, 1);
    expect(badges).toEqual([
      { state: 'red', problem: null, gmailMessageId: `#${NEWS}`, beside: 'news@plain.example' },
    ]);
    expect(permIds(requests)).toEqual([NEWS]);
    expectAcceptable(requests);
  });

  it("cookie auth: requests carry the page's own session cookies", async () => {
    await browser.context.addCookies([
      { name: 'SID', value: 'fixture-session', domain: 'mail.google.com', path: '/', secure: true },
    ]);
    const requests = await serve();
    await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQ');
    expect(await settledBadges(page, 3)).toEqual(CONVERSATION_BADGES);
    expect(permIds(requests).sort()).toEqual([ALICE, NEWS]);
    for (const request of requests.all) expect(request.cookie).toContain('SID=fixture-session');
    expectAcceptable(requests);
    await browser.context.clearCookies();
  });

  it('signed out: only a redirect to Google sign-in says "signed out"', async () => {
    const requests = await serve({ signedOut: true });
    await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQ');
    const badges = await settledBadges(page, 3);
    expect(badges.slice(0, 2)).toEqual([
      expect.objectContaining({ problem: 'login-required', gmailMessageId: `#${ALICE}` }),
      expect.objectContaining({ problem: 'login-required', gmailMessageId: `#${NEWS}` }),
    ]);
    expectAcceptable(requests);
  });

  it('sent item: the user\'s own message in the Sent folder says "sent by you", nothing fetched', async () => {
    const requests = await serve();
    await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQ');
    await settledBadges(page, 3);
    const before = requests.all.length;
    await page.evaluate(() => {
      const sent = document.getElementById('sent-thread') as HTMLTemplateElement;
      document.getElementById('thread')?.replaceChildren(sent.content.cloneNode(true));
      location.hash = '#sent/FMfcgzQsent';
    });
    await expect
      .poll(() => readBadges(page), { timeout: 10_000 })
      .toEqual([
        {
          state: 'problem',
          problem: 'sent-by-you',
          gmailMessageId: '#msg-f:1743836977043622656',
          beside: 'me@example.com',
        },
      ]);
    expect(requests.all.length).toBe(before);
  });

  it('rate limit: a burst of 60 opens stays within 7 per second and 50 per 10 seconds', {
    timeout: 120_000,
  }, async () => {
    const burst = longConversation(60, 1743836977043700000n);
    const requests = await serve({
      page: { html: burst.html },
      originals: Object.fromEntries(burst.ids.map((id) => [id, 'gmail-original-tls.eml.txt'])),
    });
    // When each request left the browser, by the browser's own clock (CDP wallTime): route
    // events can reach the test in bunches on a busy machine, a server would not see them so.
    const cdp = await browser.context.newCDPSession(page);
    const sent: number[] = [];
    cdp.on('Network.requestWillBeSent', (event) => {
      if (new URL(event.request.url).searchParams.has('view')) sent.push(event.wallTime * 1000);
    });
    await cdp.send('Network.enable');
    await page.goto('https://mail.google.com/mail/u/0/#inbox/long');
    const badges = await settledBadges(page, 60, 60_000);
    expect(badges.every((b) => b.state === 'amber')).toBe(true);
    expect(badges.map((b) => b.gmailMessageId)).toEqual(burst.ids.map((id) => `#${id}`));
    expect(requests.all).toHaveLength(60);
    const times = sent;
    expect(times).toHaveLength(60);
    const most = (ms: number) =>
      Math.max(...times.map((end) => times.filter((t) => t > end - ms && t <= end).length));
    expect(most(1_000)).toBeLessThanOrEqual(7);
    expect(most(10_000)).toBeLessThanOrEqual(50);
    expectAcceptable(requests);
  });

  it('rate limit: a 429 shows "too many requests, retrying" and the message is judged after', async () => {
    const requests = await serve({ tooManyFirst: 2, retryAfterSeconds: 2 });
    await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQ');
    await expect
      .poll(async () => (await readBadges(page)).some((b) => b.problem === 'rate-limited'), {
        timeout: 10_000,
        interval: 50,
      })
      .toBe(true);
    expect(await settledBadges(page, 3)).toEqual(CONVERSATION_BADGES);
    // Two requests were refused (429) and asked again; each message was answered once, and
    // judged on its own headers.
    expect(requests.all).toHaveLength(4);
    const answered = requests.showOriginal.map((url) => url.searchParams.get('permmsgid'));
    expect(answered.sort()).toEqual([ALICE, NEWS]);
    expectAcceptable(requests);
  });

  it('a Gmail change that breaks the message anchor shows "can\'t read", never nothing', async () => {
    await serve();
    await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQ');
    await settledBadges(page, 3);
    await page.evaluate(() => {
      const renamed = document.getElementById('renamed-thread') as HTMLTemplateElement;
      document.getElementById('thread')?.replaceChildren(renamed.content.cloneNode(true));
      location.hash = '#inbox/FMfcgzQ2';
    });
    await expect
      .poll(() => readBadges(page), { timeout: 10_000 })
      .toEqual([{ state: 'problem', problem: 'unreadable', gmailMessageId: null, beside: null }]);
    expect(
      await page.evaluate(
        () => document.querySelector('[data-mailseal-badge]')?.previousElementSibling?.tagName,
      ),
    ).toBe('H2');
  });
});
