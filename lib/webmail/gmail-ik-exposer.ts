// The only Gmail code that runs in the page world: it reads GLOBALS[9] (`ik`) and hands that one
// value to the isolated content script in an attribute. In a popout window Gmail defines no
// GLOBALS; the value is the opener's (InboxSDK/InboxSDK src/injected-js/setup-data-exposer.ts
// reads window.opener.top in that case).

import { IK_ATTRIBUTE, validIk } from './gmail-ik.ts';

interface GmailWindow {
  GLOBALS?: unknown;
  opener?: { top?: GmailWindow | null } | null;
}

function ikOf(win: GmailWindow | null | undefined): string | null {
  try {
    const globals = win?.GLOBALS;
    return Array.isArray(globals) ? validIk(globals[9]) : null;
  } catch {
    // A cross-origin opener throws on access: not Gmail, nothing to read.
    return null;
  }
}

export function readPageIk(win: GmailWindow): string | null {
  const own = ikOf(win);
  if (own) return own;
  try {
    return ikOf(win.opener?.top);
  } catch {
    return null;
  }
}

/** Publishes ik now, and again while Gmail is still starting up (GLOBALS comes with the page). */
export function exposeGmailIk(
  win: GmailWindow,
  root: Element,
  schedule: (run: () => void, ms: number) => void,
  { tries = 50, stepMs = 200 } = {},
): void {
  const attempt = (left: number) => {
    const ik = readPageIk(win);
    // Empty says "looked, none yet", so the isolated script need not wait for us.
    root.setAttribute(IK_ATTRIBUTE, ik ?? '');
    if (!ik && left > 0) schedule(() => attempt(left - 1), stepMs);
  };
  attempt(tries);
}
