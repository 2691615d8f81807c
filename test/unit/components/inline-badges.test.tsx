// @vitest-environment happy-dom
import { render } from 'preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BADGE_HOST_ATTRIBUTE, createInlineBadges } from '../../../components/inline-badges.tsx';
import { PadlockIcon } from '../../../components/padlock-icon.tsx';
import { THEME_STALE_MS } from '../../../components/page-theme-follower.ts';
import { fixtureVerdict, t } from './report-fixture.ts';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('inline padlocks', () => {
  beforeEach(() => {
    document.body.replaceChildren();
  });

  function anchor(email: string) {
    const span = document.createElement('span');
    span.setAttribute('email', email);
    span.textContent = 'Alice';
    document.body.append(span);
    return span;
  }

  it('mounts one padlock after the sender, in a shadow root, and follows its state', async () => {
    const badges = createInlineBadges(document, t);
    const sender = anchor('alice@sender.example');
    badges.show('m1', sender, { kind: 'checking' });
    const host = sender.nextElementSibling as HTMLElement;
    expect(host.hasAttribute(BADGE_HOST_ATTRIBUTE)).toBe(true);
    expect(host.getAttribute('data-state')).toBe('checking');
    expect(host.shadowRoot?.querySelector('button')?.getAttribute('aria-label')).toContain(
      'checking how this message travelled',
    );

    badges.show('m1', sender, { kind: 'verdict', verdict: fixtureVerdict() });
    expect(document.querySelectorAll(`[${BADGE_HOST_ATTRIBUTE}]`)).toHaveLength(1);
    expect(host.getAttribute('data-state')).toBe('amber');
    // Colour is not the only signal: the level is written out too.
    expect(host.shadowRoot?.querySelector('.word')?.textContent).toBe('partly protected');
  });

  it('opens the details panel on click and shows header-derived text as text', async () => {
    const badges = createInlineBadges(document, t);
    const sender = anchor('alice@sender.example');
    const verdict = fixtureVerdict();
    const hostile = '<img src=x onerror="window.pwned=1">';
    badges.show('m1', sender, {
      kind: 'verdict',
      verdict: {
        ...verdict,
        summary: hostile,
        report: verdict.report && {
          ...verdict.report,
          reasons: [{ key: 'cell_auth_failed', params: [hostile, 'fail', 'fail', 'fail'] }],
        },
      },
    });
    const root = (sender.nextElementSibling as HTMLElement).shadowRoot as ShadowRoot;
    (root.querySelector('button.lock') as HTMLButtonElement).click();
    await settle();
    const panel = root.querySelector('.panel');
    expect(panel?.getAttribute('role')).toBe('dialog');
    expect(panel?.querySelector('.reasons li')?.textContent).toContain(hostile);
    expect(root.querySelector('img')).toBeNull();
    (root.querySelector('button.close') as HTMLButtonElement).click();
    await settle();
    expect(root.querySelector('.panel')).toBeNull();
  });

  it('a refinement stage that changes nothing the closed padlock shows asks nothing of i18n; the panel then opens on the newest report', async () => {
    const translate = vi.fn(t);
    const badges = createInlineBadges(document, translate);
    const sender = anchor('alice@sender.example');
    const verdict = fixtureVerdict();
    const report = verdict.report;
    if (!report) throw new Error('fixture has a report');
    const stage = (pending: string[], reason: string) => ({
      kind: 'verdict' as const,
      verdict: {
        ...verdict,
        report: {
          ...report,
          pending: pending as typeof report.pending,
          reasons: [{ key: 'cell_auth_failed', params: [reason, 'fail', 'fail', 'fail'] }],
        },
      },
    });
    badges.show('m1', sender, stage(['dns', 'probe'], 'first-stage.example'));
    const asked = translate.mock.calls.length;
    expect(asked).toBeGreaterThan(0);
    // DNS answered, the probe not yet: same level, same line, still "…".
    badges.show('m1', sender, stage(['probe'], 'second-stage.example'));
    expect(translate.mock.calls.length).toBe(asked);
    const host = sender.nextElementSibling as HTMLElement;
    expect(host.getAttribute('data-pending')).toBe('probe');
    const root = host.shadowRoot as ShadowRoot;
    (root.querySelector('button.lock') as HTMLButtonElement).click();
    await settle();
    expect(root.querySelector('.panel .reasons li')?.textContent).toContain('second-stage.example');
    // With the panel open, each stage is drawn: its details may change.
    badges.show('m1', sender, stage(['probe'], 'third-stage.example'));
    expect(root.querySelector('.panel .reasons li')?.textContent).toContain('third-stage.example');
    // The last answer in: the "…" goes.
    badges.show('m1', sender, stage([], 'third-stage.example'));
    expect(root.querySelector('.lock .pending')).toBeNull();
  });

  it('records timings as numbers and removes padlocks of closed messages', () => {
    const badges = createInlineBadges(document, t);
    badges.show('m1', anchor('a@x.example'), { kind: 'checking' });
    badges.show('m2', anchor('b@y.example'), { kind: 'problem', problem: 'unreadable' });
    badges.recordTimings('m1', {
      openToBadgeMs: 12,
      headersToBadgeMs: 3,
      headersToFinalMs: 70,
      headersToDetailsMs: 90,
      cpuMs: 0.4,
    });
    const first = document.querySelector(`[${BADGE_HOST_ATTRIBUTE}]`);
    expect(JSON.parse(first?.getAttribute('data-timings') ?? '{}')).toEqual({
      openToBadgeMs: 12,
      headersToBadgeMs: 3,
      headersToFinalMs: 70,
      headersToDetailsMs: 90,
      cpuMs: 0.4,
    });
    badges.keepOnly(new Set(['m2']));
    const left = document.querySelectorAll(`[${BADGE_HOST_ATTRIBUTE}]`);
    expect(left).toHaveLength(1);
    expect(left[0]?.getAttribute('data-state')).toBe('problem');
    // A copy made by the site (cloneNode of a message) is removed on the next pass.
    document.body.append(left[0]?.cloneNode(true) as Node);
    badges.keepOnly(new Set(['m2']));
    expect(document.querySelectorAll(`[${BADGE_HOST_ATTRIBUTE}]`)).toHaveLength(1);
  });
  it('gives each problem its own word, never the "unknown" of a message without evidence', () => {
    const badges = createInlineBadges(document, t);
    const problems = ['login-required', 'sent-by-you', 'unreadable', 'rate-limited'] as const;
    const words = problems.map((problem, index) => {
      const sender = anchor(`p${index}@sender.example`);
      badges.show(`m${index}`, sender, { kind: 'problem', problem });
      const host = sender.nextElementSibling as HTMLElement;
      return host.shadowRoot?.querySelector('.word')?.textContent;
    });
    expect(words).toEqual(['signed out', 'sent by you', "can't read", 'retrying…']);
    expect(words).not.toContain(t('levelGrey'));
  });
});

describe('padlocks taken back for the next message (bench:ext, issue 15)', () => {
  beforeEach(() => {
    document.body.replaceChildren();
  });

  function sender(email: string) {
    const span = document.createElement('span');
    span.setAttribute('email', email);
    document.body.append(span);
    return span;
  }

  /** The host's attributes and its shadow tree, tooltip ids aside. */
  function drawing(host: Element): string {
    const attributes = [...host.attributes].map((a) => `${a.name}=${a.value}`).sort();
    const tree = host.shadowRoot?.innerHTML.replace(/ms-tip-\d+/g, 'ms-tip') ?? '';
    return `${attributes.join(' ')}\n${tree}`;
  }

  it('reuses the padlock of a message that left, drawn exactly as a new "checking" one', async () => {
    const badges = createInlineBadges(document, t);
    const first = sender('a@x.example');
    badges.show('m1', first, { kind: 'verdict', verdict: fixtureVerdict() });
    badges.recordTimings('m1', {
      openToBadgeMs: 1,
      headersToBadgeMs: 1,
      headersToFinalMs: 1,
      headersToDetailsMs: 1,
      cpuMs: 1,
    });
    const used = first.nextElementSibling as HTMLElement;
    // The reader opens its panel, then goes to another message.
    ((used.shadowRoot as ShadowRoot).querySelector('button.lock') as HTMLButtonElement).click();
    await settle();
    expect(used.shadowRoot?.querySelector('.panel')).not.toBeNull();
    badges.keepOnly(new Set());
    expect(used.isConnected).toBe(false);

    const next = sender('b@y.example');
    badges.show('m2', next, { kind: 'checking' });
    expect(next.nextElementSibling).toBe(used);
    // A padlock built from nothing, for comparison.
    const fresh = sender('c@z.example');
    createInlineBadges(document, t).show('m3', fresh, { kind: 'checking' });
    expect(drawing(used)).toBe(drawing(fresh.nextElementSibling as Element));
    expect(used.hasAttribute('data-timings')).toBe(false);
    expect(used.shadowRoot?.querySelector('.panel')).toBeNull();
  });

  it('draws the reused padlock’s new states like any other', () => {
    const badges = createInlineBadges(document, t);
    badges.show('m1', sender('a@x.example'), { kind: 'problem', problem: 'login-required' });
    badges.keepOnly(new Set());
    const next = sender('b@y.example');
    badges.show('m2', next, { kind: 'verdict', verdict: fixtureVerdict() });
    const fresh = sender('c@z.example');
    createInlineBadges(document, t).show('m3', fresh, {
      kind: 'verdict',
      verdict: fixtureVerdict(),
    });
    expect(drawing(next.nextElementSibling as Element)).toBe(
      drawing(fresh.nextElementSibling as Element),
    );
  });

  it('keeps only a few spare padlocks', () => {
    const badges = createInlineBadges(document, t);
    const hosts = Array.from({ length: 6 }, (_, i) => {
      const anchor = sender(`p${i}@x.example`);
      badges.show(`m${i}`, anchor, { kind: 'checking' });
      return anchor.nextElementSibling;
    });
    badges.keepOnly(new Set());
    const again = Array.from({ length: 6 }, (_, i) => {
      const anchor = sender(`q${i}@x.example`);
      badges.show(`n${i}`, anchor, { kind: 'checking' });
      return anchor.nextElementSibling;
    });
    expect(again.filter((host) => hosts.includes(host))).toHaveLength(4);
  });
});

describe('the closed padlock, drawn without Preact (bench:ext, issue 15)', () => {
  it.each(['green', 'amber', 'red', 'grey'] as const)(
    'draws the %s glyph exactly as the popup’s PadlockIcon does',
    (level) => {
      document.body.replaceChildren();
      const sender = document.createElement('span');
      document.body.append(sender);
      const verdict = { ...fixtureVerdict(), level };
      createInlineBadges(document, t).show('g1', sender, { kind: 'verdict', verdict });
      const root = (sender.nextElementSibling as HTMLElement).shadowRoot as ShadowRoot;
      const drawn = root.querySelector('button.lock svg');
      const reference = document.createElement('div');
      render(<PadlockIcon level={level} />, reference);
      // Each element in order: its name, then its attributes (in any order).
      const attributes = (element: Element | null): string[][] =>
        [element, ...(element?.querySelectorAll('*') ?? [])].map((node) => [
          node?.tagName ?? '',
          ...[...(node?.attributes ?? [])].map((a) => `${a.name}=${a.value}`).sort(),
        ]);
      expect(attributes(drawn)).toEqual(attributes(reference.firstElementChild));
      expect(attributes(drawn)).toHaveLength(4);
    },
  );

  it('keeps header-derived text in the word, label and tooltip as text, and redraws each change', () => {
    document.body.replaceChildren();
    const sender = document.createElement('span');
    document.body.append(sender);
    const hostile = '<img src=x onerror="window.pwned=1">';
    const badges = createInlineBadges(document, t);
    badges.show('h1', sender, {
      kind: 'verdict',
      verdict: { ...fixtureVerdict(), summary: hostile },
    });
    const root = (sender.nextElementSibling as HTMLElement).shadowRoot as ShadowRoot;
    expect(root.querySelector('.tip-line')?.textContent).toBe(hostile);
    expect(root.querySelector('button.lock')?.getAttribute('aria-label')).toContain(hostile);
    expect(root.querySelector('img')).toBeNull();
    // A problem after a verdict: a grey padlock with the problem's word, no marks left over.
    badges.show('h1', sender, { kind: 'problem', problem: 'login-required' });
    expect(root.querySelector('.root')?.getAttribute('data-level')).toBe('grey');
    expect(root.querySelector('button.lock')?.className).toBe('lock level-grey');
    expect(root.querySelector('.word')?.textContent).toBe('signed out');
    expect(root.querySelector('.lock .pending, .lock .alert-mark')).toBeNull();
    expect(root.querySelectorAll('button.lock svg')).toHaveLength(1);
  });
});

describe('a new verdict stage writes only what it changes in the page (bench:ext, issue 15)', () => {
  it('the last answer in: only the "…" mark, its tooltip line and data-pending change', async () => {
    document.body.replaceChildren();
    const sender = document.createElement('span');
    document.body.append(sender);
    const badges = createInlineBadges(document, t);
    const verdict = fixtureVerdict();
    const report = verdict.report;
    if (!report) throw new Error('fixture has a report');
    const stage = (pending: typeof report.pending) => ({
      kind: 'verdict' as const,
      verdict: { ...verdict, report: { ...report, pending } },
    });
    badges.show('s1', sender, stage(['probe']));
    const host = sender.nextElementSibling as HTMLElement;
    const root = host.shadowRoot as ShadowRoot;
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((batch) => records.push(...batch));
    const everything = { attributes: true, childList: true, characterData: true, subtree: true };
    observer.observe(host, everything);
    observer.observe(root, everything);
    badges.show('s1', sender, stage([]));
    await settle();
    observer.disconnect();
    const what = records.map((r) =>
      r.type === 'attributes'
        ? `${(r.target as Element).tagName.toLowerCase()}@${r.attributeName}`
        : `${r.type}:${(r.target as Element).classList[0]}`,
    );
    expect(what.sort()).toEqual(['childList:lock', 'childList:tip', 'span@data-pending']);
    expect(root.querySelector('.lock .pending')).toBeNull();
    expect(root.querySelectorAll('.tip-line')).toHaveLength(1);
  });
});

describe('inline panel keyboard', () => {
  it('Escape closes the panel; focus moves into it and back to the padlock', async () => {
    const badges = createInlineBadges(document, t);
    document.body.replaceChildren();
    const sender = document.createElement('span');
    sender.setAttribute('email', 'alice@sender.example');
    document.body.append(sender);
    badges.show('k1', sender, { kind: 'verdict', verdict: fixtureVerdict() });
    const root = (sender.nextElementSibling as HTMLElement).shadowRoot as ShadowRoot;
    const lock = root.querySelector('button.lock') as HTMLButtonElement;
    const focused = vi.spyOn(HTMLElement.prototype, 'focus');
    lock.click();
    await settle();
    const panel = root.querySelector('.panel') as HTMLElement;
    // Preact runs effects after paint.
    await expect.poll(() => focused.mock.contexts.at(-1)).toBe(panel);
    panel.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    expect(root.querySelector('.panel')).toBeNull();
    expect(focused.mock.contexts.at(-1)).toBe(lock);
    focused.mockRestore();
  });
});

describe('inline padlock colours follow the page, not the browser', () => {
  // Gmail's theme is chosen in Gmail: a white page in a dark browser, or a dark one in a light
  // browser, both happen. The padlock picks its palette from what is behind it.
  it.each([
    ['rgb(255, 255, 255)', 'rgb(32, 33, 36)', 'light'],
    ['rgb(32, 33, 36)', 'rgb(232, 234, 237)', 'dark'],
    ['transparent', 'rgb(232, 234, 237)', 'dark'],
    ['transparent', 'rgb(32, 33, 36)', 'light'],
  ])('background %s, text %s: %s', (background, color, theme) => {
    document.body.replaceChildren();
    const pane = document.createElement('div');
    pane.style.background = background;
    pane.style.color = color;
    const sender = document.createElement('span');
    pane.append(sender);
    document.body.append(pane);
    createInlineBadges(document, t).show('c1', sender, { kind: 'checking' });
    expect((sender.nextElementSibling as HTMLElement).getAttribute('data-theme')).toBe(theme);
  });
});

describe('placing a padlock costs the page little (bench:ext, issue 15)', () => {
  /** A page whose theme the test switches, and a clock the test moves. */
  function themedPage() {
    document.body.replaceChildren();
    document.body.className = '';
    const pane = document.createElement('div');
    pane.style.background = 'rgb(255, 255, 255)';
    document.body.append(pane);
    const sender = (email: string) => {
      const span = document.createElement('span');
      span.setAttribute('email', email);
      pane.append(span);
      return span;
    };
    const clock = { now: 10_000 };
    const spy = vi.spyOn(performance, 'now').mockImplementation(() => clock.now);
    const badges = createInlineBadges(document, t);
    const place = (key: string) => {
      const anchor = sender(`${key}@example.org`);
      badges.show(key, anchor, { kind: 'checking' });
      return anchor.nextElementSibling as HTMLElement;
    };
    return {
      pane,
      clock,
      place,
      done: () => {
        badges.close();
        spy.mockRestore();
      },
    };
  }

  it("reads the page's theme at the first padlock; later ones take it until the read is old, then it is read again when idle", async () => {
    const page = themedPage();
    const first = page.place('m1');
    expect(first.getAttribute('data-theme')).toBe('light');
    // The site's theme changes where no signal shows it; more messages are placed.
    page.pane.style.background = 'rgb(32, 33, 36)';
    const styles = vi.spyOn(window, 'getComputedStyle');
    page.clock.now += THEME_STALE_MS - 1000;
    const second = page.place('m2');
    await settle();
    // Within THEME_STALE_MS of the last read: taken as read, nothing asked of the page's styles.
    expect(styles).not.toHaveBeenCalled();
    expect(second.getAttribute('data-theme')).toBe('light');
    page.clock.now += 2000;
    const third = page.place('m3');
    // Placed at once with the theme as last read; read again only once the page is idle.
    expect(styles).not.toHaveBeenCalled();
    expect(third.getAttribute('data-theme')).toBe('light');
    await expect.poll(() => third.getAttribute('data-theme')).toBe('dark');
    expect(styles).toHaveBeenCalled();
    expect(first.getAttribute('data-theme')).toBe('dark');
    styles.mockRestore();
    page.done();
  });

  it('reads the theme again, for every padlock, when the page root or the head changes', async () => {
    const page = themedPage();
    const first = page.place('m1');
    expect(first.getAttribute('data-theme')).toBe('light');
    // The site switches to dark by a class on the body: no new padlock needed, no waiting.
    page.pane.style.background = 'rgb(32, 33, 36)';
    document.body.classList.add('site-dark');
    await expect.poll(() => first.getAttribute('data-theme')).toBe('dark');
    // And back, by a style sheet the site adds to the head.
    page.pane.style.background = 'rgb(255, 255, 255)';
    const sheet = document.createElement('style');
    document.head.append(sheet);
    await expect.poll(() => first.getAttribute('data-theme')).toBe('light');
    sheet.remove();
    await settle();
    // Ended: a later switch is no longer followed.
    page.done();
    const styles = vi.spyOn(window, 'getComputedStyle');
    document.body.classList.remove('site-dark');
    await settle();
    await settle();
    expect(styles).not.toHaveBeenCalled();
    styles.mockRestore();
  });

  it('asks nothing of the page’s styles for padlocks placed while nothing changed', async () => {
    const page = themedPage();
    page.place('m1');
    const styles = vi.spyOn(window, 'getComputedStyle');
    for (let i = 2; i < 12; i++) {
      page.clock.now += 2000; // a reader opening a message every two seconds
      page.place(`m${i}`);
      await settle();
    }
    expect(styles).not.toHaveBeenCalled();
    styles.mockRestore();
    page.done();
  });

  it('gives every padlock one shared stylesheet rather than a <style> each', () => {
    document.body.replaceChildren();
    const badges = createInlineBadges(document, t);
    const roots = ['m1', 'm2'].map((key) => {
      const span = document.createElement('span');
      document.body.append(span);
      badges.show(key, span, { kind: 'checking' });
      return (span.nextElementSibling as HTMLElement).shadowRoot as ShadowRoot;
    });
    const [one, two] = roots.map((root) => root.adoptedStyleSheets);
    expect(one).toHaveLength(1);
    expect(two?.[0]).toBe(one?.[0]);
    expect(roots.map((root) => root.querySelector('style'))).toEqual([null, null]);
    expect(one?.[0]?.cssRules.length).toBeGreaterThan(10);
  });
});
