// Trimming by positions. A regular expression such as /[ \t]+$/ is quadratic on a long run of
// spaces that is not at the end, and record text comes from DNS and headers (hostile input).

function trimBy(text: string, skip: (code: number) => boolean): string {
  let start = 0;
  let end = text.length;
  while (start < end && skip(text.charCodeAt(start))) start++;
  while (end > start && skip(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

const isWsp = (c: number) => c === 0x20 || c === 0x09;
const isFwsChar = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;

/** Without leading and trailing WSP (SP / HTAB, RFC 5234 Appendix B.1). */
export const trimWsp = (text: string): string => trimBy(text, isWsp);

/** Without leading and trailing FWS characters (SP, HTAB, CR, LF; RFC 5322 §3.2.2). */
export const trimFws = (text: string): string => trimBy(text, isFwsChar);
