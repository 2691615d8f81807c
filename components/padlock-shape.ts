// The padlock glyph's geometry, one copy for both ways it is drawn: Preact (padlock-icon.tsx, the
// popup and the path) and plain DOM (closed-padlock.ts, the inline padlock in webmail pages). The
// red level shows an open shackle and each level its own mark, so the shape carries the meaning
// as well as the colour.

import type { TabVerdict } from '../lib/messaging/protocol.ts';

type Level = TabVerdict['level'];

const MARKS: Record<Level, string> = {
  green: 'M8.2 14.2l2.3 2.3 4.4-4.6',
  amber: 'M12 11.2v3.2M12 16.6v.2',
  red: 'M9.6 11.6l4.8 4.8M14.4 11.6l-4.8 4.8',
  grey: 'M9.5 14h5',
  idle: 'M9.5 14h5',
  checking: 'M9.5 14h.1M12 14h.1M14.5 14h.1',
};

/** An svg element's name and attributes, in drawing order. */
export interface ShapePart {
  tag: 'path' | 'rect';
  attributes: Record<string, string>;
}

/** The svg element's own attributes. */
export function padlockFrame(level: Level, size: number): Record<string, string> {
  return {
    width: String(size),
    height: String(size),
    viewBox: '0 0 24 24',
    'aria-hidden': 'true',
    focusable: 'false',
    class: `padlock padlock-${level}`,
  };
}

/** The shackle, the body and the level's mark. */
export function padlockParts(level: Level): ShapePart[] {
  const open = level === 'red';
  return [
    {
      tag: 'path',
      attributes: {
        d: open ? 'M7.5 9.5V6.8a4.5 4.5 0 0 1 8.6-1.9' : 'M7.5 10V7a4.5 4.5 0 0 1 9 0v3',
        fill: 'none',
        stroke: 'currentColor',
        'stroke-width': '2.2',
        'stroke-linecap': 'round',
      },
    },
    {
      tag: 'rect',
      attributes: {
        x: '4.5',
        y: '9.5',
        width: '15',
        height: '11.5',
        rx: '2.2',
        fill: 'currentColor',
      },
    },
    {
      tag: 'path',
      attributes: {
        d: MARKS[level],
        fill: 'none',
        stroke: 'var(--mailseal-mark, #fff)',
        'stroke-width': '1.9',
        'stroke-linecap': 'round',
        'stroke-linejoin': 'round',
      },
    },
  ];
}
