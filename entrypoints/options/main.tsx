import { render } from 'preact';
import { browser } from 'wxt/browser';
import { OptionsApp } from '../../components/options-app.tsx';
import { t } from '../../lib/ext/i18n.ts';
import { sendToBackground } from '../../lib/ext/messaging.ts';
import '../../components/base.css';

const root = document.getElementById('app');
if (root) {
  render(
    <OptionsApp
      deps={{
        t,
        load: () => sendToBackground('getSettings', null),
        save: (settings) => sendToBackground('saveSettings', settings),
        clearCache: async () => (await sendToBackground('clearCache', null)).removed,
        requestHostAccess: async (url) => {
          const origins = [`${new URL(url).origin}/*`];
          if (await browser.permissions.contains({ origins })) return true;
          return browser.permissions.request({ origins }).catch(() => false);
        },
      }}
    />,
    root,
  );
}
