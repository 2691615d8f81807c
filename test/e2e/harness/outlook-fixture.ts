// Serves Outlook on the web AT its real hosts and OWA's own JSON service behind it. The service
// authenticates the way public sources show the real one does; each behaviour cites its source.
// GetItem with the transport-headers property (0x007D) answers from a header file per item.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { BrowserContext, Route } from 'playwright-core';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/webmail');

export interface OwaCall {
  action: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  status: number;
}

export interface OwaItem {
  /** Transport-headers file; none for the user's own sent items and drafts. */
  file?: string;
  /** The mailbox anchor (x-anchormailbox) the item lives in. */
  mailbox: string;
  from: string;
  received: string;
  folder?: 'inbox' | 'sentitems' | 'drafts';
}

export interface OwaBehaviour {
  origin: string;
  /** Pages by path prefix; the last entry ("" prefix) is the default. */
  pages: Record<string, string>;
  items: Record<string, OwaItem>;
  /** Conversation id → item ids. */
  conversations?: Record<string, string[]>;
  /**
   * Token auth (work/school and consumer): bearer tokens the service accepts, and no canary
   * with them. Cookie auth (on-premises): none, the canary cookie is checked instead.
   */
  tokens?: string[] | undefined;
  /** Cookie auth: the canary value the service expects in x-owa-canary. */
  canary?: string;
  /** The mailbox of calls without x-anchormailbox (cookie authentication). */
  primaryMailbox?: string;
  /** The first N service calls answer 429 with Retry-After. */
  tooManyFirst?: number;
}

type Json = Record<string, unknown>;

function itemsResponse(items: Json[]): Json {
  return { Body: { ResponseMessages: { Items: [{ ResponseClass: 'Success', Items: items }] } } };
}

function errorResponse(code: string): Json {
  // An error is a 200 answer whose response message has ResponseClass "Error" and its code in
  // ResponseCode: EWS's GetItem response format (Microsoft Learn, GetItemResponseMessage,
  // https://learn.microsoft.com/en-gb/exchange/client-developer/web-service-reference/getitemresponsemessage).
  // That OWA's JSON service.svc answers errors in the same envelope is Likely: no public
  // source shows a service.svc error answer.
  return {
    Body: { ResponseMessages: { Items: [{ ResponseClass: 'Error', ResponseCode: code }] } },
  };
}

/** A mailbox's folder id: distinct per mailbox, as real folder ids are. */
const folderId = (anchor: string, folder: string) => `folder:${anchor}:${folder}`;

/**
 * GetFolder for distinguished folders (sentitems, drafts…): each answered with that mailbox's
 * folder id, one response message per folder (Microsoft Learn, EWS DistinguishedFolderId,
 * https://learn.microsoft.com/en-in/exchange/client-developer/web-service-reference/distinguishedfolderid,
 * and GetFolderResponse).
 */
function ownFolders(inner: Json, anchor: string): Json {
  const asked = ((inner.FolderIds as Json[] | undefined) ?? []).map((f) => String(f.Id));
  return {
    Body: {
      ResponseMessages: {
        Items: asked.map((name) => ({
          ResponseClass: 'Success',
          Folders: [{ FolderId: { Id: folderId(anchor, name) } }],
        })),
      },
    },
  };
}

export async function serveOutlook(
  context: BrowserContext,
  options: OwaBehaviour,
): Promise<OwaCall[]> {
  const pages: [string, string][] = [];
  for (const [prefix, file] of Object.entries(options.pages))
    pages.push([prefix, await readFile(resolve(FIXTURES, file), 'utf8')]);
  const headerFiles = new Map<string, string>();
  for (const [id, item] of Object.entries(options.items)) {
    if (item.file)
      headerFiles.set(
        id,
        (await readFile(resolve(FIXTURES, item.file), 'utf8')).replace(/\r?\n/g, '\r\n'),
      );
  }
  const calls: OwaCall[] = [];
  let tooMany = options.tooManyFirst ?? 0;

  /** Why the real service would refuse this call (status), or null. */
  function refusal(headers: Record<string, string>): number | null {
    if (options.tokens) {
      // Token tenants. An expired or missing bearer token is refused (Microsoft Learn, "Token
      // lifetimes": https://learn.microsoft.com/en-us/entra/msal/javascript/browser/token-lifetimes,
      // browser access tokens last an hour and calls with an expired one are rejected;
      // https://github.com/OfficeDev/office-js/issues/3205, EWS answering 401 to an expired
      // token). A canary or OWA's placeholder beside a token is refused too. No public source
      // with a known repository shows that (the research note's lead is an unattributed OWA
      // client library, Unconfirmed): the fixture is deliberately stricter than anything
      // shown, so a test fails if MailSeal ever sends either.
      if (headers['x-owa-canary'] !== undefined) return 401;
      const token = headers.authorization
        ?.replace(/^(Bearer|MSAuth1\.0 usertoken=")/, '')
        .replace(/".*$/, '')
        .trim();
      return token && options.tokens.includes(token) ? null : 401;
    }
    // Cookie auth (on-premises): the x-owa-canary header echoes the X-OWA-CANARY cookie, and a
    // session that is not signed in answers 401 or 440 (mustang-im/mustang backend/owa.ts:
    // fetchJSON sends the cookie's value as X-OWA-CANARY; fetchSessionData treats 401 and 440
    // as "sign in first").
    return headers['x-owa-canary'] === options.canary ? null : 440;
  }

  function answer(action: string, body: Json, anchor: string): Json {
    const inner = (body.Body ?? {}) as Json;
    if (action === 'GetConversationItems') {
      const conversation = (
        (inner.Conversations as Json[] | undefined)?.[0]?.ConversationId as Json | undefined
      )?.Id;
      const ignored = new Set(
        ((inner.FoldersToIgnore as Json[] | undefined) ?? []).map((f) => String(f.Id)),
      );
      const ids = options.conversations?.[String(conversation)] ?? [];
      const nodes = ids
        .filter((id) => options.items[id]?.mailbox === anchor)
        .filter((id) => !ignored.has(options.items[id]?.folder ?? 'inbox'))
        .map((id) => {
          const item = options.items[id] as OwaItem;
          return {
            Items: [
              {
                ItemId: { Id: id },
                From: { Mailbox: { EmailAddress: item.from } },
                DateTimeReceived: item.received,
              },
            ],
          };
        });
      if (ids.length === 0) return errorResponse('ErrorItemNotFound');
      return {
        Body: {
          ResponseMessages: {
            Items: [{ ResponseClass: 'Success', Conversation: { ConversationNodes: nodes } }],
          },
        },
      };
    }
    if (action === 'GetFolder') return ownFolders(inner, anchor);
    if (action !== 'GetItem') return itemsResponse([]);
    const id = String((inner.ItemIds as Json[] | undefined)?.[0]?.Id ?? '');
    const item = options.items[id];
    // An item asked through another mailbox's session is not found there. Requests are routed
    // to the mailbox named in X-AnchorMailbox (https://github.com/microsoft/CSS-Exchange/issues/1569),
    // and a shared mailbox's item asked through the user's own mailbox is not found
    // (https://github.com/OfficeDev/office-js/issues/1146: 404 for an item of a shared folder
    // asked at /me). That service.svc says so as ErrorItemNotFound is Likely (see errorResponse).
    if (!item || item.mailbox !== anchor) return errorResponse('ErrorItemNotFound');
    const headers = headerFiles.get(id);
    // Every item reports the folder it sits in (EWS item:ParentFolderId).
    const parent = { ParentFolderId: { Id: folderId(anchor, item.folder ?? 'inbox') } };
    return itemsResponse([
      headers
        ? {
            ItemId: { Id: id },
            ...parent,
            ExtendedProperty: [
              { ExtendedFieldURI: { PropertyTag: '0x7d', PropertyType: 'String' }, Value: headers },
            ],
          }
        : { ItemId: { Id: id }, ...parent },
    ]);
  }

  async function service(route: Route, url: URL): Promise<void> {
    const request = route.request();
    const headers = await request.allHeaders();
    const action = url.searchParams.get('action') ?? headers.action ?? '';
    const body = (request.postDataJSON() ?? {}) as Json;
    const record = (status: number) =>
      calls.push({ action, path: url.pathname, headers, body, status });
    // Calls the page itself makes (start-up, token refresh) are not MailSeal's.
    if (!MAILSEAL_ACTIONS.has(action)) {
      return route.fulfill({ status: 200, json: {} });
    }
    if (tooMany > 0) {
      // Throttled: 429 with Retry-After. No public source shows OWA's own service.svc
      // throttled; Exchange's other HTTP endpoints are: outlook.office.com's REST API answers
      // 429 (https://github.com/OfficeDev/outlook-dev-docs/issues/144), Exchange ActiveSync
      // answers 503 with Retry-After, which the client SHOULD wait out (Microsoft Learn
      // [MS-ASHTTP] 3.1.5.2.3, https://learn.microsoft.com/en-us/openspecs/exchange_server_protocols/ms-ashttp/7eff4bdd-9736-47a8-bbdf-16b8f2a754ac),
      // and EWS answers ErrorServerBusy with BackOffMilliseconds (Microsoft Learn, "EWS
      // throttling in Exchange", https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/ews-throttling-in-exchange).
      tooMany -= 1;
      record(429);
      return route.fulfill({ status: 429, headers: { 'retry-after': '2' }, body: '' });
    }
    const refused = refusal(headers);
    if (refused) {
      record(refused);
      return route.fulfill({ status: refused, body: '' });
    }
    record(200);
    return route.fulfill({
      status: 200,
      json: answer(action, body, headers['x-anchormailbox'] ?? options.primaryMailbox ?? ''),
    });
  }

  await context.route(`${options.origin}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (/^\/owa\/(?:\d+\/)?(?:service\.svc|startupdata\.ashx)/.test(url.pathname)) {
      // The start-up data request is a POST answered with JSON; consumer pages make it under
      // /owa/0/ (mustang-im/mustang backend/owa.ts, fetchSessionData, answers JSON from
      // sessiondata.ashx; https://github.com/mustang-im/mustang/issues/198, startupdata.ashx
      // on outlook.live.com under /owa/0/). Its content does not matter here: MailSeal
      // learns only the headers of the request, never its answer.
      if (url.pathname.endsWith('startupdata.ashx'))
        return route.fulfill({ status: 200, json: {} });
      return service(route, url);
    }
    const page =
      pages.find(([prefix]) => url.pathname.startsWith(prefix))?.[1] ?? pages.at(-1)?.[1] ?? '';
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: page });
  });
  return calls;
}

/** The service actions MailSeal makes; the page's own calls are answered but not recorded. */
const MAILSEAL_ACTIONS = new Set(['GetItem', 'GetConversationItems', 'GetFolder']);

/** MailSeal's own service calls (GetItem, GetConversationItems, GetFolder) among all recorded. */
export const mailsealCalls = (calls: OwaCall[]) =>
  calls.filter((c) => MAILSEAL_ACTIONS.has(c.action));

/** The item id a GetItem call asked for. */
export function askedItem(call: OwaCall): string {
  const body = call.body as { Body?: { ItemIds?: { Id?: string }[] } };
  return body.Body?.ItemIds?.[0]?.Id ?? '';
}
