// Starts the content script on a webmail page: announce the page, read the settings, watch.

import { createInlineBadges } from '../../components/inline-badges.tsx';
import type { WebmailSite } from '../messaging/protocol.ts';
import { t } from './i18n.ts';
import { sendToBackground } from './messaging.ts';
import { runWebmailContent, type SiteAdapter } from './webmail-content.ts';

export async function startWebmailContent<Ref>(
  site: WebmailSite,
  adapter: SiteAdapter<Ref>,
): Promise<void> {
  await sendToBackground('pageOpened', { site });
  const settings = await sendToBackground('getSettings', null);
  runWebmailContent(adapter, {
    document,
    badges: createInlineBadges(document, t),
    send: sendToBackground,
    now: () => performance.now(),
    inlineBadge: settings.features.inlineBadge,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  });
}
