// lib/assess/ask-order.ts: the questions marked later go once every domain of the message has sent
// its first ones, a task later; a domain that never reports (its part shared with another
// message's assessment, which may itself wait) cannot hold them for longer than the fallback.
import { describe, expect, it } from 'vitest';
import { askGate } from '../../../lib/assess/ask-order.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('askGate', () => {
  it('opens a task after every distinct domain has sent, not before', async () => {
    const gate = askGate(['a.example', 'b.example'], 10_000);
    let open = false;
    void gate.later().then(() => {
      open = true;
    });
    gate.sent('a.example');
    gate.sent('a.example');
    await tick();
    await tick();
    expect(open).toBe(false);
    gate.sent('b.example');
    await gate.later();
    expect(open).toBe(true);
  });

  it('is open at once for a message with no domain', async () => {
    await expect(askGate([], 10_000).later()).resolves.toBeUndefined();
  });

  it('opens after the fallback when a domain never reports', async () => {
    const started = Date.now();
    const gate = askGate(['a.example', 'b.example'], 20);
    gate.sent('a.example');
    await gate.later();
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
  });
});
