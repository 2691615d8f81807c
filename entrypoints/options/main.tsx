import { render } from 'preact';
import { browser } from 'wxt/browser';
import { OptionsApp, type OptionsDeps } from '../../components/options-app.tsx';
import { SenderProfiles, type SenderProfilesDeps } from '../../components/sender-profiles.tsx';
import { WebmailOrigins, type WebmailOriginsDeps } from '../../components/webmail-origins.tsx';
import { onReadersCatalogue, t } from '../../lib/ext/i18n.ts';
import { sendToBackground } from '../../lib/ext/messaging.ts';
import { testProbeConnection } from '../../lib/ext/probe-health.ts';
import {
  addWebmailOrigin,
  listWebmailOrigins,
  type OriginsBrowser,
  removeWebmailOrigin,
} from '../../lib/ext/webmail-origins.ts';
import '../../components/base.css';

const origins = browser as unknown as OriginsBrowser;

const optionsDeps: OptionsDeps = {
  t,
  load: () => sendToBackground('getSettings', null),
  save: (settings) => sendToBackground('saveSettings', settings),
  clearCache: async () => (await sendToBackground('clearCache', null)).removed,
  testProbe: (url, token) => testProbeConnection(url, token),
  requestHostAccess: async (url) => {
    const origins = [`${new URL(url).origin}/*`];
    if (await browser.permissions.contains({ origins })) return true;
    return browser.permissions.request({ origins }).catch(() => false);
  },
};

const webmailDeps: WebmailOriginsDeps = {
  t,
  list: () => listWebmailOrigins(origins),
  add: (input) => addWebmailOrigin(origins, input),
  remove: (origin) => removeWebmailOrigin(origins, origin),
};

const profilesDeps: SenderProfilesDeps = {
  t,
  list: () => sendToBackground('profilesList', null),
  forget: async (sender) => {
    await sendToBackground('profilesForget', { sender });
  },
  clear: async () => {
    await sendToBackground('profilesClear', null);
  },
  exportAll: () => sendToBackground('profilesExport', null),
  importAll: async (data) => (await sendToBackground('profilesImport', data)).count,
  download: (name, json) => {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    link.download = name;
    link.click();
    URL.revokeObjectURL(link.href);
  },
};

const root = document.getElementById('app');
// Drawn at once, and again in the reader's words if the browser's i18n failed (translator.ts).
// The same deps each time, so a redraw keeps what the page has loaded and typed.
const draw = () => {
  // The page's language is the catalogue's, for screen readers and hyphenation.
  document.documentElement.lang = t('localeLang');
  if (!root) return;
  render(
    <>
      <OptionsApp deps={optionsDeps} />
      <WebmailOrigins deps={webmailDeps} />
      <SenderProfiles deps={profilesDeps} />
    </>,
    root,
  );
};
draw();
onReadersCatalogue(draw);
