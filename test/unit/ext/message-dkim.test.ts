// The assessor looks up the key of every signature the provider verified on this message:
// <s>._domainkey.<d>, the signer's own zone, and the standards table shows what it found.
// Real corpus messages (mailauth/zbimi.eml, mailauth/bimi.eml as Gmail received them) through
// the slim header block, with an in-process DoH resolver (test/fixtures/dns/fake-doh.ts).
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAssessor } from '../../../lib/ext/assessor.ts';
import type { StorageAreaLike } from '../../../lib/ext/domain-cache.ts';
import { DEFAULT_SETTINGS } from '../../../lib/settings/settings.ts';
import { cutHeaderBlock } from '../../../lib/webmail/header-block.ts';
import { slimHeaderBlock } from '../../../lib/webmail/slim-header-block.ts';
import { createFakeDoh, type FakeRecord, type FakeZoneState } from '../../fixtures/dns/fake-doh.ts';

const CORPUS = new URL('../../../../shared/corpus/', import.meta.url);

function memoryArea(): StorageAreaLike {
  const data = new Map<string, unknown>();
  return {
    async get(keys) {
      const wanted = keys === null ? [...data.keys()] : Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(wanted.filter((k) => data.has(k)).map((k) => [k, data.get(k)]));
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
    async remove(keys) {
      for (const k of Array.isArray(keys) ? keys : [keys]) data.delete(k);
    },
  };
}

const rsaKey = (bits: number) =>
  generateKeyPairSync('rsa', { modulusLength: bits })
    .publicKey.export({ type: 'spki', format: 'der' })
    .toString('base64');

async function assess(path: string, records: FakeRecord[], zones: FakeZoneState[]) {
  const doh = createFakeDoh({ records, zones });
  const assessor = createAssessor({
    settings: async () => ({
      ...DEFAULT_SETTINGS,
      features: { ...DEFAULT_SETTINGS.features, useProbe: false, keepSenderHistory: false },
    }),
    local: memoryArea(),
    now: () => Date.parse('2026-03-04T00:00:00Z'),
    fetch: async (input, init) => {
      const reply = await doh.transport({
        url: String(input),
        method: init?.method === 'POST' ? 'POST' : 'GET',
        headers: {},
        ...(init?.body ? { body: init.body as Uint8Array } : {}),
        signal: init?.signal ?? new AbortController().signal,
        maxResponseBytes: 65_535,
      });
      return new Response(reply.body as BodyInit, {
        status: reply.status,
        headers: { 'content-type': reply.contentType ?? '' },
      });
    },
  });
  const raw = readFileSync(new URL(path, CORPUS), 'latin1');
  const headers = slimHeaderBlock(cutHeaderBlock(raw) ?? '');
  const report = await assessor.assess({ site: 'gmail', seq: 1, inView: true, headers });
  return { report, queries: doh.queries };
}

const dkimRow = (report: Awaited<ReturnType<typeof assess>>['report']) =>
  report.standards.find((r) => r.standard === 'DKIM');

describe('DKIM of the message itself', () => {
  it('zbimi.eml: the selector s=zone of the verified signature is looked up and judged', async () => {
    const { report, queries } = await assess(
      'mailauth/zbimi.eml',
      [{ name: 'zone._domainkey.zone.ee', type: 'TXT', data: `v=DKIM1; k=rsa; p=${rsaKey(2048)}` }],
      [{ apex: 'zone.ee', dnssec: 'secure' }],
    );
    expect(queries.some((q) => q.name === 'zone._domainkey.zone.ee' && q.type === 'TXT')).toBe(
      true,
    );
    // Before: "absent", from the _domainkey estimate, though this very message was signed.
    expect(dkimRow(report)?.sender).toEqual({
      status: 'present',
      detail: { key: 'std_dkim_signed_secure', params: ['d=zone.ee s=zone', '2048'] },
    });
  });

  it('bimi.eml: a subdomain signer (d=out.srv.dev) is judged by its own zone', async () => {
    const { report, queries } = await assess(
      'mailauth/bimi.eml',
      [
        { name: 'smtp._domainkey.out.srv.dev', type: 'TXT', data: `k=rsa; p=${rsaKey(1024)}` },
        { name: 'srv.dev', type: 'DNSKEY', data: 'key' },
      ],
      [
        { apex: 'srv.dev', dnssec: 'secure' },
        { apex: 'out.srv.dev', dnssec: 'insecure' },
      ],
    );
    expect(queries.map((q) => q.name)).toContain('smtp._domainkey.out.srv.dev');
    expect(dkimRow(report)?.sender).toEqual({
      status: 'present',
      detail: { key: 'std_dkim_signed_insecure', params: ['d=out.srv.dev s=smtp', '1024'] },
    });
    const active = report.threats.find(
      (c) => c.attacker === 'active' && c.property === 'authenticity',
    );
    expect(active?.protectedAgainst).toBe('no');
    expect(active?.text).toEqual({ key: 'cell_dkim_key_unsigned_forge', params: ['out.srv.dev'] });
  });
});
