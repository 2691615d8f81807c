// A message read in a private window is judged but teaches the sender profile nothing: the
// background marks the request from the sending tab (never from what the page claims).

import { beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startBackgroundService } from '../../../lib/ext/background-service.ts';
import type { AssessMessage } from '../../../lib/messaging/protocol.ts';
import { fakePorts } from './fake-ports.ts';
import { installEnglishI18n } from './i18n-fixture.ts';
import { createMemoryArea } from './memory-area.ts';

function ask(incognito: boolean, data: AssessMessage): Promise<void> {
  const sender = { tab: { id: 7, incognito } } as Browser.runtime.MessageSender;
  return new Promise((resolve) => {
    void fakeBrowser.runtime.onMessage.trigger(
      { mailseal: 1, type: 'assessMessage', data },
      sender,
      () => resolve(),
    );
  });
}

describe('private windows', () => {
  const seen: (boolean | undefined)[] = [];
  beforeEach(() => {
    fakeBrowser.reset();
    installEnglishI18n();
    seen.length = 0;
    startBackgroundService({
      contentPorts: fakePorts().onConnect,
      assess: async (request) => {
        seen.push(request.privateWindow);
        throw new Error('not needed');
      },
      clearCache: async () => 0,
      session: createMemoryArea(),
    });
  });

  it('marks requests from private tabs, and overrides what the page sent', async () => {
    const request = (seq: number, privateWindow?: boolean): AssessMessage => ({
      site: 'gmail',
      seq,
      inView: false,
      headers: { block: `Received: x${seq}\r\n\r\n`, warnings: [] },
      ...(privateWindow === undefined ? {} : { privateWindow }),
    });
    await ask(true, request(1));
    await ask(false, request(2, true));
    expect(seen).toEqual([true, false]);
  });
});
