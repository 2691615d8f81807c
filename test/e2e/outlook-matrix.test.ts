import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OWA_CANARY_PLACEHOLDER } from '../../lib/webmail/owa-service.ts';
import { readBadges, settledBadges } from './harness/badges.ts';
import { type ExtensionBrowser, launchExtensionBrowser } from './harness/extension-browser.ts';
import {
  askedItem,
  mailsealCalls,
  type OwaBehaviour,
  type OwaCall,
  type OwaItem,
  serveOutlook,
} from './harness/outlook-fixture.ts';
import { liveServiceWorker, openTab, toolbarOf } from './harness/service-worker.ts';

// The Outlook column of docs/webmail.md's compatibility matrix: one test per row, each asserting
// the padlock's state and which item it judged, against an OWA service that authenticates as
// the real one does (see test/e2e/harness/outlook-fixture.ts).
const PRIMARY = 'PUID:1@tenant';
const SHARED = 'SMTP:shared@contoso.example';
const CONV = 'AAQkADAwATM0MDAAMS1iNWM2LTQ2NzItMDACLTAwCgAQAGH5';
const SHARED_CONV = 'AAQkADAwATM0MDAAMS1iNWM2LTQ2NzItMDACLTAwCgAQAGH6';
const BOB_NEW = 'AAMkADAwATM0MDAAMS1iNWM2LTQ2NzItMDACLTAwCgBGAAAE'; // TLS: amber
const BOB_OLD = 'AAMkADAwATM0MDAAMS1iNWM2LTQ2NzItMDACLTAwCgBGAAAD'; // cleartext: red
const CAROL = 'AAMkADAwATM0MDAAMS1iNWM2LTQ2NzItMDACLTAwCgBGAAAF'; // TLS: amber
const MY_REPLY = 'AAMkADAwATM0MDAAMS1iNWM2LTQ2NzItMDACLTAwCgBGAAAG'; // Sent Items
const SHARED_ITEM = 'AAMkADAwATM0MDAAMS1iNWM2LTQ2NzItMDACLTAwCgBGAAAH';
const TLS = 'outlook-transport-headers-tls.txt';
const PLAIN = 'outlook-transport-headers.txt';

const ITEMS: Record<string, OwaItem> = {
  [BOB_NEW]: {
    file: TLS,
    mailbox: PRIMARY,
    from: 'bob@sender.example',
    received: '2026-03-03T18:00:03Z',
  },
  [BOB_OLD]: {
    file: PLAIN,
    mailbox: PRIMARY,
    from: 'bob@sender.example',
    received: '2026-03-01T18:00:03Z',
  },
  [CAROL]: {
    file: TLS,
    mailbox: PRIMARY,
    from: 'carol@tls.example',
    received: '2026-03-02T18:00:03Z',
  },
  [MY_REPLY]: {
    mailbox: PRIMARY,
    from: 'me@contoso.example',
    received: '2026-03-04T09:00:00Z',
    folder: 'sentitems',
  },
  [SHARED_ITEM]: {
    file: PLAIN,
    mailbox: SHARED,
    from: 'bob@sender.example',
    received: '2026-03-03T18:00:03Z',
  },
};
const CONVERSATIONS = {
  [CONV]: [MY_REPLY, BOB_NEW, CAROL, BOB_OLD],
  [SHARED_CONV]: [SHARED_ITEM],
};

describe('Outlook on the web compatibility matrix in real Chromium', () => {
  let browser: ExtensionBrowser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchExtensionBrowser();
  });
  afterAll(() => browser?.close());
  beforeEach(async () => {
    await page?.close();
    await browser.context.unrouteAll({ behavior: 'ignoreErrors' });
    await browser.context.clearCookies();
    page = await browser.context.newPage();
  });

  const serve = (behaviour: Partial<OwaBehaviour> & { origin: string }) =>
    serveOutlook(browser.context, {
      pages: { '': 'outlook-conversation.html' },
      items: ITEMS,
      conversations: CONVERSATIONS,
      tokens: ['t1', 'ts'],
      primaryMailbox: PRIMARY,
      ...behaviour,
    });

  /** No call MailSeal made carries a canary beside a token, and none was refused. */
  function expectAcceptable(calls: OwaCall[]) {
    for (const call of mailsealCalls(calls)) {
      if (call.headers.authorization) expect(call.headers['x-owa-canary']).toBeUndefined();
      expect(call.headers['x-owa-canary']).not.toBe(OWA_CANARY_PLACEHOLDER);
    }
  }
  /** The padlock of a single-message page: its state, beside that message's sender. */
  const single = (
    state: string,
    beside = 'Bob <bob@sender.example>',
    problem: string | null = null,
  ) => [{ state, problem, gmailMessageId: null, beside }];
  /** Every GetItem MailSeal made, answered or not, by the item it asked for. */
  const askedItems = (calls: OwaCall[]) =>
    mailsealCalls(calls)
      .filter((c) => c.action === 'GetItem')
      .map(askedItem);
  const gotItems = (calls: OwaCall[]) =>
    mailsealCalls(calls)
      .filter((c) => c.action === 'GetItem' && c.status === 200)
      .map(askedItem);

  it('conversation: each expanded part judged by its own item; the user\'s reply is "sent by you"', async () => {
    const calls = await serve({ origin: 'https://outlook.office.com' });
    await page.goto(`https://outlook.office.com/mail/inbox/id/${encodeURIComponent(CONV)}`);
    const badges = await settledBadges(page, 3);
    expect(badges).toEqual([
      {
        state: 'problem',
        problem: 'sent-by-you',
        gmailMessageId: null,
        beside: 'Ich <me@contoso.example>',
      },
      { state: 'amber', problem: null, gmailMessageId: null, beside: 'Bob <bob@sender.example>' },
      { state: 'red', problem: null, gmailMessageId: null, beside: 'Bob <bob@sender.example>' },
    ]);
    expect(gotItems(calls).sort()).toEqual([BOB_OLD, BOB_NEW].sort());
    expect(mailsealCalls(calls).filter((c) => c.action === 'GetConversationItems')).toHaveLength(1);
    expectAcceptable(calls);
  });

  it('collapsed: no padlock on a collapsed part until it is expanded, then its own item', async () => {
    const calls = await serve({ origin: 'https://outlook.office.com' });
    await page.goto(`https://outlook.office.com/mail/inbox/id/${encodeURIComponent(CONV)}`);
    await settledBadges(page, 3);
    expect(gotItems(calls)).not.toContain(CAROL);
    await page.evaluate(() => {
      const body = document.createElement('div');
      body.setAttribute('data-app-section', 'MessageBody');
      body.textContent = 'Ausgeklappt.';
      document.getElementById('collapsed-part')?.append(body);
    });
    const badges = await settledBadges(page, 4);
    expect(badges[2]).toMatchObject({ state: 'amber', beside: 'Carol <carol@tls.example>' });
    expect(gotItems(calls)).toContain(CAROL);
    expectAcceptable(calls);
  });

  it('popout: a deep-link read view (/mail/deeplink/read/…?popoutv2=1) judges its item', async () => {
    const calls = await serve({
      origin: 'https://outlook.cloud.microsoft',
      pages: { '': 'outlook-popout.html' },
    });
    const restId = BOB_OLD.replace(/\//g, '-').replace(/\+/g, '_');
    await page.goto(
      `https://outlook.cloud.microsoft/mail/deeplink/read/${restId}?popoutv2=1&version=2026`,
    );
    expect(await settledBadges(page, 1)).toEqual(single('red'));
    expect(gotItems(calls)).toEqual([BOB_OLD]);
    expectAcceptable(calls);
  });

  it('/u/N (consumer /mail/0/): the service path and user token the page itself uses', async () => {
    const calls = await serve({
      origin: 'https://outlook.live.com',
      pages: { '': 'outlook-live.html' },
      // Consumer mailboxes are anchored by a PUID of their own.
      items: { [BOB_OLD]: { ...(ITEMS[BOB_OLD] as OwaItem), mailbox: 'PUID:0003@84df9e7f' } },
    });
    await page.goto(`https://outlook.live.com/mail/0/inbox/id/${encodeURIComponent(BOB_OLD)}`);
    expect(await settledBadges(page, 1)).toEqual(single('red'));
    expect(askedItems(calls)).toEqual([BOB_OLD]);
    const [getItem] = mailsealCalls(calls);
    expect(getItem?.path).toBe('/owa/0/service.svc');
    expect(getItem?.headers.authorization).toBe('MSAuth1.0 usertoken="t1", type="MSACT"');
    expectAcceptable(calls);
  });

  for (const [row, address] of [
    ['shared mailbox', 'shared@contoso.example'],
    ['delegated', 'Shared@Contoso.example'],
  ] as const) {
    it(`${row}: the mailbox's own session (x-anchormailbox) is used for its items`, async () => {
      const calls = await serve({ origin: 'https://outlook.office.com' });
      await page.goto(
        `https://outlook.office.com/mail/${address}/inbox/id/${encodeURIComponent(SHARED_CONV)}`,
      );
      // OWA talks to the other mailbox with its own anchor and token.
      await page.evaluate(
        (anchor) =>
          (window as unknown as { owaCall: (t: string, a: string) => Promise<unknown> }).owaCall(
            'ts',
            anchor,
          ),
        SHARED,
      );
      const badges = await settledBadges(page, 3);
      // The user's reply, Bob's one item in that mailbox, and a second Bob part that has none.
      expect(badges.map((b) => [b.problem ?? b.state, b.beside])).toEqual([
        ['sent-by-you', 'Ich <me@contoso.example>'],
        ['red', 'Bob <bob@sender.example>'],
        ['unreadable', 'Bob <bob@sender.example>'],
      ]);
      expect(gotItems(calls)).toEqual([SHARED_ITEM]);
      for (const call of mailsealCalls(calls)) {
        expect(call.headers['x-anchormailbox']).toBe(SHARED);
        expect(call.headers.authorization).toBe('Bearer ts');
      }
      expectAcceptable(calls);
    });
  }

  it('non-English UI: a German OWA page without English labels is read by structure', async () => {
    const calls = await serve({
      origin: 'https://outlook.cloud.microsoft',
      pages: { '': 'outlook-single.html' },
    });
    await page.goto(`https://outlook.cloud.microsoft/mail/inbox/id/${encodeURIComponent(BOB_NEW)}`);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    expect(
      await page.locator('[aria-label="Reading Pane"], [aria-label="Email message"]').count(),
    ).toBe(0);
    expect(await settledBadges(page, 1)).toEqual(single('amber'));
    expect(gotItems(calls)).toEqual([BOB_NEW]);
    expectAcceptable(calls);
  });

  it('token auth: the token and anchor are replayed, and no canary, though a canary cookie exists', async () => {
    const calls = await serve({
      origin: 'https://outlook.office365.com',
      pages: { '': 'outlook-single.html' },
    });
    const worker = await liveServiceWorker(browser.context);
    const tab = await openTab(browser.context, worker);
    await page.close();
    page = tab.page;
    await page.goto(`https://outlook.office365.com/mail/inbox/id/${encodeURIComponent(BOB_OLD)}`);
    expect(await settledBadges(page, 1)).toEqual(single('red'));
    expect(askedItems(calls)).toEqual([BOB_OLD]);
    expectAcceptable(calls);
    const [getItem] = mailsealCalls(calls);
    expect(getItem?.status).toBe(200);
    expect(getItem?.headers.authorization).toBe('Bearer t1');
    expect(getItem?.headers['x-anchormailbox']).toBe(PRIMARY);
    expect(getItem?.headers['x-owa-canary']).toBeUndefined();
    await expect.poll(async () => (await toolbarOf(worker, tab.tabId)).badgeText).toBe('✗');
    // The first verdict says "so far"; the final one, once DNS and the probe have answered, not.
    await expect
      .poll(async () => (await toolbarOf(worker, tab.tabId)).title, { timeout: 20_000 })
      .toMatch(/^MailSeal: not protected: /);
    // The display name in the headers carries markup: it stayed text.
    expect(await page.locator('b[onmouseover]').count()).toBe(0);
  });

  it('cookie auth: without a token, the canary the page uses goes along', async () => {
    const calls = await serve({
      origin: 'https://outlook.office365.com',
      pages: { '': 'outlook-cookie.html' },
      tokens: undefined,
      canary: 'fixture-canary-123',
    });
    await page.goto(
      `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(BOB_NEW)}&exvsurl=1`,
    );
    expect(await settledBadges(page, 1)).toEqual(single('amber'));
    expect(gotItems(calls)).toEqual([BOB_NEW]);
    const [getItem] = mailsealCalls(calls);
    expect(getItem?.headers['x-owa-canary']).toBe('fixture-canary-123');
    expect(getItem?.headers.authorization).toBeUndefined();
    expectAcceptable(calls);
  });

  it("401 retry: an expired token waits for the page's next authenticated call, then succeeds", async () => {
    const calls = await serve({
      origin: 'https://outlook.office.com',
      pages: { '': 'outlook-single.html' },
      tokens: ['t2'],
    });
    await page.goto(`https://outlook.office.com/mail/inbox/id/${encodeURIComponent(BOB_NEW)}`);
    await expect
      .poll(() => mailsealCalls(calls).map((c) => c.status), { timeout: 15_000 })
      .toEqual([401]);
    // Still checking: a 401 is not a sign-out.
    expect((await readBadges(page))[0]?.problem).toBeNull();
    await page.evaluate(() =>
      (window as unknown as { owaCall: (t: string, a: string) => Promise<unknown> }).owaCall(
        't2',
        'PUID:1@tenant',
      ),
    );
    expect(await settledBadges(page, 1)).toEqual(single('amber'));
    const statuses = mailsealCalls(calls).map((c) => [c.status, c.headers.authorization]);
    expect(statuses).toEqual([
      [401, 'Bearer t1'],
      [200, 'Bearer t2'],
    ]);
    // The retry asked for the same item the refused call did.
    expect(askedItems(calls)).toEqual([BOB_NEW, BOB_NEW]);
    expectAcceptable(calls);
  });

  it('sent item: an item opened from Sent Items says "sent by you" and asks nothing', async () => {
    const calls = await serve({
      origin: 'https://outlook.office.com',
      pages: { '': 'outlook-sent.html' },
    });
    await page.goto(`https://outlook.office.com/mail/sentitems/id/${encodeURIComponent(MY_REPLY)}`);
    // The user is the sender of their own sent item: the padlock sits beside their own header.
    expect(await settledBadges(page, 1)).toEqual(
      single('problem', 'Ich <me@contoso.example>', 'sent-by-you'),
    );
    expect(mailsealCalls(calls)).toEqual([]);
    expectAcceptable(calls);
  });

  it('sent item: a deep-link read view of a Sent Items item (no folder in its URL) says "sent by you"', async () => {
    const calls = await serve({
      origin: 'https://outlook.office.com',
      pages: { '': 'outlook-sent-popout.html' },
    });
    const restId = MY_REPLY.replace(/\//g, '-').replace(/\+/g, '_');
    await page.goto(`https://outlook.office.com/mail/deeplink/read/${restId}?popoutv2=1`);
    expect(await settledBadges(page, 1)).toEqual(
      single('problem', 'Ich <me@contoso.example>', 'sent-by-you'),
    );
    // The item was asked (it has no headers), then where Sent Items and Drafts are.
    expect(askedItems(calls)).toEqual([MY_REPLY]);
    expect(mailsealCalls(calls).map((c) => c.action)).toEqual(['GetItem', 'GetFolder']);
    expectAcceptable(calls);
  });

  it('rate limit: a 429 shows "too many requests, retrying", then the verdict', async () => {
    const calls = await serve({
      origin: 'https://outlook.office.com',
      pages: { '': 'outlook-single.html' },
      tooManyFirst: 1,
    });
    await page.goto(`https://outlook.office.com/mail/inbox/id/${encodeURIComponent(BOB_OLD)}`);
    await expect
      .poll(async () => (await readBadges(page))[0]?.problem, { timeout: 10_000, interval: 50 })
      .toBe('rate-limited');
    expect(await settledBadges(page, 1)).toEqual(single('red'));
    expect(mailsealCalls(calls).map((c) => c.status)).toEqual([429, 200]);
    // The call after the wait asked for the same item.
    expect(askedItems(calls)).toEqual([BOB_OLD, BOB_OLD]);
    expectAcceptable(calls);
  });
});
