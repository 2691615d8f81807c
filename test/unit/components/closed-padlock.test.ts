// @vitest-environment happy-dom
import { h, render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { closedPadlocks } from '../../../components/closed-padlock.ts';
import { PadlockIcon } from '../../../components/padlock-icon.tsx';
import type { BadgeState } from '../../../lib/ext/webmail-content.ts';
import { fixtureVerdict, t } from './report-fixture.ts';

function shadowRoot(): ShadowRoot {
  const host = document.createElement('span');
  document.body.append(host);
  return host.attachShadow({ mode: 'open' });
}

/** The padlock's markup without its own tooltip id, for comparing two padlocks. */
const markup = (root: ShadowRoot) => root.innerHTML.replace(/ms-tip-\d+/g, 'ms-tip-N');

function stillChecking(): BadgeState {
  const verdict = fixtureVerdict();
  if (!verdict.report) throw new Error('fixture has a report');
  const report = { ...verdict.report, pending: ['probe' as const], alerts: [{} as never] };
  return { kind: 'verdict', verdict: { ...verdict, report } };
}

describe('closed padlocks: each one a copy of the page\'s drawn "checking" padlock (bench:ext, issue 15)', () => {
  it('a new padlock is one node added, asks nothing of i18n, and has its own tooltip id', async () => {
    document.body.replaceChildren();
    const words = vi.fn(t);
    const mount = closedPadlocks(document, words);
    const first = shadowRoot();
    mount(first);
    const asked = words.mock.calls.length;
    expect(asked).toBeGreaterThan(0);
    const second = shadowRoot();
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((batch) => records.push(...batch));
    observer.observe(second, { attributes: true, childList: true, subtree: true });
    mount(second);
    await new Promise((resolve) => setTimeout(resolve, 0));
    observer.disconnect();
    expect(records.map((r) => `${r.type}:${r.addedNodes.length}`)).toEqual(['childList:1']);
    expect(words.mock.calls.length).toBe(asked);
    expect(markup(second)).toBe(markup(first));
    const ids = [first, second].map((root) => root.querySelector('[role="tooltip"]')?.id);
    expect(new Set(ids).size).toBe(2);
    for (const root of [first, second]) {
      const tip = root.querySelector('[role="tooltip"]');
      expect(root.querySelector('button')?.getAttribute('aria-describedby')).toBe(tip?.id);
      expect(root.querySelector('button')?.getAttribute('aria-label')).toContain(
        'checking how this message travelled',
      );
    }
  });

  it('copies draw apart: one padlock redrawn leaves the other as it was, marks are each its own', () => {
    document.body.replaceChildren();
    const mount = closedPadlocks(document, t);
    const [a, b] = [shadowRoot(), shadowRoot()];
    const padlockA = mount(a);
    const padlockB = mount(b);
    const checking = markup(b);
    padlockA.draw(stillChecking());
    expect(markup(b)).toBe(checking);
    expect(a.querySelector('.lock .pending')?.textContent).toBe('…');
    expect(a.querySelector('.lock .alert-mark')?.textContent).toBe('!');
    padlockB.draw(stillChecking());
    expect(markup(b)).toBe(markup(a));
    expect(b.querySelector('.lock .pending')).not.toBe(a.querySelector('.lock .pending'));
    // Back to "checking": the marks go, and the copy is the same as a padlock never redrawn.
    padlockA.draw({ kind: 'checking' });
    const fresh = shadowRoot();
    mount(fresh);
    expect(markup(a)).toBe(markup(fresh));
  });

  it('redrawn from any level to any other, the glyph is the popup’s PadlockIcon for the new one', () => {
    document.body.replaceChildren();
    const padlock = closedPadlocks(document, t)(shadowRoot());
    const root = document.body.lastElementChild?.shadowRoot as ShadowRoot;
    const attributes = (element: Element | null): string[][] =>
      [element, ...(element?.querySelectorAll('*') ?? [])].map((node) => [
        node?.tagName ?? '',
        ...[...(node?.attributes ?? [])].map((a) => `${a.name}=${a.value}`).sort(),
      ]);
    // Every change of level at least once, starting from the copy's "checking".
    const levels = ['red', 'green', 'red', 'amber', 'grey', 'green', 'amber', 'red', 'grey'];
    for (const level of levels as ('green' | 'amber' | 'red' | 'grey')[]) {
      padlock.draw({ kind: 'verdict', verdict: { ...fixtureVerdict(), level } });
      const reference = document.createElement('div');
      render(h(PadlockIcon, { level }), reference);
      expect(attributes(root.querySelector('button.lock svg'))).toEqual(
        attributes(reference.firstElementChild),
      );
    }
  });

  it('a stage with a new line compares with what it wrote, reading nothing back from the page', () => {
    document.body.replaceChildren();
    const root = shadowRoot();
    const padlock = closedPadlocks(document, t)(root);
    const first = stillChecking();
    padlock.draw(first);
    if (first.kind !== 'verdict') throw new Error('a verdict');
    const reads = vi.spyOn(Element.prototype, 'getAttribute');
    padlock.draw({ kind: 'verdict', verdict: { ...first.verdict, summary: 'a newer line' } });
    expect(reads).not.toHaveBeenCalled();
    reads.mockRestore();
    expect(root.querySelector('button')?.getAttribute('aria-label')).toContain('a newer line');
    expect(root.querySelector('.tip-line')?.textContent).toBe('a newer line');
    // The marks and the other tooltip lines stayed as they were.
    expect(root.querySelectorAll('.lock .pending, .lock .alert-mark')).toHaveLength(2);
    expect(root.querySelectorAll('.tip-line')).toHaveLength(3);
  });
});
