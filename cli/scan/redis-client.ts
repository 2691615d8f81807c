// The ioredis connections of a distributed scan. BullMQ never closes a connection it was handed
// (it treats it as shared), so whoever opens one here must `closeRedis` it, or the process keeps
// a socket open and never exits (issue 22: `scan --queue` and `worker` hung after finishing).

import { Redis } from 'ioredis';

export function openRedis(url: string): Redis {
  // BullMQ requires maxRetriesPerRequest: null for its blocking commands.
  const client = new Redis(url, { maxRetriesPerRequest: null });
  // ioredis reports a lost connection as an `error` event; unhandled, it would end the process.
  client.on('error', () => {});
  return client;
}

/** QUIT (lets queued replies arrive), then drop the socket whatever happened. */
export async function closeRedis(...clients: Redis[]): Promise<void> {
  await Promise.all(
    clients.map(async (client) => {
      if (client.status === 'end') return;
      await client.quit().catch(() => {});
      client.disconnect();
    }),
  );
}
