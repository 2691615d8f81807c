// Reads the inline padlocks of a webmail page: their state, and which message each one judged.

import type { Page } from 'playwright-core';

export interface InlineBadgeInfo {
  /** green/amber/red/grey level, "checking", or "problem". */
  state: string | null;
  /** For problems: unreadable, login-required, sent-by-you, rate-limited. */
  problem: string | null;
  /** data-message-id of the Gmail message around the padlock. */
  gmailMessageId: string | null;
  /** The element the padlock sits beside: its email attribute, or its title. */
  beside: string | null;
}

export function readBadges(page: Page): Promise<InlineBadgeInfo[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-mailseal-badge]')].map((host) => {
      const before = host.previousElementSibling;
      return {
        state: host.getAttribute('data-state'),
        problem: host.getAttribute('data-problem'),
        gmailMessageId: host.closest('[data-message-id]')?.getAttribute('data-message-id') ?? null,
        beside: before?.getAttribute('email') ?? before?.getAttribute('title') ?? null,
      };
    }),
  );
}

/** Waits until no padlock is still checking (or waiting out a 429), then returns them all. */
export async function settledBadges(
  page: Page,
  expected: number,
  timeoutMs = 30_000,
): Promise<InlineBadgeInfo[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const badges = await readBadges(page);
    const settled = badges.every((b) => b.state !== 'checking' && b.problem !== 'rate-limited');
    if (badges.length === expected && settled) return badges;
    if (Date.now() > deadline)
      throw new Error(`badges did not settle: ${JSON.stringify(badges)} (expected ${expected})`);
    await page.waitForTimeout(100);
  }
}
