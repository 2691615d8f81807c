// Options: the user's own webmail (Roundcube). Adding an origin asks the browser for access to
// it and registers the Roundcube content script there; removing gives both back.

import { useEffect, useState } from 'preact/hooks';
import type { AddOriginResult } from '../lib/ext/webmail-origins.ts';
import type { Translate } from '../lib/messaging/tab-verdict.ts';

export interface WebmailOriginsDeps {
  t: Translate;
  list: () => Promise<string[]>;
  /** Runs in the click handler: the permission prompt needs the user's gesture. */
  add: (input: string) => Promise<AddOriginResult>;
  remove: (origin: string) => Promise<void>;
}

export function WebmailOrigins({ deps }: { deps: WebmailOriginsDeps }) {
  const { t } = deps;
  const [origins, setOrigins] = useState<string[]>([]);
  const [input, setInput] = useState('');
  const [status, setStatus] = useState('');

  useEffect(() => {
    void deps.list().then(setOrigins);
  }, [deps]);

  const add = async (event: Event) => {
    event.preventDefault();
    const result = await deps.add(input);
    if (result.ok) {
      setInput('');
      setStatus(t('webmailOriginAdded', [result.origin]));
    } else {
      setStatus(t(result.reason === 'invalid' ? 'webmailOriginInvalid' : 'webmailOriginDenied'));
    }
    setOrigins(await deps.list());
  };
  const remove = async (origin: string) => {
    await deps.remove(origin);
    setStatus(t('webmailOriginRemoved', [origin]));
    setOrigins(await deps.list());
  };

  return (
    <section aria-labelledby="webmail-origins-title" class="webmail-origins">
      <h2 id="webmail-origins-title">{t('webmailOriginsTitle')}</h2>
      <p>{t('webmailOriginsHelp')}</p>
      <form onSubmit={add}>
        <label>
          {t('webmailOriginLabel')}{' '}
          <input
            type="text"
            name="webmail-origin"
            placeholder="https://webmail.example.org"
            value={input}
            onInput={(e) => setInput((e.target as HTMLInputElement).value)}
          />
        </label>{' '}
        <button type="submit">{t('webmailOriginAdd')}</button>
      </form>
      <ul data-webmail-origins>
        {origins.map((origin) => (
          <li key={origin}>
            <span>{origin}</span>{' '}
            <button type="button" onClick={() => void remove(origin)}>
              {t('webmailOriginRemove')}
            </button>
          </li>
        ))}
      </ul>
      <p role="status">{status}</p>
    </section>
  );
}
