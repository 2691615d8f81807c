// The one-pass tag-list reader and the DKIM-Signature checks against the RFC 6376 grammar written
// out literally (§3.2 tag-list, §2.4 base64string, §3.5 domain-name / selector / hdr-name): split
// at ";", trim FWS, match each production as a regular expression. The reader is written for
// speed (positions, one pattern for the whole text); these properties hold it to the grammar on
// generated text made of the characters that matter to it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDkimSignatureTags } from '../../../lib/checks/dkim-signature.ts';
import { isBase64String, parseTagList } from '../../../lib/checks/tag-list.ts';

const FWS = '[ \\t\\r\\n]';
const trimFws = (s: string) => s.replace(new RegExp(`^${FWS}+|${FWS}+$`, 'g'), '');
/** §3.2 tag-name = ALPHA *ALNUMPUNC. */
const TAG_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
/** §3.2 tag-value = [ tval *( 1*(WSP / FWS) tval ) ], tval = 1*VALCHAR. */
const TAG_VALUE = new RegExp(
  `^(?:[\\x21-\\x3a\\x3c-\\x7e]+(?:${FWS}+[\\x21-\\x3a\\x3c-\\x7e]+)*)?$`,
);

function referenceTagList(text: string) {
  const tags: Record<string, string> = Object.create(null);
  const problems: { kind: string; evidence: string }[] = [];
  for (const spec of text.split(';')) {
    if (trimFws(spec) === '') continue; // empty tag-specs are tolerated (docs/conformance.md)
    const eq = spec.indexOf('=');
    const name = eq < 0 ? '' : trimFws(spec.slice(0, eq));
    const value = trimFws(spec.slice(eq + 1));
    if (!TAG_NAME.test(name) || !TAG_VALUE.test(value))
      problems.push({ kind: 'syntax', evidence: trimFws(spec) });
    else if (name in tags) problems.push({ kind: 'duplicate', evidence: trimFws(spec) });
    else tags[name] = value;
  }
  return { tags: { ...tags }, problems };
}

/** Text from the characters the grammar distinguishes, including ones it rejects. */
const pieces = [
  'a',
  'b',
  'bh',
  'Z',
  'v',
  'h',
  'd',
  's',
  'i',
  '1',
  '_',
  '-',
  '.',
  ':',
  '@',
  '=',
  ';',
  ' ',
  '\t',
  '\r\n ',
  '\n',
  '\x0b',
  '\x7f',
  '\x00',
  '\u00a0',
  'é',
  '~',
  '+',
  '/',
  'from',
  'From',
  'example.com',
  'ABC=',
];
const tagText = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((p) => p.join(''));

describe('tag-list reader against the literal RFC 6376 §3.2 grammar', () => {
  it('finds the same tags and the same problems, in order', () => {
    fc.assert(
      fc.property(tagText, (text) => {
        const list = parseTagList(text);
        const ref = referenceTagList(text);
        expect({ ...list.tags }).toEqual(ref.tags);
        expect(list.problems).toEqual(ref.problems);
        expect(list.valid).toBe(ref.problems.length === 0);
      }),
      { numRuns: 5000 },
    );
  });

  it('judges base64string as §2.4 writes it', () => {
    const base64 = new RegExp(
      `^(?:${FWS}*[A-Za-z0-9+/](?:${FWS}*[A-Za-z0-9+/])*)?(?:${FWS}*=(?:${FWS}*=)?)?${FWS}*$`,
    );
    const b64Text = fc
      .array(fc.constantFrom('A', 'z', '0', '+', '/', '=', ' ', '\r\n ', '\t', '-', 'é'), {
        maxLength: 30,
      })
      .map((p) => p.join(''));
    fc.assert(
      fc.property(b64Text, (text) => {
        expect(isBase64String(text)).toBe(base64.test(text));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('DKIM-Signature identity and h= checks against the literal §3.5 productions', () => {
  const SUB_DOMAIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
  const HDR_NAME = /^[\x21-\x39\x3b-\x7e]+$/;
  const word = fc
    .array(fc.constantFrom('a', 'Z', '0', '-', '.', ':', ' ', 'from', 'FROM', 'é', '_'), {
      maxLength: 12,
    })
    .map((p) => p.join(''));
  const base = 'v=1; a=rsa-sha256; b=AAAA; bh=AAAA';

  /** The value the tag-list keeps for `raw`, or null when the tag-spec is not valid. */
  const kept = (raw: string) => (TAG_VALUE.test(trimFws(raw)) ? trimFws(raw) : null);

  it('d= is a domain-name: two or more sub-domains', () => {
    fc.assert(
      fc.property(word, (raw) => {
        const d = kept(raw);
        const labels = d?.split('.') ?? [];
        const ok = labels.length >= 2 && labels.every((l) => SUB_DOMAIN.test(l));
        const problems = readDkimSignatureTags(`${base}; h=from; s=x; d=${raw}`).problems;
        expect(problems.some((p) => p.startsWith('d='))).toBe(d !== null && !ok);
      }),
      { numRuns: 3000 },
    );
  });

  it('s= is a selector: one or more sub-domains', () => {
    fc.assert(
      fc.property(word, (raw) => {
        const s = kept(raw);
        const ok = s?.split('.').every((l) => SUB_DOMAIN.test(l)) ?? false;
        const problems = readDkimSignatureTags(`${base}; h=from; d=a.b; s=${raw}`).problems;
        expect(problems.some((p) => p.startsWith('s='))).toBe(s !== null && !ok);
      }),
      { numRuns: 3000 },
    );
  });

  it('h= is a list of hdr-names and includes From', () => {
    fc.assert(
      fc.property(word, (raw) => {
        const h = kept(raw);
        const names = h?.split(':').map(trimFws) ?? [];
        const allNames = names.every((n) => HDR_NAME.test(n));
        const hasFrom = names.some((n) => n.toLowerCase() === 'from');
        const problems = readDkimSignatureTags(`${base}; d=a.b; s=x; h=${raw}`).problems;
        expect(problems.some((p) => p.startsWith('h=') && p.includes('not a list'))).toBe(
          h !== null && !allNames,
        );
        expect(problems.some((p) => p.includes('does not include From'))).toBe(
          h !== null && allNames && !hasFrom,
        );
      }),
      { numRuns: 3000 },
    );
  });
});
