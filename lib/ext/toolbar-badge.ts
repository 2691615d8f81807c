// Paints a TabVerdict onto the toolbar icon of one tab.

import { browser } from 'wxt/browser';
import type { TabVerdict } from '../messaging/protocol.ts';

const BADGE_COLORS: Record<TabVerdict['level'], string> = {
  secure: '#1a7f37',
  partial: '#9a6700',
  insecure: '#cf222e',
  unknown: '#6e7781',
  idle: '#6e7781',
};

export async function showVerdictOnToolbar(tabId: number, verdict: TabVerdict): Promise<void> {
  await Promise.all([
    browser.action.setBadgeText({ tabId, text: verdict.badgeText }),
    browser.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLORS[verdict.level] }),
    browser.action.setTitle({ tabId, title: `MailSeal: ${verdict.summary}` }),
  ]);
}
