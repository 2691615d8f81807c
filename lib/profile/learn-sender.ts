// The one call each front end makes per opened message: judge it against the sender's profile
// as it stood before, then (unless learning is off) add it. Opening the same message again
// gives the same alerts and adds nothing.
import { type AlertContext, type DowngradeAlert, downgradeAlerts } from './downgrade-alerts.ts';
import {
  type KeyFingerprints,
  observeMessage,
  type ProfileFacts,
  profileSenderOf,
} from './observe-message.ts';
import type { ProfileStore } from './profile-store.ts';
import type { ProfileObservation } from './profile-types.ts';

export interface LearnOptions extends AlertContext {
  now?: () => Date;
  /** false: judge only, remember nothing (learning off, private windows). */
  learn?: boolean;
  keys?: KeyFingerprints;
}

export interface SenderVerdict {
  sender: string | null;
  alerts: DowngradeAlert[];
  /** The sender's observations the message was judged against. */
  history: readonly ProfileObservation[];
  observation: ProfileObservation | null;
}

export async function judgeAndLearn(
  store: ProfileStore,
  facts: ProfileFacts,
  options: LearnOptions = {},
): Promise<SenderVerdict> {
  const sender = profileSenderOf(facts);
  const now = (options.now ?? (() => new Date()))();
  const observation = await observeMessage(facts, now, options.keys);
  if (sender === null || observation === null) {
    return { sender, alerts: [], history: [], observation };
  }
  const profile = await store.get(sender);
  const all = profile?.observations ?? [];
  const history = all.filter((o) => o.id !== observation.id);
  const alerts = downgradeAlerts(history, observation, options);
  if (options.learn !== false && history.length === all.length) {
    const observations = [...all, observation].sort((a, b) => a.day - b.day);
    await store.put({ sender, observations });
  }
  return { sender, alerts, history, observation };
}
