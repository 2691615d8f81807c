// The background's sender profiles over extension storage: one key per sender, alerts with
// their plain words, learning off for private windows, and key fingerprints from DKIM lookups.
import { describe, expect, it } from 'vitest';
import { PROFILE_PREFIX } from '../../../lib/ext/profile-storage.ts';
import { createSenderProfiles } from '../../../lib/ext/sender-profiles.ts';
import { english } from '../../../lib/score/text.ts';
import { CNN, ESTABLISHED_DAYS, varied } from '../profile/corpus-sequences.ts';
import { createMemoryArea } from './memory-area.ts';

const now = () => Date.parse('2026-12-01T00:00:00Z');
const KEY = { domain: 'newsletters.cnn.com', selector: 'v2', secure: false };

describe('sender profiles in the background', () => {
  it('stores one key per sender and alerts in plain words on a downgrade', async () => {
    const area = createMemoryArea();
    const profiles = createSenderProfiles(area, now);
    for (const day of ESTABLISHED_DAYS) {
      await profiles.judge(
        varied(CNN, { day, tls: 'TLSv1.3' }),
        [{ ...KEY, record: 'v=DKIM1; k=rsa; p=AAAA' }],
        { learn: true },
      );
    }
    expect([...area.data.keys()]).toEqual([`${PROFILE_PREFIX}cnn.com`]);
    const result = await profiles.judge(
      varied(CNN, { day: 12, tls: 'cleartext' }),
      [{ ...KEY, record: 'v=DKIM1; p=BBBB' }],
      { learn: true },
    );
    expect(result.alerts.map((a) => a.kind)).toEqual(['tls-downgrade', 'dkim-key-changed']);
    expect(result.alerts[0]?.words.title).toEqual({
      key: 'alert_tls_cleartext_title',
      params: ['cnn.com'],
    });
    expect(english(result.alerts[0]?.words.usually ?? { key: '', params: [] })).toBe(
      'cnn.com’s mail usually arrives encrypted (TLS 1.3): the last 6 messages since 2026-11-01.',
    );
    expect(result.alerts[1]?.tone).toBe('warning');
  });

  it('a reformatted record with the same p= is the same key', async () => {
    const profiles = createSenderProfiles(createMemoryArea(), now);
    for (const day of ESTABLISHED_DAYS) {
      await profiles.judge(varied(CNN, { day }), [{ ...KEY, record: 'v=DKIM1; k=rsa; p=AAAA' }], {
        learn: true,
      });
    }
    const same = await profiles.judge(
      varied(CNN, { day: 12 }),
      [{ ...KEY, record: 'p=AA AA;v=DKIM1' }],
      { learn: true },
    );
    expect(same.alerts).toEqual([]);
  });

  it('learns nothing when learning is off (private windows, switch off)', async () => {
    const area = createMemoryArea();
    const profiles = createSenderProfiles(area, now);
    await profiles.judge(varied(CNN, { day: 1 }), [], { learn: false });
    expect(area.data.size).toBe(0);
  });
});
