// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { findGmailIk, scanGmailPage } from '../../../lib/webmail/gmail-dom.ts';

function message(id: string, legacy: string, classes: string, sender = 'alice@sender.example') {
  return `<div class="adn ads ${classes}" data-message-id="#${id}" data-legacy-message-id="${legacy}">
    <h3 class="iw"><span class="gD" email="${sender}" name="Alice">Alice</span></h3>
    ${classes.includes('h7') ? '<div class="a3s aiL">body</div>' : ''}
  </div>`;
}

describe('Gmail page scan', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('lists expanded messages of a thread, skipping collapsed ones', () => {
    document.body.innerHTML = `<div role="main"><h2 class="hP" data-legacy-thread-id="18335a7dcae04a59">Subject</h2>
      ${message('msg-f:1743836977043622489', '18335a7dcae04a59', 'kv')}
      ${message('msg-f:1743836977043622490', '18335a7dcae04a5a', 'h7')}</div>`;
    const scan = scanGmailPage(document);
    expect(scan.unreadableView).toBe(false);
    expect(scan.messages.map((m) => m.key)).toEqual(['msg-f:1743836977043622490']);
    expect(scan.messages[0]?.senderAnchor?.getAttribute('email')).toBe('alice@sender.example');
  });

  it('falls back to the body when Gmail drops the expanded class', () => {
    document.body.innerHTML = `<div data-message-id="#msg-f:1743836977043622489"><span email="a@b.example"></span><div class="ii gt">body</div></div>`;
    const scan = scanGmailPage(document);
    expect(scan.messages).toHaveLength(1);
    expect(scan.messages[0]?.senderAnchor).not.toBeNull();
  });

  it('says "unreadable" when a thread is open but no message can be identified', () => {
    document.body.innerHTML = `<h2 class="hP" data-legacy-thread-id="1">Subject</h2><div class="renamed">body</div>`;
    expect(scanGmailPage(document)).toEqual({ messages: [], unreadableView: true });
  });

  it('keeps a message with a garbled id as unreadable rather than guessing', () => {
    document.body.innerHTML = `<h2 class="hP">S</h2><div class="adn h7" data-message-id="#new-format-42"><span email="a@b.example"></span></div>`;
    const [only] = scanGmailPage(document).messages;
    expect(only?.ref).toBeNull();
    expect(only?.key).toMatch(/^unreadable:/);
  });

  it('is quiet on the inbox list', () => {
    document.body.innerHTML = `<table><tr><td><span email="a@b.example">A</span></td></tr></table>`;
    expect(scanGmailPage(document)).toEqual({ messages: [], unreadableView: false });
  });

  it('finds ik in a page link', () => {
    document.body.innerHTML = `<a href="?ik=0a1b2c3d4e&view=pt">print</a>`;
    expect(findGmailIk(document)).toBe('0a1b2c3d4e');
  });
});
