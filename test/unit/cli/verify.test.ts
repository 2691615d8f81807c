import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DKIMSignOptions, dkimSign } from 'mailauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main.ts';
import { createFakeDoh } from '../../fixtures/dns/fake-doh.ts';
import { type FakeDohServer, serveFakeDoh } from '../../fixtures/dns/fake-doh-http.ts';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const dir = mkdtempSync(join(tmpdir(), 'mailseal-verify-'));
let server: FakeDohServer;

beforeAll(async () => {
  const fake = createFakeDoh({
    records: [
      { name: 'sender.test', type: 'TXT', data: 'v=spf1 ip4:192.0.2.25 -all' },
      { name: '_dmarc.sender.test', type: 'TXT', data: 'v=DMARC1; p=reject' },
      {
        name: 's1._domainkey.sender.test',
        type: 'TXT',
        data: `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`,
      },
      { name: 'mail.sender.test', type: 'A', data: '192.0.2.25' },
    ],
  });
  server = await serveFakeDoh(fake.transport);
});
afterAll(() => server.close());

async function signedMessage(providerSays: string, tamper = false): Promise<string> {
  const original = [
    'From: Alice <alice@sender.test>',
    'To: bob@recipient.test',
    'Subject: verify me',
    'Date: Sun, 22 Nov 2026 10:00:00 +0000',
    'Message-ID: <1@sender.test>',
    '',
    'Hello Bob.',
    '',
  ].join('\r\n');
  // mailauth 7.1 signs the entries of signatureData; its DKIMSignOptions type declares only flat fields.
  const key = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const options = {
    signatureData: [{ signingDomain: 'sender.test', selector: 's1', privateKey: key }],
  };
  const signed = await dkimSign(original, options as unknown as DKIMSignOptions);
  const body = tamper ? original.replace('Hello Bob.', 'Hello Bob, send money.') : original;
  const trace = [
    'Delivered-To: bob@recipient.test',
    'Return-Path: <alice@sender.test>',
    `Authentication-Results: mx.recipient.test; ${providerSays}`,
    'Received: from mail.sender.test (mail.sender.test [192.0.2.25]) by mx.recipient.test with ESMTPS id abc for <bob@recipient.test>; Sun, 22 Nov 2026 10:00:01 +0000',
  ].join('\r\n');
  const file = join(dir, `${tamper ? 'tampered' : 'ok'}-${Math.random()}.eml`);
  writeFileSync(file, `${trace}\r\n${signed.signatures}${body}`);
  return file;
}

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const PASS_ALL =
  'spf=pass smtp.mailfrom=sender.test; dkim=pass header.d=sender.test header.s=s1; dmarc=pass header.from=sender.test';

describe('mailseal verify', () => {
  it('agrees with a provider that reports the truth, taking SPF inputs from the handoff hop', async () => {
    const file = await signedMessage(PASS_ALL);
    const { code, out } = await run([
      'verify',
      file,
      '--resolver',
      server.url,
      '--authserv-id',
      'mx.recipient.test',
      '--json',
    ]);
    const report = JSON.parse(out);
    expect(report.smtp).toMatchObject({
      ip: '192.0.2.25',
      sender: 'alice@sender.test',
      source: 'handoff-hop',
    });
    const byMethod = Object.fromEntries(
      report.comparison.map(
        (r: { method: string; provider: string; independent: string; agree: boolean }) => [
          r.method,
          [r.provider, r.independent, r.agree],
        ],
      ),
    );
    expect(byMethod).toMatchObject({
      spf: ['pass', 'pass', true],
      dkim: ['pass', 'pass', true],
      dmarc: ['pass', 'pass', true],
    });
    expect(code).toBe(0);
  });

  it('flags a disagreement: the provider says dkim=pass but the body was changed (body hash fails)', async () => {
    const file = await signedMessage(PASS_ALL, true);
    const { code, out } = await run([
      'verify',
      file,
      '--resolver',
      server.url,
      '--authserv-id',
      'mx.recipient.test',
    ]);
    expect(out).toMatch(/dkim d=sender\.test s=s1\s+pass\s+neutral\s+DISAGREE/);
    expect(out).toContain('disagreement(s)');
    expect(code).toBe(1);
  });

  it('uses --ip/--helo/--sender over the handoff hop', async () => {
    const file = await signedMessage(PASS_ALL);
    const { out } = await run([
      'verify',
      file,
      '--resolver',
      server.url,
      '--authserv-id',
      'mx.recipient.test',
      '--ip',
      '198.51.100.1',
      '--helo',
      'evil.test',
      '--sender',
      'alice@sender.test',
    ]);
    expect(out).toContain(
      'SPF checked for 198.51.100.1 (helo evil.test, sender alice@sender.test; from options)',
    );
    expect(out).toMatch(/spf\s+pass\s+fail\s+DISAGREE/);
  });

  it('reports an unreadable file', async () => {
    const { code, err } = await run(['verify', join(dir, 'missing.eml'), '--resolver', server.url]);
    expect(code).toBe(2);
    expect(err).toContain('cannot read');
  });
});
