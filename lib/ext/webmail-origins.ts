// Self-hosted webmail origins (Roundcube): the user adds one in the options page, the browser
// asks for access to that origin (optional host permission), and the Roundcube content script is
// registered for it at run time, persisted across restarts. Chromium drops registered scripts
// when the extension is updated (or reloaded, as an unpacked one is at every start) while the
// granted permission stays, so the origins are also kept in storage, and the start-up sync
// registers again every stored origin whose permission is still held. Removing an origin
// unregisters the script and gives the permission back; without both, nothing of MailSeal runs
// on that origin.

/** WXT's output path for entrypoints/roundcube.content (registration: 'runtime'). */
export const ROUNDCUBE_SCRIPT_FILE = 'content-scripts/roundcube.js';
const ID_PREFIX = 'roundcube ';
/** storage.local key: the origins the user added (sorted). */
export const WEBMAIL_ORIGINS_KEY = 'webmailOrigins';

export interface RegisteredScript {
  id: string;
  matches?: string[];
  js?: string[];
  allFrames?: boolean;
  runAt?: 'document_start' | 'document_end' | 'document_idle';
  persistAcrossSessions?: boolean;
}

/** The slice of the browser API this module uses (injected: tests pass fakes). */
export interface OriginsBrowser {
  permissions: {
    contains(p: { origins: string[] }): Promise<boolean>;
    request(p: { origins: string[] }): Promise<boolean>;
    remove(p: { origins: string[] }): Promise<boolean>;
  };
  scripting: {
    registerContentScripts(scripts: RegisteredScript[]): Promise<unknown>;
    unregisterContentScripts(filter: { ids: string[] }): Promise<unknown>;
    getRegisteredContentScripts(): Promise<RegisteredScript[]>;
  };
  storage: {
    local: {
      get(key: string): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
    };
  };
}

export type AddOriginResult =
  | { ok: true; origin: string }
  | { ok: false; reason: 'invalid' | 'denied' };

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

/**
 * The origin of what the user typed (a URL of the webmail, or just its host): https only, since
 * MailSeal reads mail there with the user's session; plain http only on the user's own machine.
 */
export function webmailOrigin(input: string): string | null {
  const text = input.trim();
  if (text === '') return null;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  if (url.username || url.password || (!url.hostname.includes('.') && !LOOPBACK.test(url.hostname)))
    return null;
  if (url.protocol === 'https:') return url.origin;
  return url.protocol === 'http:' && LOOPBACK.test(url.hostname) ? url.origin : null;
}

const pattern = (origin: string) => `${origin}/*`;
const scriptId = (origin: string) => `${ID_PREFIX}${origin}`;

export async function listWebmailOrigins(browser: OriginsBrowser): Promise<string[]> {
  const scripts = await browser.scripting.getRegisteredContentScripts();
  return scripts
    .filter((s) => s.id.startsWith(ID_PREFIX))
    .map((s) => s.id.slice(ID_PREFIX.length))
    .sort();
}

async function storedOrigins(browser: OriginsBrowser): Promise<string[]> {
  const value = (await browser.storage.local.get(WEBMAIL_ORIGINS_KEY))[WEBMAIL_ORIGINS_KEY];
  return Array.isArray(value) ? value.filter((o): o is string => typeof o === 'string') : [];
}

async function storeOrigins(browser: OriginsBrowser, origins: Iterable<string>): Promise<void> {
  await browser.storage.local.set({ [WEBMAIL_ORIGINS_KEY]: [...new Set(origins)].sort() });
}

/** Call from the click handler: the permission request needs the user's gesture. */
export async function addWebmailOrigin(
  browser: OriginsBrowser,
  input: string,
): Promise<AddOriginResult> {
  const origin = webmailOrigin(input);
  if (origin === null) return { ok: false, reason: 'invalid' };
  const granted = await browser.permissions
    .request({ origins: [pattern(origin)] })
    .catch(() => false);
  if (!granted) return { ok: false, reason: 'denied' };
  await storeOrigins(browser, [...(await storedOrigins(browser)), origin]);
  await register(browser, origin);
  return { ok: true, origin };
}

/** Registers the Roundcube script for an origin, unless it already is. */
async function register(browser: OriginsBrowser, origin: string): Promise<void> {
  if ((await listWebmailOrigins(browser)).includes(origin)) return;
  await browser.scripting.registerContentScripts([
    {
      id: scriptId(origin),
      matches: [pattern(origin)],
      js: [ROUNDCUBE_SCRIPT_FILE],
      // Roundcube shows the message in an iframe (#messagecontframe) of the same origin.
      allFrames: true,
      runAt: 'document_idle',
      persistAcrossSessions: true,
    },
  ]);
}

export async function removeWebmailOrigin(browser: OriginsBrowser, origin: string): Promise<void> {
  await storeOrigins(
    browser,
    (await storedOrigins(browser)).filter((o) => o !== origin),
  );
  if ((await listWebmailOrigins(browser)).includes(origin)) {
    await browser.scripting.unregisterContentScripts({ ids: [scriptId(origin)] });
  }
  await browser.permissions.remove({ origins: [pattern(origin)] }).catch(() => false);
}

/**
 * Run at start-up and when permissions are removed: drops the origins whose permission the user
 * took back elsewhere (the browser's extension settings), and registers again the script of
 * every origin still granted whose registration the browser dropped (an extension update).
 * Returns the origins dropped.
 */
export async function syncWebmailOrigins(browser: OriginsBrowser): Promise<string[]> {
  const registered = await listWebmailOrigins(browser);
  const known = new Set([...(await storedOrigins(browser)), ...registered]);
  const kept: string[] = [];
  const dropped: string[] = [];
  for (const origin of known) {
    if (await browser.permissions.contains({ origins: [pattern(origin)] })) {
      await register(browser, origin);
      kept.push(origin);
      continue;
    }
    if (registered.includes(origin)) {
      await browser.scripting.unregisterContentScripts({ ids: [scriptId(origin)] });
    }
    dropped.push(origin);
  }
  await storeOrigins(browser, kept);
  return dropped.sort();
}
