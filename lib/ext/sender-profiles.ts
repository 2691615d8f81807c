// The background's sender profiles: judge each assessed message against its sender's profile
// and learn from it, one message at a time (two messages may share a sender), plus what the
// options page does with the profiles. Learning follows the "remember senders" switch and is
// off for private windows; judging needs no learning.
import { dkimSignersFromFacts } from '../checks/dkim-signers.ts';
import type { DnsClient } from '../dns/index.ts';
import type { MessageFacts } from '../headers/message-facts.ts';
import type { SenderAlertView } from '../messaging/report.ts';
import {
  type AlertWords,
  createProfileStore,
  type DowngradeAlert,
  describeAlert,
  dkimKeyFingerprint,
  judgeAndLearn,
  keyName,
  type ProfileStore,
  type SenderProfile,
  type StoredProfiles,
} from '../profile/index.ts';
import type { StorageAreaLike } from './domain-cache.ts';
import { profileStorage } from './profile-storage.ts';

/** A signer's published key as the DKIM lookups found it. */
export interface SignerKeyRecord {
  domain: string;
  selector: string;
  record: string;
  /** DNSSEC state of the key's zone: true = secure. */
  secure: boolean | null;
}

export interface SenderAlerts {
  sender: string | null;
  alerts: (DowngradeAlert & { words: AlertWords })[];
}

export interface SenderProfiles {
  judge(
    facts: MessageFacts,
    keys: readonly SignerKeyRecord[],
    options: { learn: boolean },
  ): Promise<SenderAlerts>;
  list(): Promise<SenderProfile[]>;
  forget(sender: string): Promise<void>;
  clear(): Promise<void>;
  exportAll(): Promise<StoredProfiles>;
  importAll(data: unknown): Promise<number>;
}

export function createSenderProfiles(
  area: StorageAreaLike,
  now: () => number = Date.now,
  store: ProfileStore = createProfileStore(profileStorage(area)),
): SenderProfiles {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => {});
    return next;
  };
  async function judge(
    facts: MessageFacts,
    keys: readonly SignerKeyRecord[],
    options: { learn: boolean },
  ) {
    const fingerprints = new Map<string, string>();
    const secure = new Map<string, boolean>();
    for (const k of keys) {
      fingerprints.set(keyName(k.domain, k.selector), await dkimKeyFingerprint(k.record));
      if (k.secure === true) secure.set(keyName(k.domain, k.selector), true);
    }
    const verdict = await serial(() =>
      judgeAndLearn(store, facts, {
        now: () => new Date(now()),
        learn: options.learn,
        keys: fingerprints,
        keyZoneSecure: secure,
      }),
    );
    const sender = verdict.sender;
    return {
      sender,
      alerts: verdict.alerts.map((a) => ({ ...a, words: describeAlert(a, sender ?? '?') })),
    };
  }
  return {
    judge,
    list: () => serial(() => store.all()),
    forget: (sender) => serial(() => store.forget(sender)),
    clear: () => serial(() => store.clear()),
    exportAll: () => serial(() => store.exportAll()),
    importAll: (data) => serial(() => store.importAll(data)),
  };
}

/** The published key of every verified signer of the message (the DoH client's cache answers). */
export async function signerKeyRecords(
  dns: Pick<DnsClient, 'query'>,
  facts: MessageFacts,
): Promise<SignerKeyRecord[]> {
  const wanted = dkimSignersFromFacts(facts).flatMap((s) =>
    s.selectors.map((selector) => ({ domain: s.domain, selector })),
  );
  const found = await Promise.all(
    wanted.map(async ({ domain, selector }) => {
      const answer = await dns.query(`${selector}._domainkey.${domain}`, 'TXT');
      const record = (answer.records as string[]).find((r) => /(?:^|;)\s*p\s*=/i.test(r));
      return record === undefined
        ? []
        : [{ domain, selector, record, secure: answer.authenticData }];
    }),
  );
  return found.flat();
}

/** The report's view of the alerts: kinds, tones and message keys only. */
export function alertViews(result: SenderAlerts): SenderAlertView[] {
  return result.alerts.map((a) => ({ kind: a.kind, tone: a.tone, ...a.words }));
}
