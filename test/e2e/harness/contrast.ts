// Text contrast as the browser rendered it: for every visible text node under a root (a document
// or an open shadow root), the computed text colour against the background actually behind it,
// found by walking up the ancestors (across shadow roots) and compositing each background colour
// and opacity over the page's canvas. WCAG 2.2 contrast ratio (relative luminance, SC 1.4.3).

import type { Page } from 'playwright-core';

export interface ContrastSample {
  text: string;
  ratio: number;
  color: string;
  background: string;
  /** Large text (≥ 24 px, or ≥ 18.66 px bold) needs only 3:1 under WCAG; reported, not exempted. */
  large: boolean;
}

/**
 * Measures every text node under `hostSelector`'s shadow root (or the whole document when
 * `hostSelector` is null). Runs inside the page; self-contained because Playwright sends its source.
 */
export function measureContrast(
  page: Page,
  hostSelector: string | null,
): Promise<ContrastSample[]> {
  return page.evaluate((selector) => {
    type Rgba = [number, number, number, number];
    const parse = (value: string): Rgba => {
      const m = value.match(/rgba?\(([^)]+)\)/);
      if (!m?.[1]) throw new Error(`unparsed colour ${value}`);
      const parts = m[1]
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
    };
    const over = (top: Rgba, under: Rgba): Rgba => {
      const a = top[3];
      return [
        top[0] * a + under[0] * (1 - a),
        top[1] * a + under[1] * (1 - a),
        top[2] * a + under[2] * (1 - a),
        1,
      ];
    };
    const channel = (c: number) => {
      const s = c / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    const luminance = (c: Rgba) =>
      0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
    const ratio = (a: Rgba, b: Rgba) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    const up = (el: Element): Element | null =>
      el.parentElement ?? ((el.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
    // The canvas colour of this document, as the browser paints it behind everything.
    const probe = document.createElement('div');
    probe.style.cssText = 'background: Canvas; position: absolute; width: 0; height: 0;';
    document.documentElement.append(probe);
    const canvas = parse(getComputedStyle(probe).backgroundColor);
    probe.remove();

    function backgroundBehind(el: Element): Rgba {
      const layers: Rgba[] = [];
      for (let node: Element | null = el; node; node = up(node)) {
        const style = getComputedStyle(node);
        const bg = parse(style.backgroundColor);
        const opacity = Number(style.opacity);
        if (bg[3] > 0) layers.push([bg[0], bg[1], bg[2], bg[3] * opacity]);
        if (bg[3] * opacity >= 1) break;
      }
      return layers.reduceRight<Rgba>((under, top) => over(top, under), canvas);
    }
    function textColour(el: Element, background: Rgba): Rgba {
      const colour = parse(getComputedStyle(el).color);
      let alpha = colour[3];
      // An ancestor's opacity fades its text towards what is behind it.
      for (let node: Element | null = el; node; node = up(node))
        alpha *= Number(getComputedStyle(node).opacity);
      return over([colour[0], colour[1], colour[2], alpha], background);
    }

    const root: Document | ShadowRoot | null =
      selector === null ? document : (document.querySelector(selector)?.shadowRoot ?? null);
    if (root === null) throw new Error(`no shadow root at ${selector}`);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const samples: ContrastSample[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const el = node.parentElement;
      if (text === '' || el === null || el.closest('style, script, template')) continue;
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rect = range.getBoundingClientRect();
      if (rect.width <= 1 || rect.height <= 1) continue; // visually hidden (screen readers only)
      const background = backgroundBehind(el);
      const colour = textColour(el, background);
      const style = getComputedStyle(el);
      const size = Number.parseFloat(style.fontSize);
      const bold = Number(style.fontWeight) >= 700;
      samples.push({
        text: text.slice(0, 60),
        ratio: Math.round(ratio(colour, background) * 100) / 100,
        color: `rgb(${colour.slice(0, 3).map(Math.round).join(', ')})`,
        background: `rgb(${background.slice(0, 3).map(Math.round).join(', ')})`,
        large: size >= 24 || (bold && size >= 18.66),
      });
    }
    return samples;
  }, hostSelector);
}
