import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSpace } from '../../../lib/headers/cfws.ts';
import {
  charCodes,
  isSpaceCode,
  NON_ASCII,
  NON_ASCII_SPACE,
} from '../../../lib/headers/char-codes.ts';

/** What charCodes promises, written the slow way. */
function expectedCodes(v: string, n = v.length): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    out.push(c < 0x80 ? c : isSpace(c) ? NON_ASCII_SPACE : NON_ASCII);
  }
  return out;
}

const read = (v: string, n = v.length): number[] => [...charCodes(v, n).subarray(0, n)];

describe('charCodes: header text as bytes for the lexers', () => {
  it('keeps ASCII as it is', () => {
    expect(read('Received: (a) [b];\t"c"\r\n')).toEqual(
      expectedCodes('Received: (a) [b];\t"c"\r\n'),
    );
    expect(read('ab;(')).toEqual([97, 98, 59, 40]);
  });

  it('marks non-ASCII white space apart from other non-ASCII text', () => {
    expect(read('a\u00a0é\u2003\u4e00\ufeff\u2028b')).toEqual([
      97,
      NON_ASCII_SPACE,
      NON_ASCII,
      NON_ASCII_SPACE,
      NON_ASCII,
      NON_ASCII_SPACE,
      NON_ASCII_SPACE,
      98,
    ]);
  });

  it('isSpaceCode agrees with isSpace on every UTF-16 code unit', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const code = charCodes(String.fromCharCode(c))[0] as number;
      if (isSpaceCode(code) !== isSpace(c)) throw new Error(`U+${c.toString(16)} disagrees`);
    }
  });

  it('fills only the first n characters when asked', () => {
    expect(read('abcé\u00a0', 3)).toEqual([97, 98, 99]);
    expect(read('é\u00a0abc', 2)).toEqual([NON_ASCII, NON_ASCII_SPACE]);
  });

  it('reads texts longer than its kept scratch (64 KiB) whole', () => {
    const long = `${'Received: from a by b\r\n'.repeat(4000)}Subject: café\u00a0\r\n`;
    expect(long.length).toBeGreaterThan(64 * 1024);
    expect(read(long)).toEqual(expectedCodes(long));
    // and the scratch still serves short texts afterwards
    expect(read('x y')).toEqual([120, 32, 121]);
  });

  it('matches the slow mapping on arbitrary text, surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (v) => {
        expect(read(v)).toEqual(expectedCodes(v));
      }),
      { numRuns: 3000 },
    );
  });
});
