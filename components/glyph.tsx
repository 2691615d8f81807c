// The frame every small drawn glyph shares (signals, stars, hop locks): a 24-unit square drawn at
// `size` pixels, hidden from assistive technology because the words beside it say the same.

import type { ComponentChildren } from 'preact';

interface GlyphProps {
  size?: number;
  class?: string;
  shape?: string;
  children: ComponentChildren;
}

export function Glyph({ size = 14, class: className, shape, children }: GlyphProps) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      class={className}
      data-shape={shape}
    >
      {children}
    </svg>
  );
}
