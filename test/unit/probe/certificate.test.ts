import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTrustStore, verifyChain } from '../../../lib/probe/certificate-chain.ts';
import { analyzeCertificate } from '../../../lib/probe/certificate-report.ts';
import { checkRevocation } from '../../../lib/probe/revocation.ts';
import { createTestPki, derOf, issue, makeCrl } from './helpers/test-pki.ts';

const DAY = 86_400_000;
const pki = createTestPki();
const store = createTrustStore([pki.root.certPem]);
const now = new Date();
const x509 = (...items: { certPem: string }[]) => items.map((i) => new X509Certificate(i.certPem));
const context = { domain: 'example.com', mxHost: 'mx.example.com', store, now };

describe('createTrustStore', () => {
  it('parses a roots list once, however many probes ask for its store', () => {
    const roots = [pki.root.certPem];
    const first = createTrustStore(roots);
    expect(createTrustStore(roots)).toBe(first);
    expect(first.anchors).toHaveLength(1);
    // Another list (another engine, the lab CA added) gets its own store.
    expect(createTrustStore([...roots])).not.toBe(first);
  });
});

describe('verifyChain', () => {
  const good = pki.leaf({ cn: 'mx.example.com', sans: ['mx.example.com'] });

  it('accepts leaf + intermediate chaining to the store', () => {
    const verdict = verifyChain(x509(good, pki.intermediate), store, now);
    expect(verdict).toMatchObject({ trusted: true, pkixValid: true, errors: [] });
    expect(verdict.path).toHaveLength(3);
  });
  it('names a missing intermediate', () => {
    expect(verifyChain(x509(good), store, now).errors).toEqual(['missing-intermediate']);
  });
  it('names a self-signed leaf', () => {
    const self = issue({ cn: 'mx.example.com' });
    expect(verifyChain(x509(self), store, now)).toMatchObject({
      selfSigned: true,
      errors: ['self-signed'],
    });
  });
  it('names an untrusted root sent along', () => {
    const otherRoot = issue({ cn: 'Other Root', ca: true });
    const leaf = issue({ cn: 'mx.example.com', issuer: otherRoot });
    expect(verifyChain(x509(leaf, otherRoot), store, now).errors).toEqual(['untrusted-root']);
  });
  it('names expired and not-yet-valid leaves', () => {
    const expired = pki.leaf({
      cn: 'x',
      notBefore: new Date(Date.now() - 30 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    const future = pki.leaf({
      cn: 'x',
      notBefore: new Date(Date.now() + DAY),
      notAfter: new Date(Date.now() + 30 * DAY),
    });
    expect(verifyChain(x509(expired, pki.intermediate), store, now).errors).toEqual(['expired']);
    expect(verifyChain(x509(future, pki.intermediate), store, now).errors).toEqual([
      'not-yet-valid',
    ]);
  });
  it('does not accept an end-entity certificate as issuer', () => {
    const notCa = pki.leaf({ cn: 'not-a-ca' });
    const leaf = issue({ cn: 'mx.example.com', issuer: notCa });
    expect(verifyChain(x509(leaf, notCa, pki.intermediate), store, now)).toMatchObject({
      trusted: false,
      pkixValid: false,
    });
  });
});

describe('analyzeCertificate', () => {
  it('reports a good certificate matching the MX host', async () => {
    const leaf = pki.leaf({ cn: 'mx.example.com', sans: ['mx.example.com'] });
    const report = await analyzeCertificate([derOf(leaf), derOf(pki.intermediate)], context);
    expect(report).toMatchObject({
      pkixValid: true,
      hostnameMatch: 'mx',
      expired: false,
      selfSigned: false,
      keyType: 'rsa',
      keyBits: 2048,
      weakKey: false,
      signatureAlgorithm: 'sha256WithRSAEncryption',
      weakSignature: false,
      errors: [],
    });
    expect(report?.daysToExpiry).toBeGreaterThanOrEqual(89);
    expect(report?.chain).toHaveLength(2);
    expect(report?.revocation.status).toBe('unknown');
  });
  it('flags RSA 1024, SHA-1 and a name that matches neither', async () => {
    const leaf = pki.leaf({ cn: 'other.net', sans: ['other.net'], bits: 1024, hash: 'sha1' });
    const report = await analyzeCertificate([derOf(leaf), derOf(pki.intermediate)], context);
    expect(report).toMatchObject({
      weakKey: true,
      keyBits: 1024,
      weakSignature: true,
      hostnameMatch: 'none',
      pkixValid: false,
    });
    expect(report?.errors).toEqual(['name-mismatch', 'weak-key', 'weak-signature']);
  });
  it('prefers a domain match', async () => {
    const leaf = pki.leaf({ cn: 'example.com', sans: ['example.com', 'mx.example.com'] });
    const report = await analyzeCertificate([derOf(leaf), derOf(pki.intermediate)], context);
    expect(report).toMatchObject({
      hostnameMatch: 'domain',
      matchesDomain: true,
      matchesMxHost: true,
    });
  });
});

describe('checkRevocation (CRL)', () => {
  const url = 'http://crl.example.test/int.crl';
  const leaf = pki.leaf({ cn: 'mx.example.com', crlUrl: url, serial: '0a1b2c' });
  const [leafCert, issuerCert] = x509(leaf, pki.intermediate);
  if (!leafCert || !issuerCert) throw new Error('fixture');
  const serve = (body: Uint8Array) => async (requested: string) => {
    expect(requested).toBe(url);
    return body;
  };

  it('says revoked when the serial is listed in a CRL signed by the issuer', async () => {
    const crl = makeCrl(pki.intermediate, ['0a1b2c'], new Date(Date.now() + DAY));
    const result = await checkRevocation(leafCert, issuerCert, serve(crl), now);
    expect(result).toMatchObject({ status: 'revoked', method: 'crl' });
  });
  it('says good when the serial is not listed', async () => {
    const crl = makeCrl(pki.intermediate, ['ffff'], new Date(Date.now() + DAY));
    expect((await checkRevocation(leafCert, issuerCert, serve(crl), now)).status).toBe('good');
  });
  it('keeps "unknown" apart from "revoked" when the CRL cannot be fetched', async () => {
    const failing = async () => {
      throw new Error('ENETUNREACH');
    };
    const result = await checkRevocation(leafCert, issuerCert, failing, now);
    expect(result.status).toBe('unknown');
    expect(result.detail).toContain('ENETUNREACH');
  });
  it('does not trust a CRL signed by someone else', async () => {
    const crl = makeCrl(pki.root, ['0a1b2c'], new Date(Date.now() + DAY));
    const result = await checkRevocation(leafCert, issuerCert, serve(crl), now);
    expect(result.status).toBe('unknown');
  });
  it('marks a revoked certificate PKIX-invalid in the report', async () => {
    const crl = makeCrl(pki.intermediate, ['0a1b2c'], new Date(Date.now() + DAY));
    const report = await analyzeCertificate([derOf(leaf), derOf(pki.intermediate)], {
      ...context,
      fetchBytes: serve(crl),
    });
    expect(report).toMatchObject({ pkixValid: false, revocation: { status: 'revoked' } });
    expect(report?.errors).toContain('revoked');
  });
});
