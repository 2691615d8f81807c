// Styles of the inline padlock, scoped by its shadow root. Light and dark follow the page's
// own theme (data-theme on the host, from components/page-theme.ts); the level is carried by
// the icon shape and the word as well as the colour.

export const INLINE_BADGE_CSS = `
:host { all: initial; display: inline-block; vertical-align: middle; margin-inline-start: 6px; position: relative; font: 12px/1.3 system-ui, sans-serif; }
.lock { display: inline-flex; align-items: center; gap: 3px; border: 1px solid currentColor; border-radius: 10px; padding: 0 6px 0 3px; background: transparent; cursor: pointer; font: inherit; height: 18px; }
.lock:focus-visible { outline: 2px solid #0969da; outline-offset: 1px; }
.panel-slot { display: contents; }
.word { font-size: 11px; }
.pending { font-size: 11px; font-weight: 700; }
.still-checking { display: block; font-style: italic; margin-top: 2px; }
.level-green { color: #1a7f37; } .level-amber { color: #9a6700; } .level-red { color: #cf222e; }
.level-grey, .level-idle, .level-checking { color: #57606a; }
.tip { display: none; position: absolute; z-index: 2147483647; top: 18px; border-top: 4px solid transparent; background-clip: padding-box; left: 0; width: max-content; max-width: min(260px, calc(100vw - 24px)); box-sizing: border-box; padding: 4px 8px; border-radius: 6px; background: #1f2328; color: #fff; overflow-wrap: anywhere; }
.tip-line { display: block; }
/* Shown on hover and on keyboard focus alike, and kept while the pointer moves onto it. */
.lock:hover + .tip, .lock:focus-visible + .tip, .tip:hover { display: block; }
.lock + .tip.tip-hidden { display: none; }
.panel { position: absolute; z-index: 2147483647; top: 22px; left: 0; width: min(280px, calc(100vw - 24px)); box-sizing: border-box; overflow-wrap: anywhere; padding: 10px 12px; border-radius: 8px; background: #fff; color: #1f2328; border: 1px solid #d0d7de; box-shadow: 0 8px 24px #0003; display: block; }
.panel ul { margin: 6px 0; padding-inline-start: 18px; }
.line { display: block; overflow-wrap: anywhere; }
.panel:focus-visible { outline: 2px solid #0969da; }
.panel.flip { left: auto; right: 0; }
.panel .signals, .signals { list-style: none; padding: 0; margin: 6px 0; display: flex; flex-wrap: wrap; gap: 4px; }
.signal { display: inline-flex; align-items: center; gap: 3px; padding: 1px 6px; border-radius: 9px; border: 1px solid currentColor; }
.signal-sender { border-style: dashed; }
.tone-good { color: #1a7f37; } .tone-warn { color: #9a6700; } .tone-bad { color: #cf222e; font-weight: 600; } .tone-unknown { color: #57606a; }
.notice { display: block; margin-top: 4px; border-left: 3px solid #cf222e; padding-left: 6px; }
.hint { display: block; color: #57606a; margin-top: 4px; }
.close { margin-top: 6px; font: inherit; }
/* Dark: the page's own theme (components/page-theme.ts), not the browser's colour scheme. */
:host([data-theme="dark"]) { color-scheme: dark; }
:host([data-theme="dark"]) .panel { background: #161b22; color: #e6edf3; border-color: #30363d; }
:host([data-theme="dark"]) .hint { color: #8b949e; }
:host([data-theme="dark"]) .tip { background: #e6edf3; color: #1f2328; }
:host([data-theme="dark"]) .tone-good { color: #3fb950; } :host([data-theme="dark"]) .tone-warn { color: #d29922; }
:host([data-theme="dark"]) .tone-bad { color: #f85149; } :host([data-theme="dark"]) .tone-unknown { color: #8b949e; }
:host([data-theme="dark"]) .level-green { color: #3fb950; } :host([data-theme="dark"]) .level-amber { color: #d29922; }
:host([data-theme="dark"]) .level-red { color: #f85149; }
:host([data-theme="dark"]) :is(.level-grey, .level-idle, .level-checking) { color: #8b949e; }
`;
