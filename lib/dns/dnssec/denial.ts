// What a set of authenticated NSEC or NSEC3 records proves about one name and type.
import type { Name } from './names.ts';

export type Denial =
  | { kind: 'nxdomain' }
  /** The name exists without the type; `delegation` when it is a cut without DS (NS, no SOA). */
  | { kind: 'nodata'; delegation: boolean }
  | { kind: 'wildcard-nodata' }
  | { kind: 'insecure'; reason: 'nsec3-opt-out' | 'nsec3-iterations' }
  | { kind: 'unproven' };

export interface DenialQuestion {
  name: Name;
  type: number;
  /** The answer claimed NXDOMAIN (otherwise NOERROR without data). */
  nxdomain: boolean;
}
