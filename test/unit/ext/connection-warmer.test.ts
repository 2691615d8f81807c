// Issue 16, "fast": a message that starts opening warms the DoH connection while its headers
// are fetched, so a connection the resolver closed while idle costs no handshake in the first
// DoH round. Only an idle origin is warmed, with one question about the root.
import { Buffer } from 'node:buffer';
import * as packet from 'dns-packet';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createAssessor } from '../../../lib/ext/assessor.ts';
import { startBackgroundService } from '../../../lib/ext/background-service.ts';
import { createConnectionWarmer } from '../../../lib/ext/connection-warmer.ts';
import { CONTENT_PORT_NAME } from '../../../lib/messaging/content-port.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings/settings.ts';
import { fakePorts } from './fake-ports.ts';
import { installEnglishI18n } from './i18n-fixture.ts';
import { createMemoryArea } from './memory-area.ts';

function recordingFetch() {
  const calls: { url: string; init?: RequestInit }[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), ...(init ? { init } : {}) });
    return new Response('bad request', { status: 400 });
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

describe('connection warmer', () => {
  it('warms an idle origin once, past the HTTP cache, pooled like the real requests', async () => {
    const { fetch, calls } = recordingFetch();
    let now = 0;
    const warmer = createConnectionWarmer({ fetch, now: () => now, idleMs: 10_000 });
    warmer.warm(['https://doh.example/dns-query'], { accept: 'application/dns-message' });
    warmer.warm(['https://doh.example/dns-query']);
    expect(calls).toEqual([
      {
        url: 'https://doh.example/dns-query',
        init: {
          method: 'GET',
          headers: { accept: 'application/dns-message' },
          cache: 'no-store',
          credentials: 'omit',
        },
      },
    ]);
    now = 11_000;
    warmer.warm(['https://doh.example/dns-query']);
    expect(calls).toHaveLength(2);
  });

  it('leaves a connection in use alone: a DoH question within the idle time counts', async () => {
    const { fetch, calls } = recordingFetch();
    let now = 0;
    const warmer = createConnectionWarmer({ fetch, now: () => now, idleMs: 10_000 });
    await warmer.fetch('https://doh.example/dns-query?dns=AAAB');
    now = 5_000;
    warmer.warm(['https://doh.example/dns-query', 'https://probe.example/healthz']);
    expect(calls.map((c) => c.url)).toEqual([
      'https://doh.example/dns-query?dns=AAAB',
      'https://probe.example/healthz',
    ]);
  });

  it('a failed warm-up is silent', async () => {
    const warmer = createConnectionWarmer({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
      now: () => 0,
    });
    expect(() => warmer.warm(['https://doh.example/dns-query', 'not a url'])).not.toThrow();
  });

  it("the assessor warms the settings' resolver with a question about the root", async () => {
    const { fetch, calls } = recordingFetch();
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      resolver: { kind: 'custom', url: 'https://doh.example/dns-query' },
      probe: { url: 'https://probe.example', token: '' },
      features: { ...DEFAULT_SETTINGS.features, useProbe: true },
    };
    const assessor = createAssessor({
      settings: async () => settings,
      local: createMemoryArea(),
      now: () => 0,
      fetch,
    });
    await assessor.warm();
    expect(calls).toHaveLength(1);
    const url = new URL(calls[0]?.url ?? '');
    expect(url.origin + url.pathname).toBe('https://doh.example/dns-query');
    const question = packet.decode(Buffer.from(url.searchParams.get('dns') ?? '', 'base64url'));
    expect(question.questions).toEqual([{ name: '.', type: 'NS', class: 'IN' }]);
  });
});

describe('background: a message starting to open', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    installEnglishI18n();
  });

  it('warms the connections before its headers arrive', async () => {
    let warmed = 0;
    const ports = fakePorts();
    const stop = startBackgroundService({
      contentPorts: ports.onConnect,
      assess: async () => {
        throw new Error('not asked here');
      },
      warm: async () => {
        warmed++;
      },
      clearCache: async () => 0,
      session: createMemoryArea(),
    });
    try {
      const page = ports.connect(CONTENT_PORT_NAME, { tab: { id: 3 } as never });
      page.postMessage({
        mailseal: 1,
        kind: 'tell',
        tell: { type: 'messageOpening', data: { site: 'gmail', seq: 1, inView: true } },
      });
      await expect.poll(() => warmed).toBe(1);
    } finally {
      stop();
    }
  });
});
