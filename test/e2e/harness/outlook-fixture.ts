// Serves an Outlook on the web page AT outlook.office.com and OWA's own JSON service behind it:
// GetItem with the transport-headers property (0x007D) answers from a header file per item id.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { BrowserContext } from 'playwright-core';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/webmail');

export interface OwaCall {
  action: string;
  headers: Record<string, string>;
  body: unknown;
}

export async function serveOutlook(
  context: BrowserContext,
  options: {
    origin: string;
    page: string;
    /** Item id → transport-headers fixture file. */
    items: Record<string, string>;
    /** Conversation id → its item ids, newest first. */
    conversations?: Record<string, string[]>;
  },
): Promise<OwaCall[]> {
  const page = await readFile(resolve(FIXTURES, options.page), 'utf8');
  const items = new Map<string, string>();
  for (const [id, file] of Object.entries(options.items))
    items.set(id, (await readFile(resolve(FIXTURES, file), 'utf8')).replace(/\r?\n/g, '\r\n'));
  const calls: OwaCall[] = [];
  await context.route(`${options.origin}/**`, async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (!url.pathname.endsWith('/service.svc'))
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: page });
    const action = url.searchParams.get('action') ?? '';
    const body = request.postDataJSON() as {
      Body?: {
        ItemIds?: { Id?: string }[];
        Conversations?: { ConversationId?: { Id?: string } }[];
      };
    } | null;
    calls.push({ action, headers: await request.allHeaders(), body });
    if (action === 'GetConversationItems') {
      const conversationId = body?.Body?.Conversations?.[0]?.ConversationId?.Id ?? '';
      const ids = options.conversations?.[conversationId] ?? [];
      const node = { Items: ids.map((Id) => ({ ItemId: { Id } })) };
      return route.fulfill({
        status: 200,
        json: {
          Body: {
            ResponseMessages: {
              Items: [{ ResponseClass: 'Success', Conversation: { ConversationNodes: [node] } }],
            },
          },
        },
      });
    }
    if (action !== 'GetItem') return route.fulfill({ status: 200, json: {} });
    const id = body?.Body?.ItemIds?.[0]?.Id ?? '';
    const headers = items.get(id);
    const item = headers
      ? {
          ItemId: { Id: id },
          ExtendedProperty: [
            { ExtendedFieldURI: { PropertyTag: '0x7d', PropertyType: 'String' }, Value: headers },
          ],
        }
      : { ItemId: { Id: id } };
    return route.fulfill({
      status: 200,
      json: {
        Body: { ResponseMessages: { Items: [{ ResponseClass: 'Success', Items: [item] }] } },
      },
    });
  });
  return calls;
}
