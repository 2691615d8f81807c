// Whether the webmail page behind the inline padlock is light or dark. Gmail's and Outlook's
// themes are chosen in the site, not by the browser's colour scheme, so the padlock's colours
// follow the page it sits on: a dark-mode palette on Gmail's default white page (or the reverse)
// would put green text on white at 2.5:1.

export type PageTheme = 'light' | 'dark';

type Rgba = [number, number, number, number];

function parseColour(value: string): Rgba | null {
  const m = value.match(/rgba?\(([^)]+)\)/);
  if (!m?.[1]) return null;
  const parts = m[1]
    .split(/[\s,/]+/)
    .filter(Boolean)
    .map(Number);
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
}

/** Relative luminance (WCAG 2.2), 0 for black and 1 for white. */
function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** The first opaque background colour at or above `element`, or null when all are transparent. */
function backgroundOf(element: Element): Rgba | null {
  const view = element.ownerDocument.defaultView;
  if (!view) return null;
  for (let node: Element | null = element; node; node = node.parentElement) {
    const colour = parseColour(view.getComputedStyle(node).backgroundColor);
    if (colour && colour[3] >= 0.9) return colour;
  }
  return null;
}

/**
 * The page's theme where `anchor` is: by the background behind it, else by its text colour
 * (light text means a dark page, e.g. a theme drawn with a background image), else light, the
 * colour of a page's canvas when it declares no colour scheme.
 */
export function pageThemeAt(anchor: Element): PageTheme {
  const background = backgroundOf(anchor);
  if (background) return luminance(background) < 0.18 ? 'dark' : 'light';
  const view = anchor.ownerDocument.defaultView;
  const text = view ? parseColour(view.getComputedStyle(anchor).color) : null;
  return text && luminance(text) > 0.5 ? 'dark' : 'light';
}
