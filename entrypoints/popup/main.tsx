import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp, type PopupDeps } from '../../components/popup-app.tsx';
import { onReadersCatalogue, t } from '../../lib/ext/i18n.ts';
import { sendToBackground } from '../../lib/ext/messaging.ts';
import '../../components/base.css';

const deps: PopupDeps = {
  t,
  loadVerdict: async () => {
    // Tests open the popup page in a tab of its own and name the webmail tab in the URL.
    const fromUrl = Number(new URLSearchParams(location.search).get('tabId'));
    const [active] = await browser.tabs.query({ active: true, currentWindow: true });
    const tabId = Number.isInteger(fromUrl) && fromUrl > 0 ? fromUrl : active?.id;
    return tabId === undefined ? null : sendToBackground('getTabVerdict', { tabId });
  },
  copyText: (text) => navigator.clipboard.writeText(text),
  optionsUrl: browser.runtime.getURL('/options.html'),
};
const root = document.getElementById('app');
// Drawn at once, and again in the reader's words if the browser's i18n failed (translator.ts).
const draw = () => {
  // The page's language is the catalogue's, for screen readers and hyphenation.
  document.documentElement.lang = t('localeLang');
  if (root) render(<PopupApp deps={deps} />, root);
};
draw();
onReadersCatalogue(draw);
