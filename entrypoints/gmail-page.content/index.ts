// Page-world half of the Gmail integration: hands GLOBALS[9] (ik) to the isolated script.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { exposeGmailIk } from '../../lib/webmail/gmail-ik-exposer.ts';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  world: 'MAIN',
  runAt: 'document_end',
  main() {
    exposeGmailIk(window as never, document.documentElement, (run, ms) => setTimeout(run, ms));
  },
});
