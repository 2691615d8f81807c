// The inline padlock beside the sender, drawn as plain DOM: it is placed for every message a page
// opens and redrawn at each verdict stage, so it goes without a virtual DOM's diff (bench:ext,
// issue 15); Preact draws only the details panel, when the user opens it (badge-panel.tsx).
// Hovering the padlock or focusing it by keyboard shows the one-line reason in a tooltip of our
// own (a title attribute shows on hover only, never on focus or touch); Escape hides it. Click,
// tap, Enter or Space toggles the panel, and Escape closes that too. Every text is set with
// textContent: header-derived strings never become markup.

import { h, render } from 'preact';
import type { BadgeState } from '../lib/ext/webmail-content.ts';
import type { TabVerdict } from '../lib/messaging/protocol.ts';
import type { Translate } from '../lib/messaging/say.ts';
import { describe, reportOf, tipLines, wordOf } from './badge-lines.ts';
import { BadgePanel } from './badge-panel.tsx';
import { setChildrenIfChanged, setTextIfChanged } from './dom-updates.ts';
import { padlockFrame, padlockParts } from './padlock-shape.ts';

const SVG = 'http://www.w3.org/2000/svg';

export interface ClosedPadlock {
  /** Draws the newest state: the padlock and its tooltip, and the panel when it is open. */
  draw(state: BadgeState): void;
  /** Closes the panel (its Preact tree) before the padlock leaves the page. */
  unmount(): void;
  /** Starts over for another message: drawn as "checking", the tooltip no longer dismissed. */
  reset(): void;
}

let nextTipId = 0;

/**
 * Everything the closed padlock draws from a state: its level, its line, and whether it marks
 * alerts or still-pending answers. A refinement stage that changes none of these (DNS answered,
 * the probe not yet) is not drawn again; it costs the page nothing.
 */
function drawnAs(state: BadgeState): string {
  if (state.kind === 'checking') return 'checking';
  if (state.kind === 'problem') {
    const why = state.reason ? `${state.reason.key}\n${state.reason.params.join('\n')}` : '';
    return `problem\n${state.problem}\n${why}`;
  }
  const { level, summary, report } = state.verdict;
  const pending = (report?.pending.length ?? 0) > 0;
  const alerts = (report?.alerts?.length ?? 0) > 0;
  return `verdict\n${level}\n${summary}\n${pending}\n${alerts}`;
}

/** The glyph's svg and its three parts, drawn for a level by paintGlyph. */
function glyph(document: Document): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  for (const { tag } of padlockParts('checking')) svg.append(document.createElementNS(SVG, tag));
  return svg;
}

type Level = TabVerdict['level'];

/** Attributes of `to` that differ from `from` (all of `to` without a `from`). */
function changedAttributes(
  from: Record<string, string> | undefined,
  to: Record<string, string>,
): [string, string][] {
  return Object.entries(to).filter(([name, value]) => from?.[name] !== value);
}

/** Per change of level: which element of the glyph (-1 the svg, else its part) gets what. */
const glyphChanges = new Map<string, [number, string, string][]>();

/**
 * Only the attributes that differ between the glyph drawn for the last level and for this one
 * are written (the shackle, the mark, the class), worked out once per change of level from the
 * shapes alone: nothing is read back from the page.
 */
function paintGlyph(svg: SVGSVGElement, from: Level | null, to: Level): void {
  if (from === to) return;
  const key = `${from}>${to}`;
  let changes = glyphChanges.get(key);
  if (changes === undefined) {
    const before = from === null ? null : padlockParts(from);
    changes = [
      ...changedAttributes(
        from === null ? undefined : padlockFrame(from, 16),
        padlockFrame(to, 16),
      ).map(([name, value]): [number, string, string] => [-1, name, value]),
      ...padlockParts(to).flatMap(({ attributes }, i) =>
        changedAttributes(before?.[i]?.attributes, attributes).map(
          ([name, value]): [number, string, string] => [i, name, value],
        ),
      ),
    ];
    glyphChanges.set(key, changes);
  }
  for (const [index, name, value] of changes)
    (index === -1 ? svg : svg.children[index])?.setAttribute(name, value);
}

function textSpan(document: Document, className: string, text: string): HTMLSpanElement {
  const span = document.createElement('span');
  span.className = className;
  span.textContent = text;
  return span;
}

/** A mark inside the padlock that only the eye needs (the tooltip and label say it in words). */
function mark(document: Document, className: string, text: string): HTMLSpanElement {
  const span = textSpan(document, className, text);
  span.setAttribute('aria-hidden', 'true');
  return span;
}

/** The padlock's elements. The two marks are made the first time a state needs them. */
interface Parts {
  wrap: HTMLElement;
  lock: HTMLButtonElement;
  tip: HTMLElement;
  slot: HTMLElement;
  svg: SVGSVGElement;
  word: HTMLElement;
  pending?: HTMLElement;
  alert?: HTMLElement;
  /** What the last draw wrote: the next one compares with it instead of reading the page. */
  drawn: Written;
}

interface Written {
  /** Null: nothing drawn yet. */
  level: Level | null;
  label: string;
  word: string;
  /** Which marks the button holds: alert, pending. */
  marks: string;
  tips: readonly string[];
}

const NOTHING_WRITTEN: Written = { level: null, label: '', word: '', marks: '', tips: [] };

/** The padlock's fixed elements: the button, its tooltip, and where the panel goes. */
function skeleton(document: Document): Parts {
  const wrap = document.createElement('span');
  wrap.className = 'root';
  const lock = document.createElement('button');
  lock.type = 'button';
  lock.setAttribute('aria-expanded', 'false');
  const tip = document.createElement('span');
  tip.setAttribute('role', 'tooltip');
  tip.className = 'tip';
  tip.setAttribute('data-testid', 'badge-tip');
  // The panel's place, last in the padlock; `display: contents` leaves no box of its own.
  const slot = document.createElement('span');
  slot.className = 'panel-slot';
  wrap.append(lock, tip, slot);
  const word = document.createElement('span');
  word.className = 'word';
  return { wrap, lock, tip, slot, svg: glyph(document), word, drawn: NOTHING_WRITTEN };
}

/**
 * The same elements in a copy of a drawn padlock (`wrap` > button, tooltip, panel slot; the
 * button > glyph, word): the structure skeleton() and drawClosed() build; `drawn` is what was
 * written into the original.
 */
function partsOf(wrap: HTMLElement, drawn: Written): Parts {
  const [lock, tip, slot] = wrap.children as unknown as [
    HTMLButtonElement,
    HTMLElement,
    HTMLElement,
  ];
  const [svg, word] = lock.children as unknown as [SVGSVGElement, HTMLElement];
  return { wrap, lock, tip, slot, svg, word, drawn };
}

function pendingMark(parts: Parts): HTMLElement {
  if (!parts.pending) {
    parts.pending = mark(parts.wrap.ownerDocument, 'pending', '…');
    parts.pending.setAttribute('data-testid', 'still-checking');
  }
  return parts.pending;
}

function alertMark(parts: Parts): HTMLElement {
  parts.alert ??= mark(parts.wrap.ownerDocument, 'alert-mark', '!');
  return parts.alert;
}

/** The tooltip's lines, reusing the line elements already there; only changed lines are written. */
function drawTipLines(tip: HTMLElement, before: readonly string[], lines: readonly string[]): void {
  lines.forEach((text, i) => {
    if (i >= before.length) tip.appendChild(textSpan(tip.ownerDocument, 'tip-line', text));
    else if (before[i] !== text) setTextIfChanged(tip.children[i] as Element, text);
  });
  for (let i = before.length - 1; i >= lines.length; i--) tip.children[i]?.remove();
}

/** Draws the closed padlock's parts for one state, writing only what differs from the last. */
function drawClosed(parts: Parts, state: BadgeState, t: Translate): void {
  const { level, line } = describe(state, t);
  const report = reportOf(state);
  const last = parts.drawn;
  if (level !== last.level) {
    parts.wrap.setAttribute('data-level', level);
    parts.lock.setAttribute('class', `lock level-${level}`);
    paintGlyph(parts.svg, last.level, level);
  }
  const label = t('badgeLabel', line);
  if (label !== last.label) parts.lock.setAttribute('aria-label', label);
  const word = wordOf(state, level, t);
  if (word !== last.word) setTextIfChanged(parts.word, word);
  const alerts = (report?.alerts?.length ?? 0) > 0;
  const pending = report !== null && report.pending.length > 0;
  const marks = `${alerts} ${pending}`;
  if (marks !== last.marks) {
    const children: Node[] = [parts.svg, parts.word];
    if (alerts) children.push(alertMark(parts));
    if (pending) children.push(pendingMark(parts));
    setChildrenIfChanged(parts.lock, children);
  }
  const tips = tipLines(line, report, t);
  drawTipLines(parts.tip, last.tips, tips);
  parts.drawn = { level, label, word, marks, tips };
}

/** Mounts a padlock at the end of a shadow root, drawn as "checking". */
export type MountClosedPadlock = (root: ShadowRoot) => ClosedPadlock;

const CHECKING: BadgeState = { kind: 'checking' };

/**
 * Every padlock of a page starts as "checking": that padlock is built and drawn once, and each
 * new one is a deep copy of it (one call into the DOM, instead of some fifty element and
 * attribute writes per message); only the tooltip's id is its own.
 */
export function closedPadlocks(document: Document, t: Translate): MountClosedPadlock {
  let drawnChecking: Parts | null = null;
  return (root) => {
    if (drawnChecking === null) {
      drawnChecking = skeleton(document);
      drawClosed(drawnChecking, CHECKING, t);
    }
    const copy = drawnChecking.wrap.cloneNode(true) as HTMLElement;
    return mountParts(root, partsOf(copy, drawnChecking.drawn), t);
  };
}

/** Mounts a padlock at the end of `root`; `t` says its words. */
export function mountClosedPadlock(root: ShadowRoot, t: Translate): ClosedPadlock {
  return closedPadlocks(root.ownerDocument, t)(root);
}

function mountParts(root: ShadowRoot, parts: Parts, t: Translate): ClosedPadlock {
  const { lock, tip, slot } = parts;
  const tipId = `ms-tip-${nextTipId++}`;
  tip.id = tipId;
  lock.setAttribute('aria-describedby', tipId);
  let state: BadgeState = CHECKING;
  // The copy is drawn as "checking" already.
  let drawn: string | null = drawnAs(CHECKING);
  let open = false;
  // Escape hides the tooltip until the pointer or focus leaves (WCAG 2.2 SC 1.4.13).
  let tipDismissed = false;
  const drawTip = () => tip.classList.toggle('tip-hidden', open || tipDismissed);
  const drawPanel = () => render(open ? h(BadgePanel, { state, t, onClose: close }) : null, slot);
  function setOpen(next: boolean): void {
    open = next;
    lock.setAttribute('aria-expanded', String(open));
    drawTip();
    drawPanel();
    if (open) placePanel(slot);
  }
  function close(): void {
    tipDismissed = true;
    setOpen(false);
    lock.focus();
  }
  lock.addEventListener('click', (event) => {
    event.stopPropagation();
    setOpen(!open);
  });
  lock.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    if (open) close();
    else {
      tipDismissed = true;
      drawTip();
    }
  });
  const forgetDismissal = () => {
    tipDismissed = false;
    drawTip();
  };
  lock.addEventListener('blur', forgetDismissal);
  lock.addEventListener('mouseleave', forgetDismissal);
  root.append(parts.wrap);
  return {
    draw(next) {
      state = next;
      const key = drawnAs(next);
      if (key !== drawn) {
        drawn = key;
        drawClosed(parts, next, t);
      }
      // An open panel shows the report's details, which every stage may change.
      if (open) drawPanel();
    },
    unmount() {
      // Only an open panel has a Preact tree to take down; a closed padlock costs Preact nothing.
      if (!open) return;
      open = false;
      lock.setAttribute('aria-expanded', 'false');
      render(null, slot);
    },
    reset() {
      this.unmount();
      tipDismissed = false;
      drawTip();
      this.draw(CHECKING);
    },
  };
}

/** Focus moves into the opened panel, which is kept inside the viewport. */
function placePanel(slot: HTMLElement): void {
  const panel = slot.querySelector<HTMLElement>('.panel');
  if (panel === null) return;
  panel.focus();
  // A sender near the right edge shifts it left by the overflow, but never past the left edge.
  const width = panel.ownerDocument.defaultView?.innerWidth ?? 0;
  const rect = panel.getBoundingClientRect();
  const over = rect.right - (width - 8);
  if (width > 0 && over > 0) panel.style.left = `${Math.min(0, Math.max(-over, 8 - rect.left))}px`;
}
