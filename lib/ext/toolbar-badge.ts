// Paints a TabVerdict onto the toolbar icon of one tab: padlock icon variant, badge text, title.

import { browser } from 'wxt/browser';
import type { TabVerdict } from '../messaging/protocol.ts';

const BADGE_COLORS: Record<TabVerdict['level'], string> = {
  green: '#1a7f37',
  amber: '#9a6700',
  red: '#cf222e',
  grey: '#6e7781',
  idle: '#6e7781',
  checking: '#6e7781',
};

function iconPaths(level: TabVerdict['level']): Record<string, string> {
  if (level === 'idle' || level === 'checking') {
    return { 16: '/icon/16.png', 32: '/icon/32.png', 48: '/icon/48.png' };
  }
  return {
    16: `/padlock/${level}-16.png`,
    32: `/padlock/${level}-32.png`,
    48: `/padlock/${level}-48.png`,
  };
}

export async function showVerdictOnToolbar(tabId: number, verdict: TabVerdict): Promise<void> {
  await Promise.all([
    browser.action.setBadgeText({ tabId, text: verdict.badgeText }),
    browser.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLORS[verdict.level] }),
    browser.action.setTitle({ tabId, title: `MailSeal: ${verdict.summary}` }),
    browser.action.setIcon({ tabId, path: iconPaths(verdict.level) }),
  ]);
}

export async function clearToolbar(tabId: number): Promise<void> {
  await Promise.all([
    browser.action.setBadgeText({ tabId, text: '' }),
    browser.action.setTitle({ tabId, title: 'MailSeal' }),
  ]);
}
