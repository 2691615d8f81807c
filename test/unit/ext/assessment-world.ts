// What the assessor's unit tests share: the Gmail message they assess (a TLS 1.3 handoff from
// sender.example to gmail.com), the records of a fake signed DNS world, and the trust anchor
// of that world's root, so each test builds only the zones it is about.
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DohTransport } from '../../../lib/dns/transport.ts';
import { createAssessor } from '../../../lib/ext/assessor.ts';
import type { StorageAreaLike } from '../../../lib/ext/domain-cache.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings/settings.ts';
import { cutHeaderBlock } from '../../../lib/webmail/header-block.ts';
import { slimHeaderBlock } from '../../../lib/webmail/slim-header-block.ts';
import { type FakeResolver, NOW } from '../dns/dnssec/fake-resolver.ts';
import { dsOf, type Rec, type TestKey } from '../dns/dnssec/fake-zones.ts';
import { createMemoryArea } from './memory-area.ts';

const raw = readFileSync(
  resolve(import.meta.dirname, '../../fixtures/webmail/gmail-original-tls.eml.txt'),
  'utf8',
);

/** The content script's request for that message, as it arrives in the background. */
export const gmailTlsRequest = {
  site: 'gmail' as const,
  seq: 1,
  inView: true,
  headers: slimHeaderBlock(cutHeaderBlock(raw) ?? ''),
};

export const txt = (name: string, text: string): Rec => ({
  name,
  type: 'TXT',
  ttl: 300,
  data: [text],
});
export const a = (name: string, ip: string): Rec => ({ name, type: 'A', ttl: 300, data: ip });
export const aaaa = (name: string, ip: string): Rec => ({
  name,
  type: 'AAAA',
  ttl: 300,
  data: ip,
});
export const mx = (name: string, exchange: string): Rec => ({
  name,
  type: 'MX',
  ttl: 300,
  data: { preference: 10, exchange },
});
export const tlsa = (name: string): Rec => ({
  name,
  type: 'TLSA',
  ttl: 300,
  data: { usage: 3, selector: 1, matchingType: 1, certificate: Buffer.alloc(32, 0xab) },
});

/** The fake root's DS, as the options page's lab trust anchor takes it. */
export async function rootAnchorOf(resolver: FakeResolver): Promise<string> {
  const ds = (await dsOf('', resolver.zone('').key as TestKey)).data as {
    keyTag: number;
    algorithm: number;
    digestType: number;
    digest: Buffer;
  };
  return `. 3600 IN DS ${ds.keyTag} ${ds.algorithm} ${ds.digestType} ${ds.digest.toString('hex')}`;
}

/** A lab assessor's settings: DoH at `doh`, the probe at `probe`, validated from `anchor`. */
export function labSettings(doh: string, probe: string, anchor: string): Settings {
  return {
    ...DEFAULT_SETTINGS,
    resolver: { kind: 'custom', url: doh },
    probe: { url: probe, token: '' },
    features: { ...DEFAULT_SETTINGS.features, useProbe: true, keepSenderHistory: true },
    // The test root's key as the anchor: validated locally, as real answers from the IANA root.
    labMode: true,
    labTrustAnchor: anchor,
  };
}

/** The extension's assessor in the lab world: `settings`, `fetch`, at the fake zones' time. */
export function labAssessor(
  settings: Settings,
  fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>,
  local: StorageAreaLike = createMemoryArea(),
) {
  return createAssessor({
    settings: async () => settings,
    local,
    now: () => NOW * 1000,
    fetch: fetch as typeof globalThis.fetch,
  });
}

/** `transport`'s answer to what the assessor fetched, as the browser's fetch gives it. */
export async function fetchThrough(
  transport: DohTransport,
  input: RequestInfo | URL,
  init?: RequestInit,
): Promise<Response> {
  const reply = await transport({
    url: String(input),
    method: init?.method === 'POST' ? 'POST' : 'GET',
    headers: {},
    signal: init?.signal ?? new AbortController().signal,
    maxResponseBytes: 65_535,
  });
  return new Response(reply.body as BodyInit, {
    status: reply.status,
    headers: { 'content-type': reply.contentType ?? '' },
  });
}
