// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { OptionsApp, type OptionsDeps } from '../../../components/options-app.tsx';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings/settings.ts';
import { t } from './report-fixture.ts';

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

function mount() {
  const saved: Settings[] = [];
  const asked: string[] = [];
  const deps: OptionsDeps = {
    t,
    load: async () => DEFAULT_SETTINGS,
    save: async (settings) => {
      saved.push(settings);
      return settings;
    },
    clearCache: async () => 7,
    requestHostAccess: async (url) => {
      asked.push(url);
      return true;
    },
  };
  const root = document.createElement('div');
  document.body.append(root);
  render(<OptionsApp deps={deps} />, root);
  return { root, saved, asked };
}

describe('options', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('saves a custom resolver, the probe and the switches, asking for host access first', async () => {
    const { root, saved, asked } = mount();
    await settle();
    (root.querySelector('input[value="custom"]') as HTMLInputElement).click();
    await settle();
    const url = root.querySelector('input[type="url"][aria-label]') as HTMLInputElement;
    url.value = 'https://doh.example/dns-query';
    url.dispatchEvent(new Event('input', { bubbles: true }));
    (root.querySelector('input[name="keepSenderHistory"]') as HTMLInputElement).click();
    await settle();
    (root.querySelector('form') as HTMLFormElement).dispatchEvent(
      new Event('submit', { bubbles: true, cancelable: true }),
    );
    await settle();
    expect(asked).toEqual(['https://doh.example/dns-query', DEFAULT_SETTINGS.probe.url]);
    expect(saved[0]?.resolver).toEqual({ kind: 'custom', url: 'https://doh.example/dns-query' });
    expect(saved[0]?.features.keepSenderHistory).toBe(false);
    expect(root.querySelector('output')?.textContent).toBe(t('optionsSaved'));
  });

  it('DNSSEC validation: local by default, the AD-flag mode saved when chosen', async () => {
    const { root, saved } = mount();
    await settle();
    const local = root.querySelector('input[name="dnssec-validation"][value="local"]');
    const resolver = root.querySelector('input[name="dnssec-validation"][value="resolver"]');
    expect((local as HTMLInputElement).checked).toBe(true);
    expect((resolver as HTMLInputElement).checked).toBe(false);
    expect(root.querySelector('[data-testid="dnssec-mode"] legend')?.textContent).toBe(
      t('optionsDnssec'),
    );
    expect(resolver?.parentElement?.textContent).toContain(t('optionsDnssecResolver'));
    (resolver as HTMLInputElement).click();
    await settle();
    (root.querySelector('form') as HTMLFormElement).dispatchEvent(
      new Event('submit', { bubbles: true, cancelable: true }),
    );
    await settle();
    expect(saved[0]?.dnssecValidation).toBe('resolver');
  });

  it('clears the cache and says how much went; states what leaves the browser', async () => {
    const { root } = mount();
    await settle();
    const clear = [...root.querySelectorAll('button')].find(
      (b) => b.textContent === t('optionsClearCache'),
    );
    clear?.click();
    await settle();
    expect(root.querySelector('output')?.textContent).toBe(t('optionsCacheCleared', '7'));
    expect(root.querySelector('.privacy')?.textContent).toContain('Only domain names leave');
    // Every control has a label.
    for (const input of root.querySelectorAll('input'))
      expect(input.closest('label') ?? input.getAttribute('aria-label')).toBeTruthy();
  });
});
