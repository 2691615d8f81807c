// The background's message handlers: per-tab verdicts, settings, and the toolbar badge.

import type { PageOpened, TabVerdict, WebmailSite } from '../messaging/protocol.ts';
import { type Handlers, handleMessages, type MessageSender } from './messaging.ts';
import { loadSettings, saveSettings } from './settings-store.ts';
import { showVerdictOnToolbar } from './toolbar-badge.ts';

const SITE_NAMES: Record<WebmailSite, string> = { gmail: 'Gmail', outlook: 'Outlook' };

export function idleVerdict(site: WebmailSite): TabVerdict {
  return {
    level: 'idle',
    badgeText: '…',
    summary: `watching ${SITE_NAMES[site]}; open a message to check how it travelled`,
  };
}

export function startBackgroundService(): () => void {
  const verdictsByTab = new Map<number, TabVerdict>();

  async function remember(sender: MessageSender, verdict: TabVerdict): Promise<TabVerdict> {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return verdict;
    verdictsByTab.set(tabId, verdict);
    const settings = await loadSettings();
    if (settings.features.toolbarBadge) await showVerdictOnToolbar(tabId, verdict);
    return verdict;
  }

  const handlers: Handlers = {
    pageOpened: (request: PageOpened, sender) => remember(sender, idleVerdict(request.site)),
    getTabVerdict: ({ tabId }) => verdictsByTab.get(tabId) ?? null,
    getSettings: () => loadSettings(),
    saveSettings: (next) => saveSettings(next),
  };
  return handleMessages(handlers);
}
