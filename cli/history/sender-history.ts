// The sender domain's handoff history for one analysed message, as `mailseal headers` uses it:
// record the message's trusted handoff in the file store, and hand back the domain's history
// for scoring. With history off, or when the store cannot be used, the message counts alone.
import {
  type HandoffObservation,
  type MessageInput,
  observationOf,
  recordHandoff,
  senderDomainOf,
} from '../../lib/score/index.ts';
import { createFileHistoryStorage, defaultHistoryDir } from './file-history-store.ts';

export interface SenderHistoryOptions {
  /** false: record nothing and score this message alone (`--no-history`). */
  enabled: boolean;
  /** Data directory; default `defaultHistoryDir(env)`. */
  dir?: string;
  env?: Readonly<Record<string, string | undefined>>;
  now?: () => Date;
}

export interface SenderHistory {
  senderDomain: string | null;
  /** The domain's observations after this message, oldest first. */
  observations: readonly HandoffObservation[];
  /** The history file, or null when this message was scored alone. */
  path: string | null;
  /** Why the store could not be used (the message was then scored alone). */
  error: string | null;
}

function alone(facts: MessageInput, now: Date, error: string | null = null): SenderHistory {
  const obs = observationOf(facts, now);
  return {
    senderDomain: senderDomainOf(facts),
    observations: obs === null ? [] : [obs],
    path: null,
    error,
  };
}

export async function senderHistoryFor(
  facts: MessageInput,
  options: SenderHistoryOptions,
): Promise<SenderHistory> {
  const now = options.now ?? (() => new Date());
  if (!options.enabled) return alone(facts, now());
  const storage = createFileHistoryStorage({
    dir: options.dir ?? defaultHistoryDir(options.env),
  });
  try {
    const { senderDomain, observations } = await recordHandoff(storage, facts, { now });
    return { senderDomain, observations, path: storage.path, error: null };
  } catch (error) {
    // A read-only home or a full disk must not stop the analysis itself.
    return alone(facts, now(), error instanceof Error ? error.message : String(error));
  }
}
