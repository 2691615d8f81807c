// The assessor looks up the key of every signature the provider verified on this message:
// <s>._domainkey.<d>, the signer's own zone, and the standards table shows what it found.
// Real corpus messages (mailauth/zbimi.eml, mailauth/bimi.eml as Gmail received them) through
// the slim header block, with an in-process DoH resolver (test/fixtures/dns/fake-doh.ts).
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAssessor } from '../../../lib/ext/assessor.ts';
import type { StorageAreaLike } from '../../../lib/ext/domain-cache.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings/settings.ts';
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

async function assess(
  path: string,
  records: FakeRecord[],
  zones: FakeZoneState[],
  settings: () => Settings = () => DEFAULT_SETTINGS,
  local: StorageAreaLike = memoryArea(),
) {
  const doh = createFakeDoh({ records, zones });
  const assessor = createAssessor({
    settings: async () => ({
      ...settings(),
      features: { ...DEFAULT_SETTINGS.features, useProbe: false, keepSenderHistory: false },
    }),
    local,
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

const FALLBACK_LABEL = {
  source: 'resolver-ad-flag',
  fallback: true,
  text: { key: 'dnssec_resolver_fallback', params: [expect.stringContaining('trust anchor')] },
};

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
      // This fake resolver sets AD but returns no DNSSEC records: a labelled fallback, with why.
      dnssec: FALLBACK_LABEL,
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
      // This fake resolver sets AD but returns no DNSSEC records: a labelled fallback, with why.
      dnssec: FALLBACK_LABEL,
    });
    const active = report.threats.find(
      (c) => c.attacker === 'active' && c.property === 'authenticity',
    );
    expect(active?.protectedAgainst).toBe('no');
    expect(active?.text).toEqual({ key: 'cell_dkim_key_unsigned_forge', params: ['out.srv.dev'] });
  });

  it('switching the DNSSEC setting changes the label at once, cached results notwithstanding', async () => {
    const local = memoryArea();
    let settings: Settings = DEFAULT_SETTINGS;
    const run = () =>
      assess(
        'mailauth/zbimi.eml',
        [
          {
            name: 'zone._domainkey.zone.ee',
            type: 'TXT',
            data: `v=DKIM1; k=rsa; p=${rsaKey(2048)}`,
          },
        ],
        [{ apex: 'zone.ee', dnssec: 'secure' }],
        () => settings,
        local,
      );
    const labels = (report: Awaited<ReturnType<typeof assess>>['report']) =>
      report.standards.flatMap((r) => (r.sender.dnssec ? [r.sender.dnssec.text.key] : []));
    const before = await run();
    expect(dkimRow(before.report)?.sender.dnssec).toEqual(FALLBACK_LABEL);
    settings = { ...DEFAULT_SETTINGS, dnssecValidation: 'resolver' };
    const after = await run();
    // The AD-flag setting: the resolver's word, as chosen, not as a fallback.
    expect(dkimRow(after.report)?.sender.dnssec).toEqual({
      source: 'resolver-ad-flag',
      fallback: false,
      text: { key: 'dnssec_resolver_word', params: [] },
    });
    expect(labels(after.report).length).toBeGreaterThan(1);
    expect(new Set(labels(after.report))).toEqual(new Set(['dnssec_resolver_word']));
    expect(labels(before.report)).not.toContain('dnssec_resolver_word');
  });

  it('zbimi.eml: no key at the selector now says so, not "?-bit key, protected by DNSSEC"', async () => {
    // The provider verified the signature; the key has since been rotated away (NXDOMAIN in a
    // signed zone). Before: "absent" with "signed this message (…): ?-bit key, protected by DNSSEC".
    const { report } = await assess(
      'mailauth/zbimi.eml',
      [],
      [{ apex: 'zone.ee', dnssec: 'secure' }],
    );
    expect(dkimRow(report)?.sender).toMatchObject({
      status: 'absent',
      detail: { key: 'std_dkim_signed_key_absent', params: ['d=zone.ee s=zone'] },
    });
  });
});
