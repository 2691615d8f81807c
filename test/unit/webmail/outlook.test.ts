// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { unreadable } from '../../../lib/messaging/unreadable-reason.ts';
import { parseOutlookUrl, scanOutlookPage } from '../../../lib/webmail/outlook-dom.ts';
import { createOutlookFetcher } from '../../../lib/webmail/outlook-fetch.ts';
import type { OwaBridgeAsk } from '../../../lib/webmail/owa-bridge-messages.ts';
import {
  callOwa,
  fetchOwaHeaderBlock,
  type OwaCallContext,
  owaCallHeaders,
} from '../../../lib/webmail/owa-headers.ts';
import {
  conversationItems,
  getConversationItemsBody,
  OWA_CANARY_PLACEHOLDER,
  owaCanaryCookie,
  owaItemRef,
} from '../../../lib/webmail/owa-service.ts';
import { createSessionStore } from '../../../lib/webmail/owa-session.ts';

const ITEM = 'AAMkADAwATM0MDAAMS1iNWM2LTQ2NzItMDACLTAwCgBGAAAD';
const CONV = 'AAQkADAwATM0MDAAMS1iNWM2LTQ2NzItMDACLTAwCgAQAGH5';

describe('Outlook URLs', () => {
  it('reads ids, the folder, another mailbox and deep links', () => {
    expect(
      parseOutlookUrl(`https://outlook.office.com/mail/inbox/id/${encodeURIComponent(ITEM)}`),
    ).toEqual({
      id: ITEM,
      mailbox: null,
      folder: 'inbox',
    });
    expect(parseOutlookUrl(`https://outlook.live.com/mail/0/inbox/id/${CONV}`).id).toBe(CONV);
    expect(parseOutlookUrl(`https://outlook.office.com/owa/?ItemID=${ITEM}`).id).toBe(ITEM);
    expect(parseOutlookUrl(`https://outlook.office.com/mail/sentitems/id/${ITEM}`).folder).toBe(
      'sentitems',
    );
    // A shared mailbox opened in its own view: /mail/<address>/ (Microsoft support, "Open a
    // shared mailbox in Outlook on the web").
    expect(
      parseOutlookUrl(`https://outlook.office.com/mail/shared@contoso.example/inbox/id/${CONV}`)
        .mailbox,
    ).toBe('shared@contoso.example');
    // Popouts and deep links carry a REST id ('-' and '_' for '/' and '+').
    expect(
      parseOutlookUrl(
        'https://outlook.cloud.microsoft/mail/deeplink/read/AAMkAD-x_yAAAAAAAAAAAAAAAAAAA?popoutv2=1',
      ).id,
    ).toBe('AAMkAD/x+yAAAAAAAAAAAAAAAAAAA');
    expect(parseOutlookUrl('https://outlook.office.com/mail/inbox').id).toBeNull();
  });
});

// OWA's reading pane, German UI: only data-app-section and title attributes are read.
const part = (sender: string, expanded: boolean) => `<div>
  <div data-app-section="MessageHeader" aria-label="Nachrichtenkopf"><span title="Name &lt;${sender}&gt;">Name</span></div>
  ${expanded ? '<div data-app-section="MessageBody" aria-label="Nachrichtentext">Hallo</div>' : ''}
</div>`;

describe('Outlook page scan', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('gives every expanded part of a conversation its own message, keyed by sender and order', () => {
    document.body.innerHTML = `<div id="ReadingPaneContainerId"><div data-app-section="ConversationContainer">
      ${part('me@contoso.example', true)}${part('bob@sender.example', false)}
      ${part('bob@sender.example', true)}${part('bob@sender.example', true)}</div></div>`;
    const scan = scanOutlookPage(document, `https://outlook.office.com/mail/inbox/id/${CONV}`);
    expect(scan.messages.map((m) => m.ref)).toEqual([
      { id: CONV, kind: 'conversation', mailbox: null, sender: 'me@contoso.example', nth: 0 },
      { id: CONV, kind: 'conversation', mailbox: null, sender: 'bob@sender.example', nth: 0 },
      { id: CONV, kind: 'conversation', mailbox: null, sender: 'bob@sender.example', nth: 1 },
    ]);
    expect(scan.messages[1]?.senderAnchor?.getAttribute('title')).toBe('Name <bob@sender.example>');
  });

  it("does not lend one item's verdict to several open parts", () => {
    document.body.innerHTML = `<div id="ReadingPaneContainerId"><div data-app-section="ConversationContainer">
      ${part('bob@sender.example', true)}${part('carol@tls.example', true)}</div></div>`;
    const scan = scanOutlookPage(document, `https://outlook.office.com/mail/inbox/id/${ITEM}`);
    expect(scan.messages.map((m) => m.ref)).toEqual([null, null]);
  });

  it("marks an item opened from Sent Items or Drafts as the user's own", () => {
    document.body.innerHTML = `<div id="ReadingPaneContainerId">${part('me@contoso.example', true)}</div>`;
    const [sent] = scanOutlookPage(
      document,
      `https://outlook.office.com/mail/sentitems/id/${ITEM}`,
    ).messages;
    expect(sent?.own).toBe(true);
    const [inbox] = scanOutlookPage(
      document,
      `https://outlook.office.com/mail/inbox/id/${ITEM}`,
    ).messages;
    expect(inbox?.own).toBe(false);
  });

  it('says "unreadable" when a message shows but its parts cannot be read', () => {
    document.body.innerHTML = `<div id="ReadingPaneContainerId"><div role="document">Body</div></div>`;
    const scan = scanOutlookPage(document, `https://outlook.office.com/mail/inbox/id/${ITEM}`);
    expect(scan.unreadableView).toBe(true);
    expect(scan.unreadableAnchor?.id).toBe('ReadingPaneContainerId');
  });

  it("falls back to older OWA's class names only after every structural anchor", () => {
    // Older OWA: the pane .item-reading-pane, a part .item-part, its header .item-header-actions
    // (mailvelope/mailvelope src/content-scripts/providerSpecific.js, 2019, class Outlook).
    document.body.innerHTML = `<div class="item-reading-pane"><div class="item-part">
      <div class="item-header-actions"><div class="lpc-hoverTarget"><div><span>Bob</span></div></div></div>
      <div role="document">Hallo</div></div></div>`;
    const [message] = scanOutlookPage(
      document,
      `https://outlook.office.com/owa/?ItemID=${ITEM}`,
    ).messages;
    expect(message?.ref).toEqual({ id: ITEM, kind: 'item', mailbox: null });
    expect(message?.senderAnchor?.className).toBe('item-header-actions');
    // Its part unreadable: "can't read" at the older pane, never nothing.
    document.body.innerHTML = `<div class="item-reading-pane"><div role="document">Hallo</div></div>`;
    const scan = scanOutlookPage(document, `https://outlook.office.com/owa/?ItemID=${ITEM}`);
    expect(scan.unreadableAnchor?.className).toBe('item-reading-pane');
  });

  it('marks an open message without an id as unreadable, and is quiet without a pane', () => {
    document.body.innerHTML = `<div id="ReadingPaneContainerId">${part('bob@sender.example', true)}</div>`;
    expect(
      scanOutlookPage(document, 'https://outlook.office.com/mail/inbox').messages[0]?.ref,
    ).toBeNull();
    document.body.innerHTML = '';
    expect(scanOutlookPage(document, 'https://outlook.office.com/mail/').messages).toEqual([]);
  });
});

const TOKEN = { authorization: 'Bearer t1', 'x-anchormailbox': 'PUID:1@tenant' };

function timers() {
  const pending = new Set<() => void>();
  return {
    set: (run: () => void) => {
      pending.add(run);
      return run;
    },
    clear: (handle: unknown) => void pending.delete(handle as () => void),
    fire: () => {
      for (const run of [...pending]) run();
      pending.clear();
    },
  };
}

describe('OWA sessions', () => {
  it('keeps one header set per mailbox, learned from any call under /owa/', () => {
    const t = timers();
    const store = createSessionStore(t.set, t.clear);
    expect(store.learn('/owa/startupdata.ashx', Object.entries(TOKEN))).toBe(true);
    expect(
      store.learn(
        '/owa/service.svc',
        Object.entries({
          authorization: 'Bearer s',
          'x-anchormailbox': 'SMTP:shared@contoso.example',
        }),
      ),
    ).toBe(true);
    expect(store.learn('/owa/service.svc', Object.entries(TOKEN))).toBe(false);
    expect(store.learn('/static/app.js', Object.entries({ authorization: 'x' }))).toBe(false);
    expect(store.sessionFor(null)?.headers.authorization).toBe('Bearer t1');
    expect(store.sessionFor('Shared@Contoso.example')?.headers.authorization).toBe('Bearer s');
    expect(store.sessionFor('other@contoso.example')).toBeNull();
  });

  it("takes the service's account path from any call, so a consumer page that has only made its start-up data request is asked at /owa/0/", () => {
    // Consumer accounts (outlook.live.com) talk to /owa/0/… (nnyj/user-scripts
    // outlook-junk-autodelete.user.js; webmail-reality O8); the start-up data request is one of
    // those calls (mustang-im/mustang backend/owa.ts).
    const t = timers();
    const store = createSessionStore(t.set, t.clear);
    expect(store.servicePath()).toBe('/owa/service.svc');
    store.learn('/owa/0/startupdata.ashx', Object.entries(TOKEN));
    expect(store.servicePath()).toBe('/owa/0/service.svc');
    const business = createSessionStore(t.set, t.clear);
    business.learn('/owa/startupdata.ashx', Object.entries(TOKEN));
    expect(business.servicePath()).toBe('/owa/service.svc');
  });
});

describe('OWA calls', () => {
  it('sends no canary with a token, the canary only with cookie auth, never a placeholder', () => {
    const t = timers();
    const store = createSessionStore(t.set, t.clear);
    store.learn('/owa/service.svc', Object.entries(TOKEN));
    const token = owaCallHeaders('GetItem', store.sessionFor(null), 'X-OWA-CANARY=abc');
    expect(token.authorization).toBe('Bearer t1');
    expect(token['x-owa-canary']).toBeUndefined();
    expect(owaCallHeaders('GetItem', null, 'a=1; X-OWA-CANARY=abc')['x-owa-canary']).toBe('abc');
    expect(owaCallHeaders('GetItem', null, 'a=1')).not.toHaveProperty('x-owa-canary');
  });

  it("never passes on OWA's placeholder canary, whether the page sent it or a cookie holds it", () => {
    // OWA sends this placeholder when its canary cookie is missing; beside a token or on a
    // work account it is refused (webmail-reality O10). Whatever path it reaches us by, it is not
    // a canary and must not go out.
    const t = timers();
    const cookieAuth = createSessionStore(t.set, t.clear);
    cookieAuth.learn('/owa/service.svc', [['x-owa-canary', OWA_CANARY_PLACEHOLDER]]);
    expect(cookieAuth.sessionFor(null)).toBeNull();
    const withPlaceholder = { headers: { 'x-owa-canary': OWA_CANARY_PLACEHOLDER }, epoch: 1 };
    expect(owaCallHeaders('GetItem', withPlaceholder, '')).not.toHaveProperty('x-owa-canary');
    // A placeholder learned beside a real cookie: the cookie's canary goes, not the placeholder.
    expect(owaCallHeaders('GetItem', withPlaceholder, 'X-OWA-CANARY=abc')['x-owa-canary']).toBe(
      'abc',
    );
    expect(owaCanaryCookie(`X-OWA-CANARY=${OWA_CANARY_PLACEHOLDER}`)).toBeNull();
    const token = createSessionStore(t.set, t.clear);
    token.learn('/owa/service.svc', [
      ...Object.entries(TOKEN),
      ['x-owa-canary', OWA_CANARY_PLACEHOLDER],
    ]);
    expect(token.sessionFor(null)?.headers).not.toHaveProperty('x-owa-canary');
  });

  function context(
    statuses: number[],
    store = createSessionStore(setTimeout, (h) => clearTimeout(h as number)),
  ) {
    const calls: Record<string, string>[] = [];
    const ctx: OwaCallContext = {
      origin: 'https://outlook.office.com',
      cookie: () => '',
      sessions: store,
      sleep: async () => {},
      now: () => 0,
      sessionWaitMs: 50,
      fetch: async (_url, init) => {
        calls.push(init?.headers as Record<string, string>);
        const status = statuses.shift() ?? 200;
        return new Response(status === 200 ? '{"Body":{}}' : '', { status });
      },
    };
    return { ctx, calls, store };
  }

  it("on 401 waits for the page's next authenticated call, then retries once with it", async () => {
    const { ctx, calls, store } = context([401, 200]);
    store.learn('/owa/service.svc', Object.entries(TOKEN));
    const outcome = callOwa('GetItem', {}, null, ctx);
    await new Promise((resolve) => setTimeout(resolve, 5));
    store.learn('/owa/service.svc', Object.entries({ ...TOKEN, authorization: 'Bearer t2' }));
    expect((await outcome).kind).toBe('ok');
    expect(calls.map((h) => h.authorization)).toEqual(['Bearer t1', 'Bearer t2']);
  });

  it('says signed out only when the fresh session is refused too (440)', async () => {
    const { ctx, store } = context([440, 440]);
    store.learn('/owa/service.svc', Object.entries(TOKEN));
    const outcome = callOwa('GetItem', {}, null, ctx);
    await new Promise((resolve) => setTimeout(resolve, 5));
    store.learn('/owa/service.svc', Object.entries({ ...TOKEN, authorization: 'Bearer t2' }));
    expect(await outcome).toEqual({ kind: 'login-required' });
  });

  it('is "can\'t read" (retried later), not signed out, when no fresh session comes', async () => {
    const { ctx, store } = context([401]);
    store.learn('/owa/service.svc', Object.entries(TOKEN));
    expect((await callOwa('GetItem', {}, null, ctx)).kind).toBe('unreadable');
    const none = context([]);
    expect(await callOwa('GetItem', {}, null, none.ctx)).toEqual(
      unreadable('unreadable_outlookNoSession'),
    );
    expect(none.calls).toEqual([]);
  });

  it('says "sent by you" for a headerless item that sits in Sent Items or Drafts, though the URL names no folder', async () => {
    // A deep link or popout (/mail/deeplink/read/<id>) has no folder in its URL. GetItem tells
    // the item's ParentFolderId; GetFolder tells that mailbox's Sent Items and Drafts ids
    // (Microsoft Learn, EWS DistinguishedFolderId, GetFolderResponse).
    const answer = (json: unknown) => Response.json(json);
    const getItem = (parent: string) => ({
      Body: {
        ResponseMessages: {
          Items: [{ ResponseClass: 'Success', Items: [{ ParentFolderId: { Id: parent } }] }],
        },
      },
    });
    const folders = {
      Body: {
        ResponseMessages: {
          Items: ['DRAFTS', 'SENT'].map((Id) => ({
            ResponseClass: 'Success',
            Folders: [{ FolderId: { Id } }],
          })),
        },
      },
    };
    async function judge(parent: string) {
      const store = createSessionStore(setTimeout, (h) => clearTimeout(h as number));
      store.learn('/owa/service.svc', Object.entries(TOKEN));
      const actions: string[] = [];
      const ctx: OwaCallContext = {
        origin: 'https://outlook.office.com',
        cookie: () => '',
        sessions: store,
        sleep: async () => {},
        now: () => 0,
        fetch: async (url, init) => {
          const action = new URL(url).searchParams.get('action') ?? '';
          actions.push(action);
          if (action === 'GetItem') {
            expect(String(init?.body)).toContain('"FieldURI":"ParentFolderId"');
            return answer(getItem(parent));
          }
          expect(String(init?.body)).toContain('"Id":"sentitems"');
          return answer(folders);
        },
      };
      return { outcome: await fetchOwaHeaderBlock(ITEM, null, ctx), actions };
    }
    expect(await judge('SENT')).toEqual({
      outcome: { kind: 'sent-by-you' },
      actions: ['GetItem', 'GetFolder'],
    });
    expect((await judge('DRAFTS')).outcome).toEqual({ kind: 'sent-by-you' });
    // A received item without headers is not the user's: say so, guess nothing.
    expect((await judge('INBOX')).outcome).toEqual(
      unreadable('unreadable_outlookNoTransportHeaders'),
    );
  });

  it('waits out a 429 and reads the transport headers', async () => {
    const store = createSessionStore(setTimeout, (h) => clearTimeout(h as number));
    store.learn('/owa/service.svc', Object.entries(TOKEN));
    const progress: string[] = [];
    let n = 0;
    const headers = 'Received: from a by b with ESMTPS\r\nSubject: x';
    const ctx: OwaCallContext = {
      origin: 'https://outlook.office.com',
      cookie: () => '',
      sessions: store,
      sleep: async () => {},
      now: () => 0,
      onProgress: (state) => progress.push(state),
      fetch: async () => {
        n += 1;
        if (n === 1) return new Response('', { status: 429, headers: { 'retry-after': '1' } });
        return Response.json({
          Body: {
            ResponseMessages: {
              Items: [
                {
                  ResponseClass: 'Success',
                  Items: [
                    {
                      ExtendedProperty: [
                        { ExtendedFieldURI: { PropertyTag: '0x7d' }, Value: headers },
                      ],
                    },
                  ],
                },
              ],
            },
          },
        });
      },
    };
    expect(await fetchOwaHeaderBlock(ITEM, null, ctx)).toEqual({
      kind: 'headers',
      headerBlock: headers,
      source: 'owa GetItem 0x007D',
    });
    expect(progress).toEqual(['rate-limited']);
  });
});

describe('Outlook conversation parts', () => {
  it('asks for received items only, with sender and time', () => {
    const body = JSON.stringify(getConversationItemsBody(CONV));
    expect(body).toContain(
      '"FoldersToIgnore":[{"__type":"DistinguishedFolderId:#Exchange","Id":"drafts"},{"__type":"DistinguishedFolderId:#Exchange","Id":"sentitems"}]',
    );
    expect(body).toContain('"FieldURI":"From"');
    const items = conversationItems({
      Body: {
        ResponseMessages: {
          Items: [
            {
              Conversation: {
                ConversationNodes: [
                  {
                    Items: [
                      {
                        ItemId: { Id: 'old' },
                        From: { Mailbox: { EmailAddress: 'Bob@Sender.example' } },
                        DateTimeReceived: '2026-01-01T00:00:00Z',
                      },
                    ],
                  },
                  {
                    Items: [
                      {
                        ItemId: { Id: 'new' },
                        From: { Mailbox: { EmailAddress: 'bob@sender.example' } },
                        DateTimeReceived: '2026-02-01T00:00:00Z',
                      },
                    ],
                  },
                ],
              },
            },
          ],
        },
      },
    });
    expect(items.map((i) => [i.id, i.from])).toEqual([
      ['new', 'bob@sender.example'],
      ['old', 'bob@sender.example'],
    ]);
  });

  it('judges each part by its own item, and the user\'s own part is "sent by you"', async () => {
    const asked: OwaBridgeAsk[] = [];
    const fetcher = createOutlookFetcher(async (ask) => {
      asked.push(ask);
      if (ask.action === 'conversation')
        return {
          kind: 'items',
          items: [
            { id: 'new', from: 'bob@sender.example', received: 2 },
            { id: 'old', from: 'bob@sender.example', received: 1 },
          ],
        };
      return { kind: 'headers', headerBlock: `X-Item: ${ask.id}`, source: 'test' };
    });
    const ref = (sender: string, nth: number) => owaItemRef(CONV, { mailbox: null, sender, nth });
    const progress = () => {};
    expect(await fetcher.fetchHeaders(ref('me@contoso.example', 0), progress)).toEqual({
      kind: 'sent-by-you',
    });
    expect(await fetcher.fetchHeaders(ref('bob@sender.example', 0), progress)).toMatchObject({
      headerBlock: 'X-Item: new',
    });
    expect(await fetcher.fetchHeaders(ref('bob@sender.example', 1), progress)).toMatchObject({
      headerBlock: 'X-Item: old',
    });
    expect(asked.filter((a) => a.action === 'conversation')).toHaveLength(1);
  });
});
