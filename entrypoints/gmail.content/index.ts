import { defineContentScript } from 'wxt/utils/define-content-script';
import { announceWebmailPage } from '../../lib/ext/webmail-page.ts';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  runAt: 'document_idle',
  main() {
    void announceWebmailPage('gmail');
  },
});
