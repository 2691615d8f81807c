// Self-hosted webmail origins (Roundcube): the user adds one in the options page, the browser
// asks for access to that origin (optional host permission), and the Roundcube content script is
// registered for it at run time, persisted across restarts. The registrations themselves are
// the list: nothing else is stored. Removing an origin unregisters the script and gives the
// permission back; without both, nothing of MailSeal runs on that origin.

/** WXT's output path for entrypoints/roundcube.content (registration: 'runtime'). */
export const ROUNDCUBE_SCRIPT_FILE = 'content-scripts/roundcube.js';
const ID_PREFIX = 'roundcube ';

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
  if ((await listWebmailOrigins(browser)).includes(origin)) return { ok: true, origin };
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
  return { ok: true, origin };
}

export async function removeWebmailOrigin(browser: OriginsBrowser, origin: string): Promise<void> {
  if ((await listWebmailOrigins(browser)).includes(origin)) {
    await browser.scripting.unregisterContentScripts({ ids: [scriptId(origin)] });
  }
  await browser.permissions.remove({ origins: [pattern(origin)] }).catch(() => false);
}

/**
 * Drops registrations whose permission the user took back elsewhere (the browser's extension
 * settings): run at start-up and when permissions are removed.
 */
export async function syncWebmailOrigins(browser: OriginsBrowser): Promise<string[]> {
  const dropped: string[] = [];
  for (const origin of await listWebmailOrigins(browser)) {
    if (await browser.permissions.contains({ origins: [pattern(origin)] })) continue;
    await browser.scripting.unregisterContentScripts({ ids: [scriptId(origin)] });
    dropped.push(origin);
  }
  return dropped;
}
