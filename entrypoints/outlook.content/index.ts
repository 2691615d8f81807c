import { defineContentScript } from 'wxt/utils/define-content-script';
import { createInlineBadges } from '../../components/inline-badges.tsx';
import { outlookAdapter } from '../../lib/ext/site-adapters.ts';
import { startWebmailContent } from '../../lib/ext/start-content.ts';
import { OUTLOOK_MATCHES } from '../../lib/webmail/outlook-hosts.ts';

export default defineContentScript({
  matches: [...OUTLOOK_MATCHES],
  runAt: 'document_idle',
  main(ctx) {
    void startWebmailContent('outlook', outlookAdapter(document, window, ctx.signal), {
      ctx,
      createBadges: createInlineBadges,
    });
  },
});
