// Progress for long scans: a live bar on a terminal (done/total, rate, ETA, errors), plain
// periodic lines otherwise (CI logs, pipes).

import cliProgress from 'cli-progress';

export interface Progress {
  tick(error: boolean): void;
  stop(): void;
}

function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  return s >= 3600
    ? `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60)}m`
    : s >= 60
      ? `${Math.floor(s / 60)}m${s % 60}s`
      : `${s}s`;
}

export function createProgress(options: {
  total: number;
  alreadyDone: number;
  tty: boolean;
  write: (text: string) => void;
  now?: () => number;
  intervalMs?: number;
}): Progress {
  const now = options.now ?? Date.now;
  const started = now();
  let done = options.alreadyDone;
  let fresh = 0;
  let errors = 0;
  const rate = () => fresh / Math.max(0.001, (now() - started) / 1000);
  const eta = () => (options.total - done) / Math.max(rate(), 1e-9);

  if (options.tty) {
    const bar = new cliProgress.SingleBar(
      {
        format: 'scan [{bar}] {value}/{total} | {rate}/s | ETA {eta_text} | {errors} errors',
        stream: process.stderr,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(options.total, done, { rate: '0.0', eta_text: '?', errors: 0 });
    return {
      tick(error) {
        done++;
        fresh++;
        if (error) errors++;
        bar.update(done, { rate: rate().toFixed(1), eta_text: formatEta(eta()), errors });
      },
      stop: () => bar.stop(),
    };
  }

  const intervalMs = options.intervalMs ?? 5000;
  let lastLine = started;
  const line = () =>
    options.write(
      `scan: ${done}/${options.total} done, ${rate().toFixed(1)}/s, ETA ${formatEta(eta())}, ${errors} errors\n`,
    );
  return {
    tick(error) {
      done++;
      fresh++;
      if (error) errors++;
      if (now() - lastLine >= intervalMs || done === options.total) {
        lastLine = now();
        line();
      }
    },
    stop() {},
  };
}
