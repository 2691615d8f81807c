// Chromium's own permission prompt for an extension (chrome.permissions.request), answered the
// way a user answers it: by pressing one of its buttons. The prompt is a views dialog of the
// browser (ExtensionInstallDialogView, chrome/browser/extensions/api/permissions/
// permissions_api.cc → ExtensionInstallPrompt), which no page-level CDP command reaches and no
// command-line switch accepts (the auto-confirm hooks are C++ test code). Chromium's UI DevTools,
// the inspector of the browser's own views (--enable-ui-devtools), lists the dialog with its
// labels; with the feature ui-debug-tools-enable-synthetic-events it delivers a mouse press and
// release to a button (components/ui_devtools/views/view_element.cc DispatchMouseEvent →
// View::OnMouseEvent), which runs the dialog's real accept or cancel path. The server listens on
// 127.0.0.1 only, on a port Chromium picks and writes to <profile>/UIDevToolsActivePort.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Chromium takes the last --enable-features switch only, so Playwright's own list
 * (playwright-core chromiumSwitches.ts: CDPScreenshotNewSurface,
 * SkipListAccountsWithoutGaiaCookies) is repeated here beside the UI DevTools feature.
 */
export const UI_DEVTOOLS_ARGS = [
  '--enable-ui-devtools=0',
  '--enable-features=CDPScreenshotNewSurface,SkipListAccountsWithoutGaiaCookies,ui-debug-tools-enable-synthetic-events',
];

interface UiNode {
  nodeId: number;
  nodeName: string;
  attributes?: string[];
  children?: UiNode[];
}

interface CssRule {
  rule: { style: { cssProperties: { name: string; value: string }[] } };
}

export interface PermissionPrompt {
  /** The dialog's title, e.g. '"MailSeal" has requested additional permissions.' */
  title: string;
  /** One line per permission asked, as the browser words it. */
  permissions: string[];
  /** The button labels, in the dialog's order. */
  buttons: string[];
  /** Presses the button with this label; resolves once the dialog has closed. */
  press(label: string): Promise<void>;
}

export interface UiDevtools {
  waitForPermissionPrompt(timeoutMs?: number): Promise<PermissionPrompt>;
  /** True while a permission prompt is open. */
  promptOpen(): Promise<boolean>;
  close(): void;
}

const attribute = (node: UiNode, name: string) => {
  const list = node.attributes ?? [];
  const at = list.indexOf(name);
  return at >= 0 && at % 2 === 0 ? (list[at + 1] ?? null) : null;
};

const descendants = (node: UiNode): UiNode[] => [
  node,
  ...(node.children ?? []).flatMap(descendants),
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function activePort(profileDir: string): Promise<number> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const text = await readFile(join(profileDir, 'UIDevToolsActivePort'), 'utf8').catch(() => '');
    const port = Number.parseInt(text, 10);
    if (port > 0) return port;
    if (Date.now() > deadline) throw new Error('Chromium did not start its UI DevTools server');
    await sleep(100);
  }
}

type Send = <T>(method: string, params?: object) => Promise<T>;

/** A JSON-RPC session over the UI DevTools WebSocket (the CDP wire format). */
async function openSession(port: number): Promise<{ send: Send; close: () => void }> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/0`);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', () => reject(new Error('UI DevTools refused')), {
      once: true,
    });
  });
  let lastId = 0;
  const waiting = new Map<number, (message: { result?: unknown; error?: unknown }) => void>();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as {
      id?: number;
      result?: unknown;
      error?: unknown;
    };
    if (message.id === undefined) return;
    waiting.get(message.id)?.(message);
    waiting.delete(message.id);
  });
  const send: Send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      lastId += 1;
      waiting.set(lastId, (m) =>
        m.error
          ? reject(new Error(`${method}: ${JSON.stringify(m.error)}`))
          : resolve(m.result as never),
      );
      socket.send(JSON.stringify({ id: lastId, method, params }));
    });
  return { send, close: () => socket.close() };
}

/** The permission dialog's widget in a fresh snapshot of the browser's views, or null. */
async function findDialog(send: Send): Promise<UiNode | null> {
  const { root } = await send<{ root: UiNode }>('DOM.getDocument');
  return (
    descendants(root).find(
      (n) => n.nodeName === 'Widget' && attribute(n, 'name') === 'ExtensionInstallDialogView',
    ) ?? null
  );
}

/** A view's properties as UI DevTools shows them in its styles pane (Text, Width, Height…). */
async function properties(send: Send, node: UiNode): Promise<Map<string, string>> {
  const styles = await send<{ matchedCSSRules?: CssRule[] }>('CSS.getMatchedStylesForNode', {
    nodeId: node.nodeId,
  });
  const map = new Map<string, string>();
  for (const { rule } of styles.matchedCSSRules ?? [])
    for (const p of rule.style.cssProperties) if (!map.has(p.name)) map.set(p.name, p.value);
  return map;
}

const ofClass = (nodes: UiNode[], name: string) =>
  nodes.filter((n) => attribute(n, 'class') === name);
const labelsIn = (nodes: UiNode[], container: string) =>
  ofClass(nodes, container).flatMap((c) => ofClass(descendants(c), 'Label'));

/** Presses a view's centre with the left button, as a user's click would. */
async function click(send: Send, node: UiNode): Promise<void> {
  const props = await properties(send, node);
  const x = Math.floor(Number(props.get('Width') ?? 10) / 2);
  const y = Math.floor(Number(props.get('Height') ?? 10) / 2);
  for (const type of ['mousePressed', 'mouseReleased'])
    await send('DOM.dispatchMouseEvent', {
      nodeId: node.nodeId,
      event: { type, x, y, button: 'left', wheelDirection: 'none' },
    });
}

const textOf = async (send: Send, node: UiNode) => (await properties(send, node)).get('Text') ?? '';

async function buttonsOf(send: Send, dialog: UiNode) {
  return Promise.all(
    ofClass(descendants(dialog), 'MdTextButton').map(async (button) => ({
      button,
      label: await textOf(send, ofClass(descendants(button), 'LabelButtonLabel')[0] ?? button),
    })),
  );
}

/**
 * Presses the prompt's button with this label; resolves once the dialog has closed. Each
 * attempt works on a fresh snapshot (DOM.getDocument renumbers the nodes). A click the dialog
 * took for too early is ignored, as a user's would be; like a user, click again.
 */
async function pressButton(send: Send, label: string): Promise<void> {
  let failure = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const dialog = await findDialog(send);
    if (dialog === null) return;
    const target = (await buttonsOf(send, dialog)).find((b) => b.label === label)?.button;
    if (!target) throw new Error(`no "${label}" button in the prompt`);
    // The dialog may close between the snapshot and the click: that is checked just below.
    await click(send, target).catch((error: Error) => {
      failure = `: ${error.message}`;
    });
    const deadline = Date.now() + 2_000;
    while (Date.now() < deadline) {
      if ((await findDialog(send)) === null) return;
      await sleep(100);
    }
  }
  throw new Error(`the prompt stayed open after "${label}"${failure}`);
}

async function readPrompt(send: Send, dialog: UiNode): Promise<PermissionPrompt> {
  const all = descendants(dialog);
  const title = labelsIn(all, 'TitleLabelWrapper')[0];
  return {
    title: title ? await textOf(send, title) : '',
    permissions: await Promise.all(
      labelsIn(all, 'ExtensionPermissionsView').map((node) => textOf(send, node)),
    ),
    buttons: (await buttonsOf(send, dialog)).map((b) => b.label),
    press: (label) => pressButton(send, label),
  };
}

/** Connects to the UI DevTools of a Chromium launched with UI_DEVTOOLS_ARGS. */
export async function connectUiDevtools(profileDir: string): Promise<UiDevtools> {
  const { send, close } = await openSession(await activePort(profileDir));
  await send('DOM.enable');
  return {
    async waitForPermissionPrompt(timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (await findDialog(send)) {
          // The dialog ignores clicks in its first moments (views::InputEventActivationProtector,
          // against clickjacking), as it would a user's too-early click.
          await sleep(1_000);
          const dialog = await findDialog(send);
          if (dialog) return readPrompt(send, dialog);
        }
        if (Date.now() > deadline) throw new Error('no permission prompt appeared');
        await sleep(150);
      }
    },
    promptOpen: async () => (await findDialog(send)) !== null,
    close,
  };
}
