// Serves fixture pages AT the real webmail URLs, so the content scripts' matches apply.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { BrowserContext } from 'playwright-core';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/webmail');

export const WEBMAIL_ORIGINS = {
  gmail: 'https://mail.google.com',
  outlook: 'https://outlook.office.com',
  outlookLive: 'https://outlook.live.com',
  outlook365: 'https://outlook.office365.com',
  outlookCloud: 'https://outlook.cloud.microsoft',
} as const;

/** Routes every request under `origin` to one fixture HTML page. */
export async function serveFixturePage(
  context: BrowserContext,
  origin: string,
  fixtureFile: string,
): Promise<void> {
  const body = await readFile(resolve(FIXTURES, fixtureFile), 'utf8');
  await context.route(`${origin}/**`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }),
  );
}
