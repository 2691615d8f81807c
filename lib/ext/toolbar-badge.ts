// Paints a TabVerdict onto the toolbar icon of one tab: padlock icon variant, badge text, title.
//
// The icons are decoded once per level and then handed over as pixels. `action.setIcon` with a
// `path` fetches, decodes and redraws every size on each call, on the service worker's one
// thread: a message's first verdict and its refinements repainted the same padlock three to five
// times, and that work (about half of the worker's CPU per message in bench:ext's profile) ran
// where the DoH answers of the message wait to be validated. Even from pixels, `setIcon` costs the
// worker a few milliseconds a call (its bindings check and copy the three images), so a tab's
// icon is painted only when its image changes; badge text and title follow every verdict.

import { browser } from 'wxt/browser';
import type { TabVerdict } from '../messaging/protocol.ts';

const BADGE_COLORS: Record<TabVerdict['level'], string> = {
  green: '#1a7f37',
  amber: '#9a6700',
  red: '#cf222e',
  grey: '#6e7781',
  idle: '#6e7781',
  checking: '#6e7781',
};

const SIZES = [16, 32, 48] as const;

export function iconPaths(level: TabVerdict['level']): Record<string, string> {
  const base = level === 'idle' || level === 'checking' ? '/icon/' : `/padlock/${level}-`;
  return Object.fromEntries(SIZES.map((size) => [size, `${base}${size}.png`]));
}

type Pixels = Record<string, ImageData>;

/** The part of `browser.action` the toolbar paints with. */
export interface ToolbarAction {
  setBadgeText(details: { tabId: number; text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { tabId: number; color: string }): Promise<void>;
  setTitle(details: { tabId: number; title: string }): Promise<void>;
  setIcon(details: {
    tabId: number;
    path?: Record<string, string>;
    imageData?: Pixels;
  }): Promise<void>;
}

export interface ToolbarPainterDeps {
  action: ToolbarAction;
  /** One packaged icon as pixels; null where the platform cannot decode (then `path` is used). */
  decode: (path: string, size: number) => Promise<ImageData | null>;
}

/** Fetches a packaged PNG and reads its pixels (OffscreenCanvas: service workers have no DOM). */
async function decodeIcon(path: string, size: number): Promise<ImageData | null> {
  if (typeof OffscreenCanvas === 'undefined' || typeof createImageBitmap === 'undefined')
    return null;
  const response = await fetch(browser.runtime.getURL(path as '/icon/16.png'));
  const bitmap = await createImageBitmap(await response.blob());
  const canvas = new OffscreenCanvas(size, size);
  const context = canvas.getContext('2d');
  if (context === null) return null;
  context.drawImage(bitmap, 0, 0, size, size);
  return context.getImageData(0, 0, size, size);
}

export function createToolbarPainter(deps: ToolbarPainterDeps) {
  const decoded = new Map<TabVerdict['level'], Promise<Pixels | null>>();
  /** Every size of a level's icon, decoded on first use; null: paint it by path. */
  function pixelsOf(level: TabVerdict['level']): Promise<Pixels | null> {
    const known = decoded.get(level);
    if (known !== undefined) return known;
    const paths = iconPaths(level);
    const pixels = Promise.all(SIZES.map((size) => deps.decode(paths[size] ?? '', size))).then(
      (data) => {
        const out: Pixels = {};
        for (const [i, size] of SIZES.entries()) {
          const one = data[i];
          if (one === null || one === undefined) return null;
          out[size] = one;
        }
        return out;
      },
      () => null,
    );
    decoded.set(level, pixels);
    return pixels;
  }
  /** The image each tab shows now, so a refinement at the same level does not paint it again. */
  const shown = new Map<number, string>();
  async function icon(tabId: number, level: TabVerdict['level']): Promise<void> {
    const image = iconPaths(level)[16] ?? level;
    // A page (re)load says 'idle' first; the browser may have reset the tab's icon on the way
    // (a navigation drops a tab's own action values), so 'idle' is always painted.
    if (level !== 'idle' && shown.get(tabId) === image) return;
    shown.delete(tabId);
    const imageData = await pixelsOf(level);
    await deps.action.setIcon(
      imageData === null ? { tabId, path: iconPaths(level) } : { tabId, imageData },
    );
    shown.set(tabId, image);
  }
  return {
    async show(tabId: number, verdict: TabVerdict): Promise<void> {
      await Promise.all([
        deps.action.setBadgeText({ tabId, text: verdict.badgeText }),
        deps.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLORS[verdict.level] }),
        deps.action.setTitle({ tabId, title: `MailSeal: ${verdict.summary}` }),
        icon(tabId, verdict.level),
      ]);
    },
  };
}

let painter: ReturnType<typeof createToolbarPainter> | undefined;

export async function showVerdictOnToolbar(tabId: number, verdict: TabVerdict): Promise<void> {
  painter ??= createToolbarPainter({
    action: browser.action as unknown as ToolbarAction,
    decode: decodeIcon,
  });
  await painter.show(tabId, verdict);
}

export async function clearToolbar(tabId: number): Promise<void> {
  await Promise.all([
    browser.action.setBadgeText({ tabId, text: '' }),
    browser.action.setTitle({ tabId, title: 'MailSeal' }),
  ]);
}
