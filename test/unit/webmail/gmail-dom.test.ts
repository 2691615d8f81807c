// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { gmailAccountAddress, outermost, scanGmailPage } from '../../../lib/webmail/gmail-dom.ts';
import { findGmailIk, IK_ATTRIBUTE, waitForGmailIk } from '../../../lib/webmail/gmail-ik.ts';
import { exposeGmailIk, readPageIk } from '../../../lib/webmail/gmail-ik-exposer.ts';

// Real Gmail puts the state class on the wrapper (role=listitem) around div.adn, not on it:
// h7 expanded, kv/ky collapsed, kQ/kx hidden (InboxSDK/InboxSDK src/platform-implementation-js/
// dom-driver/gmail/views/gmail-message-view.ts, getViewState).
function message(id: string, state: string, sender = 'alice@sender.example') {
  const body = state === 'h7' ? '<div class="a3s aiL">body</div>' : '';
  return `<div role="listitem" class="${state}"><div class="adn ads" data-message-id="#${id}">
    <h3 class="iw"><span class="gD" email="${sender}" name="A">A</span></h3>${body}</div></div>`;
}
const SUBJECT = '<h2 class="hP" data-legacy-thread-id="18335a7dcae04a59">Subject</h2>';

describe('Gmail page scan', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
    document.documentElement.removeAttribute(IK_ATTRIBUTE);
  });

  it('reads the state from the wrapper: only h7 messages are open, kv/ky/kQ/kx are not', () => {
    document.body.innerHTML = `<div role="main">${SUBJECT}
      ${message('msg-f:1743836977043622481', 'kQ')}
      ${message('msg-f:1743836977043622482', 'kx')}
      ${message('msg-f:1743836977043622483', 'kv')}
      ${message('msg-f:1743836977043622484', 'ky')}
      ${message('msg-f:1743836977043622489', 'h7')}
      ${message('msg-f:1743836977043622490', 'h7', 'bob@other.example')}</div>`;
    const scan = scanGmailPage(document);
    expect(scan.unreadableView).toBe(false);
    expect(scan.messages.map((m) => m.key)).toEqual([
      'msg-f:1743836977043622489',
      'msg-f:1743836977043622490',
    ]);
    expect(scan.messages[1]?.senderAnchor?.getAttribute('email')).toBe('bob@other.example');
  });

  it('looks for a conversation without readable messages only when it found none (no whole-page queries per scan)', () => {
    document.body.innerHTML = `<div role="main">${SUBJECT}${message('msg-f:1743836977043622489', 'h7')}</div>`;
    const asked: string[] = [];
    const root = {
      querySelectorAll: (selector: string) => {
        asked.push(selector);
        return document.querySelectorAll(selector);
      },
    } as unknown as ParentNode;
    const found = scanGmailPage(root, { isVisible: () => true });
    expect(found.messages).toHaveLength(1);
    expect(found).toMatchObject({ unreadableView: false, unreadableAnchor: null });
    const threadQueries = asked.filter((selector) => /hP|thread/.test(selector));
    expect(threadQueries).toEqual([]);
    // With no readable message the conversation's heading is found and shown as unreadable.
    document.body.innerHTML = `<div role="main">${SUBJECT}${message('msg-f:1743836977043622483', 'kv')}</div>`;
    const none = scanGmailPage(root, { isVisible: () => true });
    expect(none.unreadableView).toBe(true);
    expect(none.unreadableAnchor?.tagName).toBe('H2');
  });

  it('does not count a collapsed message that keeps its body in the page', () => {
    document.body.innerHTML = `${SUBJECT}<div class="kv"><div class="adn" data-message-id="#msg-f:1743836977043622489">
      <span class="gD" email="a@b.example"></span><div class="a3s" style="display:none">old body</div></div></div>`;
    expect(scanGmailPage(document).messages).toEqual([]);
  });

  it('gives no badge to the hidden view of an earlier thread still in the page', () => {
    document.body.innerHTML = `<div style="display:none">${SUBJECT}${message('msg-f:1743836977043622400', 'h7')}</div>
      <div>${SUBJECT}${message('msg-f:1743836977043622489', 'h7')}</div>`;
    expect(scanGmailPage(document).messages.map((m) => m.key)).toEqual([
      'msg-f:1743836977043622489',
    ]);
  });

  it('falls back to the body when Gmail drops every state class', () => {
    document.body.innerHTML = `<div data-message-id="#msg-f:1743836977043622489"><span email="a@b.example"></span><div class="ii gt">body</div></div>`;
    const scan = scanGmailPage(document);
    expect(scan.messages).toHaveLength(1);
    expect(scan.messages[0]?.senderAnchor).not.toBeNull();
  });

  it("marks the user's own messages: msg-a ids and the account's own address", () => {
    document.body.innerHTML = `${SUBJECT}${message('msg-a:r-8150470373447012345', 'h7')}
      ${message('msg-f:1743836977043622489', 'h7', 'Me@Example.com')}
      ${message('msg-f:1743836977043622490', 'h7', 'bob@other.example')}`;
    const scan = scanGmailPage(document, { accountAddress: 'me@example.com' });
    expect(scan.messages.map((m) => m.own)).toEqual([true, true, false]);
  });

  it('says "unreadable", with a place for the padlock, when a thread is open but no message is found', () => {
    document.body.innerHTML = `${SUBJECT}<div class="renamed">body</div>`;
    const scan = scanGmailPage(document);
    expect(scan.unreadableView).toBe(true);
    expect(scan.unreadableAnchor?.tagName).toBe('H2');
  });

  it('keeps a message with a garbled id as unreadable rather than guessing', () => {
    document.body.innerHTML = `<h2 class="hP">S</h2><div class="h7"><div class="adn" data-message-id="#new-format-42"><span email="a@b.example"></span></div></div>`;
    const [only] = scanGmailPage(document).messages;
    expect(only?.ref).toBeNull();
    expect(only?.key).toMatch(/^unreadable:/);
  });

  it('is quiet on the inbox list', () => {
    document.body.innerHTML = `<table><tr><td><span email="a@b.example">A</span></td></tr></table>`;
    expect(scanGmailPage(document)).toMatchObject({ messages: [], unreadableView: false });
  });

  it('finds the account address at the end of the window title', () => {
    expect(gmailAccountAddress('Posteingang (3) - Me@Example.com - Gmail')).toBe('me@example.com');
    expect(gmailAccountAddress('Re: from bob@x.example - me@example.com - Gmail')).toBe(
      'me@example.com',
    );
    expect(gmailAccountAddress('Gmail')).toBeNull();
  });
});

describe('Gmail page scan on a page of real size (bench:ext, issue 15)', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  /** Gmail keeps earlier conversations in the page, hidden, with their expanded messages. */
  function earlierViews(views: number, messages: number): string {
    return Array.from(
      { length: views },
      (_, v) =>
        `<div style="display:none">${Array.from({ length: messages }, (_, m) =>
          message(`msg-f:17438369770436${String(v * 100 + m).padStart(5, '0')}`, 'h7'),
        ).join('')}</div>`,
    ).join('');
  }

  it('reads no state class of a message hidden with its earlier view', () => {
    document.body.innerHTML = `<div role="main">${earlierViews(5, 8)}${SUBJECT}${message('msg-f:1743836977043622489', 'h7')}</div>`;
    const visible = document.querySelector('[data-message-id="#msg-f:1743836977043622489"]');
    const closest = vi.spyOn(Element.prototype, 'closest');
    const scan = scanGmailPage(document, { isVisible: (element) => element === visible });
    expect(scan.messages.map((m) => m.key)).toEqual(['msg-f:1743836977043622489']);
    // Only the visible container's wrapper was looked up; the forty hidden ones cost a check each.
    expect(closest).toHaveBeenCalledTimes(1);
    closest.mockRestore();
  });

  it('keeps the outermost of nested matches, exactly as comparing every pair would', () => {
    const random = (() => {
      let seed = 7;
      return () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed / 2 ** 31;
      };
    })();
    for (let round = 0; round < 20; round++) {
      document.body.innerHTML = '';
      const nodes: Element[] = [document.body];
      for (let i = 0; i < 60; i++) {
        const parent = nodes[Math.floor(random() * nodes.length)] as Element;
        const child = document.createElement('div');
        if (random() < 0.4) child.setAttribute('data-message-id', `#m${i}`);
        parent.append(child);
        nodes.push(child);
      }
      const matches = [...document.querySelectorAll('[data-message-id]')];
      const pairwise = matches.filter(
        (element) => !matches.some((other) => other !== element && other.contains(element)),
      );
      expect(outermost(matches)).toEqual(pairwise);
    }
  });
});

describe('Gmail ik', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
    document.documentElement.removeAttribute(IK_ATTRIBUTE);
  });

  it("reads GLOBALS[9] in the page world, or the opener's in a popout", () => {
    const globals = Array.from({ length: 12 }, () => null as unknown);
    globals[9] = '0a1b2c3d4e';
    expect(readPageIk({ GLOBALS: globals })).toBe('0a1b2c3d4e');
    expect(readPageIk({ opener: { top: { GLOBALS: globals } } })).toBe('0a1b2c3d4e');
    expect(readPageIk({ GLOBALS: ['x', 'y'] })).toBeNull();
    const crossOrigin = {
      get opener(): never {
        throw new DOMException('blocked', 'SecurityError');
      },
    };
    expect(readPageIk(crossOrigin)).toBeNull();
  });

  it('hands only that value over, once Gmail has defined it', () => {
    const win: { GLOBALS?: unknown[] } = {};
    const pending: (() => void)[] = [];
    exposeGmailIk(win, document.documentElement, (run) => pending.push(run));
    expect(document.documentElement.getAttribute(IK_ATTRIBUTE)).toBe('');
    win.GLOBALS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 'feedbeef01'];
    pending.shift()?.();
    expect(document.documentElement.getAttribute(IK_ATTRIBUTE)).toBe('feedbeef01');
  });

  it('prefers the handed value, waits for it, and scrapes links only as a last resort', async () => {
    document.body.innerHTML = `<a href="?ik=0a1b2c3d4e&view=pt">print</a>`;
    expect(findGmailIk(document)).toBe('0a1b2c3d4e');
    let slept = 0;
    const sleep = async () => {
      slept += 1;
      if (slept === 3) document.documentElement.setAttribute(IK_ATTRIBUTE, 'feedbeef01');
    };
    expect(await waitForGmailIk(document, sleep)).toBe('feedbeef01');
    expect(slept).toBe(3);
    // The page world looked and found none: no waiting, the link is the fallback.
    document.documentElement.setAttribute(IK_ATTRIBUTE, '');
    expect(await waitForGmailIk(document, sleep)).toBe('0a1b2c3d4e');
    expect(slept).toBe(3);
    document.documentElement.setAttribute(IK_ATTRIBUTE, '"><script>');
    expect(findGmailIk(document)).toBe('0a1b2c3d4e');
  });
});
