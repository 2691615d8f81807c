// @vitest-environment happy-dom
// First run and "test connection": the page says what works without a probe service, and the
// test of the connection answers in one plain line, never a raw error.
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { OnboardingApp } from '../../../components/onboarding-app.tsx';
import { testProbeConnection } from '../../../lib/ext/probe-health.ts';
import { DEFAULT_SETTINGS } from '../../../lib/settings/settings.ts';
import { t } from './report-fixture.ts';

describe('testProbeConnection', () => {
  it('a MailSeal probe answering /healthz is connected', async () => {
    const asked: string[] = [];
    const result = await testProbeConnection('http://127.0.0.1:8787', '', async (input) => {
      asked.push(String(input));
      return new Response(JSON.stringify({ status: 'ok', version: '0.1.0' }), { status: 200 });
    });
    expect(result).toEqual({ ok: true, version: '0.1.0' });
    expect(asked).toEqual(['http://127.0.0.1:8787/healthz']);
  });

  it('a failed fetch is "unreachable", another server "not MailSeal", no URL "no-url"', async () => {
    const fail = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await testProbeConnection('http://127.0.0.1:9', '', fail)).toEqual({
      ok: false,
      reason: 'unreachable',
    });
    const html = async () => new Response('<html></html>', { status: 200 });
    expect((await testProbeConnection('https://example.test', '', html)).ok).toBe(false);
    expect(await testProbeConnection('', '', fail)).toEqual({ ok: false, reason: 'no-url' });
  });
});

describe('first-run page', () => {
  afterEach(() => document.body.replaceChildren());

  it('explains both halves and tests the connection in one plain line', async () => {
    const root = document.createElement('div');
    document.body.append(root);
    render(
      <OnboardingApp
        deps={{
          t,
          load: async () => ({
            ...DEFAULT_SETTINGS,
            probe: { url: 'http://127.0.0.1:9', token: '' },
          }),
          save: async (s) => s,
          requestHostAccess: async () => true,
          test: (url, token) =>
            testProbeConnection(url, token, async () => {
              throw new TypeError('Failed to fetch');
            }),
        }}
      />,
      root,
    );
    await expect.poll(() => root.querySelector('h1')?.textContent).toBe('Welcome to MailSeal');
    expect(root.textContent).toContain('Checked from your browser alone');
    expect(root.textContent).toContain('npm start');
    const button = [...root.querySelectorAll('button')].find(
      (b) => b.textContent === 'Test connection',
    );
    button?.click();
    await expect
      .poll(() => root.querySelector('[data-testid="probe-test"]')?.textContent)
      .toBe(
        'No probe service answered at http://127.0.0.1:9. Start one with npm start, or ask your admin for its URL.',
      );
    expect(root.textContent).not.toContain('Failed to fetch');
  });
});
