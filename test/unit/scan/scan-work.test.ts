import { describe, expect, it } from 'vitest';
import { createDomainTable } from '../../../cli/scan/domain-table.ts';
import { createScanWork, scanWorkOf } from '../../../cli/scan/scan-work.ts';

describe('domain table', () => {
  it('keeps each name once, at the position it was first added', () => {
    const table = createDomainTable();
    expect(table.add('a.example.org')).toBe(0);
    expect(table.add('b.example.org')).toBe(1);
    expect(table.add('a.example.org')).toBe(0);
    expect(table.size).toBe(2);
    expect(table.indexOf('b.example.org')).toBe(1);
    expect(table.indexOf('c.example.org')).toBe(-1);
    expect(table.nameAt(1)).toBe('b.example.org');
  });

  it('holds non-ASCII input as written, and names that are prefixes of each other', () => {
    const table = createDomainTable();
    for (const name of ['bücher.de', 'xn--bcher-kva.de', 'b.de', 'b.de.', 'b']) table.add(name);
    expect(table.size).toBe(5);
    expect(table.nameAt(table.indexOf('bücher.de'))).toBe('bücher.de');
    expect(table.indexOf('b.de.')).toBe(3);
    expect(table.indexOf('b')).toBe(4);
    // A line far longer than any domain name (it is recorded as invalid, not lost).
    const long = `${'ü'.repeat(600)}.example.org`;
    expect(table.add(long)).toBe(5);
    expect(table.nameAt(table.indexOf(long))).toBe(long);
  });

  it('finds every one of 200,000 names after its buffers and index have grown many times', () => {
    const table = createDomainTable();
    const names = Array.from({ length: 200_000 }, (_, i) => `d${i.toString(36)}.example.org`);
    for (const name of names) table.add(name);
    expect(table.size).toBe(names.length);
    for (let i = 0; i < names.length; i += 997) {
      expect(table.indexOf(names[i] ?? '')).toBe(i);
      expect(table.nameAt(i)).toBe(names[i]);
    }
    expect(table.indexOf('d0.example.or')).toBe(-1);
  });
});

describe('scan work', () => {
  it('finishes an input once; unknown inputs are not counted', () => {
    const work = scanWorkOf(['a.example.org', 'b.example.org', 'c.example.org']);
    expect(work.finish('b.example.org')).toBe(true);
    expect(work.finish('b.example.org')).toBe(false);
    expect(work.finish('z.example.org')).toBe(false);
    expect(work.remaining()).toBe(2);
    expect([...work.pending()].map((w) => w.input)).toEqual(['a.example.org', 'c.example.org']);
  });

  it('offers only valid names to the executors, normalised', () => {
    const table = createDomainTable();
    for (const name of ['Bücher.DE', '192.0.2.1', 'ok.example.org']) table.add(name);
    const work = createScanWork(table);
    expect([...work.pending()]).toEqual([
      { input: 'Bücher.DE', domain: 'xn--bcher-kva.de', position: 0 },
      { input: 'ok.example.org', domain: 'ok.example.org', position: 2 },
    ]);
    expect([...work.unfinishedInputs()]).toHaveLength(3);
  });

  it('lets a walk in progress go on while the names it passed are finished', () => {
    const work = scanWorkOf(['a.example.org', 'b.example.org', 'c.example.org']);
    const seen: string[] = [];
    for (const item of work.pending()) {
      seen.push(item.input);
      work.finish(item.input);
    }
    expect(seen).toEqual(['a.example.org', 'b.example.org', 'c.example.org']);
    expect(work.remaining()).toBe(0);
  });
});
