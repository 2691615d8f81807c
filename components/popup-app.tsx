import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { sendToBackground } from '../lib/ext/messaging.ts';
import type { TabVerdict } from '../lib/messaging/protocol.ts';

type PopupState = { kind: 'loading' } | { kind: 'ready'; verdict: TabVerdict | null };

export function PopupApp() {
  const [state, setState] = useState<PopupState>({ kind: 'loading' });

  useEffect(() => {
    void (async () => {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      const verdict =
        tab?.id === undefined ? null : await sendToBackground('getTabVerdict', { tabId: tab.id });
      setState({ kind: 'ready', verdict });
    })();
  }, []);

  return (
    <main>
      <h1>MailSeal</h1>
      {state.kind === 'loading' && <p>Checking this tab…</p>}
      {state.kind === 'ready' && state.verdict === null && (
        <p>Open a message in Gmail or Outlook on the web to see how it travelled.</p>
      )}
      {state.kind === 'ready' && state.verdict !== null && (
        <p class={`level-${state.verdict.level}`} data-testid="verdict-summary">
          {state.verdict.summary}
        </p>
      )}
      <p>
        <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noreferrer">
          Settings
        </a>
      </p>
    </main>
  );
}
