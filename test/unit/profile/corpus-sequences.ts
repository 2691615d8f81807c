// Sequences of messages for the profile tests, built from real corpus messages (Fastmail's
// copies of mail from Amazon and CNN in ../shared/corpus/dkim-verifier/original) with the
// handoff's date, client and TLS varied, as a sender's mail would vary from day to day.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyzeHeaders } from '../../../lib/headers/index.ts';
import type { MessageFacts } from '../../../lib/headers/message-facts.ts';

// A path, not a URL: component tests run under happy-dom, whose URL class node:fs refuses.
const CORPUS = resolve(import.meta.dirname, '../../../../shared/corpus/dkim-verifier/original');

export const AMAZON = 'Fastmail from Amazon - Verify your new Amazon account.eml';
export const CNN = 'Fastmail from CNN - Thanks for subscribing to 5 Things.eml';

const parsed = new Map<string, MessageFacts>();
export function corpusFacts(name: string): MessageFacts {
  let facts = parsed.get(name);
  if (facts === undefined) {
    facts = analyzeHeaders(readFileSync(resolve(CORPUS, name)));
    parsed.set(name, facts);
  }
  return structuredClone(facts);
}

export interface Variation {
  /** Days after 2026-11-01. */
  day: number;
  /** Distinguishes messages on one day (the handoff minute). */
  n?: number;
  tls?: 'TLSv1.3' | 'TLSv1.2' | 'TLSv1.0' | 'cleartext';
  senderHost?: string;
  dkim?: 'as-is' | 'none' | 'fail';
  dmarc?: 'pass' | 'fail';
}

function handoff(facts: MessageFacts) {
  const hop = facts.hops[facts.trust.handoffIndex ?? -1];
  if (hop === undefined) throw new Error('corpus message without a handoff');
  return hop;
}

/** The corpus message as it would look with the variation applied to its trusted handoff. */
export function varied(name: string, v: Variation): MessageFacts {
  const facts = corpusFacts(name);
  const hop = handoff(facts);
  const at = new Date(Date.UTC(2026, 10, 1 + v.day, 9, v.n ?? 0));
  hop.at = at.toISOString();
  if (v.senderHost !== undefined) hop.from.host = v.senderHost;
  if (v.tls === 'cleartext') {
    hop.encrypted = false;
    hop.tls = null;
  } else if (v.tls !== undefined) {
    hop.encrypted = true;
    hop.tls = { version: v.tls, cipher: null, class: null, bits: null };
  }
  if (v.dkim === 'none') {
    facts.authentication.dkim = [];
    facts.dkimSignatures = [];
  } else if (v.dkim === 'fail') {
    for (const r of facts.authentication.dkim) r.result = 'fail';
  }
  if (v.dmarc !== undefined && facts.authentication.dmarc !== null) {
    facts.authentication.dmarc.result = v.dmarc;
  }
  return facts;
}

/** Six ordinary messages on days 0..10: an established profile under the default rule. */
export const ESTABLISHED_DAYS = [0, 2, 4, 6, 8, 10];
