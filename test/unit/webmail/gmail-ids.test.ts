import { describe, expect, it } from 'vitest';
import {
  gmailAccountBase,
  hexToMsgF,
  msgFToHex,
  parseGmailMessageId,
} from '../../../lib/webmail/gmail-ids.ts';

describe('Gmail message ids', () => {
  it('maps msg-f decimal ids to the legacy hex id and back', () => {
    expect(msgFToHex('msg-f:1743836977043622489')).toBe('18335a7dcae04a59');
    expect(hexToMsgF('18335a7dcae04a59')).toBe('msg-f:1743836977043622489');
  });

  it('reads the current attribute pair, dropping the leading #', () => {
    expect(parseGmailMessageId('#msg-f:1743836977043622489', '18335a7dcae04a59')).toEqual({
      permId: 'msg-f:1743836977043622489',
      legacyHex: '18335a7dcae04a59',
    });
  });

  it('trusts msg-f over a wrong legacy id (just after sending)', () => {
    expect(parseGmailMessageId('#msg-f:1743836977043622489', 'ffffffffffffffff')?.legacyHex).toBe(
      '18335a7dcae04a59',
    );
  });

  it('keeps msg-a ids of just-sent messages, which do not convert', () => {
    expect(parseGmailMessageId('#msg-a:r-8150470373447012345', null)).toEqual({
      permId: 'msg-a:r-8150470373447012345',
      legacyHex: null,
    });
  });

  it('accepts the older hex form of data-message-id and a legacy id alone', () => {
    expect(parseGmailMessageId('163bbb2c0f3e5a1d', null)?.permId).toBe(
      hexToMsgF('163bbb2c0f3e5a1d'),
    );
    expect(parseGmailMessageId(null, '163bbb2c0f3e5a1d')?.legacyHex).toBe('163bbb2c0f3e5a1d');
  });

  it('refuses ids that are neither form', () => {
    expect(parseGmailMessageId('#thread-f:123', null)).toBeNull();
    expect(parseGmailMessageId('<script>', 'zz')).toBeNull();
    expect(parseGmailMessageId(null, null)).toBeNull();
  });

  it.each([
    ['/mail/u/0/', '/mail/u/0/'],
    ['/mail/u/3/#inbox/FMfcgz', '/mail/u/3/'],
    ['/mail/b/ALGkd0x/u/0/', '/mail/b/ALGkd0x/u/0/'],
    ['/mail/b/ALGkd0x/', '/mail/b/ALGkd0x/'],
    ['/mail/u/1/d/AEoRXRTk/', '/mail/u/1/d/AEoRXRTk/'],
    // No account number: account 0, as InboxSDK's getOriginalMessagePage.ts assumes.
    ['/mail/', '/mail/u/0/'],
    ['/mail', '/mail/u/0/'],
    ['/chat/u/0/', null],
  ])('finds the account base of %s', (path, base) => {
    expect(gmailAccountBase(path)).toBe(base);
  });
});
