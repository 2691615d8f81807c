import { describe, expect, it } from 'vitest';
import { createToolbarPainter, type ToolbarAction } from '../../../lib/ext/toolbar-badge.ts';
import type { TabVerdict } from '../../../lib/messaging/protocol.ts';

const verdict = (level: TabVerdict['level']): TabVerdict =>
  ({ level, badgeText: '!', summary: level, report: null }) as unknown as TabVerdict;

function recordingAction() {
  const icons: { tabId: number; path?: unknown; imageData?: unknown }[] = [];
  const action: ToolbarAction = {
    setBadgeText: async () => {},
    setBadgeBackgroundColor: async () => {},
    setTitle: async () => {},
    setIcon: async (details) => {
      icons.push(details);
    },
  };
  return { action, icons };
}

describe('toolbar padlock painting', () => {
  it('decodes each level once and repaints from the pixels, not by fetching the files again', async () => {
    const { action, icons } = recordingAction();
    const decoded: string[] = [];
    const painter = createToolbarPainter({
      action,
      decode: async (path, size) => {
        decoded.push(path);
        return { width: size, height: size, path } as unknown as ImageData;
      },
    });
    // A first verdict and its refinements: the same level again and again, on two tabs.
    for (const tabId of [1, 1, 1, 2]) await painter.show(tabId, verdict('amber'));
    await painter.show(1, verdict('green'));
    expect(decoded).toEqual([
      '/padlock/amber-16.png',
      '/padlock/amber-32.png',
      '/padlock/amber-48.png',
      '/padlock/green-16.png',
      '/padlock/green-32.png',
      '/padlock/green-48.png',
    ]);
    // Painted when a tab's image changes only: amber on 1, amber on 2, green on 1.
    expect(icons.map((i) => i.tabId)).toEqual([1, 2, 1]);
    expect(icons.every((i) => i.path === undefined)).toBe(true);
    expect(icons.at(-1)).toEqual({
      tabId: 1,
      imageData: {
        16: { width: 16, height: 16, path: '/padlock/green-16.png' },
        32: { width: 32, height: 32, path: '/padlock/green-32.png' },
        48: { width: 48, height: 48, path: '/padlock/green-48.png' },
      },
    });
  });

  it('paints by path where the icons cannot be decoded (no OffscreenCanvas)', async () => {
    const { action, icons } = recordingAction();
    const painter = createToolbarPainter({ action, decode: async () => null });
    await painter.show(3, verdict('checking'));
    expect(icons).toEqual([
      { tabId: 3, path: { 16: '/icon/16.png', 32: '/icon/32.png', 48: '/icon/48.png' } },
    ]);
  });

  it('paints by path when decoding fails, and keeps painting', async () => {
    const { action, icons } = recordingAction();
    const painter = createToolbarPainter({
      action,
      decode: async () => {
        throw new Error('no such file');
      },
    });
    await painter.show(4, verdict('red'));
    await painter.show(4, verdict('green'));
    await painter.show(4, verdict('red'));
    expect(icons.map((i) => i.path)).toEqual([
      { 16: '/padlock/red-16.png', 32: '/padlock/red-32.png', 48: '/padlock/red-48.png' },
      { 16: '/padlock/green-16.png', 32: '/padlock/green-32.png', 48: '/padlock/green-48.png' },
      { 16: '/padlock/red-16.png', 32: '/padlock/red-32.png', 48: '/padlock/red-48.png' },
    ]);
  });

  it('paints a tab icon only when its image changes; badge text and title every time', async () => {
    const { action, icons } = recordingAction();
    const titles: string[] = [];
    action.setTitle = async ({ title }) => {
      titles.push(title);
    };
    const painter = createToolbarPainter({ action, decode: async () => null });
    // A page opens (idle), a message starts (checking: the same image), its first verdict and
    // two refinements at the same level, then a change of level.
    for (const level of ['idle', 'checking', 'amber', 'amber', 'amber', 'green'] as const)
      await painter.show(5, verdict(level));
    expect(icons.map((i) => (i.path as Record<string, string>)[16])).toEqual([
      '/icon/16.png',
      '/padlock/amber-16.png',
      '/padlock/green-16.png',
    ]);
    expect(titles).toHaveLength(6);
  });

  it('always paints idle: a page load may have reset the tab icon in the browser', async () => {
    const { action, icons } = recordingAction();
    const painter = createToolbarPainter({ action, decode: async () => null });
    for (const level of ['idle', 'green', 'idle', 'idle', 'green'] as const)
      await painter.show(6, verdict(level));
    expect(icons.map((i) => (i.path as Record<string, string>)[16])).toEqual([
      '/icon/16.png',
      '/padlock/green-16.png',
      '/icon/16.png',
      '/icon/16.png',
      '/padlock/green-16.png',
    ]);
  });

  it('paints again after a failed paint', async () => {
    const { action, icons } = recordingAction();
    let fail = true;
    action.setIcon = async (details) => {
      if (fail) {
        fail = false;
        throw new Error('no such tab');
      }
      icons.push(details);
    };
    const painter = createToolbarPainter({ action, decode: async () => null });
    await expect(painter.show(7, verdict('red'))).rejects.toThrow('no such tab');
    await painter.show(7, verdict('red'));
    expect(icons).toHaveLength(1);
  });
});
