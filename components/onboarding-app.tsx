// The first-run page: what MailSeal checks from the browser alone, what needs the companion
// probe service, how to get one (run it yourself, or ask an admin for its URL), and a test of the
// connection before saving it.

import { useEffect, useState } from 'preact/hooks';
import type { Translate } from '../lib/messaging/say.ts';
import type { Settings } from '../lib/settings/settings.ts';
import { ProbeConnection, type TestProbe } from './probe-connection.tsx';

export interface OnboardingDeps {
  t: Translate;
  load: () => Promise<Settings>;
  save: (settings: Settings) => Promise<Settings>;
  test: TestProbe;
  requestHostAccess: (url: string) => Promise<boolean>;
}

export function OnboardingApp({ deps }: { deps: OnboardingDeps }) {
  const { t } = deps;
  const [settings, setSettings] = useState<Settings | null>(null);
  const [saved, setSaved] = useState('');
  useEffect(() => {
    void deps.load().then(setSettings);
  }, [deps]);
  if (!settings) return <main>{t('optionsLoading')}</main>;
  const url = settings.probe.url;
  return (
    <main class="onboarding">
      <h1>{t('onboardingTitle')}</h1>
      <p>{t('onboardingIntro')}</p>
      <section aria-labelledby="browser-alone">
        <h2 id="browser-alone">{t('onboardingBrowserTitle')}</h2>
        <ul>
          <li>{t('onboardingBrowser1')}</li>
          <li>{t('onboardingBrowser2')}</li>
          <li>{t('onboardingBrowser3')}</li>
        </ul>
      </section>
      <section aria-labelledby="with-probe">
        <h2 id="with-probe">{t('onboardingProbeTitle')}</h2>
        <p>{t('onboardingProbeWhy')}</p>
        <ul>
          <li>{t('onboardingProbe1')}</li>
          <li>{t('onboardingProbe2')}</li>
        </ul>
        <h3>{t('onboardingHowTitle')}</h3>
        <ol>
          <li>
            {t('onboardingHowSelf')} <code>npm start</code> {t('onboardingHowSelfUrl')}{' '}
            <code>http://127.0.0.1:8787</code>
          </li>
          <li>{t('onboardingHowAdmin')}</li>
        </ol>
        <label>
          {t('optionsProbeUrl')}
          <input
            type="url"
            name="probe-url"
            value={url}
            onInput={(e) => {
              const next = e.currentTarget.value;
              setSettings((s) => (s ? { ...s, probe: { ...s.probe, url: next } } : s));
            }}
          />
        </label>
        <ProbeConnection url={url} token={settings.probe.token} test={deps.test} t={t} />
        <button
          type="button"
          onClick={() =>
            void (async () => {
              if (url) await deps.requestHostAccess(url);
              setSettings(await deps.save(settings));
              setSaved(t('optionsSaved'));
            })()
          }
        >
          {t('optionsSave')}
        </button>{' '}
        <output aria-live="polite">{saved}</output>
      </section>
      <p>{t('onboardingWithout')}</p>
    </main>
  );
}
