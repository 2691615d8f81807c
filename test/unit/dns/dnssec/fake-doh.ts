// A DoH transport (RFC 8484 GET) in front of the fake resolver, so the real DoH client and the
// validating client run unchanged over zones signed at test time.
import { Buffer } from 'node:buffer';
import * as packet from 'dns-packet';
import type { DohTransport } from '../../../../lib/dns/transport.ts';
import type { FakeResolver } from './fake-resolver.ts';
import { typeCode } from './fake-zones.ts';

export function fakeDohTransport(resolver: FakeResolver): DohTransport {
  return async (request) => {
    const param = new URL(request.url).searchParams.get('dns') ?? '';
    const query = packet.decode(Buffer.from(param, 'base64url'));
    const q = query.questions?.[0];
    const name = q?.name ?? '';
    const body = await resolver.exchange(name, typeCode(String(q?.type)));
    return { status: 200, contentType: 'application/dns-message', body };
  };
}
