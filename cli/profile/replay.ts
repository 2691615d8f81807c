// `mailseal headers --replay DIR`: every message in a folder, in the order its handoffs
// happened, judged against a profile learned from the messages before it — the alerts a user
// would have seen opening them one by one. A fresh in-memory profile: the user's own history
// is neither read nor changed.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { analyzeHeaders } from '../../lib/headers/index.ts';
import type { MessageFacts } from '../../lib/headers/message-facts.ts';
import {
  createMemoryProfileStorage,
  createProfileStore,
  type DowngradeAlert,
  dayText,
  judgeAndLearn,
} from '../../lib/profile/index.ts';

/** Per-file read cap, the same as `mailseal headers` applies to one message. */
const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
/** Files replayed at most; a folder larger than this is cut, and the report says so. */
export const MAX_REPLAY_FILES = 100_000;

export interface ReplayedMessage {
  file: string;
  day: string | null;
  sender: string | null;
  alerts: DowngradeAlert[];
}

export interface ReplayResult {
  messages: ReplayedMessage[];
  skipped: { file: string; reason: string }[];
  truncated: boolean;
}

async function readCapped(path: string): Promise<Uint8Array> {
  const bytes = await readFile(path);
  return bytes.length > MAX_MESSAGE_BYTES ? bytes.subarray(0, MAX_MESSAGE_BYTES) : bytes;
}

function handoffTime(facts: MessageFacts): number {
  const at = facts.hops[facts.trust.handoffIndex ?? -1]?.at;
  const t = at === undefined || at === null ? Number.NaN : Date.parse(at);
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

async function messagesIn(dir: string, skipped: ReplayResult['skipped']) {
  const names = (await readdir(dir)).filter((n) => n.toLowerCase().endsWith('.eml')).sort();
  const loaded: { file: string; facts: MessageFacts }[] = [];
  for (const name of names.slice(0, MAX_REPLAY_FILES)) {
    const path = join(dir, name);
    if (!(await stat(path)).isFile()) continue;
    const facts = analyzeHeaders(await readCapped(path));
    if (facts.trust.handoffIndex === null)
      skipped.push({ file: name, reason: 'no handoff recorded by the recipient' });
    else loaded.push({ file: name, facts });
  }
  // Date order; undated handoffs last, then by file name for a stable order.
  loaded.sort(
    (a, b) => handoffTime(a.facts) - handoffTime(b.facts) || a.file.localeCompare(b.file),
  );
  return { loaded, truncated: names.length > MAX_REPLAY_FILES };
}

export async function replayFolder(
  dir: string,
  now: () => Date = () => new Date(),
): Promise<ReplayResult> {
  const skipped: ReplayResult['skipped'] = [];
  const { loaded, truncated } = await messagesIn(dir, skipped);
  const store = createProfileStore(createMemoryProfileStorage());
  const messages: ReplayedMessage[] = [];
  for (const { file, facts } of loaded) {
    const verdict = await judgeAndLearn(store, facts, { now });
    const day = verdict.observation === null ? null : dayText(verdict.observation.day);
    messages.push({ file, day, sender: verdict.sender, alerts: verdict.alerts });
  }
  return { messages, skipped, truncated };
}
