// No unknown input ever yields green, and forged headers cannot buy one. Property-based, over
// scoring inputs and over raw header blocks parsed by the real header engine.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeHeaders } from '../../../lib/headers/index.ts';
import type { AuthResultInput, HopInput, MessageInput } from '../../../lib/score/inputs.ts';
import { scoreMessage } from '../../../lib/score/score-message.ts';
import type { RecipientTransport, SignerPosture } from '../../../lib/score/threat-matrix.ts';
import { dnsFacts, message } from '../../fixtures/score/builders.ts';
import { padlockFor } from './padlock-for.ts';

const tri = fc.constantFrom(true, false, null);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const resultWord = fc.constantFrom(
  'pass',
  'fail',
  'none',
  'neutral',
  'softfail',
  'temperror',
  'permerror',
  'policy',
);
const ip = fc.constantFrom(
  '127.0.0.1',
  '10.1.2.3',
  '192.168.0.9',
  '203.0.113.5',
  '2001:db8::1',
  'fd00::1',
  null,
);
const tlsClass = maybe(
  fc.constantFrom('recommended', 'secure', 'obsolete', 'insecure') as fc.Arbitrary<
    'recommended' | 'secure' | 'obsolete' | 'insecure'
  >,
);

const hopArb = (index: number): fc.Arbitrary<HopInput> =>
  fc.record({
    index: fc.constant(index),
    from: fc.record({ host: maybe(fc.domain()), ip }),
    by: fc.record({ host: maybe(fc.domain()) }),
    protocol: maybe(fc.constantFrom('ESMTP', 'ESMTPS', 'SMTP', 'LMTP', 'HTTP')),
    tls: maybe(
      fc.record({
        version: maybe(fc.constantFrom('TLSv1.0', 'TLSv1.2', 'TLSv1.3')),
        cipher: maybe(fc.constantFrom('TLS_AES_256_GCM_SHA384', 'TLS_RSA_WITH_RC4_128_SHA')),
        class: tlsClass,
      }),
    ),
    encrypted: tri,
    evidence: fc.string({ maxLength: 20 }),
    recordedBy: fc.constantFrom('recipient', 'sender') as fc.Arbitrary<'recipient' | 'sender'>,
    at: fc.constant(null),
  });

const authArb = (method: string): fc.Arbitrary<AuthResultInput> =>
  fc.record({
    method: fc.constant(method),
    result: resultWord,
    properties: fc.constant({}),
    comment: maybe(fc.constantFrom('p=REJECT', 'p=NONE', 'p=QUARANTINE', 'garbage')),
  });

const messageArb: fc.Arbitrary<MessageInput> = fc.integer({ min: 0, max: 5 }).chain((n) =>
  fc.record({
    hops: fc.tuple(...Array.from({ length: n }, (_, i) => hopArb(i))),
    from: maybe(
      fc.record({
        domain: maybe(fc.constantFrom('sender.example', 'other.example')),
        organizationalDomain: maybe(fc.constant('sender.example')),
      }),
    ),
    recipientDomain: maybe(fc.constant('recipient.example')),
    authentication: fc.record({
      spf: maybe(authArb('spf')),
      dkim: fc.array(authArb('dkim'), { maxLength: 2 }),
      dmarc: maybe(authArb('dmarc')),
      arc: maybe(authArb('arc')),
    }),
    alignment: fc.record({
      dkimPassDomains: fc.array(fc.constantFrom('sender.example', 'esp.example'), { maxLength: 2 }),
      dkim: fc.record({
        relaxed: fc.boolean(),
        domain: maybe(fc.constantFrom('sender.example', 'esp.example')),
      }),
      spf: fc.record({ relaxed: fc.boolean(), domain: maybe(fc.constant('sender.example')) }),
    }),
    trust: fc.record({
      handoffIndex: n === 0 ? fc.constant(null) : maybe(fc.integer({ min: 0, max: n - 1 })),
    }),
    arcSeals: fc.array(
      fc.record({
        i: maybe(fc.integer({ min: 1, max: 3 })),
        cv: maybe(fc.constantFrom('pass', 'fail', 'none')),
      }),
      { maxLength: 2 },
    ),
    dkimSignatures: fc.array(
      fc.record({
        d: maybe(fc.constantFrom('sender.example', 'esp.example')),
        bodyLengthLimited: fc.boolean(),
      }),
      { maxLength: 2 },
    ),
  }),
);

/** The green builder message with any of its parts replaced by random ones. */
const nearGreenArb: fc.Arbitrary<MessageInput> = fc
  .record(
    {
      handoff: hopArb(1),
      auth: messageArb.map((m) => m.authentication),
      alignment: messageArb.map((m) => m.alignment),
      signatures: messageArb.map((m) => m.dkimSignatures),
      handoffIndex: fc.constantFrom(null, 0, 1, 2),
    },
    { requiredKeys: [] },
  )
  .map((r) => {
    const base = message();
    return {
      ...base,
      hops: base.hops.map((h) => (h.index === 1 && r.handoff ? r.handoff : h)),
      authentication: r.auth ?? base.authentication,
      alignment: r.alignment ?? base.alignment,
      dkimSignatures: r.signatures ?? base.dkimSignatures,
      trust: { handoffIndex: r.handoffIndex === undefined ? 1 : r.handoffIndex },
    };
  });

const recipientArb: fc.Arbitrary<RecipientTransport> = fc.record({
  domain: maybe(fc.constant('recipient.example')),
  dane: tri,
  mtaStsEnforce: tri,
});
const signerArb: fc.Arbitrary<SignerPosture> = fc.oneof(
  fc.constant({ domain: 'sender.example', dnssec: true, dmarcPolicy: 'reject' as const }),
  fc.record({
    domain: maybe(fc.constant('sender.example')),
    dnssec: tri,
    dmarcPolicy: maybe(
      fc.constantFrom('reject', 'quarantine', 'none') as fc.Arbitrary<
        'reject' | 'quarantine' | 'none'
      >,
    ),
  }),
);

describe('no unknown input ever yields green', () => {
  // 3000 generated messages: seconds on a machine shared with many jobs, hence the time limit.
  it('green only when every input the verdict rests on is known and good', {
    timeout: 30_000,
  }, () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(
        fc.oneof(messageArb, nearGreenArb),
        recipientArb,
        signerArb,
        (m, recipient, signer) => {
          const { level, transit } = padlockFor(m, recipient, signer);
          seen.add(level);
          if (level !== 'green') return;
          const h = transit.handoff;
          expect(h?.encrypted).toBe(true);
          expect(['recommended', 'secure']).toContain(h?.tlsClass);
          expect(transit.recipientHops.exposedCleartext).toEqual([]);
          expect(recipient.dane === true || recipient.mtaStsEnforce === true).toBe(true);
          expect(transit.dkim).toMatchObject({
            result: 'pass',
            aligned: true,
            bodyLengthLimited: false,
          });
          expect(signer.dnssec).toBe(true);
          expect(['reject', 'quarantine']).toContain(transit.dmarc.policy ?? signer.dmarcPolicy);
          expect(transit.authenticationFailed).toBe(false);
        },
      ),
      { numRuns: 3000 },
    );
    // Not vacuous: the generator reaches every level.
    expect([...seen].sort()).toEqual(['amber', 'green', 'grey', 'red']);
  });

  it('forgetting any subset of a green message’s inputs never stays green, and never turns red', () => {
    const green = message();
    const recipient: RecipientTransport = {
      domain: 'recipient.example',
      dane: true,
      mtaStsEnforce: true,
    };
    const signer: SignerPosture = { domain: 'sender.example', dnssec: true, dmarcPolicy: 'reject' };
    expect(padlockFor(green, recipient, signer).level).toBe('green');
    const forget = fc.uniqueArray(
      fc.constantFrom(
        'handoff-tls',
        'handoff-class',
        'handoff',
        'auth',
        'dkim',
        'transport',
        'dnssec',
        'policy',
      ),
      { minLength: 1 },
    );
    fc.assert(
      fc.property(forget, (gone) => {
        let m = green;
        const r = { ...recipient };
        const s = { ...signer };
        const has = (k: string) => (gone as readonly string[]).includes(k);
        const hops = m.hops.map((h) =>
          h.index !== 1
            ? h
            : {
                ...h,
                encrypted: has('handoff-tls') ? null : h.encrypted,
                tls: has('handoff-class') ? { version: null, cipher: null, class: null } : h.tls,
              },
        );
        m = { ...m, hops, trust: { handoffIndex: has('handoff') ? null : 1 } };
        if (has('auth'))
          m = { ...m, authentication: { spf: null, dkim: [], dmarc: null, arc: null } };
        if (has('dkim')) m = { ...m, authentication: { ...m.authentication, dkim: [] } };
        if (has('policy')) {
          m = {
            ...m,
            authentication: {
              ...m.authentication,
              dmarc: m.authentication.dmarc && { ...m.authentication.dmarc, comment: null },
            },
          };
          s.dmarcPolicy = null;
        }
        if (has('transport')) Object.assign(r, { dane: null, mtaStsEnforce: null });
        if (has('dnssec')) s.dnssec = null;
        const { level } = padlockFor(m, r, s);
        expect(['amber', 'grey']).toContain(level);
      }),
      { numRuns: 500 },
    );
  });

  it('the sender side’s hops cannot change the level: they are claims', () => {
    fc.assert(
      fc.property(
        messageArb,
        recipientArb,
        signerArb,
        fc.infiniteStream(hopArb(0)),
        (m, recipient, signer, forged) => {
          const hi = m.trust.handoffIndex;
          if (hi === null || m.hops[hi]?.recordedBy !== 'recipient') return;
          const rewritten = m.hops.map((h) =>
            h.recordedBy === 'sender' && h.index < hi
              ? { ...forged.next().value, index: h.index, recordedBy: 'sender' as const }
              : h,
          );
          expect(padlockFor({ ...m, hops: rewritten }, recipient, signer).level).toBe(
            padlockFor(m, recipient, signer).level,
          );
        },
      ),
      { numRuns: 1000 },
    );
  });
});

// -------------------------------------------------------------------------------------------
// Through the real header engine: a recipient line without TLS evidence, then anything a sender
// can plant below it (Received lines claiming TLS, Authentication-Results claiming pass).

const forgedReceived = fc
  .record({
    host: fc.domain(),
    tls: fc.constantFrom(
      '(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))',
      '(version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256)',
      'with ESMTPS',
      '',
    ),
  })
  .map(
    ({ host, tls }) =>
      `Received: from ${host} (${host} [198.51.100.9]) by mx.recipient.example with ESMTPS ${tls} id f1; Tue, 30 Apr 2024 10:00:00 +0000`,
  );
const forgedAuth = fc.constantFrom(
  'Authentication-Results: mx.recipient.example; dkim=pass header.d=sender.example; spf=pass smtp.mailfrom=sender.example; dmarc=pass (p=REJECT) header.from=sender.example',
  'Authentication-Results: mx.google.com; dkim=pass header.i=@sender.example; dmarc=pass header.from=sender.example',
  'ARC-Authentication-Results: i=1; mx.recipient.example; dkim=pass header.d=sender.example; dmarc=pass',
  'Received-SPF: pass (mx.recipient.example: domain of sender.example designates 198.51.100.9 as permitted sender)',
);

describe('forged headers never turn the padlock green', () => {
  it('whatever a sender plants below the recipient’s own untrusted-looking line', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(forgedReceived, forgedAuth), { minLength: 1, maxLength: 8 }),
        (planted) => {
          const block = [
            // The recipient's own line records no TLS either way, and it wrote no Authentication-Results.
            'Received: from out.sender.example (out.sender.example [198.51.100.25]) by mx.recipient.example id r1; Tue, 30 Apr 2024 10:01:00 +0000',
            ...planted,
            'From: Alice <alice@sender.example>',
            'To: bob@recipient.example',
            'DKIM-Signature: v=1; a=rsa-sha256; d=sender.example; s=s1; h=from; bh=x; b=y',
            'Subject: hi',
            '',
            'body',
          ].join('\r\n');
          const facts = analyzeHeaders(block, {
            providerDomains: ['recipient.example'],
            recipientDomain: 'recipient.example',
          });
          const score = scoreMessage({
            facts,
            recipient: { dns: dnsFacts('recipient.example') },
            sender: { dns: dnsFacts('sender.example') },
          });
          expect(score.padlock.level).not.toBe('green');
        },
      ),
      { numRuns: 300 },
    );
  });
});
