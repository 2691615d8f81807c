import { defineContentScript } from 'wxt/utils/define-content-script';
import { createInlineBadges } from '../../components/inline-badges.tsx';
import { gmailAdapter } from '../../lib/ext/site-adapters.ts';
import { startWebmailContent } from '../../lib/ext/start-content.ts';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    void startWebmailContent('gmail', gmailAdapter(document, location), {
      ctx,
      createBadges: createInlineBadges,
    });
  },
});
