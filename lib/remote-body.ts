// Reading and throwing away response bodies that a remote party controls (DoH answers, OCSP and
// CRL answers, MTA-STS policies). The one rule that matters: a Node stream that is destroyed, or
// that the peer resets, may emit 'error' on a later tick, and an 'error' event with no listener
// ends the process (undici's body emits RequestAbortedError when destroyed before its end).
// So every body gets an error listener before it is destroyed or read, and these two functions
// are the only ways the Node transports touch a body. No node:* imports: structural types only.

/** What undici's response body and Node's IncomingMessage have in common. */
export interface RemoteBody extends AsyncIterable<unknown> {
  on(event: 'error', listener: (error: Error) => void): unknown;
  destroy(error?: Error): unknown;
}

const ignore = (): void => undefined;

/** Drops a body we do not want (wrong status, declared too large). Never throws, never leaks. */
export function discardBody(body: RemoteBody): void {
  body.on('error', ignore);
  body.destroy();
}

/** Concatenates chunks into one array (no Buffer: this file is platform-neutral). */
export function concatBytes(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * Reads a body to its end, refusing to hold more than `maxBytes`: over the cap the body is
 * discarded and `tooLarge()` is thrown. A reset, an abort or a timeout mid-body rejects the
 * returned promise; nothing is left to emit an unheard error afterwards.
 */
export async function readBodyCapped(
  body: RemoteBody,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<Uint8Array> {
  body.on('error', ignore); // the iterator reports errors; this keeps late ones from escaping
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of body) {
      const bytes = chunk as Uint8Array;
      total += bytes.byteLength;
      if (total > maxBytes) throw tooLarge();
      chunks.push(bytes);
    }
  } catch (error) {
    body.destroy();
    throw error;
  }
  return concatBytes(chunks, total);
}
