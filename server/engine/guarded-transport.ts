// Defence in depth for the SSRF rule: whatever the engine decides, the socket layer refuses an
// address the service's guard rejects, before any connection is attempted.

import { ProbeCutOff } from '../../lib/probe/smtp-reply-reader.ts';
import type { ProbeTransport } from '../../lib/probe/transport.ts';
import type { AddressGuard } from '../core/engine-types.ts';

export function guardTransport(inner: ProbeTransport, guard: AddressGuard): ProbeTransport {
  return {
    connect(address, port, timeoutMs) {
      const reason = guard(address);
      if (reason !== null) {
        return Promise.reject(
          new ProbeCutOff('address-not-public', `${address} is ${reason}; refused by the service`),
        );
      }
      return inner.connect(address, port, timeoutMs);
    },
    startTls: (socket, serverName, timeoutMs) => inner.startTls(socket, serverName, timeoutMs),
  };
}
