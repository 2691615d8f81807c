// Page-world half of the Outlook integration: only what must run as the page (OWA's auth).
import { defineContentScript } from 'wxt/utils/define-content-script';
import { OUTLOOK_MATCHES } from '../../lib/webmail/outlook-hosts.ts';
import { installOwaPageBridge } from '../../lib/webmail/owa-page-bridge.ts';

export default defineContentScript({
  matches: [...OUTLOOK_MATCHES],
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    installOwaPageBridge(window);
  },
});
