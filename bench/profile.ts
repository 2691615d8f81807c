// `npm run bench:profile`: what downgrade alerts cost per message, against the header analysis
// the message needs anyway (the peer in the same run). A store already holding 2,000 senders
// (the default bound) judges and learns 10,000 messages from them, as the background does: one
// extension-storage-like write per message. Prints µs per message for the profile step and for
// analyzeHeaders, their ratio, and the stored size.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyzeHeaders } from '../lib/headers/index.ts';
import {
  createMemoryProfileStorage,
  createProfileStore,
  judgeAndLearn,
} from '../lib/profile/index.ts';

const CORPUS = resolve(import.meta.dirname, '../../shared/corpus/dkim-verifier/original');
const raw = readFileSync(
  resolve(CORPUS, 'Fastmail from Amazon - Verify your new Amazon account.eml'),
  'latin1',
);
const base = analyzeHeaders(raw);
const SENDERS = 2000;
const MESSAGES = 10_000;

function message(i: number) {
  const facts = structuredClone(base);
  if (facts.from !== null) facts.from.organizationalDomain = `sender${i % SENDERS}.example`;
  const hop = facts.hops[facts.trust.handoffIndex ?? 0];
  if (hop !== undefined)
    hop.at = new Date(Date.UTC(2026, 0, 1 + Math.floor(i / SENDERS) * 2, 9, i % 60)).toISOString();
  return facts;
}

const facts = Array.from({ length: MESSAGES }, (_, i) => message(i));
const storage = createMemoryProfileStorage();
const store = createProfileStore(storage);
const now = () => new Date(Date.UTC(2026, 1, 1));

let t0 = performance.now();
for (const f of facts) await judgeAndLearn(store, f, { now });
const profileUs = ((performance.now() - t0) * 1000) / MESSAGES;

t0 = performance.now();
for (let i = 0; i < MESSAGES; i++) analyzeHeaders(raw);
const headersUs = ((performance.now() - t0) * 1000) / MESSAGES;

const bytes = new TextEncoder().encode(JSON.stringify(storage.stored())).length;
process.stdout.write(
  `sender profile: ${profileUs.toFixed(1)} µs/message (judge + learn, ${SENDERS} senders, ${MESSAGES} messages)\n` +
    `analyzeHeaders: ${headersUs.toFixed(1)} µs/message (same message, same run)\n` +
    `ratio profile/headers: ${(profileUs / headersUs).toFixed(2)}\n` +
    `stored: ${(bytes / 1e6).toFixed(2)} MB for ${(await store.all()).length} senders\n`,
);
