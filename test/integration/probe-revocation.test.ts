// Revocation against real responders on loopback: OpenSSL's OCSP responder answering from an
// index file and a CRL made by `openssl ca -gencrl`, both made at test time. Good, revoked and
// unknown are told apart, "unknown" never becomes "revoked", and outside lab mode the fetcher
// refuses loopback responders before connecting. Then the whole path through probeDomain.

import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRevocation } from '../../lib/probe/revocation.ts';
import {
  createRevocationFetcher,
  type RevocationFetcher,
} from '../../lib/probe/revocation-fetch.ts';
import { fakeDns } from '../unit/probe/helpers/fake-dns.ts';
import { lookUpAndProbe } from '../unit/probe/helpers/look-up-and-probe.ts';
import { type Running, startSmtpServer } from '../unit/probe/helpers/servers.ts';
import {
  type LeafName,
  type RevocationPki,
  startRevocationPki,
} from './probe-support/openssl-revocation-pki.ts';

let pki: RevocationPki;
let lab: RevocationFetcher;
let guarded: RevocationFetcher;

beforeAll(async () => {
  pki = await startRevocationPki();
  lab = createRevocationFetcher({ dns: fakeDns({}), allowLoopback: true });
  guarded = createRevocationFetcher({ dns: fakeDns({}), allowLoopback: false });
}, 60_000);
afterAll(async () => {
  await lab?.close();
  await guarded?.close();
  await pki?.stop();
});

function check(name: LeafName, fetcher: RevocationFetcher = lab) {
  const leaf = new X509Certificate(pki.leaves[name].certPem);
  const issuer = new X509Certificate(pki.caPem);
  return checkRevocation(leaf, issuer, fetcher.fetchBytes, new Date());
}

describe('OCSP against openssl ocsp', () => {
  it('good', async () => {
    expect(await check('good')).toMatchObject({ status: 'good', method: 'ocsp' });
  });
  it('revoked', async () => {
    const result = await check('revoked');
    expect(result).toMatchObject({ status: 'revoked', method: 'ocsp' });
    expect(result.detail).toMatch(/revoked at \d{4}-/);
  });
  it('a certificate the responder does not know stays unknown, not revoked', async () => {
    const result = await check('unlisted');
    expect(result).toMatchObject({ status: 'unknown', method: 'ocsp' });
    expect(result.detail).toMatch(/does not know/);
  });
  it('a responder that does not answer is unknown', async () => {
    expect(await check('deadocsp')).toMatchObject({ status: 'unknown', method: 'ocsp' });
  });
  it('an answer is only trusted from the issuer: checked against another CA it is unknown', async () => {
    const leaf = new X509Certificate(pki.leaves.revoked.certPem);
    const stranger = new X509Certificate(pki.leaves.good.certPem); // some other key
    const result = await checkRevocation(leaf, stranger, lab.fetchBytes, new Date());
    expect(result.status).toBe('unknown');
  });
});

describe('CRL made by openssl ca -gencrl', () => {
  it('good and revoked', async () => {
    expect(await check('crlgood')).toMatchObject({ status: 'good', method: 'crl' });
    expect(await check('crlrevoked')).toMatchObject({ status: 'revoked', method: 'crl' });
  });
});

describe('the fetcher outside lab mode', () => {
  it('refuses loopback responders before any connection: unknown, never revoked', async () => {
    const before = pki.crlRequests() + pki.ocspRequests();
    const crl = await check('crlrevoked', guarded);
    const ocsp = await check('revoked', guarded);
    expect(crl).toMatchObject({ status: 'unknown', method: 'crl' });
    expect(crl.detail).toMatch(/loopback/);
    expect(ocsp).toMatchObject({ status: 'unknown', method: 'ocsp' });
    expect(ocsp.detail).toMatch(/loopback/);
    expect(pki.crlRequests() + pki.ocspRequests()).toBe(before);
  });
  it('refuses non-http schemes and oversized answers', async () => {
    await expect(
      lab.fetchBytes('file:///etc/passwd', { timeoutMs: 1000, maxBytes: 10 }),
    ).rejects.toThrow(/not fetched/);
    await expect(lab.fetchBytes(pki.crlUrl, { timeoutMs: 2000, maxBytes: 16 })).rejects.toThrow(
      /larger than 16/,
    );
  });
});

describe('the fetcher with host names', () => {
  it('resolves responder names with its own DNS, at connect time, and refuses private answers', async () => {
    const dns = fakeDns({ 'crl.revocation.test A': { records: ['127.0.0.1'] } });
    const url = pki.crlUrl.replace('127.0.0.1', 'crl.revocation.test');
    const strict = createRevocationFetcher({ dns, allowLoopback: false });
    const labMode = createRevocationFetcher({ dns, allowLoopback: true });
    try {
      const before = pki.crlRequests();
      const limits = { timeoutMs: 2_000, maxBytes: 1_000_000 };
      await expect(strict.fetchBytes(url, limits)).rejects.toThrow(/non-public/);
      expect(pki.crlRequests()).toBe(before);
      expect((await labMode.fetchBytes(url, limits)).byteLength).toBeGreaterThan(0);
      expect(pki.crlRequests()).toBe(before + 1);
    } finally {
      await strict.close();
      await labMode.close();
    }
  });
});

describe('through probeDomain (STARTTLS server presenting the certificate)', () => {
  let smtp: Running | undefined;
  afterAll(() => smtp?.close());

  it('a revoked MX certificate is revoked and not PKIX-valid; a good one is good', async () => {
    const results: Record<string, unknown> = {};
    for (const name of ['revoked', 'good'] as const) {
      smtp = await startSmtpServer({
        key: pki.leaves[name].keyPem,
        cert: pki.leaves[name].certPem,
      });
      const report = await lookUpAndProbe('revocation.test', {
        dns: fakeDns({
          'revocation.test MX': { records: [{ preference: 10, exchange: 'mx.revocation.test' }] },
          'mx.revocation.test A': { records: ['127.0.0.1'] },
        }),
        lab: true,
        trustedRoots: [pki.caPem],
        smtpPort: smtp.port,
        fetchBytes: lab.fetchBytes,
      });
      await smtp.close();
      smtp = undefined;
      results[name] = report.mx[0]?.certificate;
    }
    expect(results.revoked).toMatchObject({
      pkixValid: false,
      revocation: { status: 'revoked', method: 'ocsp' },
    });
    expect((results.revoked as { errors: string[] }).errors).toContain('revoked');
    expect(results.good).toMatchObject({ pkixValid: true, revocation: { status: 'good' } });
  });
});
