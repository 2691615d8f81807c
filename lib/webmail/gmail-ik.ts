// Gmail's `ik` (the account's key, GLOBALS[9]) as peers get it: a page-world script copies the
// one value into an attribute of the root element (InboxSDK/InboxSDK src/injected-js/
// setup-data-exposer.ts does the same with data-inboxsdk-ik-value; gmail.js src/gmail.js L75
// reads `api.tracker.ik = GLOBALS[9]`). Links carrying ik= are only the last fallback: real
// Gmail rarely has them outside attachments.

import { GMAIL_SELECTORS, queryAllFirstMatching } from './gmail-selectors.ts';

export const IK_ATTRIBUTE = 'data-mailseal-ik';
const IK = /^[0-9a-f]{6,16}$/i;

export function validIk(value: unknown): string | null {
  return typeof value === 'string' && IK.test(value) ? value : null;
}

function ikFromLinks(root: ParentNode): string | null {
  for (const element of queryAllFirstMatching(root, GMAIL_SELECTORS.ikLinks)) {
    const href = element.getAttribute('href') ?? '';
    const match = /[?&]ik=([0-9a-f]{6,16})(?:&|$)/i.exec(href);
    if (match?.[1]) return match[1];
  }
  return null;
}

/** The ik handed over by the page-world script, else one from a link; null when neither. */
export function findGmailIk(document: Document): string | null {
  return validIk(document.documentElement.getAttribute(IK_ATTRIBUTE)) ?? ikFromLinks(document);
}

/** Waits a little for the page-world script to have looked (it may run after this one). */
export async function waitForGmailIk(
  document: Document,
  sleep: (ms: number) => Promise<void>,
  { tries = 20, stepMs = 100 } = {},
): Promise<string | null> {
  for (let attempt = 0; attempt < tries; attempt++) {
    if (document.documentElement.getAttribute(IK_ATTRIBUTE) !== null) break;
    await sleep(stepMs);
  }
  return findGmailIk(document);
}
