// The sender profile for one analysed message, as `mailseal headers` uses it: judge the message
// against the profile in the history directory, then learn from it. With history off, or when
// the file cannot be used, the message is judged against nothing and no alert can fire.
import type { MessageFacts } from '../../lib/headers/message-facts.ts';
import { createProfileStore, judgeAndLearn, type SenderVerdict } from '../../lib/profile/index.ts';
import { defaultHistoryDir } from '../history/file-history-store.ts';
import { createFileProfileStorage } from '../history/profile-file-storage.ts';

export interface SenderAlertsOptions {
  enabled: boolean;
  dir?: string;
  now?: () => Date;
}

export async function senderAlertsFor(
  facts: MessageFacts,
  options: SenderAlertsOptions,
): Promise<SenderVerdict & { error: string | null }> {
  const none = { sender: null, alerts: [], history: [], observation: null };
  if (!options.enabled) return { ...none, error: null };
  const store = createProfileStore(createFileProfileStorage(options.dir ?? defaultHistoryDir()));
  try {
    return {
      ...(await judgeAndLearn(store, facts, options.now ? { now: options.now } : {})),
      error: null,
    };
  } catch (error) {
    // A read-only home or a damaged file must not stop the analysis itself.
    return { ...none, error: error instanceof Error ? error.message : String(error) };
  }
}
