import { defineContentScript } from 'wxt/utils/define-content-script';
import { announceWebmailPage } from '../../lib/ext/webmail-page.ts';

export default defineContentScript({
  matches: [
    'https://outlook.office.com/*',
    'https://outlook.office365.com/*',
    'https://outlook.live.com/*',
    'https://outlook.cloud.microsoft/*',
  ],
  runAt: 'document_idle',
  main() {
    void announceWebmailPage('outlook');
  },
});
