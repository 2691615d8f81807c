import { render } from 'preact';
import { browser } from 'wxt/browser';
import { OnboardingApp } from '../../components/onboarding-app.tsx';
import { t } from '../../lib/ext/i18n.ts';
import { sendToBackground } from '../../lib/ext/messaging.ts';
import { testProbeConnection } from '../../lib/ext/probe-health.ts';
import '../../components/base.css';

// The page's language is the one the browser picked the words in.
document.documentElement.lang = browser.i18n.getMessage('@@ui_locale').replace('_', '-') || 'en';
// The page's language is the catalogue's, for screen readers and hyphenation.
document.documentElement.lang = t('localeLang');
const root = document.getElementById('app');
if (root) {
  render(
    <OnboardingApp
      deps={{
        t,
        load: () => sendToBackground('getSettings', null),
        save: (settings) => sendToBackground('saveSettings', settings),
        test: (url, token) => testProbeConnection(url, token),
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
