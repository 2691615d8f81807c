// `node bench/headers-instructions.ts [--ours 100] [--peer 10]`: a cross-check of
// `npm run bench:headers` that does not depend on the machine's load. It counts the instructions
// each parser executes over the same header blocks with valgrind (cachegrind without its cache
// simulation), subtracting a run that only starts up: per message, MailSeal's analyzeHeaders
// against mailparser's simpleParser. Slow (minutes: valgrind runs Node some fifty times slower)
// and only where valgrind is installed; the counts include the JIT compiler's and the garbage
// collector's threads, and they do not weigh instructions by their cost (cache misses, stalls),
// which CPU time does. Child mode: `--inner ours|peer|none N` runs N passes and exits.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CORPUS = new URL('../../shared/corpus/', import.meta.url);

function blocks(): string[] {
  const index = JSON.parse(readFileSync(new URL('index.json', CORPUS), 'utf8')) as {
    path: string;
  }[];
  return index.map((e) => {
    const raw = readFileSync(fileURLToPath(new URL(e.path, CORPUS)), 'latin1');
    const m = /\r?\n\r?\n/.exec(raw);
    return `${m === null ? raw : raw.slice(0, m.index)}\r\n\r\n`;
  });
}

function argNumber(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const v = at === -1 ? Number.NaN : Number(process.argv[at + 1]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
}

/** Child mode: both parsers are loaded in every run, so start-up is the same for all three. */
async function inner(mode: string, passes: number): Promise<void> {
  const { analyzeHeaders } = await import('../lib/headers/index.ts');
  const { simpleParser } = await import('mailparser');
  const all = blocks();
  const now = Date.UTC(2026, 0, 1);
  for (let i = 0; i < passes; i++) {
    if (mode === 'ours') for (const b of all) analyzeHeaders(b, { now });
    else if (mode === 'peer') {
      for (const b of all) await simpleParser(b, { skipHtmlToText: true, skipTextToHtml: true });
    }
  }
}

/** Instructions of one child run, from cachegrind's `I refs:` line. */
function instructions(mode: string, passes: number): number {
  const run = spawnSync(
    'valgrind',
    [
      '--tool=cachegrind',
      '--cache-sim=no',
      '--cachegrind-out-file=/dev/null',
      process.execPath,
      fileURLToPath(import.meta.url),
      '--inner',
      mode,
      String(passes),
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const m = /I\s+refs:\s+([\d,]+)/.exec(run.stderr);
  if (run.status !== 0 || m === null) throw new Error(`valgrind ${mode} failed: ${run.stderr}`);
  return Number((m[1] as string).replaceAll(',', ''));
}

const at = process.argv.indexOf('--inner');
if (at !== -1) {
  await inner(process.argv[at + 1] ?? 'none', Number(process.argv[at + 2] ?? 0));
} else {
  try {
    execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
  } catch {
    process.stdout.write(
      'valgrind is not installed: no instruction counts (apt-get install valgrind)\n',
    );
    process.exit(0);
  }
  const oursPasses = argNumber('--ours', 100);
  const peerPasses = argNumber('--peer', 10);
  const n = blocks().length;
  const base = instructions('none', 0);
  const ours = (instructions('ours', oursPasses) - base) / (oursPasses * n);
  const peer = (instructions('peer', peerPasses) - base) / (peerPasses * n);
  process.stdout.write(
    [
      `Instructions per message (valgrind cachegrind, ${n} corpus header blocks, start-up subtracted)`,
      `  MailSeal analyzeHeaders   ${ours.toFixed(0).padStart(10)}  (${oursPasses} passes)`,
      `  mailparser simpleParser   ${peer.toFixed(0).padStart(10)}  (${peerPasses} passes)`,
      `  ratio                     ${(peer / ours).toFixed(2).padStart(10)} ×`,
      '',
    ].join('\n'),
  );
}
