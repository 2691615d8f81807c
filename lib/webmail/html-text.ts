// Gmail's "show original" page is HTML; the raw message sits escaped inside
// <pre id="raw_message_text">. We read it as text with a regex and an entity decoder instead of
// DOMParser, because DOMParser.parseFromString is a Trusted Types sink on Gmail's pages.

const RAW_MESSAGE_PRE =
  /<pre\b[^>]*\bid\s*=\s*["']?raw_message_text["']?[^>]*>([\s\S]*?)(?:<\/pre>|$)/i;
const TAG = /<[^>]*>/g;
const ENTITY = /&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos|nbsp);/gi;
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

export function decodeHtmlEntities(text: string): string {
  return text.replace(ENTITY, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#')) {
      const code = lower.startsWith('#x')
        ? Number.parseInt(lower.slice(2), 16)
        : Number.parseInt(lower.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : whole;
    }
    return NAMED[lower] ?? whole;
  });
}

/** The raw message text of a show-original page (possibly only its start), or null. */
export function extractRawMessageText(html: string): string | null {
  const match = RAW_MESSAGE_PRE.exec(html);
  if (!match?.[1]) return null;
  // Inside the <pre>, '<' of the message is escaped, so any tag is Gmail's own (links).
  return decodeHtmlEntities(match[1].replace(TAG, ''));
}

/** Stops reading a show-original page once the escaped header block has ended. */
export function hasCompleteEscapedHeaderBlock(html: string): boolean {
  const start = html.search(/id\s*=\s*["']?raw_message_text/i);
  if (start === -1) return html.length > 512 * 1024;
  const rest = html.slice(start);
  return /\r?\n\r?\n/.test(rest) || /<\/pre>/i.test(rest) || rest.length > 512 * 1024;
}
