// Transport and authenticity as two signals that look different: a lock for how the message
// travelled, a person for who sent it. A forged sender is never shown as a transport problem.

import type { MessageReport } from '../lib/messaging/report.ts';
import { say, type Translate } from '../lib/messaging/say.ts';

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

function LockShape() {
  return (
    <svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="M7.5 10V7a4.5 4.5 0 0 1 9 0v3"
        fill="none"
        stroke="currentColor"
        stroke-width="2.4"
      />
      <rect x="4.5" y="9.5" width="15" height="11.5" rx="2.2" fill="currentColor" />
    </svg>
  );
}

function PersonShape() {
  return (
    <svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="8" r="4.2" fill="currentColor" />
      <path d="M4 21a8 8 0 0 1 16 0z" fill="currentColor" />
    </svg>
  );
}

export function Signals({ padlock, t }: { padlock: MessageReport['padlock']; t: Translate }) {
  return (
    <ul class="signals" data-testid="signals">
      <li
        class={`signal signal-transport tone-${TRANSPORT_TONE[padlock.transport.state]}`}
        data-state={padlock.transport.state}
      >
        <LockShape />
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
