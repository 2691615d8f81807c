// "Test connection" for the probe service URL, on the options and the first-run page: one plain
// line on what happened, never a raw error.

import { useState } from 'preact/hooks';
import type { ProbeHealth } from '../lib/ext/probe-health.ts';
import type { Translate } from '../lib/messaging/say.ts';

export type TestProbe = (url: string, token: string) => Promise<ProbeHealth>;

function sentence(result: ProbeHealth, url: string, t: Translate): string {
  if (result.ok) return t('probeTestOk', result.version);
  if (result.reason === 'no-url') return t('probeTestNoUrl');
  if (result.reason === 'not-mailseal') return t('probeTestNotMailseal', url);
  return t('probeTestUnreachable', url);
}

export function ProbeConnection({
  url,
  token,
  test,
  t,
}: {
  url: string;
  token: string;
  test: TestProbe;
  t: Translate;
}) {
  const [line, setLine] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <p class="probe-connection">
      <button
        type="button"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void test(url, token)
            .then((result) => setLine({ ok: result.ok, text: sentence(result, url, t) }))
            .finally(() => setBusy(false));
        }}
      >
        {busy ? t('probeTesting') : t('probeTest')}
      </button>{' '}
      <output
        aria-live="polite"
        class={line?.ok ? 'test-ok' : 'test-failed'}
        data-testid="probe-test"
      >
        {line?.text ?? ''}
      </output>
    </p>
  );
}
