// Distributed scans queue one job per block of the list (cli/scan/scan-queue.ts): each BullMQ job
// costs Redis two Lua scripts and four stream events, paid once per block instead of per domain.
import { describe, expect, it } from 'vitest';
import { DOMAINS_PER_JOB, jobBlocks } from '../../../cli/scan/scan-queue.ts';
import { scanWorkOf } from '../../../cli/scan/scan-work.ts';

const list = Array.from({ length: 20 }, (_, i) => `d${i}.example.org`);

describe('jobBlocks', () => {
  it('groups the pending domains by list block, every domain in exactly one job', () => {
    const blocks = [...jobBlocks(scanWorkOf(list).pending(), 8)];
    expect(blocks.map((b) => b.block)).toEqual([0, 1, 2]);
    expect(blocks.map((b) => b.items.length)).toEqual([8, 8, 4]);
    expect(blocks.flatMap((b) => b.items.map((i) => i.input))).toEqual(list);
    expect(blocks[0]?.items[0]).toEqual({ input: 'd0.example.org', domain: 'd0.example.org' });
  });

  it('keeps a block under the same number when a resumed scan has finished part of the list', () => {
    const work = scanWorkOf(list);
    for (const done of ['d0.example.org', 'd3.example.org', 'd8.example.org', 'd9.example.org'])
      work.finish(done);
    for (let i = 10; i < 16; i++) work.finish(`d${i}.example.org`);
    const blocks = [...jobBlocks(work.pending(), 8)];
    expect(blocks.map((b) => [b.block, b.items.map((i) => i.input)])).toEqual([
      [
        0,
        [
          'd1.example.org',
          'd2.example.org',
          'd4.example.org',
          'd5.example.org',
          'd6.example.org',
          'd7.example.org',
        ],
      ],
      [2, ['d16.example.org', 'd17.example.org', 'd18.example.org', 'd19.example.org']],
    ]);
  });

  it('is a few domains per job by default', () => {
    expect(DOMAINS_PER_JOB).toBeGreaterThan(1);
    expect(DOMAINS_PER_JOB).toBeLessThanOrEqual(16);
  });
});
