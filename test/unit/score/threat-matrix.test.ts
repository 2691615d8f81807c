// Every cell of Foster et al.'s Table 1, for one message: each status a cell can take, and why.
import { describe, expect, it } from 'vitest';
import type { MessageInput } from '../../../lib/score/inputs.ts';
import {
  type RecipientTransport,
  type SignerPosture,
  type ThreatMatrix,
  threatMatrix,
} from '../../../lib/score/threat-matrix.ts';
import { transitVerdict } from '../../../lib/score/transit-verdict.ts';
import { auth, hop, message } from '../../fixtures/score/builders.ts';

const DANE: RecipientTransport = { domain: 'recipient.example', dane: true, mtaStsEnforce: false };
const SIGNED: SignerPosture = { domain: 'sender.example', dnssec: true, dmarcPolicy: 'reject' };

function matrix(
  m: MessageInput = message(),
  recipient: RecipientTransport = DANE,
  signer: SignerPosture = SIGNED,
): ThreatMatrix {
  return threatMatrix({ transit: transitVerdict(m), recipient, signer });
}

const base = message();
const withHandoff = (over: Parameters<typeof hop>[1]) =>
  message({
    hops: base.hops.map((h) => (h.index === 1 ? { ...h, ...over } : h)),
  });
const unsigned = message({
  authentication: { ...base.authentication, dkim: [], dmarc: null },
  dkimSignatures: [],
});

describe('the four cells Foster et al. mark "—"', () => {
  it('are n/a whatever the message', () => {
    for (const m of [matrix(), matrix(withHandoff({ encrypted: false, tls: null }))]) {
      expect(m.confidentiality.peer.status).toBe('n/a');
      expect(m.authenticity.passive.status).toBe('n/a');
      expect(m.integrity.passive.status).toBe('n/a');
      expect(m.integrity.peer.status).toBe('n/a');
    }
  });
});

describe('confidentiality × passive eavesdropper (TLS)', () => {
  it.each([
    ['yes', 'protected', message()],
    ['no', 'cleartext-hop', withHandoff({ encrypted: false, tls: null, evidence: 'with ESMTP' })],
    [
      'no',
      'broken-tls',
      withHandoff({
        tls: { version: 'TLSv1.2', cipher: 'TLS_RSA_WITH_RC4_128_SHA', class: 'insecure' },
      }),
    ],
    ['unknown', 'no-tls-evidence', withHandoff({ encrypted: null, tls: null })],
    ['unknown', 'no-handoff', message({ trust: { handoffIndex: null } })],
    [
      'no',
      'cleartext-hop',
      message({
        hops: [
          ...base.hops.slice(0, 2),
          hop(2, {
            encrypted: false,
            tls: null,
            from: { host: 'relay.recipient.example', ip: '192.0.2.50' },
          }),
        ],
      }),
    ],
  ] as const)('%s (%s)', (status, code, m) => {
    expect(matrix(m).confidentiality.passive).toMatchObject({ status, code });
  });

  it('ignores cleartext between internal addresses after the handoff (Foster §3.3)', () => {
    expect(transitVerdict(base).recipientHops.internalCleartext).toHaveLength(1);
    expect(matrix().confidentiality.passive.status).toBe('yes');
  });

  it('never counts the sender side’s claims as evidence', () => {
    const claimsTls = message({
      hops: base.hops.map((h) => (h.index === 1 ? { ...h, encrypted: null, tls: null } : h)),
    });
    expect(matrix(claimsTls).confidentiality.passive.status).toBe('unknown');
  });
});

describe('confidentiality × active network attacker (TLS with certificate verification)', () => {
  it.each([
    ['yes', 'protected', message(), DANE],
    ['yes', 'protected', message(), { domain: 'r', dane: false, mtaStsEnforce: true }],
    ['no', 'no-mx-authentication', message(), { domain: 'r', dane: false, mtaStsEnforce: false }],
    [
      'unknown',
      'recipient-not-checked',
      message(),
      { domain: 'r', dane: null, mtaStsEnforce: null },
    ],
    [
      'unknown',
      'recipient-not-checked',
      message(),
      { domain: 'r', dane: false, mtaStsEnforce: null },
    ],
    [
      'no',
      'outdated-tls',
      withHandoff({ tls: { version: 'TLSv1.0', cipher: null, class: 'obsolete' } }),
      DANE,
    ],
    [
      'unknown',
      'tls-unrecorded',
      withHandoff({ tls: { version: null, cipher: null, class: null } }),
      DANE,
    ],
    ['no', 'cleartext-hop', withHandoff({ encrypted: false, tls: null }), DANE],
    ['unknown', 'no-tls-evidence', withHandoff({ encrypted: null, tls: null }), DANE],
  ] as const)('%s (%s)', (status, code, m, recipient) => {
    expect(matrix(m, recipient).confidentiality.active).toMatchObject({ status, code });
  });
});

describe('authenticity × forging peer (SPF or DKIM*)', () => {
  const noDmarc = (over: Partial<MessageInput['authentication']>) =>
    message({ authentication: { ...base.authentication, dmarc: null, ...over } });
  it.each([
    ['yes', 'protected', message()],
    ['yes', 'protected', noDmarc({})],
    ['yes', 'protected', noDmarc({ dkim: [] })],
    [
      'no',
      'auth-failed',
      message({ authentication: { ...base.authentication, dmarc: auth('dmarc', 'fail') } }),
    ],
    ['no', 'auth-failed', noDmarc({ dkim: [auth('dkim', 'fail')], spf: auth('spf', 'fail') })],
    [
      'no',
      'unauthenticated',
      message({
        authentication: {
          spf: auth('spf', 'none'),
          dkim: [],
          dmarc: auth('dmarc', 'none'),
          arc: null,
        },
        dkimSignatures: [],
        alignment: {
          dkimPassDomains: [],
          dkim: { relaxed: false, domain: null },
          spf: { relaxed: false, domain: null },
        },
      }),
    ],
    [
      'unknown',
      'arc-vouched',
      message({
        authentication: {
          ...base.authentication,
          dmarc: auth('dmarc', 'fail'),
          arc: auth('arc', 'pass'),
        },
        arcSeals: [
          { i: 1, cv: 'none' },
          { i: 2, cv: 'pass' },
        ],
      }),
    ],
    [
      'unknown',
      'no-trusted-results',
      message({ authentication: { spf: null, dkim: [], dmarc: null, arc: null } }),
    ],
  ] as const)('%s (%s)', (status, code, m) => {
    expect(matrix(m).authenticity.peer).toMatchObject({ status, code });
  });
});

describe.each([['authenticity' as const], ['integrity' as const]])(
  '%s × active network attacker (DKIM* and DNSSEC)',
  (property) => {
    it.each([
      ['yes', 'protected', message(), SIGNED],
      ['no', 'dkim-key-unsigned', message(), { ...SIGNED, dnssec: false }],
      ['unknown', 'signer-not-checked', message(), { ...SIGNED, dnssec: null }],
      [
        'no',
        'dmarc-not-enforced',
        message({
          authentication: {
            ...base.authentication,
            dmarc: auth('dmarc', 'pass', { comment: 'p=NONE' }),
          },
        }),
        { ...SIGNED, dmarcPolicy: 'none' },
      ],
      [
        'unknown',
        'dmarc-policy-unknown',
        message({ authentication: { ...base.authentication, dmarc: auth('dmarc', 'pass') } }),
        { ...SIGNED, dmarcPolicy: null },
      ],
      [
        'unknown',
        'dkim-unknown',
        message({ authentication: { spf: null, dkim: [], dmarc: null, arc: null } }),
        SIGNED,
      ],
      ['no', property === 'authenticity' ? 'spf-only' : 'no-aligned-dkim', unsigned, SIGNED],
      [
        'no',
        'no-aligned-dkim',
        message({
          alignment: { ...base.alignment, dkim: { relaxed: false, domain: 'esp.example' } },
        }),
        SIGNED,
      ],
    ] as const)('%s (%s)', (status, code, m, signer) => {
      expect(matrix(m, DANE, signer)[property].active).toMatchObject({ status, code });
    });

    it(
      property === 'integrity'
        ? 'no: the signature covers part of the body (l=)'
        : 'l= does not affect who sent it',
      () => {
        const limited = message({
          dkimSignatures: [{ d: 'sender.example', bodyLengthLimited: true }],
        });
        expect(matrix(limited)[property].active.status).toBe(
          property === 'integrity' ? 'no' : 'yes',
        );
      },
    );
  },
);

describe('reasons', () => {
  it('every cell of every matrix above carries a sentence', () => {
    const m = matrix(withHandoff({ encrypted: false, tls: null }), {
      domain: null,
      dane: null,
      mtaStsEnforce: null,
    });
    for (const row of Object.values(m))
      for (const c of Object.values(row)) expect(c.reason.length).toBeGreaterThan(20);
  });
});
