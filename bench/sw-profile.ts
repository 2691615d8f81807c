// Diagnostic for bench:ext (BENCH_PROFILE=1): a CPU profile of the extension's service worker
// while one message is assessed, summed by function (self time), so the background's own work on
// the way to the final verdict can be read beside the network trace. Chromium is started with
// `--remote-debugging-port=0` next to Playwright's pipe; the port is in DevToolsActivePort.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

async function serviceWorkerSocketUrl(profileDir: string): Promise<string> {
  const port = readFileSync(join(profileDir, 'DevToolsActivePort'), 'utf8').split('\n')[0];
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
    type: string;
    url: string;
    webSocketDebuggerUrl: string;
  }[];
  const worker = targets.find(
    (t) => t.type === 'service_worker' && t.url.endsWith('background.js'),
  );
  if (!worker) throw new Error('no service worker target');
  return worker.webSocketDebuggerUrl;
}

function cdp(url: string) {
  const socket = new WebSocket(url);
  let next = 1;
  const waiting = new Map<number, (result: unknown) => void>();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) waiting.get(message.id)?.(message.result);
  });
  const opened = new Promise<void>((resolve) => socket.addEventListener('open', () => resolve()));
  return {
    opened,
    send: (method: string, params: object = {}) =>
      new Promise<unknown>((resolve) => {
        const id = next++;
        waiting.set(id, resolve);
        socket.send(JSON.stringify({ id, method, params }));
      }),
    close: () => socket.close(),
  };
}

/** Self time per function while `during` runs, largest first, and the total sampled time. */
export async function profileServiceWorker(
  profileDir: string,
  during: () => Promise<void>,
): Promise<string[]> {
  const session = cdp(await serviceWorkerSocketUrl(profileDir));
  await session.opened;
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 100 });
  await session.send('Profiler.start');
  await during();
  const { profile } = (await session.send('Profiler.stop')) as { profile: CpuProfile };
  session.close();
  // BENCH_PROFILE_OUT=<file>: the whole profile too, for DevTools or a by-caller reading.
  if (process.env.BENCH_PROFILE_OUT)
    writeFileSync(process.env.BENCH_PROFILE_OUT, JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const f = node.callFrame;
    const file = f.url.split('/').pop() ?? '';
    const key = `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const busy = [...self].filter(([k]) => !k.startsWith('(idle)') && !k.startsWith('(program)'));
  const total = busy.reduce((s, [, ms]) => s + ms, 0);
  const wall = (profile.endTime - profile.startTime) / 1000;
  return [
    `service worker CPU: ${total.toFixed(1)} ms busy in ${wall.toFixed(1)} ms (self time, top 25):`,
    ...busy
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([k, ms]) => `${ms.toFixed(1).padStart(7)} ms  ${k}`),
  ];
}
