// Options: DoH resolver, probe URL and token, feature switches, clear cache, and what leaves
// the browser. Every control has a visible label; the form works with the keyboard alone.

import { useEffect, useState } from 'preact/hooks';
import { BUILTIN_RESOLVERS, type BuiltinResolver } from '../lib/dns/resolvers.ts';
import type { Translate } from '../lib/messaging/tab-verdict.ts';
import type { FeatureToggles, Settings } from '../lib/settings/settings.ts';
import { DnssecMode } from './dnssec-mode.tsx';
import { ProbeConnection, type TestProbe } from './probe-connection.tsx';

const FEATURE_KEYS: Record<keyof FeatureToggles, string> = {
  inlineBadge: 'featureInlineBadge',
  toolbarBadge: 'featureToolbarBadge',
  useProbe: 'featureUseProbe',
  keepSenderHistory: 'featureKeepSenderHistory',
};

const RESOLVER_NAMES: Record<BuiltinResolver, string> = {
  cloudflare: 'Cloudflare',
  google: 'Google',
  quad9: 'Quad9',
};

export interface OptionsDeps {
  t: Translate;
  load: () => Promise<Settings>;
  save: (settings: Settings) => Promise<Settings>;
  clearCache: () => Promise<number>;
  /** Asks the user for access to a custom resolver or remote probe host; false if refused. */
  requestHostAccess: (url: string) => Promise<boolean>;
  /** "Test connection": asks the probe URL's /healthz. */
  testProbe?: TestProbe;
}

export function OptionsApp({ deps }: { deps: OptionsDeps }) {
  const { t } = deps;
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState('');

  useEffect(() => {
    void deps.load().then(setSettings);
  }, [deps]);

  if (!settings) return <main>{t('optionsLoading')}</main>;

  // From the latest state, not this render's: two quick edits must not undo each other.
  const update = (patch: (current: Settings) => Partial<Settings>) =>
    setSettings((current) => (current ? { ...current, ...patch(current) } : current));
  const save = async (event: Event) => {
    event.preventDefault();
    const hosts = [
      settings.resolver.kind === 'custom' ? settings.resolver.url : '',
      settings.probe.url,
    ];
    for (const url of hosts.filter(Boolean)) await deps.requestHostAccess(url);
    setSettings(await deps.save(settings));
    setStatus(t('optionsSaved'));
  };
  const customUrl = settings.resolver.kind === 'custom' ? settings.resolver.url : '';

  return (
    <main>
      <h1>{t('optionsTitle')}</h1>
      <form onSubmit={save}>
        <fieldset>
          <legend>{t('optionsResolver')}</legend>
          {(Object.keys(BUILTIN_RESOLVERS) as BuiltinResolver[]).map((kind) => (
            <label key={kind}>
              <input
                type="radio"
                name="resolver"
                value={kind}
                checked={settings.resolver.kind === kind}
                onChange={() => update(() => ({ resolver: { kind } }))}
              />{' '}
              {RESOLVER_NAMES[kind]} <small>({BUILTIN_RESOLVERS[kind]})</small>
            </label>
          ))}
          <label>
            <input
              type="radio"
              name="resolver"
              value="custom"
              checked={settings.resolver.kind === 'custom'}
              onChange={() => update(() => ({ resolver: { kind: 'custom', url: customUrl } }))}
            />{' '}
            {t('optionsResolverCustom')}
          </label>
          {settings.resolver.kind === 'custom' && (
            <input
              type="url"
              aria-label={t('optionsResolverCustom')}
              placeholder="https://resolver.example/dns-query"
              value={customUrl}
              onInput={(e) => {
                const url = e.currentTarget.value;
                update(() => ({ resolver: { kind: 'custom', url } }));
              }}
            />
          )}
        </fieldset>
        <DnssecMode
          value={settings.dnssecValidation}
          onChange={(dnssecValidation) => update(() => ({ dnssecValidation }))}
          t={t}
        />
        <fieldset>
          <legend>{t('optionsProbe')}</legend>
          <label>
            {t('optionsProbeUrl')}
            <input
              type="url"
              name="probe-url"
              value={settings.probe.url}
              onInput={(e) => {
                const url = e.currentTarget.value;
                update((current) => ({ probe: { ...current.probe, url } }));
              }}
            />
          </label>
          <label>
            {t('optionsProbeToken')}
            <input
              type="password"
              name="probe-token"
              autoComplete="off"
              value={settings.probe.token}
              onInput={(e) => {
                const token = e.currentTarget.value;
                update((current) => ({ probe: { ...current.probe, token } }));
              }}
            />
          </label>
          {deps.testProbe && (
            <ProbeConnection
              url={settings.probe.url}
              token={settings.probe.token}
              test={deps.testProbe}
              t={t}
            />
          )}
        </fieldset>
        <fieldset>
          <legend>{t('optionsFeatures')}</legend>
          {(Object.keys(FEATURE_KEYS) as (keyof FeatureToggles)[]).map((key) => (
            <label key={key}>
              <input
                type="checkbox"
                name={key}
                checked={settings.features[key]}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  update((current) => ({ features: { ...current.features, [key]: on } }));
                }}
              />{' '}
              {t(FEATURE_KEYS[key])}
            </label>
          ))}
        </fieldset>
        <button type="submit">{t('optionsSave')}</button>{' '}
        <button
          type="button"
          onClick={() =>
            void deps.clearCache().then((n) => setStatus(t('optionsCacheCleared', String(n))))
          }
        >
          {t('optionsClearCache')}
        </button>{' '}
        <output aria-live="polite">{status}</output>
      </form>
      <section aria-labelledby="privacy-title" class="privacy">
        <h2 id="privacy-title">{t('optionsPrivacyTitle')}</h2>
        <p>{t('optionsPrivacy1')}</p>
        <p>{t('optionsPrivacy2')}</p>
        <p>{t('optionsPrivacy3')}</p>
      </section>
    </main>
  );
}
