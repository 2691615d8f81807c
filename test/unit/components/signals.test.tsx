// @vitest-environment happy-dom
// The transport signal's lock is closed only when the message was encrypted: "Not encrypted" and
// "Encryption not known" were drawn with a closed lock (seen in the red and grey screenshots).
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { Signals } from '../../../components/signals.tsx';
import type { MessageReport } from '../../../lib/messaging/report.ts';
import { text } from '../../../lib/score/text.ts';
import { t } from './report-fixture.ts';

type Transport = MessageReport['padlock']['transport']['state'];

function shapeFor(state: Transport): string | null {
  const root = document.createElement('div');
  const padlock = {
    level: 'amber',
    reason: '',
    text: text('padlock_amber'),
    transport: { state, text: text('signal_transport_unknown') },
    sender: { state: 'verified', text: text('signal_sender_verified', 'x.example') },
  } as MessageReport['padlock'];
  render(<Signals padlock={padlock} t={t} />, root);
  return root.querySelector('.signal-transport svg')?.getAttribute('data-shape') ?? null;
}

describe('transport signal shape', () => {
  it.each([
    ['verified', 'closed'],
    ['encrypted', 'closed'],
    ['cleartext', 'open'],
    ['broken', 'open'],
    ['unknown', 'unknown'],
  ] as const)('%s: %s lock', (state, shape) => {
    expect(shapeFor(state)).toBe(shape);
  });
});
