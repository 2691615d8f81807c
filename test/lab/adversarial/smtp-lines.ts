import type { Socket } from 'node:net';

/** Calls `onLine` for each CRLF-terminated command a client sends. */
export function onCommands(socket: Socket, onLine: (line: string) => void): void {
  let buffer = '';
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      const line = buffer.slice(0, end).replace(/\r$/, '');
      buffer = buffer.slice(end + 1);
      onLine(line);
    }
    if (buffer.length > 4096) socket.destroy(); // not a line-based client
  });
}

export const verbOf = (line: string) => line.split(' ', 1)[0]?.toUpperCase() ?? '';
