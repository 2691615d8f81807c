import { useEffect, useState } from 'preact/hooks';
import { sendToBackground } from '../lib/ext/messaging.ts';
import {
  BUILT_IN_RESOLVERS,
  type BuiltInResolver,
  type FeatureToggles,
  type Settings,
} from '../lib/settings/settings.ts';

const FEATURE_LABELS: Record<keyof FeatureToggles, string> = {
  inlineBadge: 'Show a padlock beside the sender',
  toolbarBadge: 'Show the score on the toolbar icon',
  useProbe: 'Ask the companion probe about STARTTLS, certificates, DANE and MTA-STS',
  keepSenderHistory: 'Remember how each sender’s provider delivered (stays on this device)',
};

export function OptionsApp() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState('');

  useEffect(() => {
    void sendToBackground('getSettings', null).then(setSettings);
  }, []);

  if (!settings) return <main>Loading settings…</main>;

  const update = (patch: Partial<Settings>) => setSettings({ ...settings, ...patch });
  const save = async (event: Event) => {
    event.preventDefault();
    setSettings(await sendToBackground('saveSettings', settings));
    setStatus('Saved.');
  };
  const customUrl = settings.resolver.kind === 'custom' ? settings.resolver.url : '';

  return (
    <main>
      <h1>MailSeal settings</h1>
      <form onSubmit={save}>
        <fieldset>
          <legend>DNS over HTTPS resolver</legend>
          {(Object.keys(BUILT_IN_RESOLVERS) as BuiltInResolver[]).map((kind) => (
            <label key={kind}>
              <input
                type="radio"
                name="resolver"
                checked={settings.resolver.kind === kind}
                onChange={() => update({ resolver: { kind } })}
              />{' '}
              {kind} ({BUILT_IN_RESOLVERS[kind]})
            </label>
          ))}
          <label>
            <input
              type="radio"
              name="resolver"
              checked={settings.resolver.kind === 'custom'}
              onChange={() => update({ resolver: { kind: 'custom', url: customUrl } })}
            />{' '}
            Custom
          </label>
          {settings.resolver.kind === 'custom' && (
            <input
              type="url"
              placeholder="https://resolver.example/dns-query"
              value={customUrl}
              onInput={(e) => update({ resolver: { kind: 'custom', url: e.currentTarget.value } })}
            />
          )}
        </fieldset>
        <fieldset>
          <legend>Companion probe</legend>
          <label>
            URL
            <input
              type="url"
              value={settings.probe.url}
              onInput={(e) => update({ probe: { ...settings.probe, url: e.currentTarget.value } })}
            />
          </label>
          <label>
            Token (optional)
            <input
              type="password"
              value={settings.probe.token}
              onInput={(e) =>
                update({ probe: { ...settings.probe, token: e.currentTarget.value } })
              }
            />
          </label>
        </fieldset>
        <fieldset>
          <legend>Features</legend>
          {(Object.keys(FEATURE_LABELS) as (keyof FeatureToggles)[]).map((key) => (
            <label key={key}>
              <input
                type="checkbox"
                checked={settings.features[key]}
                onChange={(e) =>
                  update({ features: { ...settings.features, [key]: e.currentTarget.checked } })
                }
              />{' '}
              {FEATURE_LABELS[key]}
            </label>
          ))}
        </fieldset>
        <button type="submit">Save</button> <output>{status}</output>
      </form>
    </main>
  );
}
