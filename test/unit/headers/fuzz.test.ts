// Property-based tests (fast-check): no input throws, and parsing stays linear — a 1 MB header
// block parses in well under 100 ms.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseAuthResults,
  parseReceivedSpf,
  parseTagList,
} from '../../../lib/headers/auth-results.ts';
import { parseMailDate } from '../../../lib/headers/date.ts';
import { analyzeHeaders } from '../../../lib/headers/index.ts';
import { parseReceived } from '../../../lib/headers/received.ts';

const ATOMS = [
  'from ',
  'by ',
  'with ',
  'id ',
  'for ',
  'via ',
  'tls ',
  '(',
  ')',
  '((',
  '))',
  '[',
  ']',
  ';',
  '"',
  '\\',
  'ESMTPS',
  'TLSv1.3',
  'version=TLS1_2',
  'cipher=',
  'ECDHE-RSA-AES256-GCM-SHA384',
  '[IPv6:::1]',
  '192.0.2.1',
  'helo=',
  'HELO ',
  'using ',
  'Received: ',
  'Authentication-Results: ',
  'dmarc=pass',
  'header.d=',
  'i=1; ',
  'mx.google.com; ',
  '\r\n',
  '\n',
  '\n\t',
  ' ',
  ':',
  '=?utf-8?B?',
  '?=',
  'Mon, 7 Sep 2020 17:43:49 +0200',
  '\u00e9',
  '\u0000',
];
const headerish = fc
  .array(fc.oneof(fc.constantFrom(...ATOMS), fc.string({ maxLength: 8 })), { maxLength: 80 })
  .map((parts) => parts.join(''));

describe('fuzz: nothing throws', () => {
  it('parseReceived', () => {
    fc.assert(
      fc.property(fc.oneof(headerish, fc.string()), (s) => {
        const p = parseReceived(s);
        expect([true, false, null]).toContain(p.encrypted);
        expect(typeof p.evidence).toBe('string');
      }),
      { numRuns: 2000 },
    );
  });

  it('Authentication-Results, Received-SPF, tag lists, dates', () => {
    fc.assert(
      fc.property(fc.oneof(headerish, fc.string()), (s) => {
        parseAuthResults(s, 'authentication-results', 0);
        parseAuthResults(s, 'arc-authentication-results', 0);
        parseReceivedSpf(s, 0);
        parseTagList(s);
        parseMailDate(s);
      }),
      { numRuns: 2000 },
    );
  });

  it('analyzeHeaders on header blocks and raw bytes', () => {
    const block = fc
      .array(
        fc.tuple(
          fc.constantFrom(
            'Received',
            'Authentication-Results',
            'ARC-Authentication-Results',
            'Received-SPF',
            'DKIM-Signature',
            'ARC-Seal',
            'From',
            'Return-Path',
            'Delivered-To',
            'X-Junk',
          ),
          headerish,
        ),
        { maxLength: 30 },
      )
      .map((fields) => fields.map(([n, v]) => `${n}: ${v}`).join('\r\n'));
    fc.assert(
      fc.property(block, (s) => {
        const f = analyzeHeaders(s);
        expect(f.schemaVersion).toBe(1);
        expect(f.warnings.some((w) => w.startsWith('internal-error'))).toBe(false);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const f = analyzeHeaders(bytes);
        expect(f.warnings.some((w) => w.startsWith('internal-error'))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('fuzz: linear time', () => {
  function timeIt(input: string): number {
    const t0 = performance.now();
    analyzeHeaders(input);
    return performance.now() - t0;
  }

  /**
   * How much slower 1 MB parses than an eighth of it, relative to linear: about 1 when the
   * engine is linear, about 8 when it is quadratic. A ratio, so a loaded machine slows both
   * sides alike (absolute milliseconds are the benchmarks' job, npm run bench:headers). A parse
   * of the whole megabyte under 100 ms passes outright: no super-linear engine is that fast.
   */
  function growthOverLinear(input: string): number {
    const eighth = input.slice(0, Math.floor(input.length / 8));
    timeIt(eighth); // warm-up
    timeIt(input);
    let small = Number.POSITIVE_INFINITY;
    let large = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 3; round++) {
      small = Math.min(small, timeIt(eighth));
      large = Math.min(large, timeIt(input));
    }
    if (large < 100) return 0;
    // Below a tenth of a millisecond the clock's grain says more than the input does.
    return large / (8 * Math.max(small, 0.1));
  }

  it('1 MB header blocks of several shapes parse in linear time', () => {
    const received =
      'Received: from a.example (a.example [192.0.2.1]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)) by b.example (Postfix) with ESMTPS id 1; Mon, 7 Sep 2020 17:43:49 +0200\r\n';
    const shapes: Record<string, string> = {
      'many Received': received.repeat(Math.ceil(1_048_576 / received.length)),
      'one huge folded header': `Received: ${'x (y '.repeat(200_000)}\r\n`,
      'deep parentheses': `Received: from ${'('.repeat(500_000)}${')'.repeat(500_000)}\r\n`,
      'lines without colons': 'no colon here at all '.repeat(50_000),
      'huge AR': `Authentication-Results: mx.example; ${'dkim=pass header.d=a.example; '.repeat(35_000)}\r\n`,
      'many short fields': 'X-A: b\r\n'.repeat(131_072),
      'quotes and brackets': `Received: from "${'[\\"'.repeat(350_000)}\r\n`,
    };
    for (const [name, input] of Object.entries(shapes)) {
      expect(input.length, name).toBeGreaterThanOrEqual(1_000_000);
      const growth = growthOverLinear(input);
      expect(growth, name).toBeLessThan(3);
    }
  });

  it('random 1 MB blocks parse in linear time', () => {
    fc.assert(
      fc.property(fc.array(headerish, { minLength: 20, maxLength: 20 }), (parts) => {
        let s = `Received: ${parts.join('')}\r\n`;
        while (s.length < 1_048_576) s += s;
        expect(growthOverLinear(s.slice(0, 1_048_576))).toBeLessThan(3);
      }),
      { numRuns: 5 },
    );
  });
});
