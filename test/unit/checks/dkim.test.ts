import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkDkim } from '../../../lib/checks/dkim.ts';
import { codes, fakeDns, txt } from './fake-zone.ts';

function rsaKey(bits: number): string {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  return publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
}

const key2048 = rsaKey(2048);
const key1024 = rsaKey(1024);
const key512 = rsaKey(512);

describe('DKIM with known selectors', () => {
  it('a 2048-bit RSA key passes and reports its size', async () => {
    const { dns } = fakeDns([txt('s1._domainkey.example.test', `v=DKIM1; k=rsa; p=${key2048}`)]);
    const out = await checkDkim(dns, 'example.test', ['s1']);
    expect(out).toMatchObject({
      status: 'pass',
      findings: [],
      details: {
        estimate: false,
        keys: [{ selector: 's1', keyType: 'rsa', bits: 2048, revoked: false }],
      },
    });
  });

  it.each([
    [`v=DKIM1; p=${key1024}`, 'pass', ['dkim.key-short']],
    [`v=DKIM1; p=${key512}`, 'fail', ['dkim.key-weak']],
    ['v=DKIM1; p=', 'fail', ['dkim.key-revoked']],
    ['v=DKIM1; p=bm90IGEga2V5', 'permerror', ['dkim.key-unparseable']],
    ['v=DKIM1; k=ed25519; p=AAAA', 'permerror', ['dkim.key-unparseable']],
    ['v=DKIM1; k=dsa; p=AAAA', 'permerror', ['dkim.bad-key-type']],
    [
      'v=DKIM2; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=',
      'permerror',
      ['dkim.bad-syntax'],
    ],
    [`v=DKIM1; t=y; p=${key2048}`, 'pass', ['dkim.testing']],
    [`v=DKIM1; p=${key2048}; junk`, 'permerror', ['dkim.bad-syntax']],
  ])('%s → %s', async (record, status, expected) => {
    const { dns } = fakeDns([txt('s1._domainkey.example.test', record)]);
    const out = await checkDkim(dns, 'example.test', ['s1']);
    expect(out.status).toBe(status);
    expect(codes(out)).toEqual(expected);
  });

  it('ed25519 keys are 32 bytes', async () => {
    const { dns } = fakeDns([
      txt(
        'e._domainkey.example.test',
        'v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=',
      ),
    ]);
    expect(await checkDkim(dns, 'example.test', ['e'])).toMatchObject({
      status: 'pass',
      details: { keys: [{ keyType: 'ed25519', bits: 256 }] },
    });
  });

  it('a missing selector and two records at one selector', async () => {
    const { dns } = fakeDns([
      txt('a._domainkey.example.test', `v=DKIM1; p=${key2048}`),
      txt('a._domainkey.example.test', `v=DKIM1; p=${key2048}`),
    ]);
    const out = await checkDkim(dns, 'example.test', ['a', 'gone']);
    expect(out.status).toBe('fail');
    expect(codes(out).sort()).toEqual(['dkim.key-missing', 'dkim.multiple-records']);
  });
});

describe('DKIM estimate without a selector (MECSA)', () => {
  it('NOERROR at _domainkey → probably present, labelled an estimate', async () => {
    const { dns } = fakeDns([txt('s1._domainkey.example.test', `v=DKIM1; p=${key2048}`)]);
    const out = await checkDkim(dns, 'example.test');
    expect(out).toMatchObject({ status: 'pass', details: { estimate: true } });
    expect(codes(out)).toEqual(['dkim.estimate-present']);
    expect(out.findings[0]?.message).toMatch(/^Estimate:/);
  });

  it('NXDOMAIN at _domainkey → probably absent', async () => {
    const { dns } = fakeDns([txt('example.test', 'v=spf1 -all')]);
    const out = await checkDkim(dns, 'example.test');
    expect(out).toMatchObject({ status: 'none', details: { estimate: true } });
    expect(codes(out)).toEqual(['dkim.estimate-absent']);
  });

  it('SERVFAIL → temperror', async () => {
    const { dns } = fakeDns([], {
      servfail: ['_domainkey.example.test', 's._domainkey.example.test'],
    });
    expect((await checkDkim(dns, 'example.test')).status).toBe('temperror');
    expect((await checkDkim(dns, 'example.test', ['s'])).status).toBe('temperror');
  });
});
