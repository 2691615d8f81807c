// The service's SSRF rule, built on lib/probe/address-guard.ts: connect only to public unicast
// addresses. Lab mode (explicit flag) also allows loopback, where the lab's servers live; never
// metadata, private or other special ranges.

import { refusedAddressReason } from '../../lib/probe/address-guard.ts';
import type { AddressGuard } from './engine-types.ts';

export function createAddressGuard(options: { lab: boolean }): AddressGuard {
  return (address) => refusedAddressReason(address, options.lab);
}
