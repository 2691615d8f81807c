// Issue 16, "fast": the padlock is final once the DNS facts it reads are in, and only those
// (lib/score/padlock-facts.ts); the rest refine the details. Two halves: the registry's checks
// are sorted into the padlock's part by what their score writes, so a new scored check whose
// fact the padlock reads cannot be left out; and the padlock really reads nothing else, whatever
// the other facts, the sender's probe answer and the sender's history say.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CheckTable, EVERY_DNS_CHECK } from '../../../lib/checks/registry.ts';
import { padlockCheckKeys } from '../../../lib/score/dns-facts.ts';
import type {
  DnsFactsInput,
  MessageInput,
  ProbeInput,
  SignerKeyInput,
} from '../../../lib/score/inputs.ts';
import { PADLOCK_DNS_FACTS } from '../../../lib/score/padlock-facts.ts';
import { scoreMessage, senderZoneRead } from '../../../lib/score/score-message.ts';
import { auth, dnsFacts, handoff, hop, message, mx, probe } from '../../fixtures/score/builders.ts';

const STATUSES = ['pass', 'fail', 'none', 'temperror', 'permerror'] as const;

describe("the registry's checks in the padlock's part", () => {
  it('the padlock waits for the sender zone signing and DMARC, and the recipient DANE and MTA-STS', () => {
    expect(padlockCheckKeys('sender').sort()).toEqual(['dmarc', 'dnssec']);
    expect(padlockCheckKeys('recipient').sort()).toEqual(['mtaSts', 'tlsa']);
  });

  it('every scored check whose score writes a fact the padlock reads is in its part', () => {
    for (const role of ['sender', 'recipient'] as const) {
      const read = new Set<string>(PADLOCK_DNS_FACTS[role]);
      for (const check of EVERY_DNS_CHECK) {
        if (!check.score) continue;
        const written = STATUSES.flatMap((status) =>
          Object.keys(check.score?.({ status, details: {} } as never) ?? {}),
        );
        if (written.some((fact) => read.has(fact)))
          expect(padlockCheckKeys(role), `${check.key} (${role})`).toContain(check.key);
        else expect(padlockCheckKeys(role), `${check.key} (${role})`).not.toContain(check.key);
      }
    }
  });

  it('a new check is sorted by what its score writes; one whose facts cannot be told waits', () => {
    const entry = (key: string, score?: (o: never) => object) =>
      ({ key, run: async () => ({}), summary: () => '', report: null, score }) as never;
    const table: CheckTable = [
      entry('newDane', () => ({ dane: true })),
      entry('newPolicy', (o: { status: string }) => (o.status === 'pass' ? { dmarc: {} } : {})),
      entry('starsOnly', () => ({ spf: 'valid' })),
      entry('unscored'),
      entry('throws', () => {
        throw new Error('needs details');
      }),
    ];
    expect(padlockCheckKeys('recipient', table)).toEqual(['newDane', 'throws']);
    expect(padlockCheckKeys('sender', table)).toEqual(['newPolicy', 'throws']);
  });
});

const tri = fc.constantFrom(true, false, null);
const state = fc.constantFrom('valid', 'invalid', 'missing', null) as fc.Arbitrary<
  DnsFactsInput['spf']
>;
const policy = fc.constantFrom('reject', 'quarantine', 'none', null) as fc.Arbitrary<
  DnsFactsInput['dmarc']['policy']
>;
const factsArb = (domain: string): fc.Arbitrary<DnsFactsInput> =>
  fc.record({
    domain: fc.constant(domain),
    dnssec: tri,
    zoneSigned: tri,
    spf: state,
    dmarc: fc.record({ state, policy }),
    dkim: tri,
    dane: tri,
    mtaStsRecord: tri,
  });

/** The same facts with everything the padlock does not read of `role` drawn afresh. */
function otherFacts(role: 'sender' | 'recipient', keep: DnsFactsInput, fresh: DnsFactsInput) {
  const out: Record<string, unknown> = { ...fresh, domain: keep.domain };
  for (const fact of PADLOCK_DNS_FACTS[role]) out[fact] = keep[fact];
  return out as unknown as DnsFactsInput;
}

const probeArb = (domain: string): fc.Arbitrary<ProbeInput | null> =>
  fc.option(
    fc
      .record({
        starttls: fc.boolean(),
        dane: fc.boolean(),
        certOk: fc.boolean(),
        mode: fc.constantFrom('enforce', 'testing', 'none', null),
        mxStatus: fc.constantFrom('ok', 'temperror'),
      })
      .map((p) =>
        probe(
          domain,
          [mx({ host: `mx.${domain}`, starttls: p.starttls, dane: p.dane, certOk: p.certOk })],
          { mode: p.mode as 'enforce' | null, mxStatus: p.mxStatus as ProbeInput['mxStatus'] },
        ),
      ),
    { nil: null },
  );

const messageArb: fc.Arbitrary<MessageInput> = fc
  .record({
    encrypted: tri,
    dkim: fc.constantFrom('pass', 'fail', 'none'),
    dmarc: fc.constantFrom('pass', 'fail', 'none'),
    signer: fc.constantFrom('sender.example', 'mail.sender.example', 'esp.example'),
  })
  .map((m) => {
    const base = message();
    return {
      ...base,
      hops: base.hops.map((h) =>
        h.index === 1
          ? hop(1, { ...h, encrypted: m.encrypted, tls: m.encrypted ? h.tls : null })
          : h,
      ),
      authentication: {
        ...base.authentication,
        dkim: [auth('dkim', m.dkim, { properties: { 'header.d': m.signer } })],
        dmarc: auth('dmarc', m.dmarc),
      },
      alignment: { ...base.alignment, dkimPassDomains: m.dkim === 'pass' ? [m.signer] : [] },
      dkimSignatures: [{ d: m.signer, bodyLengthLimited: false }],
    };
  });

const keysArb: fc.Arbitrary<SignerKeyInput[]> = fc.array(
  fc.record({
    domain: fc.constantFrom('sender.example', 'mail.sender.example', 'esp.example'),
    dnssec: tri,
    key: fc.constantFrom('present', 'fails', 'absent', null),
    bits: fc.constantFrom(1024, 2048, null),
  }) as fc.Arbitrary<SignerKeyInput>,
  { maxLength: 2 },
);

/** What the padlock shows: level, headline, the two signals, and the matrix its reasons come from. */
function padlockOf(input: Parameters<typeof scoreMessage>[0]) {
  const { padlock, matrix } = scoreMessage(input);
  return {
    level: padlock.level,
    text: padlock.text,
    transport: padlock.transport,
    sender: padlock.sender,
    matrix,
  };
}

describe('the padlock reads no other DNS fact, nor the sender probe or history', () => {
  it('holds for any facts, probes and messages', () => {
    fc.assert(
      fc.property(
        messageArb,
        factsArb('sender.example'),
        factsArb('sender.example'),
        factsArb('recipient.example'),
        factsArb('recipient.example'),
        probeArb('recipient.example'),
        probeArb('sender.example'),
        fc.boolean(),
        keysArb,
        (
          facts,
          sender,
          senderElse,
          recipient,
          recipientElse,
          recipientProbe,
          senderProbe,
          history,
          signerKeys,
        ) => {
          const full = padlockOf({
            facts,
            signerKeys,
            sender: {
              dns: sender,
              probe: senderProbe,
              observations: history ? [handoff(false, 0), handoff(true, 1)] : [],
            },
            recipient: { dns: recipient, probe: recipientProbe },
          });
          const onlyPadlockPart = padlockOf({
            facts,
            signerKeys,
            sender: { dns: otherFacts('sender', sender, senderElse), probe: null },
            recipient: {
              dns: otherFacts('recipient', recipient, recipientElse),
              probe: recipientProbe,
            },
          });
          expect(onlyPadlockPart).toEqual(full);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("a signer key whose answer decides its protection leaves the sender's zone signing unread", () => {
    fc.assert(
      fc.property(
        messageArb,
        factsArb('sender.example'),
        tri,
        keysArb,
        (facts, sender, zoneSigned, signerKeys) => {
          fc.pre(!senderZoneRead(facts, signerKeys));
          const recipient = { dns: dnsFacts('recipient.example') };
          expect(padlockOf({ facts, signerKeys, sender: { dns: sender }, recipient })).toEqual(
            padlockOf({ facts, signerKeys, sender: { dns: { ...sender, zoneSigned } }, recipient }),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a probe answer that decides the recipient leaves its DNS facts unread', () => {
    fc.assert(
      fc.property(
        messageArb,
        factsArb('recipient.example'),
        factsArb('recipient.example'),
        probeArb('recipient.example').filter((p) => p !== null && p.mxStatus !== 'temperror'),
        (facts, recipient, other, recipientProbe) => {
          const sender = { dns: dnsFacts('sender.example') };
          expect(
            padlockOf({ facts, sender, recipient: { dns: recipient, probe: recipientProbe } }),
          ).toEqual(padlockOf({ facts, sender, recipient: { dns: other, probe: recipientProbe } }));
        },
      ),
      { numRuns: 200 },
    );
  });
});
