// Draws each synthetic domain's features from the published shares (shares.ts), seeded, so the
// same seed and size always give the same population.

import { DANE_PROVIDERS, type MxTarget, PLAIN_PROVIDERS, TAIL, TAIL_SHARE } from './providers.ts';
import { pick, SHARES, seededRandom } from './shares.ts';

export type PolicyOutcome = 'ok' | 'host-down' | 'bad-certificate' | 'syntax' | 'mx-mismatch';

export interface MtaStsFeature {
  mode: 'enforce' | 'testing' | 'none';
  recordIdInvalid: boolean;
  policy: PolicyOutcome;
}

export interface DomainFeatures {
  /** Fully qualified, e.g. d000042.pops.lab. */
  domain: string;
  signed: boolean;
  mx: MxTarget;
  spf:
    | { state: 'none' }
    | { state: 'invalid' }
    | { state: 'valid'; all: keyof typeof SHARES.spfAll };
  dmarc:
    | { state: 'none' }
    | { state: 'invalid' }
    | { state: 'valid'; policy: keyof typeof SHARES.dmarcPolicies };
  tlsRpt: boolean;
  mtaSts: MtaStsFeature | null;
}

export const SIGNED_PARENT = 'pops.lab';
export const UNSIGNED_PARENT = 'popu.lab';

const weights = <T>(list: Array<{ target: T; weight: number }>) =>
  Object.fromEntries(list.map((entry, i) => [String(i), entry.weight])) as Record<string, number>;

function drawMx(signed: boolean, random: () => number): MxTarget {
  // DANE needs a signed domain; MECSA's 17.6% DANE of 23.23% signed sets the conditional share.
  const daneGivenSigned = SHARES.dane / SHARES.dnssecSigned;
  const from = (list: Array<{ target: MxTarget; weight: number }>) =>
    (list[Number(pick(weights(list), random))] as { target: MxTarget }).target;
  if (signed && random() < daneGivenSigned) return from(DANE_PROVIDERS);
  return random() < TAIL_SHARE ? from(TAIL) : from(PLAIN_PROVIDERS);
}

function drawMtaSts(random: () => number): MtaStsFeature | null {
  if (random() >= SHARES.mtaSts) return null;
  const e = SHARES.mtaStsErrors;
  const policy = pick(
    {
      'host-down': e.hostDown,
      'bad-certificate': e.badCertificate,
      syntax: e.syntax,
      'mx-mismatch': e.mxMismatch,
      ok: 1 - e.hostDown - e.badCertificate - e.syntax - e.mxMismatch,
    },
    random,
  );
  return {
    mode: pick(SHARES.mtaStsModes, random),
    recordIdInvalid: random() < e.recordId,
    policy,
  };
}

function drawDomain(index: number, random: () => number): DomainFeatures {
  const signed = random() < SHARES.dnssecSigned;
  const label = `d${String(index).padStart(6, '0')}`;
  const spfPublished = random() < SHARES.spf;
  const spfInvalid = random() < SHARES.spfInvalid;
  const dmarcPublished = random() < SHARES.dmarc;
  const dmarcInvalid = random() < SHARES.dmarcInvalid;
  return {
    domain: `${label}.${signed ? SIGNED_PARENT : UNSIGNED_PARENT}`,
    signed,
    mx: drawMx(signed, random),
    spf: !spfPublished
      ? { state: 'none' }
      : spfInvalid
        ? { state: 'invalid' }
        : { state: 'valid', all: pick(SHARES.spfAll, random) },
    dmarc: !dmarcPublished
      ? { state: 'none' }
      : dmarcInvalid
        ? { state: 'invalid' }
        : { state: 'valid', policy: pick(SHARES.dmarcPolicies, random) },
    tlsRpt: random() < SHARES.tlsRpt,
    mtaSts: drawMtaSts(random),
  };
}

/** The population of `size` domains for `seed`, in index order. */
export function* drawPopulation(size: number, seed: number): Generator<DomainFeatures> {
  const random = seededRandom(seed);
  for (let i = 0; i < size; i++) yield drawDomain(i, random);
}
