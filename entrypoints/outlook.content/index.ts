import { defineContentScript } from 'wxt/utils/define-content-script';
import { outlookAdapter } from '../../lib/ext/site-adapters.ts';
import { startWebmailContent } from '../../lib/ext/start-content.ts';
import { OUTLOOK_MATCHES } from '../../lib/webmail/outlook-hosts.ts';

export default defineContentScript({
  matches: [...OUTLOOK_MATCHES],
  runAt: 'document_idle',
  main() {
    void startWebmailContent('outlook', outlookAdapter(document, window));
  },
});
