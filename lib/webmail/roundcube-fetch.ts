// Reads one message's raw headers from Roundcube's own "show source" action, same-origin with
// the page's session cookie: ?_task=mail&_action=viewsource&_uid=<uid>&_mbox=<mbox>
// (program/actions/mail/viewsource.php: text/plain, the raw message from IMAP; no request token
// unless _save is set). Signed out, Roundcube answers its login page instead (index.php, "not
// logged in -> show login page", HTTP 200), whose form has the field #rcmloginuser
// (program/include/rcmail_output_html.php login_form()).

import { failedRequest, unreadable } from '../messaging/unreadable-reason.ts';
import { cutHeaderBlock, readHeaderPart } from './header-block.ts';
import type { FetchLike, HeaderFetchResult } from './header-fetch-result.ts';
import type { RoundcubeRef } from './roundcube-dom.ts';

const LOGIN_FORM = /id="rcmloginuser"|name="_task" value="login"/;

/** The viewsource URL beside the page's own (same path: Roundcube may live under /roundcube/). */
export function roundcubeSourceUrl(pageUrl: string, ref: RoundcubeRef): string {
  const url = new URL(pageUrl);
  url.search = '';
  url.hash = '';
  url.searchParams.set('_task', 'mail');
  url.searchParams.set('_action', 'viewsource');
  url.searchParams.set('_uid', ref.uid);
  url.searchParams.set('_mbox', ref.mbox);
  return url.href;
}

export async function fetchRoundcubeHeaderBlock(
  ref: RoundcubeRef,
  deps: { pageUrl: string; fetch: FetchLike },
): Promise<HeaderFetchResult> {
  let response: Response;
  try {
    response = await deps.fetch(roundcubeSourceUrl(deps.pageUrl, ref), {
      credentials: 'same-origin',
      redirect: 'follow',
    });
  } catch (error) {
    return failedRequest(error);
  }
  if (!response.ok) return unreadable('unreadable_roundcubeStatus', String(response.status));
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('text/html')) {
    const html = await response.text();
    return LOGIN_FORM.test(html)
      ? { kind: 'login-required' }
      : unreadable('unreadable_roundcubePage');
  }
  const raw = await readHeaderPart(response.body, () => response.text());
  const headerBlock = cutHeaderBlock(raw);
  return headerBlock
    ? { kind: 'headers', headerBlock, source: 'roundcube viewsource' }
    : unreadable('unreadable_roundcubeNoHeaders');
}
