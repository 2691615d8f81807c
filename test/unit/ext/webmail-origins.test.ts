// Adding and removing a self-hosted webmail origin: permission first, then the registration;
// removing drops both; a permission taken back elsewhere drops the registration; a registration
// the browser dropped on an extension update comes back while the permission is held.
import { describe, expect, it } from 'vitest';
import {
  addWebmailOrigin,
  listWebmailOrigins,
  type OriginsBrowser,
  type RegisteredScript,
  ROUNDCUBE_SCRIPT_FILE,
  removeWebmailOrigin,
  syncWebmailOrigins,
  WEBMAIL_ORIGINS_KEY,
  webmailOrigin,
} from '../../../lib/ext/webmail-origins.ts';

function fakeBrowser(grant: boolean) {
  const granted = new Set<string>();
  const scripts = new Map<string, RegisteredScript>();
  const local = new Map<string, unknown>();
  const api: OriginsBrowser = {
    permissions: {
      contains: async ({ origins }) => origins.every((o) => granted.has(o)),
      request: async ({ origins }) => {
        if (grant) for (const o of origins) granted.add(o);
        return grant;
      },
      remove: async ({ origins }) => {
        for (const o of origins) granted.delete(o);
        return true;
      },
    },
    scripting: {
      registerContentScripts: async (list) => {
        for (const s of list) {
          if (scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
          scripts.set(s.id, s);
        }
      },
      unregisterContentScripts: async ({ ids }) => {
        for (const id of ids) scripts.delete(id);
      },
      getRegisteredContentScripts: async () => [...scripts.values()],
    },
    storage: {
      local: {
        get: async (key) => (local.has(key) ? { [key]: local.get(key) } : {}),
        set: async (items) => {
          for (const [key, value] of Object.entries(items)) local.set(key, value);
        },
      },
    },
  };
  return { api, granted, scripts, local };
}

describe('webmail origins', () => {
  it('accepts https origins (and http on loopback only), from a URL or a bare host', () => {
    expect(webmailOrigin('https://webmail.example.org/?_task=mail')).toBe(
      'https://webmail.example.org',
    );
    expect(webmailOrigin('webmail.example.org')).toBe('https://webmail.example.org');
    expect(webmailOrigin('https://mail.example.org:8443/roundcube/')).toBe(
      'https://mail.example.org:8443',
    );
    expect(webmailOrigin('http://localhost:8080/')).toBe('http://localhost:8080');
    expect(webmailOrigin('http://webmail.example.org')).toBeNull();
    expect(webmailOrigin('ftp://webmail.example.org')).toBeNull();
    expect(webmailOrigin('https://user:pw@webmail.example.org')).toBeNull();
    expect(webmailOrigin('')).toBeNull();
    expect(webmailOrigin('not a host')).toBeNull();
  });

  it('registers the Roundcube script in every frame, persisted, once the user grants access', async () => {
    const { api, granted, scripts } = fakeBrowser(true);
    expect(await addWebmailOrigin(api, 'https://webmail.example.org/mail/')).toEqual({
      ok: true,
      origin: 'https://webmail.example.org',
    });
    expect([...granted]).toEqual(['https://webmail.example.org/*']);
    expect([...scripts.values()]).toEqual([
      {
        id: 'roundcube https://webmail.example.org',
        matches: ['https://webmail.example.org/*'],
        js: [ROUNDCUBE_SCRIPT_FILE],
        allFrames: true,
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
    // Adding it again is not an error and registers nothing twice.
    expect((await addWebmailOrigin(api, 'webmail.example.org')).ok).toBe(true);
    expect(await listWebmailOrigins(api)).toEqual(['https://webmail.example.org']);
  });

  it('registers nothing when the user refuses, or the address is not a webmail origin', async () => {
    const { api, scripts } = fakeBrowser(false);
    expect(await addWebmailOrigin(api, 'https://webmail.example.org')).toEqual({
      ok: false,
      reason: 'denied',
    });
    expect(await addWebmailOrigin(api, 'http://webmail.example.org')).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(scripts.size).toBe(0);
  });

  it('removing unregisters the script and gives the permission back', async () => {
    const { api, granted, scripts, local } = fakeBrowser(true);
    await addWebmailOrigin(api, 'https://webmail.example.org');
    expect(local.get(WEBMAIL_ORIGINS_KEY)).toEqual(['https://webmail.example.org']);
    await removeWebmailOrigin(api, 'https://webmail.example.org');
    expect(scripts.size).toBe(0);
    expect(granted.size).toBe(0);
    expect(local.get(WEBMAIL_ORIGINS_KEY)).toEqual([]);
    // Nothing comes back at the next start.
    await syncWebmailOrigins(api);
    expect(scripts.size).toBe(0);
  });

  it('drops a registration whose permission was taken back in the browser settings', async () => {
    const { api, granted, scripts } = fakeBrowser(true);
    await addWebmailOrigin(api, 'https://a.example.org');
    await addWebmailOrigin(api, 'https://b.example.org');
    granted.delete('https://a.example.org/*');
    expect(await syncWebmailOrigins(api)).toEqual(['https://a.example.org']);
    expect([...scripts.keys()]).toEqual(['roundcube https://b.example.org']);
    expect(await listWebmailOrigins(api)).toEqual(['https://b.example.org']);
  });

  // Chromium clears an extension's registered content scripts when it is updated (and reloads an
  // unpacked one at every start, seen in test/e2e/roundcube.test.ts "across a browser restart"),
  // while optional host permissions the user granted stay.
  it('registers the script again after the browser dropped it, while the permission is held', async () => {
    const { api, granted, scripts } = fakeBrowser(true);
    await addWebmailOrigin(api, 'https://a.example.org');
    await addWebmailOrigin(api, 'https://b.example.org');
    scripts.clear();
    granted.delete('https://b.example.org/*');
    expect(await syncWebmailOrigins(api)).toEqual(['https://b.example.org']);
    expect([...scripts.values()].map((s) => s.matches)).toEqual([['https://a.example.org/*']]);
    expect(await listWebmailOrigins(api)).toEqual(['https://a.example.org']);
    // Run again (each start), it changes nothing.
    expect(await syncWebmailOrigins(api)).toEqual([]);
    expect(scripts.size).toBe(1);
  });
});
