// Header analysis engine: raw header block → MessageFacts. Browser-safe (no Node imports).
export { analyzeHeaders, emptyFacts, MAX_HOPS } from './analyze.ts';
export { parseAuthResults, parseReceivedSpf, parseTagList } from './auth-results.ts';
export { parseMailDate } from './date.ts';
export {
  decodeEncodedWords,
  MAX_BLOCK_CHARS,
  MAX_HEADER_CHARS,
  MAX_HEADERS,
  splitHeaderBlock,
} from './header-block.ts';
export { aligned, organizationalDomain, parseAddressList } from './identity.ts';
export * from './message-facts.ts';
export { normalizeProtocol, type ParsedReceived, parseReceived } from './received.ts';
