import { render } from 'preact';
import { browser } from 'wxt/browser';
import { OnboardingApp, type OnboardingDeps } from '../../components/onboarding-app.tsx';
import { onReadersCatalogue, t } from '../../lib/ext/i18n.ts';
import { sendToBackground } from '../../lib/ext/messaging.ts';
import { testProbeConnection } from '../../lib/ext/probe-health.ts';
import '../../components/base.css';

const deps: OnboardingDeps = {
  t,
  load: () => sendToBackground('getSettings', null),
  save: (settings) => sendToBackground('saveSettings', settings),
  test: (url, token) => testProbeConnection(url, token),
  requestHostAccess: async (url) => {
    const origins = [`${new URL(url).origin}/*`];
    if (await browser.permissions.contains({ origins })) return true;
    return browser.permissions.request({ origins }).catch(() => false);
  },
};
const root = document.getElementById('app');
// Drawn at once, and again in the reader's words if the browser's i18n failed (translator.ts).
// The same deps each time, so a redraw keeps what the page has loaded and typed.
const draw = () => {
  // The page's language is the catalogue's, for screen readers and hyphenation.
  document.documentElement.lang = t('localeLang');
  if (root) render(<OnboardingApp deps={deps} />, root);
};
draw();
onReadersCatalogue(draw);
