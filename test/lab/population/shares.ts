// The adoption shares the synthetic population is drawn from, each with its source in the seeds
// (../shared/seeds). MECSA = Kountouras et al., IEEE Access 2020 (Table 5 and §V, popular
// domains 2019–20); JRC = MECSA's 2018 JRC results; IMC = the MTA-STS study, IMC 2025 (latest
// snapshot, 68,030 domains with a record). Where the seeds give no figure the share is marked
// ASSUMED and chosen to be plausible; docs/scan.md lists them all.

export const SHARES = {
  /** MECSA Table 5: DNSSEC 23.23% of the examined domains. */
  dnssecSigned: 0.2323,
  /** MECSA Table 5: DANE 17.6% (DNSSEC plus correct TLSA), so most signed domains use DANE MX. */
  dane: 0.176,
  /** MECSA Table 5: STARTTLS 97.6% inbound, so 2.4% of domains have an MX without it. */
  noStarttls: 0.024,
  /** MECSA Table 5: MTA-STS 5.6% of the examined domains. */
  mtaSts: 0.056,
  /** Of the MTA-STS domains (IMC §4.3, 68,030 domains): each error kind, drawn independently. */
  mtaStsErrors: {
    /** IMC §4.3.1: 331 domains (0.49%) publish an invalid record (invalid or missing id). */
    recordId: 331 / 68_030,
    /** IMC §4.3.2: 9,984 policy servers fail the TLS handshake (bad certificate): 14.7%. */
    badCertificate: (8_871 + 1_113) / 68_030,
    /** IMC §4.3.2: 1,336 domains get no policy over HTTP (host down here): 2.0%. */
    hostDown: 1_336 / 68_030,
    /** IMC §4.3.2: 136 domains serve a syntactically invalid policy: 0.2%. */
    syntax: 136 / 68_030,
    /** IMC §4.4: 63 typos + 730 3LD+ + 644 stale mx patterns = 1,437 mismatching domains: 2.1%. */
    mxMismatch: (63 + 730 + 644) / 68_030,
  },
  /** ASSUMED (the seeds give no mode split): enforce, testing, none. */
  mtaStsModes: { enforce: 0.55, testing: 0.4, none: 0.05 },
  /** MECSA Table 5: SPF 80.7% publish a record. */
  spf: 0.807,
  /** JRC §SPF: 4% with syntax errors against 63% valid: 6% of published records are invalid. */
  spfInvalid: 4 / 67,
  /** MECSA §V-C (Figure 6): -all 44.12%, ~all 37.41%, ?all 8.2%, no all 6.35%, +all 0.12%. */
  spfAll: { fail: 0.4412, softfail: 0.3741, neutral: 0.082, none: 0.0635, pass: 0.0012 },
  /** MECSA Table 5: DMARC 51.3%. */
  dmarc: 0.513,
  /** MECSA §V-C: 0.31% of the DMARC records are syntactically invalid. */
  dmarcInvalid: 0.0031,
  /** MECSA §V-C: p=none 42.1%, reject 33.2%, quarantine 24.7%. */
  dmarcPolicies: { none: 0.421, reject: 0.332, quarantine: 0.247 },
  /** ASSUMED (IMC Figure 12 shows TLS-RPT on a few percent of MX domains, no table value). */
  tlsRpt: 0.03,
} as const;

/** Draws a key of `weights` (they need not sum to 1). */
export function pick<K extends string>(weights: Record<K, number>, random: () => number): K {
  const entries = Object.entries(weights) as Array<[K, number]>;
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let point = random() * total;
  for (const [key, weight] of entries) {
    point -= weight;
    if (point < 0) return key;
  }
  return (entries.at(-1) as [K, number])[0];
}

/** mulberry32: small, fast and the same on every machine for a given seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
