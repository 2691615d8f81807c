// Test helper: the padlock of a message for a given recipient transport and signer posture.
import type { MessageInput } from '../../../lib/score/inputs.ts';
import { padlockOf } from '../../../lib/score/padlock.ts';
import {
  type RecipientTransport,
  type SignerPosture,
  threatMatrix,
} from '../../../lib/score/threat-matrix.ts';
import { transitVerdict } from '../../../lib/score/transit-verdict.ts';

export function padlockFor(m: MessageInput, recipient: RecipientTransport, signer: SignerPosture) {
  const transit = transitVerdict(m);
  return { ...padlockOf(threatMatrix({ transit, recipient, signer }), transit), transit };
}
