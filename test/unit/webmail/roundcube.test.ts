// @vitest-environment happy-dom
// The Roundcube adapter: the message a frame shows (URL and DOM), and reading its raw headers
// from the viewsource action. The markup is the shape Roundcube 1.6 renders for
// skins/elastic/templates/message.html: #message-header, the summary from
// program/actions/mail/show.php message_summary(), the sender from
// program/actions/mail/index.php address_string() (span.adr > a.rcmContactAddress).
import { beforeEach, describe, expect, it } from 'vitest';
import { unreadable } from '../../../lib/messaging/unreadable-reason.ts';
import {
  roundcubeAccountAddress,
  roundcubeMessageRef,
  scanRoundcubePage,
} from '../../../lib/webmail/roundcube-dom.ts';
import {
  fetchRoundcubeHeaderBlock,
  roundcubeSourceUrl,
} from '../../../lib/webmail/roundcube-fetch.ts';

const BASE = 'https://webmail.example.org/';
const previewUrl = (uid: string, mbox = 'INBOX') =>
  `${BASE}?_task=mail&_caps=pdf%3D1&_uid=${uid}&_mbox=${mbox}&_framed=1&_action=preview`;

function messageView(sender: string): string {
  return `<div id="layout-content"><div class="content frame-content"><div id="message-header">
    <h2 class="subject"><span class="voice">Subject: </span>Hello</h2>
    <div class="header"><div class="header-content">
      <div class="header-summary"><span>From <span class="adr"><a href="mailto:${sender}"
        class="rcmContactAddress" title="${sender}">Alice</a></span> on 2026-12-06 14:00</span></div>
    </div></div></div></div></div>`;
}

describe('Roundcube message in view', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('reads uid and folder from the preview and full-view URLs, and nothing from the list', () => {
    expect(roundcubeMessageRef(previewUrl('42'))).toEqual({ uid: '42', mbox: 'INBOX' });
    expect(
      roundcubeMessageRef(`${BASE}?_task=mail&_action=show&_uid=7&_mbox=Archive%2F2026`),
    ).toEqual({ uid: '7', mbox: 'Archive/2026' });
    expect(roundcubeMessageRef(`${BASE}?_task=mail&_mbox=INBOX`)).toBe('no-message');
    expect(roundcubeMessageRef(`${BASE}?_task=settings&_action=preview&_uid=1&_mbox=INBOX`)).toBe(
      'no-message',
    );
    // An IMAP uid is a positive integer (RFC 3501 §2.3.1.1): anything else is unreadable.
    expect(roundcubeMessageRef(`${BASE}?_task=mail&_action=show&_uid=0&_mbox=INBOX`)).toBeNull();
    expect(roundcubeMessageRef(`${BASE}?_task=mail&_action=show&_uid=x1&_mbox=INBOX`)).toBeNull();
  });

  it('puts the padlock beside the sender and keys the message by folder and uid', () => {
    document.body.innerHTML = messageView('alice@sender.example');
    const scan = scanRoundcubePage(document, previewUrl('42'), 'carol@example.org');
    expect(scan.unreadableView).toBe(false);
    expect(scan.messages).toHaveLength(1);
    const [message] = scan.messages;
    expect(message?.key).toBe('INBOX/42');
    expect(message?.ref).toEqual({ uid: '42', mbox: 'INBOX' });
    expect(message?.senderAnchor?.className).toBe('adr');
    expect(message?.own).toBeUndefined();
  });

  it("marks the user's own message: sender is the account, or the folder is Sent/Drafts", () => {
    document.body.innerHTML = messageView('Carol@Example.org');
    expect(scanRoundcubePage(document, previewUrl('3'), 'carol@example.org').messages[0]?.own).toBe(
      true,
    );
    document.body.innerHTML = messageView('alice@sender.example');
    expect(scanRoundcubePage(document, previewUrl('3', 'Sent'), null).messages[0]?.own).toBe(true);
  });

  it('says "can\'t read" when a message shows but its URL names none', () => {
    document.body.innerHTML = messageView('alice@sender.example');
    const scan = scanRoundcubePage(document, `${BASE}?_task=mail&_action=show&_mbox=INBOX`, null);
    expect(scan.messages).toEqual([]);
    expect(scan.unreadableView).toBe(true);
    expect(scan.unreadableAnchor?.className).toBe('adr');
  });

  it('reads the account address from the list page (mail.html span.username)', () => {
    const list = document.implementation.createHTMLDocument('list');
    list.body.innerHTML = '<span class="header-title username">Carol@Example.org</span>';
    expect(roundcubeAccountAddress([document, list])).toBe('carol@example.org');
    expect(roundcubeAccountAddress([document, null])).toBeNull();
  });
});

describe('Roundcube viewsource', () => {
  const ref = { uid: '42', mbox: 'INBOX' };
  const answer =
    (body: string, type: string, status = 200) =>
    async () =>
      new Response(body, { status, headers: { 'content-type': type } });

  it('asks the same path with only the viewsource parameters', () => {
    expect(
      roundcubeSourceUrl(`https://h.example/roundcube/?_task=mail&_action=show&_uid=9#x`, ref),
    ).toBe('https://h.example/roundcube/?_task=mail&_action=viewsource&_uid=42&_mbox=INBOX');
  });

  it('keeps the header block only', async () => {
    const raw =
      'Received: from a by b; Sun, 6 Dec 2026 14:00:00 +0000\r\nFrom: x@y.example\r\n\r\nsecret body';
    const result = await fetchRoundcubeHeaderBlock(ref, {
      pageUrl: previewUrl('42'),
      fetch: answer(raw, 'text/plain; charset=UTF-8'),
    });
    expect(result).toEqual({
      kind: 'headers',
      headerBlock: 'Received: from a by b; Sun, 6 Dec 2026 14:00:00 +0000\r\nFrom: x@y.example',
      source: 'roundcube viewsource',
    });
  });

  it('tells signed out (the login page, HTTP 200) from other pages and errors', async () => {
    const login =
      '<form name="login-form" method="post"><input type="hidden" name="_task" value="login">' +
      '<input name="_user" id="rcmloginuser" required></form>';
    const signedOut = await fetchRoundcubeHeaderBlock(ref, {
      pageUrl: BASE,
      fetch: answer(login, 'text/html; charset=UTF-8'),
    });
    expect(signedOut).toEqual({ kind: 'login-required' });
    const other = await fetchRoundcubeHeaderBlock(ref, {
      pageUrl: BASE,
      fetch: answer('<p>error</p>', 'text/html'),
    });
    expect(other.kind).toBe('unreadable');
    const failed = await fetchRoundcubeHeaderBlock(ref, {
      pageUrl: BASE,
      fetch: answer('', 'text/plain', 500),
    });
    expect(failed).toEqual(unreadable('unreadable_roundcubeStatus', '500'));
  });
});
