// The header block of a raw message: everything before the first empty line (RFC 5322 §2.1).
// Only this part is ever kept; bodies are cut off as soon as the block ends.

/** Generous cap: real header blocks are a few KB; a hostile message must not cost megabytes. */
export const MAX_HEADER_BLOCK_CHARS = 256 * 1024;

const BLANK_LINE = /\r?\n\r?\n/;
// A header field name is printable US-ASCII except ':' (RFC 5322 §2.2), then a colon.
const FIRST_FIELD = /^[!-9;-~]+:/;

/** The header block of `raw`, or null when `raw` does not start with a header field. */
export function cutHeaderBlock(raw: string): string | null {
  const text = raw.replace(/^\uFEFF/, '').replace(/^(\r?\n)+/, '');
  if (!FIRST_FIELD.test(text)) return null;
  const end = text.search(BLANK_LINE);
  const block = (end === -1 ? text : text.slice(0, end)).replace(/(\r?\n)+$/, '');
  return block.length > MAX_HEADER_BLOCK_CHARS ? block.slice(0, MAX_HEADER_BLOCK_CHARS) : block;
}

/** True once `text` holds a complete header block (or more than the cap), so reading can stop. */
export function hasCompleteHeaderBlock(text: string): boolean {
  return BLANK_LINE.test(text) || text.length > MAX_HEADER_BLOCK_CHARS;
}

/**
 * Reads a response body only until its header block is complete, then cancels the stream,
 * so the message body is never downloaded in full nor kept.
 */
export async function readHeaderPart(
  body: ReadableStream<Uint8Array> | null,
  fallbackText: () => Promise<string>,
  isComplete: (text: string) => boolean = hasCompleteHeaderBlock,
): Promise<string> {
  if (!body) return fallbackText();
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      if (isComplete(text)) break;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return text + decoder.decode();
}
