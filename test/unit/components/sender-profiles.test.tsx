// @vitest-environment happy-dom
// The options page's sender profiles: the table, forget one or all, export and import.
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SenderProfiles, type SenderProfilesDeps } from '../../../components/sender-profiles.tsx';
import { createSenderProfiles } from '../../../lib/ext/sender-profiles.ts';
import { createMemoryArea } from '../ext/memory-area.ts';
import { AMAZON, CNN, varied } from '../profile/corpus-sequences.ts';
import { t } from './report-fixture.ts';

async function mount() {
  const area = createMemoryArea();
  const profiles = createSenderProfiles(area, () => Date.parse('2026-12-01T00:00:00Z'));
  for (const day of [0, 3]) await profiles.judge(varied(AMAZON, { day }), [], { learn: true });
  await profiles.judge(varied(CNN, { day: 1, tls: 'cleartext' }), [], { learn: true });
  const downloads: string[] = [];
  const deps: SenderProfilesDeps = {
    t,
    list: profiles.list,
    forget: profiles.forget,
    clear: profiles.clear,
    exportAll: profiles.exportAll,
    importAll: profiles.importAll,
    download: (_name, json) => downloads.push(json),
  };
  const root = document.createElement('div');
  document.body.append(root);
  render(<SenderProfiles deps={deps} />, root);
  // Polled, not slept: a loaded machine may take longer than any fixed pause.
  await vi.waitFor(() => expect(root.querySelectorAll('tbody tr').length).toBeGreaterThan(0));
  return { root, area, downloads, profiles };
}

const senders = (root: HTMLElement) =>
  [...root.querySelectorAll('tbody th')].map((th) => th.textContent);

describe('sender profiles in options', () => {
  afterEach(() => document.body.replaceChildren());

  it('lists each sender with its messages, transport, signers and providers', async () => {
    const { root } = await mount();
    expect(senders(root).sort()).toEqual(['amazon.com', 'cnn.com']);
    const amazon = [...root.querySelectorAll('tbody tr')].find((tr) =>
      tr.textContent?.includes('amazon.com'),
    );
    expect(amazon?.textContent).toMatch(/2026-11-01 – 2026-11-04/);
    expect(amazon?.textContent).toMatch(/TLSv1\.2/);
    expect(amazon?.textContent).toMatch(/amazonses\.com/);
    expect(amazon?.querySelectorAll('svg rect')).toHaveLength(2);
  });

  it('forgets one sender, then all; export and import round-trip', async () => {
    const { root, downloads, profiles } = await mount();
    (root.querySelector('tbody tr button') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(senders(root)).toHaveLength(1));
    const exportButton = [...root.querySelectorAll('button')].find(
      (b) => b.textContent === 'Export (JSON)',
    );
    exportButton?.click();
    await vi.waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]).not.toMatch(/@/);
    const forgetAll = [...root.querySelectorAll('button')].find(
      (b) => b.textContent === 'Forget every sender',
    );
    forgetAll?.click();
    await vi.waitFor(() => expect(root.textContent).toMatch(/Nothing remembered yet/));
    expect(await profiles.importAll(JSON.parse(downloads[0] ?? '{}'))).toBe(1);
  });
});
