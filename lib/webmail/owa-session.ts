// What the Outlook page world learns from OWA's own calls: for each mailbox (its
// x-anchormailbox), the headers that authenticate and route a call. OWA keeps one set per
// mailbox, so shared and delegated mailboxes and a second account each need their own
// (docs/webmail.md, "delegated"). Learned from fetch, XHR and the start-up data
// request alike: mustang-im/mustang backend/owa.ts takes the token from the startupdata request.

import { realOwaCanary } from './owa-service.ts';

/** Headers of OWA's own calls worth replaying (lower-case). */
export const SESSION_HEADERS = [
  'authorization',
  'x-anchormailbox',
  'x-owa-canary',
  'x-owa-sessionid',
  'x-tenantid',
  'x-owa-hosted-ux',
  'x-routingparameter-sessionkey',
  'x-req-source',
  'prefer',
  'x-clientid',
  'owaappid',
] as const;

/** OWA's JSON service, its start-up data request, and the rest of its API under /owa/. */
const LEARN_FROM = /^\/owa\/(?:\d+\/)?(?:service\.svc|startupdata\.ashx|[^?#]*)/i;
/** The account part of any call under /owa/ (consumer pages use /owa/0/…, O8). */
const ACCOUNT_PATH = /^\/owa(\/\d+)?\//i;

export interface OwaSession {
  headers: Record<string, string>;
  /** Counts sessions learned, so a waiter can tell a fresh one from the one that failed. */
  epoch: number;
}

export interface SessionStore {
  /** Takes what one of the page's own calls carried; returns true when it was news. */
  learn(path: string, headers: Iterable<[string, string]>): boolean;
  /** The session for a mailbox address (shared/delegate), or the page's own when null. */
  sessionFor(mailbox: string | null): OwaSession | null;
  servicePath(): string;
  /** Resolves with the next session for that mailbox newer than `afterEpoch`, or null on timeout. */
  next(mailbox: string | null, afterEpoch: number, timeoutMs: number): Promise<OwaSession | null>;
}

type Timer = (run: () => void, ms: number) => unknown;

function matchesMailbox(anchor: string, mailbox: string): boolean {
  // Anchors look like "SMTP:user@contoso.com" or "PUID:…@tenant"; compare the address part.
  return anchor.toLowerCase().replace(/^[a-z]+:/, '') === mailbox.toLowerCase();
}

export function createSessionStore(
  setTimer: Timer,
  clearTimer: (handle: unknown) => void,
): SessionStore {
  const sessions = new Map<string, OwaSession>();
  let primary: string | null = null;
  let epoch = 0;
  let service = '/owa/service.svc';
  const waiters = new Set<() => void>();

  function sessionFor(mailbox: string | null): OwaSession | null {
    if (mailbox) {
      for (const [anchor, session] of sessions) if (matchesMailbox(anchor, mailbox)) return session;
      return null;
    }
    return (primary !== null ? sessions.get(primary) : undefined) ?? null;
  }

  return {
    learn(path, entries) {
      if (!LEARN_FROM.test(path)) return false;
      // The start-up data request may be the only call seen so far: it names the account too.
      service = `/owa${ACCOUNT_PATH.exec(path)?.[1] ?? ''}/service.svc`;
      const headers: Record<string, string> = {};
      for (const [name, value] of entries) {
        const lower = name.toLowerCase();
        if ((SESSION_HEADERS as readonly string[]).includes(lower)) headers[lower] = value;
      }
      // OWA's placeholder canary authenticates nothing: never keep it (webmail-reality O10).
      const canary = realOwaCanary(headers['x-owa-canary']);
      if (canary) headers['x-owa-canary'] = canary;
      else delete headers['x-owa-canary'];
      if (!headers.authorization && !headers['x-owa-canary']) return false;
      const anchor = headers['x-anchormailbox']?.toLowerCase() ?? '';
      // The page's own mailbox is the first one it talks to (its start-up data request).
      primary ??= anchor;
      const known = sessions.get(anchor);
      if (known && JSON.stringify(known.headers) === JSON.stringify(headers)) return false;
      epoch += 1;
      sessions.set(anchor, { headers, epoch });
      for (const wake of [...waiters]) wake();
      return true;
    },
    sessionFor,
    servicePath: () => service,
    next(mailbox, afterEpoch, timeoutMs) {
      return new Promise((resolve) => {
        const check = () => {
          const session = sessionFor(mailbox);
          if (!session || session.epoch <= afterEpoch) return;
          done(session);
        };
        const done = (session: OwaSession | null) => {
          waiters.delete(check);
          clearTimer(timer);
          resolve(session);
        };
        const timer = setTimer(() => done(null), timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}
