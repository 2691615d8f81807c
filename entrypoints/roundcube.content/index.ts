import { defineContentScript } from 'wxt/utils/define-content-script';
import { createInlineBadges } from '../../components/inline-badges.tsx';
import { roundcubeAdapter } from '../../lib/ext/site-adapters.ts';
import { startWebmailContent } from '../../lib/ext/start-content.ts';

// Roundcube is self-hosted: no origin is known at build time. The options page registers this
// script at run time (scripting.registerContentScripts) for each origin the user adds and
// grants (lib/ext/webmail-origins.ts), in every frame: the preview pane is an iframe.
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  runAt: 'document_idle',
  main(ctx) {
    void startWebmailContent('roundcube', roundcubeAdapter(document, window), {
      ctx,
      createBadges: createInlineBadges,
    });
  },
});
