// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { outlookIdFromUrl, scanOutlookPage } from '../../../lib/webmail/outlook-dom.ts';
import { fetchOwaHeaderBlock } from '../../../lib/webmail/owa-headers.ts';
import { owaCanary, owaItemRef } from '../../../lib/webmail/owa-service.ts';

const ITEM = 'AAMkADAwATM0MDAAMS1iNWM2LTQ2NzItMDACLTAwCgBGAAAD';
const CONV = 'AAQkADAwATM0MDAAMS1iNWM2LTQ2NzItMDACLTAwCgAQAGH5';

describe('Outlook page scan', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('reads item and conversation ids from the URL', () => {
    expect(
      outlookIdFromUrl(`https://outlook.office.com/mail/inbox/id/${encodeURIComponent(ITEM)}`),
    ).toBe(ITEM);
    expect(outlookIdFromUrl(`https://outlook.live.com/mail/0/inbox/id/${CONV}`)).toBe(CONV);
    expect(outlookIdFromUrl(`https://outlook.office.com/owa/?ItemID=${ITEM}`)).toBe(ITEM);
    expect(outlookIdFromUrl('https://outlook.office.com/mail/inbox')).toBeNull();
    expect(owaItemRef(CONV).kind).toBe('conversation');
    expect(owaItemRef(ITEM).kind).toBe('item');
  });

  it('finds the open message and its sender in the reading pane', () => {
    document.body.innerHTML = `<div id="ReadingPaneContainerId"><div aria-label="Email message"><span email="bob@sender.example">Bob</span></div></div>`;
    const scan = scanOutlookPage(document, `https://outlook.office.com/mail/inbox/id/${ITEM}`);
    expect(scan.messages[0]?.ref).toEqual({ id: ITEM, kind: 'item' });
    expect(scan.messages[0]?.senderAnchor?.textContent).toBe('Bob');
  });

  it('marks an open message without an id as unreadable', () => {
    document.body.innerHTML = `<div id="ReadingPaneContainerId"><div aria-label="Email message">x</div></div>`;
    const [open] = scanOutlookPage(document, 'https://outlook.office.com/mail/inbox').messages;
    expect(open?.ref).toBeNull();
  });

  it('is quiet without a reading pane', () => {
    expect(scanOutlookPage(document, 'https://outlook.office.com/mail/').messages).toEqual([]);
  });
});

describe('OWA transport headers', () => {
  const headers = 'Received: from a by b with ESMTPS\r\nSubject: x\r\n';
  function owa(status: number, body: unknown) {
    const calls: { url: string; init: RequestInit | undefined }[] = [];
    const fetch = async (url: string, init?: RequestInit) => {
      calls.push({ url, init });
      return new Response(JSON.stringify(body), { status });
    };
    return { fetch, calls };
  }
  const getItemResponse = {
    Body: {
      ResponseMessages: {
        Items: [
          {
            Items: [
              {
                ExtendedProperty: [
                  {
                    ExtendedFieldURI: { PropertyTag: '0x7d', PropertyType: 'String' },
                    Value: headers,
                  },
                ],
              },
            ],
          },
        ],
      },
    },
  };

  it('asks GetItem for 0x007D with the page canary and auth, and returns the header block', async () => {
    const server = owa(200, getItemResponse);
    const result = await fetchOwaHeaderBlock(owaItemRef(ITEM), {
      origin: 'https://outlook.office.com',
      servicePath: '/owa/service.svc',
      cookie: 'a=1; X-OWA-CANARY=canary-value; b=2',
      authHeaders: { authorization: 'Bearer t' },
      fetch: server.fetch,
    });
    expect(result).toEqual({
      kind: 'headers',
      headerBlock: headers.trimEnd(),
      source: 'owa GetItem 0x007D',
    });
    const call = server.calls[0];
    expect(call?.url).toBe('https://outlook.office.com/owa/service.svc?action=GetItem&app=Mail');
    expect(call?.init?.headers).toMatchObject({
      action: 'GetItem',
      'x-owa-canary': 'canary-value',
      authorization: 'Bearer t',
    });
    const body = JSON.parse(String(call?.init?.body));
    expect(body.Body.ItemIds[0].Id).toBe(ITEM);
    expect(body.Body.ItemShape.AdditionalProperties[0].PropertyTag).toBe('0x7D');
  });

  it('resolves a conversation id to its newest item first', async () => {
    const calls: string[] = [];
    const fetch = async (url: string) => {
      calls.push(new URL(url).searchParams.get('action') ?? '');
      return new Response(
        JSON.stringify(
          calls.length === 1
            ? {
                Body: {
                  ResponseMessages: {
                    Items: [
                      {
                        Conversation: {
                          ConversationNodes: [{ Items: [{ ItemId: { Id: ITEM } }] }],
                        },
                      },
                    ],
                  },
                },
              }
            : getItemResponse,
        ),
      );
    };
    const result = await fetchOwaHeaderBlock(owaItemRef(CONV), {
      origin: 'https://outlook.office.com',
      servicePath: '/owa/service.svc',
      cookie: '',
      authHeaders: {},
      fetch,
    });
    expect(calls).toEqual(['GetConversationItems', 'GetItem']);
    expect(result.kind).toBe('headers');
  });

  it('reports signed-out (440) and items without headers honestly', async () => {
    const options = {
      origin: 'https://o',
      servicePath: '/owa/service.svc',
      cookie: '',
      authHeaders: {},
    };
    expect(
      await fetchOwaHeaderBlock(owaItemRef(ITEM), { ...options, fetch: owa(440, {}).fetch }),
    ).toEqual({ kind: 'login-required' });
    expect(
      (
        await fetchOwaHeaderBlock(owaItemRef(ITEM), {
          ...options,
          fetch: owa(200, { Body: {} }).fetch,
        })
      ).kind,
    ).toBe('unreadable');
  });

  it("uses OWA's sentinel when there is no canary cookie", () => {
    expect(owaCanary('a=1')).toBe('X-OWA-CANARY_cookie_is_null_or_empty');
  });
});
