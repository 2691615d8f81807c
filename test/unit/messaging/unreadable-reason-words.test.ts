// "Can't read this message's headers (reason)" speaks the reader's language (issue 16,
// "Languages"): every reason a webmail adapter gives is a key of our catalogue, translated where
// it is shown. Before, the reasons were English sentences inside the German tooltip ("show
// original answered 500"). Reasons cross two message boundaries (the OWA page world, the
// content script to the background), so anything but our own keys is refused.
import { describe, expect, it } from 'vitest';
import { problemLine } from '../../../lib/messaging/tab-verdict.ts';
import {
  failedRequest,
  readUnreadableReason,
  UNREADABLE_REASON_KEYS,
  unreadable,
  unreadableReason,
} from '../../../lib/messaging/unreadable-reason.ts';
import { messageIn } from '../ext/i18n-fixture.ts';

const german = messageIn('de');
const english = messageIn('en');
const tGerman = (key: string, subs?: string | string[]) => german(key, subs) || key;

describe('unreadable reasons', () => {
  it('every reason key has English and German words of its own', () => {
    for (const key of UNREADABLE_REASON_KEYS) {
      const en = english(key, ['500', '501']);
      const de = german(key, ['500', '501']);
      expect(en, key).not.toBe('');
      expect(de, key).not.toBe('');
      expect(de, key).not.toBe(en);
    }
  });

  it('shows the German reason, with the status filled in, inside the German line', () => {
    const line = problemLine(
      'unreadable',
      tGerman,
      unreadableReason('unreadable_roundcubeStatus', '500'),
    );
    expect(line).toContain('Roundcubes Nachrichtenquelltext antwortete mit HTTP 500');
    expect(line).not.toMatch(/answered|viewsource/);
  });

  it('keeps the browser’s own error text only as a short parameter', () => {
    const result = failedRequest(new TypeError('x'.repeat(5000)));
    expect(result.reason.key).toBe('unreadable_requestFailed');
    expect(result.reason.params[0]?.length).toBeLessThanOrEqual(300);
    expect(readUnreadableReason(result.reason)).toEqual(result.reason);
  });

  it.each([
    ['a sentence instead of a key', 'show original answered 500'],
    ['a key that is not a reason', { key: 'levelGreen', params: [] }],
    [
      'a nested text as a parameter',
      { key: 'unreadable_requestFailed', params: [{ key: 'levelGreen', params: [] }] },
    ],
    ['too many parameters', { key: 'unreadable_requestFailed', params: ['a', 'b', 'c', 'd'] }],
    ['no parameter list', { key: 'unreadable_requestFailed' }],
  ])('refuses %s, and the line falls back to the plain "can’t read"', (_what, value) => {
    expect(readUnreadableReason(value)).toBeNull();
    expect(problemLine('unreadable', tGerman, value)).toBe(tGerman('verdictUnreadable'));
  });

  it('builds the fetch result and the reason alike', () => {
    expect(unreadable('unreadable_outlookActionStatus', 'GetItem', '503')).toEqual({
      kind: 'unreadable',
      reason: { key: 'unreadable_outlookActionStatus', params: ['GetItem', '503'] },
    });
  });
});
