// Opens the DoH resolver's connection while a message's headers are still being fetched (the
// content script's `messageOpening`). A resolver closes an idle HTTP/2 connection on its own
// (Unbound after a few seconds), and a new TCP and TLS handshake would then come before the
// message's first DoH round. Only an origin not used for `idleMs` is warmed, with one question
// about the root (doh-exchange.ts `rootQueryUrl`), past the HTTP cache, in the same credentials
// mode as the real questions, so the browser pools them on one connection.

export interface ConnectionWarmerDeps {
  fetch: typeof fetch;
  now: () => number;
  /** An origin used this recently has its connection open: it is not warmed. */
  idleMs?: number;
}

export interface ConnectionWarmer {
  /** `fetch` that records each origin it reaches, for the idle rule. */
  fetch: typeof fetch;
  /** Sends each request whose origin has been idle; never throws, never waits for the answer. */
  warm(urls: readonly string[], headers?: Record<string, string>): void;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export function createConnectionWarmer(deps: ConnectionWarmerDeps): ConnectionWarmer {
  const idleMs = deps.idleMs ?? 10_000;
  const lastUsed = new Map<string, number>();
  const touch = (url: string) => {
    const origin = originOf(url);
    if (origin !== null) lastUsed.set(origin, deps.now());
  };
  return {
    fetch: (input, init) => {
      touch(input instanceof Request ? input.url : String(input));
      return deps.fetch(input, init);
    },
    warm(urls, headers = {}) {
      for (const url of urls) {
        const origin = originOf(url);
        if (origin === null) continue;
        const last = lastUsed.get(origin);
        if (last !== undefined && deps.now() - last < idleMs) continue;
        lastUsed.set(origin, deps.now());
        void deps
          .fetch(url, { method: 'GET', headers, cache: 'no-store', credentials: 'omit' })
          .then((response) => response.body?.cancel())
          .catch(() => {});
      }
    },
  };
}
