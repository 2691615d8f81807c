// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { scanGmailPage } from '../../../lib/webmail/gmail-dom.ts';
import { type MessageView, watchOpenMessages } from '../../../lib/webmail/message-watcher.ts';

const open = (n: number) =>
  `<div class="adn h7" data-message-id="#msg-f:174383697704362248${n}"><span email="s${n}@x.example"></span><div class="a3s">b</div></div>`;
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('message watcher', () => {
  let stop = () => {};
  afterEach(() => {
    stop();
    document.body.innerHTML = '';
  });

  function watch(ownNode?: (node: Node) => boolean) {
    const views: MessageView<unknown>[] = [];
    let scans = 0;
    const watcher = watchOpenMessages(
      () => {
        scans += 1;
        return scanGmailPage(document);
      },
      (view) => views.push(view),
      {
        root: document.body,
        MutationObserver,
        setTimeout,
        clearTimeout: (handle) => clearTimeout(handle as number),
        debounceMs: 20,
        ...(ownNode ? { ownNode } : {}),
      },
    );
    stop = watcher.stop;
    return { views, watcher, scans: () => scans };
  }

  it('debounces a burst of mutations into one scan and reports the newest message as current', async () => {
    const { views, scans } = watch();
    for (let n = 1; n <= 5; n++) document.body.insertAdjacentHTML('beforeend', open(n));
    await tick(60);
    expect(scans()).toBe(2); // the initial scan and one for the burst
    expect(views.at(-1)?.messages).toHaveLength(5);
    expect(views.at(-1)?.current?.key).toBe('msg-f:1743836977043622485');
  });

  it("does not rescan for its own padlocks coming and going, but does for the page's changes", async () => {
    document.body.innerHTML = open(1);
    const { scans } = watch((node) => node instanceof Element && node.hasAttribute('data-own'));
    const badge = document.createElement('span');
    badge.setAttribute('data-own', '');
    document.querySelector('[email]')?.after(badge);
    await tick(60);
    badge.remove();
    await tick(60);
    expect(scans()).toBe(1);
    document.body.insertAdjacentHTML('beforeend', open(2));
    await tick(60);
    expect(scans()).toBe(2);
  });

  it('switches the current message on SPA navigation and on a click into another message', async () => {
    document.body.innerHTML = open(1) + open(2);
    const { views, watcher } = watch();
    expect(views.at(-1)?.current?.key).toBe('msg-f:1743836977043622482');
    const first = document.querySelector('[data-message-id$="81"] span');
    if (!first) throw new Error('fixture');
    watcher.focus(first);
    expect(views.at(-1)?.current?.key).toBe('msg-f:1743836977043622481');
    document.body.innerHTML = open(3);
    await tick(60);
    expect(views.at(-1)?.current?.key).toBe('msg-f:1743836977043622483');
  });

  it('does not report again when nothing about the messages changed', async () => {
    document.body.innerHTML = open(1);
    const { views } = watch();
    document.body.insertAdjacentHTML('beforeend', '<p>unrelated</p>');
    await tick(60);
    expect(views).toHaveLength(1);
  });
});
