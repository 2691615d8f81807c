import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createResultsWriter,
  repairTornTail,
  streamExistingResults,
} from '../../../cli/scan/results-file.ts';
import { scanWorkOf } from '../../../cli/scan/scan-work.ts';

const dir = mkdtempSync(join(tmpdir(), 'mailseal-results-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const line = (input: string, extra = '') => `{"input":"${input}"${extra}}\n`;

describe('results file resume', () => {
  it('cuts a torn last line, also one longer than the read chunk', async () => {
    const path = join(dir, 'torn.jsonl');
    const torn = `{"input":"c","pad":"${'x'.repeat(200_000)}`;
    writeFileSync(path, line('a') + line('b') + torn);
    await repairTornTail(path);
    expect(readFileSync(path, 'utf8')).toBe(line('a') + line('b'));
  });

  it('empties a file that holds only a torn line, and leaves a complete file alone', async () => {
    const only = join(dir, 'only.jsonl');
    writeFileSync(only, '{"input":"a"');
    await repairTornTail(only);
    expect(readFileSync(only, 'utf8')).toBe('');
    const whole = join(dir, 'whole.jsonl');
    writeFileSync(whole, line('a') + line('b'));
    await repairTornTail(whole);
    expect(readFileSync(whole, 'utf8')).toBe(line('a') + line('b'));
  });

  it('streams each input once (first line wins) and skips corrupt lines', async () => {
    const path = join(dir, 'dupes.jsonl');
    // The first `a` is an invalid name, the second a failed assessment: the first must win.
    const first = line('a', ',"domain":null,"reason":"ip-literal"');
    writeFileSync(path, `${first}not json\n{"input":"c",\n${line('b')}${line('a', ',"n":2')}`);
    const work = scanWorkOf(['a', 'b', 'c']);
    const seen: unknown[] = [];
    await streamExistingResults(path, (l) => {
      if (work.finish(l.input)) seen.push(l);
    });
    expect(seen).toEqual([
      { input: 'a', entry: { kind: 'invalid' } },
      { input: 'b', entry: { kind: 'failed' } },
    ]);
    expect([...work.unfinishedInputs()]).toEqual(['c']);
  });

  it('appends each line whole, in the order written, through one open file', async () => {
    const path = join(dir, 'appended.jsonl');
    writeFileSync(path, line('a'));
    const writer = createResultsWriter(path, () => {});
    await Promise.all(['b', 'c', 'd'].map((input) => writer.write(line(input).trimEnd())));
    await writer.close();
    expect(readFileSync(path, 'utf8')).toBe(line('a') + line('b') + line('c') + line('d'));
  });

  it('writes the lines that arrive while an append is in flight in one append, in order', async () => {
    const appends: string[] = [];
    let release: () => void = () => {};
    const target = {
      appendFile(text: string) {
        appends.push(text);
        // The first append stays in flight until released; the rest finish at once.
        return appends.length === 1
          ? new Promise<void>((done) => (release = done))
          : Promise.resolve();
      },
      close: async () => {},
    };
    const writer = createResultsWriter(
      '/results.jsonl',
      () => {},
      async () => target,
    );
    const first = ['a', 'b', 'c'].map((input) => writer.write(line(input).trimEnd()));
    await new Promise((tick) => setTimeout(tick, 5));
    // a, b and c were written in one tick: one append. d and e wait for it, then go together.
    expect(appends).toEqual([line('a') + line('b') + line('c')]);
    const later = ['d', 'e'].map((input) => writer.write(line(input).trimEnd()));
    release();
    await Promise.all([...first, ...later]);
    await writer.close();
    expect(appends).toEqual([line('a') + line('b') + line('c'), line('d') + line('e')]);
  });
});
