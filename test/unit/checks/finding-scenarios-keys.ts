// Scenarios that drive the BIMI and DKIM key checks into their findings (after txt-records and
// dkim tests, which assert the codes).
import { generateKeyPairSync } from 'node:crypto';
import { checkBimi } from '../../../lib/checks/bimi.ts';
import { checkDkim } from '../../../lib/checks/dkim.ts';
import type { DmarcDetails } from '../../../lib/checks/dmarc/dmarc-check.ts';
import type { Finding } from '../../../lib/outcome.ts';
import { fakeDns, txt } from './fake-zone.ts';

const rsaKey = (bits: number) =>
  generateKeyPairSync('rsa', { modulusLength: bits })
    .publicKey.export({ type: 'spki', format: 'der' })
    .toString('base64');

const BIMI_RECORDS = [
  [],
  ['v=BIMI1; l=https://example.test/logo.svg;'],
  ['v=BIMI1; l=; a=;'],
  ['v=BIMI1; l=http://example.test/logo.svg; a=https://a,b'],
  ['v=BIMI1; l=https://localhost/logo.svg; a=not a uri'],
  ['v=BIMI1; l=https://example.test/logo.png; a=ftp://example.test/vmc.pem; oops; a=x'],
  ['v=BIMI1; a=https://example.test/vmc.pem'],
  ['v=BIMI2; l=https://example.test/logo.svg'],
  ['v=BIMI1; l=', 'v=BIMI1; l='],
];

export async function bimiFindings(): Promise<Finding[]> {
  const lax = { organizationalDomain: 'example.test', enforced: false, dnssec: false };
  const out: Finding[] = [];
  for (const texts of BIMI_RECORDS) {
    const { dns } = fakeDns(texts.map((t) => txt('default._bimi.example.test', t)));
    out.push(...(await checkBimi(dns, 'example.test', lax as DmarcDetails)).findings);
  }
  return out;
}

export async function dkimFindings(): Promise<Finding[]> {
  const [key1024, key512] = [rsaKey(1024), rsaKey(512)];
  const records = [
    `v=DKIM1; t=y; p=${key1024}`,
    `v=DKIM1; p=${key512}`,
    'v=DKIM1; p=',
    'v=DKIM1; p=bm90IGEga2V5',
    'v=DKIM1; k=ed25519; p=AAAA',
    'v=DKIM1; k=dsa; p=AAAA',
    'v=DKIM2; h=sha1; s=tlsrpt; p=!!',
    'k=rsa; v=DKIM1; t=y',
    'v=DKIM1; p=AAAA; p=BBBB; junk',
  ];
  const out: Finding[] = [];
  for (const record of records) {
    const { dns } = fakeDns([
      txt('s1._domainkey.example.test', record),
      txt('s1._domainkey.example.test', record),
    ]);
    out.push(...(await checkDkim(dns, 'example.test', ['s1', 'gone'])).findings);
  }
  out.push(...(await checkDkim(fakeDns([]).dns, 'example.test')).findings);
  const present = fakeDns([txt('s1._domainkey.example.test', 'v=DKIM1; p=')]).dns;
  out.push(...(await checkDkim(present, 'example.test')).findings);
  return out;
}
