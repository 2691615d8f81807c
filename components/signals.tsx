// Transport and authenticity as two signals that look different: a lock for how the message
// travelled (closed only when it was encrypted), a person for who sent it. A forged sender is
// never shown as a transport problem.

import type { MessageReport } from '../lib/messaging/report.ts';
import { say, type Translate } from '../lib/messaging/say.ts';
import { Glyph } from './glyph.tsx';

type Tone = 'good' | 'warn' | 'bad' | 'unknown';

const TRANSPORT_TONE: Record<MessageReport['padlock']['transport']['state'], Tone> = {
  verified: 'good',
  encrypted: 'warn',
  cleartext: 'bad',
  broken: 'bad',
  unknown: 'unknown',
};
const SENDER_TONE: Record<MessageReport['padlock']['sender']['state'], Tone> = {
  verified: 'good',
  unverified: 'warn',
  failed: 'bad',
  forged: 'bad',
  unknown: 'unknown',
};

/** Closed for encrypted, open for cleartext or broken, a question mark when not known. */
function TransportShape({ state }: { state: MessageReport['padlock']['transport']['state'] }) {
  const shape =
    state === 'verified' || state === 'encrypted'
      ? 'closed'
      : state === 'unknown'
        ? 'unknown'
        : 'open';
  if (shape === 'unknown')
    return (
      <Glyph shape="unknown">
        <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2.4" />
        <path
          d="M9.6 9.4a2.5 2.5 0 1 1 3.4 2.3c-.7.3-1 .8-1 1.5v.6M12 16.6v.2"
          fill="none"
          stroke="currentColor"
          stroke-width="2.4"
          stroke-linecap="round"
        />
      </Glyph>
    );
  return (
    <Glyph shape={shape}>
      <path
        d={
          shape === 'open' ? 'M7.5 9.5V6.8a4.5 4.5 0 0 1 8.6-1.9' : 'M7.5 10V7a4.5 4.5 0 0 1 9 0v3'
        }
        fill="none"
        stroke="currentColor"
        stroke-width="2.4"
      />
      <rect x="4.5" y="9.5" width="15" height="11.5" rx="2.2" fill="currentColor" />
    </Glyph>
  );
}

function PersonShape() {
  return (
    <Glyph>
      <circle cx="12" cy="8" r="4.2" fill="currentColor" />
      <path d="M4 21a8 8 0 0 1 16 0z" fill="currentColor" />
    </Glyph>
  );
}

export function Signals({ padlock, t }: { padlock: MessageReport['padlock']; t: Translate }) {
  return (
    <ul class="signals" data-testid="signals">
      <li
        class={`signal signal-transport tone-${TRANSPORT_TONE[padlock.transport.state]}`}
        data-state={padlock.transport.state}
      >
        <TransportShape state={padlock.transport.state} />
        <span>{say(t, padlock.transport.text)}</span>
      </li>
      <li
        class={`signal signal-sender tone-${SENDER_TONE[padlock.sender.state]}`}
        data-state={padlock.sender.state}
      >
        <PersonShape />
        <span>{say(t, padlock.sender.text)}</span>
      </li>
    </ul>
  );
}
