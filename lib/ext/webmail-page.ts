// What a content script does on a webmail page: announce itself to the background.

import type { WebmailSite } from '../messaging/protocol.ts';
import { sendToBackground } from './messaging.ts';

export async function announceWebmailPage(site: WebmailSite): Promise<void> {
  await sendToBackground('pageOpened', { site });
}
