// analyzeHeaders(): raw header block → MessageFacts. Browser-safe, never throws.
// The trust boundary (docs/headers.md):
//  1. The topmost Received header is always written by the recipient's side.
//  2. Walking down (newer → older), the next header is also the recipient's when the current,
//     trusted hop records its client as a provider host (rDNS in the provider's domains), a
//     loopback or private address, or no client at all (internal pickup).
//  3. The first trusted hop whose client is outside the provider is the handoff; everything older
//     is a sender claim. HELO names never extend trust (the client chooses them).
//  4. Authentication-Results count only with a provider authserv-id AND a position the sender
//     cannot reach: above the handoff Received header, or (for providers known to write them
//     just below it, e.g. Gmail) the topmost one in the trace block directly under it.

import { readDkimSignatureTags } from '../checks/dkim-signature.ts';
import type { SecurityClass } from '../tls/index.ts';
import { worseClass } from '../tls/index.ts';
import { parseAuthResults, parseReceivedSpf, parseTagList } from './auth-results.ts';
import { isSpace } from './cfws.ts';
import { isoFromMs } from './date.ts';
import {
  ARC_AUTH_RESULTS,
  ARC_SEAL,
  AUTH_RESULTS,
  DELIVERED_TO,
  DKIM_SIGNATURE,
  FROM,
  type HeaderField,
  RECEIVED,
  RECEIVED_SPF,
  RETURN_PATH,
  scanHeaderBlock,
  TO,
  X_ORIGINAL_TO,
} from './header-scan.ts';
import {
  aligned,
  cleanDomain,
  type DomainMemo,
  domainOfAddress,
  icannOrganizationalDomain,
  identityOf,
  newDomainMemo,
  organizationalDomain,
  orgMayBeIn,
  parseAddressList,
} from './identity.ts';
import { type Cidr, cleanIp, inAnyCidr, parseCidr } from './ip.ts';
import {
  type AnalyzeOptions,
  type ArcSealInfo,
  type AuthResult,
  type DkimSignatureInfo,
  type Encrypted,
  type EnvelopeIdentity,
  type Hop,
  MESSAGE_FACTS_VERSION,
  type MessageFacts,
} from './message-facts.ts';
import { type ParsedReceived, parseReceived } from './received.ts';

/** Received headers read per message (the topmost ones: the recipient's part matters most). */
export const MAX_HOPS = 100;
export const MAX_RAW_CHARS = 2048;
const MAX_DKIM_SIGNATURES = 32;
const MAX_AUTH_HEADERS = 64;

/** Providers that own several organizational domains. */
const PROVIDER_FAMILIES: readonly (readonly string[])[] = [
  ['google.com', 'gmail.com', 'googlemail.com'],
  ['outlook.com', 'office365.com', 'hotmail.com', 'microsoft.com', 'office.com', 'live.com'],
  ['yahoo.com', 'yahoo.net', 'yahoodns.net', 'aol.com'],
  ['icloud.com', 'me.com', 'mac.com', 'apple.com'],
  ['messagingengine.com', 'fastmail.com', 'fastmail.fm'],
  ['protonmail.ch', 'proton.me', 'protonmail.com'],
  ['zoho.com', 'zohomail.com', 'zoho.eu'],
];

/** Each family member → its family, so that adding a provider is one lookup. */
const FAMILY_OF: ReadonlyMap<string, readonly string[]> = new Map(
  PROVIDER_FAMILIES.flatMap((family) => family.map((d) => [d, family] as const)),
);

/**
 * Networks a provider relays through internally. A trusted hop whose client address is in its
 * provider's networks vouches for the next header (Exchange Online records HELO names, not rDNS,
 * on its internal hops). The address is the TCP peer the trusted hop saw: not sender-controlled.
 */
const PROVIDER_NETWORK_TEXT: Readonly<Record<string, readonly string[]>> = {
  'google.com': ['209.85.128.0/17', '2a00:1450::/32', '2607:f8b0::/32', '2404:6800::/32'],
  'outlook.com': [
    '40.92.0.0/15',
    '40.107.0.0/16',
    '52.100.0.0/14',
    '104.47.0.0/17',
    '2a01:111::/32',
    '2603:1000::/24',
  ],
};

const PROVIDER_NETWORKS: ReadonlyMap<string, readonly Cidr[]> = new Map(
  Object.entries(PROVIDER_NETWORK_TEXT).map(([d, nets]) => [
    d,
    nets.map(parseCidr).filter((c): c is Cidr => c !== null),
  ]),
);

function inProviderNetwork(ip: string | null, provider: ReadonlySet<string>): boolean {
  if (ip === null) return false;
  for (const d of provider) {
    const nets = PROVIDER_NETWORKS.get(d);
    if (nets !== undefined && inAnyCidr(ip, nets)) return true;
  }
  return false;
}

/** Providers that write Received-SPF / Authentication-Results directly below their Received line. */
const AR_BELOW_HANDOFF: ReadonlySet<string> = new Set(['google.com']);

/** Header fields a provider writes with its handoff Received, in Gmail's layout. */
function isTraceBelow(kind: number | undefined): boolean {
  return kind === RECEIVED_SPF || kind === AUTH_RESULTS;
}

function isPrivateIp(ip: string | null): boolean {
  if (ip === null) return false;
  if (ip.startsWith('127.') || ip === '::1' || ip.startsWith('::ffff:127.')) return true;
  if (ip.startsWith('10.') || ip.startsWith('192.168.')) return true;
  const m = ip.startsWith('172.') ? /^172\.(\d+)\./.exec(ip) : null;
  if (m && Number(m[1]) >= 16 && Number(m[1]) <= 31) return true;
  if (ip.startsWith('100.')) {
    const second = Number(ip.split('.')[1]);
    if (second >= 64 && second <= 127) return true; // CGNAT, used internally by large providers
  }
  const c0 = ip.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57) return false; // IPv4: none of the IPv6 prefixes below
  const lower = ip.toLowerCase();
  return lower.startsWith('fe80:') || lower.startsWith('fc') || lower.startsWith('fd');
}

/** Organizational domain of a host under an ICANN suffix; private names (.internal, .local) give null. */
function hostOrg(host: string, memo: DomainMemo): string | null {
  if (cleanIp(host) !== null) return null;
  return icannOrganizationalDomain(host, memo);
}

/**
 * Result words by strength. A Map: the words come from the message, and an object literal
 * would answer 'constructor' or '__proto__' with Object.prototype's members.
 */
const RESULT_RANK: ReadonlyMap<string, number> = new Map(
  Object.entries({
    pass: 6,
    bestguesspass: 5,
    none: 3,
    neutral: 3,
    policy: 3,
    temperror: 2,
    timeout: 2,
    softfail: 1,
    fail: 0,
    permerror: 0,
    hardfail: 0,
  }),
);

function rank(result: string): number {
  return RESULT_RANK.get(result) ?? 3;
}

/** Worst result wins; ties keep the first (topmost) one. */
function worse(sofar: AuthResult | null, r: AuthResult): AuthResult {
  return sofar === null || rank(r.result) < rank(sofar.result) ? r : sofar;
}

/** false if any hop is cleartext, else true if any is encrypted, else null. */
function combineEncrypted(hops: Hop[]): Encrypted {
  let sawTrue = false;
  for (const h of hops) {
    if (h.encrypted === false) return false;
    if (h.encrypted === true) sawTrue = true;
  }
  return sawTrue ? true : null;
}

interface Rx {
  field: HeaderField;
  parsed: ParsedReceived;
}

export function emptyFacts(warnings: string[] = []): MessageFacts {
  return {
    schemaVersion: MESSAGE_FACTS_VERSION,
    hops: [],
    from: null,
    envelopeFrom: null,
    recipientDomain: null,
    authentication: { authservId: null, spf: null, dkim: [], dmarc: null, arc: null, other: [] },
    claims: [],
    dkimSignatures: [],
    arcSeals: [],
    dkimDomains: [],
    alignment: {
      dkimPassDomains: [],
      dkim: { relaxed: false, strict: false, domain: null },
      spf: { relaxed: false, strict: false, domain: null },
    },
    trust: { providerDomains: [], trustedAuthservIds: [], handoffIndex: null, basis: 'no headers' },
    transport: {
      handoffEncrypted: null,
      recipientHopsEncrypted: null,
      senderHopsEncrypted: null,
      weakestRecipientClass: null,
      totalSeconds: null,
    },
    warnings,
  };
}

export function analyzeHeaders(
  input: string | Uint8Array,
  options: AnalyzeOptions = {},
): MessageFacts {
  try {
    return analyze(input, options);
  } catch (error) {
    return emptyFacts([`internal-error: ${error instanceof Error ? error.message : 'unknown'}`]);
  }
}

/**
 * The phases, each a function with its own input and output: collectFields (which fields to
 * read), findBoundary (the trust walk over the Received headers), senderReach (header positions
 * the sender cannot reach), buildHops, readAuthentication, readSignatures, readIdentities,
 * computeAlignment and summarizeTransport.
 */
function analyze(input: string | Uint8Array, options: AnalyzeOptions): MessageFacts {
  // Only the fields read below are unfolded; the others keep their positions and kinds.
  const block = scanHeaderBlock(input, false);
  const memo = newDomainMemo();
  const facts = emptyFacts([...block.warnings]);
  const now = typeof options.now === 'number' ? options.now : Date.now();
  const fields = collectFields(block.fields, block.kinds);
  if (fields.droppedHops > 0) {
    facts.warnings.push(`only the topmost ${MAX_HOPS} Received headers were read`);
  }
  const boundary = findBoundary(fields.rxTop, options, memo);
  const trust = trustedIds(options, boundary.provider, memo);
  const reach = senderReach(fields.rxTop, boundary, block.kinds);
  const hops = buildHops(fields.rxTop, boundary.handoffTop);
  facts.hops = hops.hops;
  const auth = readAuthentication(fields, reach, trust);
  facts.authentication = auth.authentication;
  facts.claims = auth.claims;
  readSignatures(fields, now, facts);
  readIdentities(fields, boundary.handoffTop, options, memo, facts);
  computeAlignment(memo, facts);
  const trustedIdList = new Set<string>(trust.ids);
  if (auth.authentication.authservId !== null) trustedIdList.add(auth.authentication.authservId);
  facts.trust = {
    providerDomains: [...boundary.provider],
    trustedAuthservIds: [...trustedIdList],
    handoffIndex: hops.handoffIndex,
    basis: boundary.basis,
  };
  facts.transport = summarizeTransport(facts.hops, hops.handoffIndex, hops.firstAt, hops.lastAt);
  return facts;
}

/** The fields the engine reads, by kind, within their caps. */
interface Fields {
  rxTop: Rx[];
  droppedHops: number;
  ar: HeaderField[];
  arcAr: HeaderField[];
  spf: HeaderField[];
  dkim: HeaderField[];
  seals: HeaderField[];
  from: HeaderField[];
  returnPath?: HeaderField;
  deliveredTo?: HeaderField;
  originalTo?: HeaderField;
  to?: HeaderField;
}

function collectFields(all: HeaderField[], kinds: number[]): Fields {
  const f: Fields = {
    rxTop: [],
    droppedHops: 0,
    ar: [],
    arcAr: [],
    spf: [],
    dkim: [],
    seals: [],
    from: [],
  };
  for (const field of all) {
    switch (kinds[field.index]) {
      case RECEIVED:
        if (f.rxTop.length < MAX_HOPS) f.rxTop.push({ field, parsed: parseReceived(field.value) });
        else f.droppedHops++;
        break;
      case AUTH_RESULTS:
        if (f.ar.length < MAX_AUTH_HEADERS) f.ar.push(field);
        break;
      case ARC_AUTH_RESULTS:
        if (f.arcAr.length < MAX_AUTH_HEADERS) f.arcAr.push(field);
        break;
      case RECEIVED_SPF:
        if (f.spf.length < MAX_AUTH_HEADERS) f.spf.push(field);
        break;
      case DKIM_SIGNATURE:
        if (f.dkim.length < MAX_DKIM_SIGNATURES) f.dkim.push(field);
        break;
      case ARC_SEAL:
        if (f.seals.length < MAX_AUTH_HEADERS) f.seals.push(field);
        break;
      case FROM:
        f.from.push(field);
        break;
      case RETURN_PATH:
        f.returnPath ??= field;
        break;
      case DELIVERED_TO:
        f.deliveredTo ??= field;
        break;
      case X_ORIGINAL_TO:
        f.originalTo ??= field;
        break;
      case TO:
        f.to ??= field;
        break;
    }
  }
  return f;
}

interface Boundary {
  /** Organizational domains of the recipient's provider (with its known siblings). */
  provider: Set<string>;
  /** Index into rxTop of the handoff header, -1 without Received headers. */
  handoffTop: number;
  basis: string;
}

function addProvider(provider: Set<string>, org: string | null): void {
  if (org === null || provider.has(org)) return;
  provider.add(org);
  const family = FAMILY_OF.get(org);
  if (family !== undefined) for (const d of family) provider.add(d);
}

/** Does trusted hop p vouch for the header below it (`next`)? See docs/headers.md. */
function vouches(p: ParsedReceived, next: Rx, provider: Set<string>, memo: DomainMemo): boolean {
  if (p.fromName === null && p.ip === null) {
    const nextOrg = next.parsed.byName === null ? null : hostOrg(next.parsed.byName, memo);
    return provider.size === 0 || (nextOrg !== null && provider.has(nextOrg));
  }
  // Only a provider membership is asked of the client's name: skip lookups that cannot match.
  const clientOrg =
    p.rdnsUnverified || p.fromRdns === null || !orgMayBeIn(p.fromRdns, provider)
      ? null
      : hostOrg(p.fromRdns, memo);
  if (clientOrg !== null && provider.has(clientOrg)) return true;
  return isPrivateIp(p.ip) || inProviderNetwork(p.ip, provider);
}

/** Walks the Received headers from the top while each trusted hop vouches for the next. */
function findBoundary(rxTop: Rx[], options: AnalyzeOptions, memo: DomainMemo): Boundary {
  const provider = new Set<string>();
  for (const d of options.providerDomains ?? []) {
    addProvider(provider, organizationalDomain(d, memo) ?? cleanDomain(d));
  }
  for (let k = 0; k < rxTop.length; k++) {
    const p = (rxTop[k] as Rx).parsed;
    addProvider(provider, p.byName === null ? null : hostOrg(p.byName, memo));
    const next = rxTop[k + 1];
    const at = p.byName ?? 'an unnamed host';
    if (next === undefined) {
      const client = p.fromRdns ?? p.ip ?? p.fromName;
      const basis =
        client === null
          ? 'the oldest Received header is the recipient’s own and records no sending host'
          : `entered the recipient’s provider at ${at} from ${client} (oldest header)`;
      return { provider, handoffTop: k, basis };
    }
    if (!vouches(p, next, provider, memo)) {
      const client = p.fromRdns ?? p.ip ?? p.fromName ?? 'an unknown client';
      return {
        provider,
        handoffTop: k,
        basis: `entered the recipient’s provider at ${at} from ${client}`,
      };
    }
  }
  return {
    provider,
    handoffTop: -1,
    basis: 'no Received headers: nothing is recorded by the recipient',
  };
}

interface TrustedIds {
  ids: Set<string>;
  trusted: (id: string | null) => boolean;
}

function trustedIds(options: AnalyzeOptions, provider: Set<string>, memo: DomainMemo): TrustedIds {
  const ids = new Set<string>();
  for (const id of options.trustedAuthservIds ?? []) ids.add(id.trim().toLowerCase());
  const trusted = (id: string | null): boolean => {
    if (id === null) return false;
    if (ids.has(id)) return true;
    const word = firstWordOf(id);
    if (!orgMayBeIn(word, provider)) return false;
    const org = organizationalDomain(word, memo);
    return org !== null && provider.has(org);
  };
  return { ids, trusted };
}

/** Header positions the sender cannot reach: above the handoff header, or Gmail's trace block. */
interface Reach {
  above: (index: number) => boolean;
  inBelowBlock: (index: number) => boolean;
}

function senderReach(rxTop: Rx[], b: Boundary, kinds: number[]): Reach {
  const handoffHeader = b.handoffTop >= 0 ? (rxTop[b.handoffTop] as Rx).field.index : -1;
  const firstSenderHeader =
    b.handoffTop >= 0 && b.handoffTop + 1 < rxTop.length
      ? (rxTop[b.handoffTop + 1] as Rx).field.index
      : Number.POSITIVE_INFINITY;
  // Gmail layout: the trace block right under the handoff Received header.
  let belowBlockEnd = handoffHeader;
  if (handoffHeader >= 0 && writesBelowHandoff(b.provider)) {
    let i = handoffHeader + 1;
    while (i < kinds.length && i < firstSenderHeader) {
      if (!isTraceBelow(kinds[i])) break;
      i++;
    }
    belowBlockEnd = i - 1;
  }
  return {
    above: (index) => handoffHeader >= 0 && index < handoffHeader,
    inBelowBlock: (index) => index > handoffHeader && index <= belowBlockEnd,
  };
}

function writesBelowHandoff(provider: ReadonlySet<string>): boolean {
  for (const d of provider) if (AR_BELOW_HANDOFF.has(d)) return true;
  return false;
}

interface Hops {
  hops: Hop[];
  handoffIndex: number | null;
  firstAt: number | null;
  lastAt: number | null;
}

/** The hops oldest first, with delays from the previous dated hop. */
function buildHops(rxTop: Rx[], handoffTop: number): Hops {
  const n = rxTop.length;
  const hops: Hop[] = [];
  let lastAt: number | null = null;
  let firstAt: number | null = null;
  for (let i = 0; i < n; i++) {
    const topIdx = n - 1 - i;
    const { field, parsed } = rxTop[topIdx] as Rx;
    let delaySeconds: number | null = null;
    if (parsed.dateMs !== null) {
      if (lastAt !== null) delaySeconds = Math.round((parsed.dateMs - lastAt) / 1000);
      lastAt = parsed.dateMs;
      firstAt ??= parsed.dateMs;
    }
    const recipient = handoffTop >= 0 && topIdx <= handoffTop;
    hops.push(hopOf(i, field, parsed, recipient, delaySeconds));
  }
  return { hops, handoffIndex: handoffTop >= 0 ? n - 1 - handoffTop : null, firstAt, lastAt };
}

function hopOf(
  index: number,
  field: HeaderField,
  parsed: ParsedReceived,
  recipient: boolean,
  delaySeconds: number | null,
): Hop {
  const fromIsIp = parsed.fromName !== null && cleanIp(parsed.fromName) !== null;
  const hop: Hop = {
    index,
    from: {
      host: parsed.fromRdns ?? (parsed.helo === null && !fromIsIp ? parsed.fromName : null),
      helo: parsed.helo,
      ip: parsed.ip,
    },
    by: { host: parsed.byName },
    protocol: parsed.protocol,
    authenticated: parsed.authenticated,
    via: parsed.via,
    id: parsed.id,
    for: parsed.for,
    tls: parsed.tls,
    encrypted: parsed.encrypted,
    encryptedEvidence: parsed.evidenceKind,
    evidence: parsed.evidence,
    recordedBy: recipient ? 'recipient' : 'sender',
    at: parsed.dateMs === null ? null : isoFromMs(parsed.dateMs),
    delaySeconds,
    raw:
      field.value.length > MAX_RAW_CHARS ? `${field.value.slice(0, MAX_RAW_CHARS)}…` : field.value,
    warnings: parsed.warnings,
  };
  if (delaySeconds !== null && delaySeconds < 0) hop.warnings = [...hop.warnings, 'clock-skew'];
  return hop;
}

interface Authentication {
  authentication: MessageFacts['authentication'];
  claims: AuthResult[];
}

/** Authentication-Results, ARC-Authentication-Results and Received-SPF: trusted or claims. */
function readAuthentication(f: Fields, reach: Reach, ids: TrustedIds): Authentication {
  const trustedResults: AuthResult[] = [];
  const claims: AuthResult[] = [];
  let trustedAuthservId: string | null = null;
  let belowTaken = false;
  const anyAboveTrusted = f.ar.some((field) => {
    if (!reach.above(field.index)) return false;
    const id = firstId(field.value);
    return ids.trusted(id) || id === null;
  });
  for (const field of f.ar) {
    const parsed = parseAuthResults(field.value, 'authentication-results', field.index);
    const id = parsed.authservId;
    let trusted = false;
    if (reach.above(field.index) && (id === null || ids.trusted(id))) trusted = true;
    else if (
      !anyAboveTrusted &&
      !belowTaken &&
      reach.inBelowBlock(field.index) &&
      ids.trusted(id)
    ) {
      trusted = true;
      belowTaken = true;
    }
    if (trusted) {
      trustedAuthservId ??= id;
      trustedResults.push(...parsed.results);
    } else claims.push(...parsed.results);
  }
  for (const field of f.arcAr) {
    const parsed = parseAuthResults(field.value, 'arc-authentication-results', field.index);
    const position = reach.above(field.index) || reach.inBelowBlock(field.index);
    if (!(ids.trusted(parsed.authservId) && position)) claims.push(...parsed.results);
  }
  const spfHeader = readReceivedSpf(f.spf, reach, ids, claims);
  return { authentication: byMethod(trustedAuthservId, trustedResults, spfHeader), claims };
}

/** The trusted results by method, in one pass: the worst of each, every DKIM result, the rest. */
function byMethod(
  authservId: string | null,
  results: AuthResult[],
  spfHeader: AuthResult | null,
): MessageFacts['authentication'] {
  let spf: AuthResult | null = null;
  let dmarc: AuthResult | null = null;
  let arc: AuthResult | null = null;
  const dkim: AuthResult[] = [];
  const other: AuthResult[] = [];
  for (const r of results) {
    if (r.method === 'spf') spf = worse(spf, r);
    else if (r.method === 'dkim') dkim.push(r);
    else if (r.method === 'dmarc') dmarc = worse(dmarc, r);
    else if (r.method === 'arc') arc = worse(arc, r);
    else other.push(r);
  }
  return { authservId, spf: spf ?? spfHeader, dkim, dmarc, arc, other };
}

/** Received-SPF: the topmost one in a trusted position, from the provider (or unnamed). */
function readReceivedSpf(
  fields: HeaderField[],
  reach: Reach,
  ids: TrustedIds,
  claims: AuthResult[],
): AuthResult | null {
  let trusted: AuthResult | null = null;
  for (const field of fields) {
    const parsed = parseReceivedSpf(field.value, field.index);
    if (parsed === null) continue;
    const recv = parsed.receiver;
    const position = reach.above(field.index) || reach.inBelowBlock(field.index);
    const fromProvider = recv === null ? reach.above(field.index) : ids.trusted(recv);
    if (trusted === null && position && fromProvider) trusted = parsed.result;
    else claims.push(parsed.result);
  }
  return trusted;
}

function readSignatures(f: Fields, now: number, facts: MessageFacts): void {
  for (const field of f.dkim) facts.dkimSignatures.push(readDkimSignature(field, now));
  for (const field of f.seals) {
    const t = parseTagList(field.value);
    const seal: ArcSealInfo = {
      i: intTag(t.get('i')),
      cv: t.get('cv')?.toLowerCase() ?? null,
      d: cleanDomain(t.get('d')) ?? t.get('d') ?? null,
      s: t.get('s') ?? null,
      a: t.get('a') ?? null,
      t: intTag(t.get('t')),
      headerIndex: field.index,
    };
    facts.arcSeals.push(seal);
  }
  const dkimDomains = new Set<string>();
  for (const s of facts.dkimSignatures) {
    const d = cleanDomain(s.d);
    if (d !== null) dkimDomains.add(d);
  }
  facts.dkimDomains = [...dkimDomains];
}

/** From, the envelope sender and the recipient's domain. */
function readIdentities(
  f: Fields,
  handoffTop: number,
  options: AnalyzeOptions,
  memo: DomainMemo,
  facts: MessageFacts,
): void {
  if (f.from.length > 1) facts.warnings.push('multiple From headers');
  const firstFrom = f.from[0];
  if (firstFrom !== undefined) {
    const addresses = parseAddressList(firstFrom.value, 2);
    if (addresses.length > 1) facts.warnings.push('From has several addresses');
    const address = addresses[0] ?? null;
    facts.from = identityOf(address, undefined, memo);
    if (address === null) facts.warnings.push('From has no readable address');
  }
  facts.envelopeFrom = envelopeOf(f.returnPath, facts.authentication.spf, memo);
  facts.recipientDomain =
    cleanDomain(options.recipientDomain) ??
    domainOfAddress(parseAddressList(f.deliveredTo?.value ?? '', 1)[0]) ??
    domainOfAddress(parseAddressList(f.originalTo?.value ?? '', 1)[0]) ??
    domainOfAddress(handoffTop >= 0 ? topFor(f.rxTop, handoffTop) : null) ??
    domainOfAddress(parseAddressList(f.to?.value ?? '', 1)[0]);
}

function envelopeOf(
  returnPath: HeaderField | undefined,
  spf: AuthResult | null,
  memo: DomainMemo,
): EnvelopeIdentity | null {
  if (returnPath !== undefined) {
    const addr = parseAddressList(returnPath.value, 1)[0] ?? null;
    if (addr !== null) return { ...identityOf(addr, undefined, memo), source: 'return-path' };
  }
  if (spf === null) return null;
  const mf = spf.properties['smtp.mailfrom'] ?? spf.properties['envelope-from'];
  if (mf === undefined) return null;
  const addr = mf.includes('@') ? mf : null;
  return {
    ...identityOf(addr, addr === null ? mf : null, memo),
    source: spf.source === 'received-spf' ? 'received-spf' : 'smtp.mailfrom',
  };
}

/** DMARC alignment (RFC 7489 §3.1) of the trusted passing DKIM and SPF results. */
function computeAlignment(memo: DomainMemo, facts: MessageFacts): void {
  const auth = facts.authentication;
  const fromDomain = facts.from?.domain ?? null;
  const passDomains: string[] = [];
  for (const r of auth.dkim) {
    if (r.result !== 'pass') continue;
    const d = cleanDomain(r.properties['header.d']) ?? domainOfAddress(r.properties['header.i']);
    if (d !== null && !passDomains.includes(d)) passDomains.push(d);
  }
  facts.alignment.dkimPassDomains = passDomains;
  for (const d of passDomains) {
    const a = aligned(d, fromDomain, memo);
    if (a.strict && !facts.alignment.dkim.strict) {
      facts.alignment.dkim = { relaxed: true, strict: true, domain: d };
    } else if (a.relaxed && !facts.alignment.dkim.relaxed) {
      facts.alignment.dkim = { relaxed: true, strict: false, domain: d };
    }
  }
  if (auth.spf !== null && auth.spf.result === 'pass') {
    const mf = auth.spf.properties['smtp.mailfrom'] ?? auth.spf.properties['envelope-from'];
    const spfDomain =
      (mf === undefined ? null : (domainOfAddress(mf) ?? cleanDomain(mf))) ??
      facts.envelopeFrom?.domain ??
      null;
    facts.alignment.spf = { ...aligned(spfDomain, fromDomain, memo), domain: spfDomain };
  }
}

/**
 * The summary is about hops that cross networks: a client on a private or loopback address is
 * inside one operator's network and is shown per hop but not counted here.
 */
function summarizeTransport(
  hops: Hop[],
  handoffIndex: number | null,
  firstAt: number | null,
  lastAt: number | null,
): MessageFacts['transport'] {
  const recipientHops: Hop[] = [];
  const senderHops: Hop[] = [];
  for (const h of hops) {
    if (isPrivateIp(h.from.ip)) continue;
    if (h.recordedBy === 'recipient') recipientHops.push(h);
    else senderHops.push(h);
  }
  let weakest: SecurityClass | null = null;
  for (const h of recipientHops) weakest = worseClass(weakest, h.tls?.class ?? null);
  return {
    handoffEncrypted: handoffIndex === null ? null : (hops[handoffIndex]?.encrypted ?? null),
    recipientHopsEncrypted: combineEncrypted(recipientHops),
    senderHopsEncrypted: combineEncrypted(senderHops),
    weakestRecipientClass: weakest,
    totalSeconds:
      firstAt !== null && lastAt !== null ? Math.round((lastAt - firstAt) / 1000) : null,
  };
}

/** `s.split(/\s/)[0]`: the text before the first white space. */
function firstWordOf(s: string): string {
  for (let i = 0; i < s.length; i++) if (isSpace(s.charCodeAt(i))) return s.slice(0, i);
  return s;
}

function firstId(value: string): string | null {
  const semi = value.indexOf(';');
  const head = (semi === -1 ? value : value.slice(0, semi)).trim();
  if (head.length === 0 || head.includes('=')) return null;
  return firstWordOf(head).toLowerCase();
}

function topFor(rxTop: Rx[], handoffTop: number): string | null {
  for (let k = 0; k <= handoffTop; k++) {
    const f = (rxTop[k] as Rx).parsed.for;
    if (f !== null) return f;
  }
  return null;
}

function intTag(v: string | undefined): number | null {
  if (v === undefined) return null;
  if (isShortDigits(v)) return Number(v); // the usual shape, without the regular expressions
  const t = v.replace(/\s+/g, '');
  if (!/^\d{1,15}$/.test(t)) return null;
  return Number(t);
}

/** 1 to 15 ASCII digits, as `^\d{1,15}$` accepts. */
function isShortDigits(v: string): boolean {
  if (v.length === 0 || v.length > 15) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The signed header names of `h=`: lower-cased, empty entries dropped, at most 64, in one pass. */
function signedHeaders(list: string): string[] {
  const out: string[] = [];
  let start = 0;
  while (out.length < 64) {
    const colon = list.indexOf(':', start);
    const stop = colon === -1 ? list.length : colon;
    if (stop > start) out.push(list.slice(start, stop).toLowerCase());
    if (colon === -1) break;
    start = colon + 1;
  }
  return out;
}

/** A tag value without its FWS (b=, bh=, h=); tag values hold no other white space. */
function withoutSpace(s: string | undefined): string | null {
  return s === undefined ? null : s.replace(/\s+/g, '');
}

function readDkimSignature(f: HeaderField, now: number): DkimSignatureInfo {
  // RFC 6376 §3.2/§3.5: case-sensitive tag names, repeats invalid, each tag's syntax judged.
  const sig = readDkimSignatureTags(
    f.value.length > 16 * 1024 ? f.value.slice(0, 16 * 1024) : f.value,
  );
  const t = sig.tags;
  const x = intTag(t.x);
  const ts = intTag(t.t);
  const l = intTag(t.l);
  const warnings = sig.problems;
  if (l !== null)
    warnings.push(`l=${l}: only the first ${l} body bytes are signed; more can be appended`);
  const expired = x === null ? null : x * 1000 < now;
  if (expired === true) warnings.push('signature expired (x= is in the past)');
  if (ts !== null && ts * 1000 > now + 15 * 60_000) warnings.push('t= is in the future');
  return {
    v: t.v ?? null,
    a: t.a?.toLowerCase() ?? null,
    c: t.c ?? null,
    d: t.d?.toLowerCase() ?? null,
    s: t.s ?? null,
    i: t.i ?? null,
    h: signedHeaders(withoutSpace(t.h) ?? ''),
    l,
    t: ts,
    x,
    b: withoutSpace(t.b),
    bh: withoutSpace(t.bh),
    expired,
    bodyLengthLimited: l !== null,
    warnings,
    headerIndex: f.index,
  };
}
