// DKIM conformance: the §3.2 tag-list, DKIM-Signature tags (RFC 6376 §3.5, verifier checks of
// §6.1.1, RFC 8301 and RFC 8463 algorithms) and the key record (§3.6.1). Each row cites its
// section; examples are RFC 6376 Appendix A.2 / §3.5 and RFC 8463 Appendix A.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkDkim } from '../../../lib/checks/dkim.ts';
import { parseDkimKeyRecord } from '../../../lib/checks/dkim-key-record.ts';
import { readDkimSignatureTags } from '../../../lib/checks/dkim-signature.ts';
import { parseTagList } from '../../../lib/checks/tag-list.ts';
import { analyzeHeaders } from '../../../lib/headers/index.ts';
import { codes, fakeDns, txt } from '../checks/fake-zone.ts';

const key2048 = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .publicKey.export({ type: 'spki', format: 'der' })
  .toString('base64');

describe('RFC 6376 §3.2 tag-list', () => {
  it.each([
    ['a=1; b=2', { a: '1', b: '2' }, 'tag-spec *( ";" tag-spec )'],
    ['a=1; b=2;', { a: '1', b: '2' }, '[ ";" ] at the end'],
    [' a = 1 ;\tb=2 ', { a: '1', b: '2' }, '[FWS] around names, "=" and values'],
    ['a=1;\r\n b=2', { a: '1', b: '2' }, 'FWS may fold the line'],
    ['a=x y  z', { a: 'x y  z' }, 'tag-value = tval *( 1*(WSP / FWS) tval )'],
    ['a=', { a: '' }, 'tag-value may be empty'],
    [
      'a_1=1; A=2',
      { a_1: '1', A: '2' },
      'tag-name = ALPHA *ALNUMPUNC; case-sensitive: a and A differ',
    ],
  ] as [string, Record<string, string>, string][])('%j → %j (%s)', (text, tags) => {
    const list = parseTagList(text);
    expect(list.valid).toBe(true);
    expect({ ...list.tags }).toEqual(tags);
  });

  it.each([
    [
      'a=1; a=2',
      'duplicate',
      '"if a tag name does occur more than once, the entire tag-list is invalid"',
    ],
    ['1a=1', 'syntax', 'tag-name starts with ALPHA'],
    ['a-b=1', 'syntax', 'ALNUMPUNC is ALPHA / DIGIT / "_"'],
    ['a', 'syntax', 'tag-spec needs "="'],
    ['a=é', 'syntax', 'VALCHAR is %x21-3A / %x3C-7E'],
  ])('%j → %s (%s)', (text, kind) => {
    const list = parseTagList(text);
    expect(list.valid).toBe(false);
    expect(list.problems.map((p) => p.kind)).toContain(kind);
  });
});

const SIG =
  'v=1; a=rsa-sha256; d=example.com; s=brisbane; h=from:to:subject; bh=MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI=; b=dzdVyOfAKCdLXdJOc9G2q8LoXSlEniSbav+yuU4zGeeruD00lszZVoG4ZHRNiYzR';
const withTag = (extra: string) => `${SIG}; ${extra}`;

describe('RFC 6376 §3.5 DKIM-Signature: valid tag sets', () => {
  it.each([
    [SIG, '§3.5 the required tags v a b bh d h s'],
    [
      `v=1; a=rsa-sha256; s=brisbane; d=example.com;
      c=simple/simple; q=dns/txt; i=joe@football.example.com;
      h=Received : From : To : Subject : Date : Message-ID;
      bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;
      b=AuUoFEfDxTDkHlLXSZEpZj79LICEps6eda7W3deTVFOk4yAUoqOB
        4nujc7YopdG5dWLSdNg6xNAZpOPr+kHxt1IrE+NahM6L/LbvaHut
        KVdkLLkpVaVVQPzeRDI009SO2Il5Lu7rDNH6mZckBdrIx0orEtZV
        4bmp/YzhwvcubU4=;`,
      'Appendix A.2 example (folded, i= in a subdomain of d=)',
    ],
    [
      `v=1; a=ed25519-sha256; c=relaxed/relaxed;
 d=football.example.com; i=@football.example.com;
 q=dns/txt; s=brisbane; t=1528637909; h=from : to :
 subject : date : message-id : from : subject : date;
 bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;
 b=/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11Bus
 Fa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==`,
      'RFC 8463 Appendix A.3 example (ed25519-sha256, i= with an empty local-part)',
    ],
    [withTag('c=relaxed'), '§3.5 c= header algorithm alone'],
    [withTag('c=Relaxed/Simple'), '§3.5 c= literals are case-insensitive'],
    [withTag('i=user@sub.example.com'), '§3.5 i= in a subdomain of d='],
    [withTag('l=0'), '§3.5 l= 1*76DIGIT'],
    [withTag('t=1117574938; x=1118006938'), '§3.5 t= and x= with x > t'],
    [withTag('q=dns/txt'), '§3.5 q='],
    [withTag('z=From:foo@eng.example.net|To:joe@example.com'), '§3.5 z='],
    [withTag('future=1'), '§3.2/§3.5 unknown tags MUST be ignored'],
  ])('valid (%s)', (value) => {
    expect(readDkimSignatureTags(value).problems).toEqual([]);
  });
});

describe('RFC 6376 §3.5 / §6.1.1 DKIM-Signature: verifiers return PERMFAIL', () => {
  it.each([
    [SIG.replace('v=1; ', ''), /missing required tag v=/, '§3.5 v= is REQUIRED'],
    [SIG.replace('v=1', 'v=2'), /version MUST be 1/, '§3.5 v= MUST be 1'],
    [SIG.replace('v=1', 'V=1'), /missing required tag v=/, '§3.2 tag names are case-sensitive'],
    [
      SIG.replace('a=rsa-sha256', 'a=rsa-sha1'),
      /RFC 8301/,
      'RFC 8301 §3.1: rsa-sha1 MUST NOT be accepted',
    ],
    [SIG.replace('a=rsa-sha256', 'a=rsa-md5'), /unknown signing algorithm/, '§3.5 a='],
    [SIG.replace(/; b=[^;]+$/, '; b='), /b= is not base64/, '§3.5 b= is a base64string'],
    [SIG.replace('bh=MTIz', 'bh=!!Iz'), /bh= is not base64/, '§3.5 bh='],
    [
      SIG.replace('d=example.com', 'd=com'),
      /d=com: not a domain name/,
      '§3.5 domain-name has two labels or more',
    ],
    [
      SIG.replace('d=example.com', 'd=exa_mple.com'),
      /not a domain name/,
      '§3.5 domain-name is LDH (RFC 5321)',
    ],
    [
      SIG.replace('s=brisbane', 's=bris_bane'),
      /not a selector/,
      '§3.1 selector = sub-domain *("." sub-domain)',
    ],
    [SIG.replace('h=from:to:subject', 'h=to:subject'), /From/, '§5.4/§6.1.1 From MUST be signed'],
    [withTag('i=user@example.org'), /not d=example.com or a subdomain/, '§6.1.1 i= within d='],
    [
      withTag('i=user@notexample.com'),
      /not d=example.com or a subdomain/,
      '§6.1.1 a suffix is not a subdomain',
    ],
    [withTag('i=user'), /not \[local-part\]@domain/, '§3.5 i= has an "@"'],
    [withTag('c=fancy'), /canonicalization/, '§3.5 c= simple or relaxed'],
    [withTag('c=simple/relaxed/simple'), /canonicalization/, '§3.5 at most two algorithms'],
    [withTag('q=https'), /query method/, '§3.5 q= dns/txt'],
    [withTag(`l=${'1'.repeat(77)}`), /l=.*1 to 76 digits/, '§3.5 l= 1*76DIGIT'],
    [withTag('t=1117574938; x=1117574938'), /x= MUST be greater than t=/, '§3.5 x > t'],
    [withTag('x=soon'), /x=soon: must be 1 to 12 digits/, '§3.5 x= 1*12DIGIT'],
    [withTag('d=example.org'), /repeated/, '§3.2 a repeated tag invalidates the list'],
  ])('%#: %s', (value, problem) => {
    const sig = readDkimSignatureTags(value);
    expect(sig.valid).toBe(false);
    expect(sig.problems.join(' | ')).toMatch(problem);
  });

  it('§3.5 example (without v=): only the missing version is reported', () => {
    const example =
      'a=rsa-sha256; d=example.net; s=brisbane; c=simple; q=dns/txt; i=@eng.example.net; t=1117574938; x=1118006938; h=from:to:subject:date; z=From:foo@eng.example.net|To:joe@example.com| Subject:demo=20run|Date:July=205,=202005=203:44:08=20PM=20-0700; bh=MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI=; b=dzdVyOfAKCdLXdJOc9G2q8LoXSlEniSbav+yuU4zGeeruD00lszZVoG4ZHRNiYzR';
    expect(readDkimSignatureTags(example).problems).toEqual(['missing required tag v=']);
  });
});

describe('RFC 6376 §3.6.1 key record', () => {
  it.each([
    [`v=DKIM1; p=${key2048}`, 'rsa', '§3.6.1 v and p'],
    [`p=${key2048}`, 'rsa', '§3.6.1 v= is RECOMMENDED, not required'],
    [`v=DKIM1; k=rsa; h=sha256; s=email; t=s; p=${key2048}`, 'rsa', '§3.6.1 every tag'],
    [
      `v=DKIM1; k=RSA; h=SHA1:SHA256; s=*; p=${key2048}`,
      'rsa',
      '§3.6.1 keyword values are case-insensitive',
    ],
    [
      `v=DKIM1; h=sha256:future; s=email:other; t=y:x; p=${key2048}`,
      'rsa',
      '§3.6.1 unknown hash, service and flag values are ignored',
    ],
    [
      `v=DKIM1; n=Notes here; x=unknown; p=${key2048}`,
      'rsa',
      '§3.6.1 n= and unknown tags are ignored',
    ],
    [
      'v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=',
      'ed25519',
      'RFC 8463 Appendix A.2 example',
    ],
    [
      `v=DKIM1; p=${key2048.slice(0, 40)} ${key2048.slice(40)}`,
      'rsa',
      '§3.6.1 p= base64string allows FWS',
    ],
  ])('%s is usable (%s)', (text, keyType) => {
    const record = parseDkimKeyRecord(text);
    expect(record.problems).toEqual([]);
    expect(record.usable).toBe(true);
    expect(record.keyType).toBe(keyType);
  });

  it.each([
    [
      'v=DKIM2; p=AAAA',
      'version',
      '§3.6.1 "Records beginning with a v= tag with any other value MUST be discarded"',
    ],
    ['v=dkim1; p=AAAA', 'version', '§3.6.1 %x44.4B.49.4D.31: DKIM1 exact'],
    ['p=AAAA; v=DKIM1', 'version-not-first', '§3.6.1 v= "MUST be the first tag"'],
    ['v=DKIM1', 'missing-p', '§3.6.1 p= is REQUIRED'],
    ['v=DKIM1; P=AAAA', 'missing-p', '§3.2 tag names are case-sensitive'],
    ['v=DKIM1; p=AA!A', 'bad-p', '§3.6.1 p= is base64'],
    ['v=DKIM1; k=dsa; p=AAAA', 'key-type', '§3.6.1 unrecognised key types MUST be ignored'],
    ['v=DKIM1; h=sha1; p=AAAA', 'hash', 'RFC 8301 §3.1: a sha1-only key cannot verify'],
    ['v=DKIM1; s=other; p=AAAA', 'service', '§3.6.1 s= without email or *'],
    ['v=DKIM1; p=AAAA; p=BBBB', 'syntax', '§3.2 a repeated tag invalidates the record'],
  ])('%s → %s (%s)', (text, kind) => {
    expect(parseDkimKeyRecord(text).problems.map((p) => p.kind)).toContain(kind);
  });

  it('§3.6.1 an empty p= means the key is revoked', () => {
    expect(parseDkimKeyRecord('v=DKIM1; p=')).toMatchObject({ revoked: true, usable: true });
  });

  it('§3.6.1 t=y and t=s flags', () => {
    expect(parseDkimKeyRecord('v=DKIM1; t=y:s; p=AAAA')).toMatchObject({
      testing: true,
      strictIdentity: true,
    });
  });

  it.each([
    [`v=DKIM1; h=sha1; p=${key2048}`, 'dkim.key-unusable'],
    [`v=DKIM1; s=other; p=${key2048}`, 'dkim.key-unusable'],
    [`V=DKIM1; P=${key2048}`, 'dkim.bad-syntax'],
  ])('the DKIM check reports %s as %s', async (record, code) => {
    const { dns } = fakeDns([txt('s1._domainkey.example.test', record)]);
    const out = await checkDkim(dns, 'example.test', ['s1']);
    expect(out.status).toBe('permerror');
    expect(codes(out)).toContain(code);
  });
});

describe('the header engine reads DKIM-Signature with these rules', () => {
  const message = (value: string) =>
    `Received: by mx.example.net with ESMTPS id 1; Tue, 3 Mar 2026 18:00:00 +0000\r\nDKIM-Signature: ${value}\r\nFrom: a@example.com\r\n\r\n`;

  it('§3.2: "D=" is not d=, so no signing domain is taken from it', () => {
    const f = analyzeHeaders(message(SIG.replace('d=example.com', 'D=evil.example')));
    expect(f.dkimSignatures[0]?.d).toBeNull();
    expect(f.dkimSignatures[0]?.warnings).toContain('missing required tag d=');
  });

  it('§3.2: a repeated d= is reported, and the first value is shown', () => {
    const f = analyzeHeaders(message(`${SIG}; d=evil.example`));
    expect(f.dkimSignatures[0]?.d).toBe('example.com');
    expect(f.dkimSignatures[0]?.warnings.join(' | ')).toMatch(/repeated/);
  });

  it('§6.1.1: an unsigned From is reported', () => {
    const f = analyzeHeaders(message(SIG.replace('h=from:to:subject', 'h=to:subject')));
    expect(f.dkimSignatures[0]?.warnings.join(' | ')).toMatch(/From/);
  });
});
